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
      subject: 'Frånvaro idag: {{elevens_namn}}',
      body:
        'Hej!\n\n{{elevens_namn}} var idag {{datum}} frånvarande utan anmälan från {{lektioner}} på {{skolans_namn}}.\n\n' +
        'Om frånvaron har en giltig orsak kan du anmäla den i Närvaro eller kontakta mentorn. Vi hör gärna av dig om något behöver stöd.\n\nVänliga hälsningar\n{{skolans_namn}}',
    },
    en: {
      subject: 'Absence today: {{elevens_namn}}',
      body:
        'Hello,\n\n{{elevens_namn}} was absent without notice today {{datum}} from {{lektioner}} at {{skolans_namn}}.\n\n' +
        'If there is a valid reason, you can report it in Närvaro or contact the mentor. Please get in touch if anything needs support.\n\nKind regards\n{{skolans_namn}}',
    },
  },
  'manadsfranvaro-over-20': {
    sv: {
      subject: 'Frånvaron i {{månad}}: {{elevens_namn}}',
      body:
        'Hej!\n\n{{elevens_namn}} var frånvarande {{frånvaro_procent}} av skoltiden i {{månad}}. Vi vet att det är lätt att underskatta hur mycket det blir sammanlagt, ' +
        'därför berättar vi det. Mentorn kontaktar dig gärna för att tillsammans se vad som kan hjälpa.\n\nVänliga hälsningar\n{{skolans_namn}}',
    },
    en: {
      subject: 'Absence in {{månad}}: {{elevens_namn}}',
      body:
        'Hello,\n\n{{elevens_namn}} was absent for {{frånvaro_procent}} of school time in {{månad}}. It is easy to underestimate how much absence adds up, ' +
        'so we are letting you know. The mentor is happy to talk about what could help.\n\nKind regards\n{{skolans_namn}}',
    },
  },
  'leave-decision': {
    sv: {
      subject: 'Beslut om ledighet för {{elevens_namn}}',
      body: 'Hej!\n\nAnsökan om ledighet för {{elevens_namn}} {{från_datum}}–{{till_datum}} är {{beslut}}.\nMotivering: {{motivering}}\n\nVänliga hälsningar\n{{skolans_namn}}',
    },
    en: {
      subject: 'Decision on leave for {{elevens_namn}}',
      body: 'Hello,\n\nThe request for leave for {{elevens_namn}} {{från_datum}}–{{till_datum}} has been {{beslut}}.\nReason: {{motivering}}\n\nKind regards\n{{skolans_namn}}',
    },
  },
  // A ladder step or alert: the explanation names the step and the figures that fired it.
  'ladder-step': {
    sv: {
      subject: 'Om närvaron för {{elevens_namn}}',
      body:
        'Hej!\n\nSkolan följer upp närvaron för {{elevens_namn}} steg för steg. {{förklaring}}\n\n' +
        'Mentorn kontaktar dig för att prata om hur skolan kan stödja {{elevens_namn}}.\n\nVänliga hälsningar\n{{skolans_namn}}',
    },
    en: {
      subject: 'About attendance for {{elevens_namn}}',
      body:
        'Hello,\n\nThe school follows up attendance for {{elevens_namn}} step by step. {{förklaring}}\n\n' +
        'The mentor will contact you to talk about how the school can support {{elevens_namn}}.\n\nKind regards\n{{skolans_namn}}',
    },
  },
  'organiser-notice': {
    sv: {
      subject: 'Anmälan till huvudmannen: {{steg}}',
      body: 'En elev vid {{skolans_namn}}: {{steg}} den {{datum}}.\n{{förklaring}}\n\nUppgifter om eleven finns i Närvaro.',
    },
    en: {
      subject: 'Notice to the organiser: {{steg}}',
      body: 'A pupil at {{skolans_namn}}: {{steg}} on {{datum}}.\n{{förklaring}}\n\nThe pupil’s details are in Närvaro.',
    },
  },
  // Opening an investigation (7 kap. 19 a § skollagen): the organiser is told, and the home
  // municipality when it is not the school's. No pupil name: the details are in Närvaro.
  'utredning-oppnad': {
    sv: {
      subject: 'Utredning av frånvaro inledd vid {{skolans_namn}}',
      body:
        'Rektor vid {{skolans_namn}} har den {{inledd_datum}} inlett en utredning av en elevs upprepade eller längre frånvaro (7 kap. 19 a § skollagen). ' +
        'Utredningen ska vara klar senast {{klar_senast}}.\n\nUppgifter om eleven och ärendet finns i Närvaro.',
    },
    en: {
      subject: 'Investigation of absence opened at {{skolans_namn}}',
      body:
        'The principal at {{skolans_namn}} opened an investigation of a pupil’s repeated or long absence on {{inledd_datum}} (Chapter 7, Section 19 a of the Education Act). ' +
        'It is due by {{klar_senast}}.\n\nThe pupil’s and the case’s details are in Närvaro.',
    },
  },
  'utredning-oppnad-hemkommun': {
    sv: {
      subject: 'Till hemkommunen ({{kommunkod}}): utredning av frånvaro',
      body:
        'En elev som är folkbokförd i kommun {{kommunkod}} går vid {{skolans_namn}}. Rektor har den {{inledd_datum}} inlett en utredning av elevens frånvaro ' +
        '(7 kap. 19 a § skollagen), klar senast {{klar_senast}}. Hemkommunen underrättas för sin skolpliktsbevakning.\n\nUppgifter om eleven och ärendet finns i Närvaro.',
    },
    en: {
      subject: 'To the home municipality ({{kommunkod}}): investigation of absence',
      body:
        'A pupil registered in municipality {{kommunkod}} attends {{skolans_namn}}. The principal opened an investigation of the pupil’s absence on {{inledd_datum}} ' +
        '(Chapter 7, Section 19 a of the Education Act), due by {{klar_senast}}. The home municipality is told for its duty to monitor compulsory schooling.\n\nThe details are in Närvaro.',
    },
  },
};

/**
 * The placeholders an organiser writes, in Swedish, and the value each one stands for (the
 * values are computed under these internal names). Shown on the template page in this order.
 */
export const TEMPLATE_PLACEHOLDERS = {
  elevens_namn: 'pupilName',
  skolans_namn: 'schoolName',
  datum: 'date',
  lektioner: 'lessons',
  månad: 'month',
  frånvaro_procent: 'rate',
  från_datum: 'from',
  till_datum: 'to',
  beslut: 'decision',
  motivering: 'reason',
  förklaring: 'explanation',
  steg: 'stepName',
  inledd_datum: 'openedOn',
  klar_senast: 'deadline',
  kommunkod: 'municipalityCode',
  stegnyckel: 'stepKey',
  mallnyckel: 'templateKey',
} as const;

/** Internal name of a template value ({{rate}} is what {{frånvaro_procent}} stands for). */
export type TemplateValueName = (typeof TEMPLATE_PLACEHOLDERS)[keyof typeof TEMPLATE_PLACEHOLDERS];

/** Variables every template may use; unknown {{names}} are an error when the organiser saves a template. */
export const TEMPLATE_VARIABLES = Object.keys(TEMPLATE_PLACEHOLDERS) as (keyof typeof TEMPLATE_PLACEHOLDERS)[];

// The English names the templates used first still work, so templates saved before stay valid.
const VALUE_NAMES = new Set<string>(Object.values(TEMPLATE_PLACEHOLDERS));

/** The internal value name a placeholder stands for, or null when it is not a template variable. */
export function valueNameOf(placeholder: string): TemplateValueName | null {
  if (Object.hasOwn(TEMPLATE_PLACEHOLDERS, placeholder))
    return TEMPLATE_PLACEHOLDERS[placeholder as keyof typeof TEMPLATE_PLACEHOLDERS];
  return VALUE_NAMES.has(placeholder) ? (placeholder as TemplateValueName) : null;
}

// Anything between double braces is a placeholder, so a misspelt one ({{okäntFält}}, {{ pupil name }})
// is reported when saved instead of reaching a guardian as written.
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Names used in a text that are not template variables. */
export function unknownVariables(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((name) => valueNameOf(name) === null);
}

type Values = Record<string, string | number | null | undefined>;

const placeholderValue = (values: Values, placeholder: string) => {
  const name = valueNameOf(placeholder);
  return name === null ? undefined : values[name];
};

/** Replaces {{name}} with the value; a missing value becomes an empty string (previews only: see `renderStrict`). */
export function renderText(text: string, values: Values): string {
  return text.replace(PLACEHOLDER, (_, name: string) => String(placeholderValue(values, name) ?? ''));
}

/** Placeholders in a text whose value is missing or blank. */
export function emptyPlaceholders(text: string, values: Values): string[] {
  return [
    ...new Set(
      [...text.matchAll(PLACEHOLDER)]
        .map((m) => m[1])
        .filter((name) => String(placeholderValue(values, name) ?? '').trim() === ''),
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

/** Example values for the preview on the template page, in the recipient's language. */
export const EXAMPLE_VALUES: Record<MessageLocale, Record<TemplateValueName, string>> = {
  sv: {
    pupilName: 'Alva Andersson',
    schoolName: 'Exempelskolan 7–9',
    date: '2026-12-07',
    lessons: 'Matematik 08:20 och Svenska 10:00',
    month: 'november 2026',
    rate: '14 %',
    from: '2026-12-14',
    to: '2026-12-18',
    decision: 'beviljad',
    reason: 'Familjeresa',
    explanation: 'Steg 1 (Uppmärksamma): all frånvaro 14 % i november 2026, gränsen är 10 %.',
    stepName: 'Steg 2 · Kontakt med hemmet',
    openedOn: '2026-12-07',
    deadline: '2027-01-18',
    municipalityCode: '1880',
    stepKey: 'kontakt',
    templateKey: 'kontakt-hemmet',
  },
  en: {
    pupilName: 'Alva Andersson',
    schoolName: 'Exempelskolan 7–9',
    date: '2026-12-07',
    lessons: 'Mathematics 08:20 and Swedish 10:00',
    month: 'November 2026',
    rate: '14%',
    from: '2026-12-14',
    to: '2026-12-18',
    decision: 'granted',
    reason: 'Family trip',
    explanation: 'Step 1 (Notice): all absence 14% in November 2026, the limit is 10%.',
    stepName: 'Step 2 · Contact with the home',
    openedOn: '2026-12-07',
    deadline: '2027-01-18',
    municipalityCode: '1880',
    stepKey: 'kontakt',
    templateKey: 'kontakt-hemmet',
  },
};

/** Words for values inside messages, per language. */
export const MESSAGE_WORDS: Record<
  MessageLocale,
  { granted: string; rejected: string; noReason: string; and: string }
> = {
  sv: { granted: 'beviljad', rejected: 'avslagen', noReason: '–', and: 'och' },
  en: { granted: 'granted', rejected: 'rejected', noReason: '–', and: 'and' },
};
