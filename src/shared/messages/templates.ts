/**
 * Message templates: the default wording in Swedish and English (the organiser may replace it
 * per language), the variables each template may use, and rendering. Pure: no I/O.
 * Plain, non-blaming wording (docs/domain/process.md, item 3); never health details.
 */
export const MESSAGE_LOCALES = ['sv', 'en'] as const;
export type MessageLocale = (typeof MESSAGE_LOCALES)[number];
export const DEFAULT_LOCALE: MessageLocale = 'sv';

export interface TemplateText {
  subject: string;
  body: string;
}

/** Template keys the system writes itself; ladder steps may name others (rendered with the generic template). */
export const TEMPLATE_KEYS = [
  'franvaro-samma-dag',
  'manadsfranvaro-over-20',
  'leave-decision',
  'ladder-step',
  'organiser-notice',
  'utredning-oppnad',
  'utredning-oppnad-hemkommun',
] as const;

export const DEFAULT_TEMPLATES: Record<string, Record<MessageLocale, TemplateText>> = {
  'franvaro-samma-dag': {
    sv: {
      subject: 'Frånvaro idag: {{pupilName}}',
      body:
        'Hej!\n\n{{pupilName}} var idag {{date}} frånvarande utan anmälan från {{lessons}} på {{schoolName}}.\n\n' +
        'Om frånvaron har en giltig orsak kan du anmäla den i Närvaro eller kontakta mentorn. Vi hör gärna av dig om något behöver stöd.\n\nVänliga hälsningar\n{{schoolName}}',
    },
    en: {
      subject: 'Absence today: {{pupilName}}',
      body:
        'Hello,\n\n{{pupilName}} was absent without notice today {{date}} from {{lessons}} at {{schoolName}}.\n\n' +
        'If there is a valid reason, you can report it in Närvaro or contact the mentor. Please get in touch if anything needs support.\n\nKind regards\n{{schoolName}}',
    },
  },
  'manadsfranvaro-over-20': {
    sv: {
      subject: 'Frånvaron i {{month}}: {{pupilName}}',
      body:
        'Hej!\n\n{{pupilName}} var frånvarande {{rate}} av skoltiden i {{month}}. Vi vet att det är lätt att underskatta hur mycket det blir sammanlagt, ' +
        'därför berättar vi det. Mentorn kontaktar dig gärna för att tillsammans se vad som kan hjälpa.\n\nVänliga hälsningar\n{{schoolName}}',
    },
    en: {
      subject: 'Absence in {{month}}: {{pupilName}}',
      body:
        'Hello,\n\n{{pupilName}} was absent for {{rate}} of school time in {{month}}. It is easy to underestimate how much absence adds up, ' +
        'so we are letting you know. The mentor is happy to talk about what could help.\n\nKind regards\n{{schoolName}}',
    },
  },
  'leave-decision': {
    sv: {
      subject: 'Beslut om ledighet för {{pupilName}}',
      body: 'Hej!\n\nAnsökan om ledighet för {{pupilName}} {{from}}–{{to}} är {{decision}}.\nMotivering: {{reason}}\n\nVänliga hälsningar\n{{schoolName}}',
    },
    en: {
      subject: 'Decision on leave for {{pupilName}}',
      body: 'Hello,\n\nThe request for leave for {{pupilName}} {{from}}–{{to}} has been {{decision}}.\nReason: {{reason}}\n\nKind regards\n{{schoolName}}',
    },
  },
  // A ladder step or alert: the explanation names the step and the figures that fired it.
  'ladder-step': {
    sv: {
      subject: 'Om närvaron för {{pupilName}}',
      body:
        'Hej!\n\nSkolan följer upp närvaron för {{pupilName}} steg för steg. {{explanation}}\n\n' +
        'Mentorn kontaktar dig för att prata om hur skolan kan stödja {{pupilName}}.\n\nVänliga hälsningar\n{{schoolName}}',
    },
    en: {
      subject: 'About attendance for {{pupilName}}',
      body:
        'Hello,\n\nThe school follows up attendance for {{pupilName}} step by step. {{explanation}}\n\n' +
        'The mentor will contact you to talk about how the school can support {{pupilName}}.\n\nKind regards\n{{schoolName}}',
    },
  },
  'organiser-notice': {
    sv: {
      subject: 'Anmälan till huvudmannen: {{stepName}}',
      body: 'En elev vid {{schoolName}}: {{stepName}} den {{date}}.\n{{explanation}}\n\nUppgifter om eleven finns i Närvaro.',
    },
    en: {
      subject: 'Notice to the organiser: {{stepName}}',
      body: 'A pupil at {{schoolName}}: {{stepName}} on {{date}}.\n{{explanation}}\n\nThe pupil’s details are in Närvaro.',
    },
  },
  // Opening an investigation (7 kap. 19 a § skollagen): the organiser is told, and the home
  // municipality when it is not the school's. No pupil name: the details are in Närvaro.
  'utredning-oppnad': {
    sv: {
      subject: 'Utredning av frånvaro inledd vid {{schoolName}}',
      body:
        'Rektor vid {{schoolName}} har den {{openedOn}} inlett en utredning av en elevs upprepade eller längre frånvaro (7 kap. 19 a § skollagen). ' +
        'Utredningen ska vara klar senast {{deadline}}.\n\nUppgifter om eleven och ärendet finns i Närvaro.',
    },
    en: {
      subject: 'Investigation of absence opened at {{schoolName}}',
      body:
        'The principal at {{schoolName}} opened an investigation of a pupil’s repeated or long absence on {{openedOn}} (Chapter 7, Section 19 a of the Education Act). ' +
        'It is due by {{deadline}}.\n\nThe pupil’s and the case’s details are in Närvaro.',
    },
  },
  'utredning-oppnad-hemkommun': {
    sv: {
      subject: 'Till hemkommunen ({{municipalityCode}}): utredning av frånvaro',
      body:
        'En elev som är folkbokförd i kommun {{municipalityCode}} går vid {{schoolName}}. Rektor har den {{openedOn}} inlett en utredning av elevens frånvaro ' +
        '(7 kap. 19 a § skollagen), klar senast {{deadline}}. Hemkommunen underrättas för sin skolpliktsbevakning.\n\nUppgifter om eleven och ärendet finns i Närvaro.',
    },
    en: {
      subject: 'To the home municipality ({{municipalityCode}}): investigation of absence',
      body:
        'A pupil registered in municipality {{municipalityCode}} attends {{schoolName}}. The principal opened an investigation of the pupil’s absence on {{openedOn}} ' +
        '(Chapter 7, Section 19 a of the Education Act), due by {{deadline}}. The home municipality is told for its duty to monitor compulsory schooling.\n\nThe details are in Närvaro.',
    },
  },
};

/** Variables every template may use; unknown {{names}} are an error when the organiser saves a template. */
export const TEMPLATE_VARIABLES = [
  'pupilName',
  'date',
  'lessons',
  'schoolName',
  'month',
  'rate',
  'from',
  'to',
  'decision',
  'reason',
  'explanation',
  'stepKey',
  'templateKey',
  'stepName',
  'openedOn',
  'deadline',
  'municipalityCode',
] as const;

// Anything between double braces is a placeholder, so a misspelt one ({{okäntFält}}, {{ pupil name }})
// is reported when saved instead of reaching a guardian as written.
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Names used in a text that are not template variables. */
export function unknownVariables(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)]
    .map((m) => m[1])
    .filter((name) => !(TEMPLATE_VARIABLES as readonly string[]).includes(name));
}

type Values = Record<string, string | number | null | undefined>;

/** Replaces {{name}} with the value; a missing value becomes an empty string (previews only: see `renderStrict`). */
export function renderText(text: string, values: Values): string {
  return text.replace(PLACEHOLDER, (_, name: string) => String(values[name] ?? ''));
}

/** Placeholders in a text whose value is missing or blank. */
export function emptyPlaceholders(text: string, values: Values): string[] {
  return [
    ...new Set(
      [...text.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((name) => String(values[name] ?? '').trim() === ''),
    ),
  ];
}

/** Why a message was not sent: a placeholder had no value (the names follow the colon). */
export const EMPTY_PLACEHOLDER = 'EMPTY_PLACEHOLDER';

/**
 * Renders subject and body for sending: a message to a family is a legal notice and is never sent
 * with a hole in it, so any empty or missing value refuses the whole text.
 */
export function renderStrict(
  template: TemplateText,
  values: Values,
): { ok: true; text: TemplateText } | { ok: false; missing: string[] } {
  const missing = [
    ...new Set([...emptyPlaceholders(template.subject, values), ...emptyPlaceholders(template.body, values)]),
  ];
  if (missing.length > 0) return { ok: false, missing };
  return { ok: true, text: { subject: renderText(template.subject, values), body: renderText(template.body, values) } };
}

/** The default template for a key (ladder keys without their own wording use the generic one). */
export function defaultTemplate(
  templateKey: string,
  locale: string,
  kind: 'guardianMessage' | 'organiserNotice' = 'guardianMessage',
): TemplateText {
  const byLocale =
    DEFAULT_TEMPLATES[templateKey] ??
    DEFAULT_TEMPLATES[kind === 'organiserNotice' ? 'organiser-notice' : 'ladder-step'];
  return byLocale[asMessageLocale(locale)];
}

export function asMessageLocale(locale: string | null | undefined): MessageLocale {
  return (MESSAGE_LOCALES as readonly string[]).includes(locale ?? '') ? (locale as MessageLocale) : DEFAULT_LOCALE;
}

/** Words for values inside messages, per language. */
export const MESSAGE_WORDS: Record<
  MessageLocale,
  { granted: string; rejected: string; noReason: string; and: string }
> = {
  sv: { granted: 'beviljad', rejected: 'avslagen', noReason: '–', and: 'och' },
  en: { granted: 'granted', rejected: 'rejected', noReason: '–', and: 'and' },
};
