/**
 * Mapping templates (kartläggning): versioned question guides. The pupil's own voice and the
 * guardians' view are fields of every mapping, not questions, because the pupil's voice is
 * required before an investigation can be completed (the documents stress asking the child first).
 */
import { Type, type Static } from 'typebox';

export const MappingQuestion = Type.Object({
  key: Type.String({ pattern: '^[a-z0-9-]+$' }),
  label: Type.String({ minLength: 1 }),
  /** text = free answer; choice = one of `options`. */
  kind: Type.Union([Type.Literal('text'), Type.Literal('choice')]),
  options: Type.Optional(Type.Array(Type.String())),
  help: Type.Optional(Type.String()),
});

export const MappingTemplateDefinition = Type.Object({
  key: Type.String({ pattern: '^[a-z0-9-]+$' }),
  version: Type.Integer({ minimum: 1 }),
  name: Type.String(),
  sections: Type.Array(
    Type.Object({
      key: Type.String({ pattern: '^[a-z0-9-]+$' }),
      title: Type.String(),
      /** simple = asked in the simple mapping too; inDepth = only in the in-depth mapping. */
      depth: Type.Union([Type.Literal('simple'), Type.Literal('inDepth')]),
      questions: Type.Array(MappingQuestion),
    }),
  ),
});
export type MappingTemplateDefinition = Static<typeof MappingTemplateDefinition>;

export const MAPPING_KINDS = ['simple', 'inDepth'] as const;
export type MappingKind = (typeof MAPPING_KINDS)[number];

const yesNo = ['Ja', 'Delvis', 'Nej', 'Vet inte'];

/** The Swedish default template, modelled on the question areas of the source documents. */
export const DEFAULT_MAPPING_TEMPLATE: MappingTemplateDefinition = {
  key: 'standard',
  version: 1,
  name: 'Kartläggning av frånvaro (standard)',
  sections: [
    {
      key: 'absence',
      title: 'Frånvaron',
      depth: 'simple',
      questions: [
        { key: 'pattern', label: 'Hur ser frånvaron ut (dagar, lektioner, ämnen, tider)?', kind: 'text' },
        { key: 'since-when', label: 'Sedan när och hur har den utvecklats?', kind: 'text' },
        { key: 'guardians-informed', label: 'Känner vårdnadshavarna till frånvaron?', kind: 'choice', options: yesNo },
      ],
    },
    {
      key: 'school',
      title: 'Skolan',
      depth: 'simple',
      questions: [
        {
          key: 'teaching',
          label: 'Undervisningen: fungerar den för eleven? Behövs extra anpassningar eller särskilt stöd?',
          kind: 'text',
        },
        { key: 'relationships', label: 'Relationer till lärare och kamrater; finns en trygg vuxen?', kind: 'text' },
        {
          key: 'bullying',
          label: 'Förekommer mobbning, trakasserier eller kränkande behandling?',
          kind: 'choice',
          options: yesNo,
        },
        { key: 'transitions', label: 'Övergångar, håltimmar, långa korridorer, stökig miljö?', kind: 'text' },
      ],
    },
    {
      key: 'individual',
      title: 'Individen',
      depth: 'inDepth',
      questions: [
        {
          key: 'health',
          label: 'Hälsa: sömn, psykiskt och fysiskt mående (endast det som behövs)',
          kind: 'text',
          help: 'Hälsouppgifter är känsliga; skriv bara det som behövs för åtgärderna.',
        },
        { key: 'learning', label: 'Inlärning, koncentration, behov av hjälpmedel', kind: 'text' },
        { key: 'strengths', label: 'Styrkor och intressen', kind: 'text' },
      ],
    },
    {
      key: 'home',
      title: 'Hemmet',
      depth: 'inDepth',
      questions: [
        { key: 'situation', label: 'Hemsituationen: vardag, rutiner, omsorgsansvar', kind: 'text' },
        { key: 'views-of-school', label: 'Familjens syn på skolan och närvaron', kind: 'text' },
        {
          key: 'economic-barriers',
          label: 'Ekonomiska hinder (matsäck, idrottskläder, resor)?',
          kind: 'choice',
          options: yesNo,
        },
      ],
    },
    {
      key: 'social',
      title: 'Sociala faktorer och fritid',
      depth: 'inDepth',
      questions: [
        { key: 'friends', label: 'Kamrater i och utanför skolan', kind: 'text' },
        { key: 'leisure', label: 'Har eleven en organiserad fritidsaktivitet?', kind: 'choice', options: yesNo },
        { key: 'other-actors', label: 'Är andra aktörer inkopplade (socialtjänst, BUP, vårdcentral)?', kind: 'text' },
      ],
    },
  ],
};

/** The sections a mapping of this kind asks. */
export const sectionsFor = (template: MappingTemplateDefinition, kind: MappingKind) =>
  template.sections.filter((s) => kind === 'inDepth' || s.depth === 'simple');
