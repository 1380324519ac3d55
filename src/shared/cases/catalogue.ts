/**
 * The starting catalogues of causes and interventions (docs/domain/causes-and-interventions.md).
 * Codes are stable across versions because statistics count them; an organiser can rename,
 * retire or add entries (stored per organiser), never delete a used one.
 */

export const CAUSE_SPHERES = ['school', 'individual', 'family', 'social'] as const;
export type CauseSphere = (typeof CAUSE_SPHERES)[number];

export const CAUSE_SPHERE_LABELS = {
  school: 'Skola',
  individual: 'Individ',
  family: 'Familj',
  social: 'Socialt och fritid',
} as const satisfies Record<CauseSphere, string>;

export interface CauseEntry {
  code: string;
  label: string;
  sphere: CauseSphere;
}

export const DEFAULT_CAUSES: readonly CauseEntry[] = [
  {
    code: 'school.teaching-not-adapted',
    sphere: 'school',
    label: 'Undervisningen inte anpassad; extra anpassningar eller särskilt stöd saknas',
  },
  { code: 'school.teacher-relationship', sphere: 'school', label: 'Relationsproblem med lärare; saknar trygg vuxen' },
  { code: 'school.bullying', sphere: 'school', label: 'Mobbning, trakasserier, kränkande behandling' },
  { code: 'school.transitions', sphere: 'school', label: 'Övergångar (stadier, skolor, lärare, håltimmar)' },
  {
    code: 'school.learning-difficulties',
    sphere: 'school',
    label: 'Inlärningssvårigheter; behov av tekniska hjälpmedel',
  },
  { code: 'school.environment', sphere: 'school', label: 'Stökig eller bullrig miljö; stora grupper' },
  {
    code: 'individual.mental-ill-health',
    sphere: 'individual',
    label: 'Psykisk ohälsa: ångest, nedstämdhet, separationsångest',
  },
  {
    code: 'individual.neuropsychiatric',
    sphere: 'individual',
    label: 'Neuropsykiatriska svårigheter (t.ex. adhd, autism)',
  },
  { code: 'individual.physical-ill-health', sphere: 'individual', label: 'Fysisk ohälsa; sömnproblem' },
  { code: 'individual.substance-gaming', sphere: 'individual', label: 'Missbruk; spel- eller dataspelsproblem' },
  {
    code: 'individual.negative-patterns',
    sphere: 'individual',
    label: 'Negativa livsmönster; gängtillhörighet; kriminalitet',
  },
  { code: 'family.parent-ill-health', sphere: 'family', label: 'Psykisk ohälsa eller missbruk hos förälder' },
  { code: 'family.neglect-violence', sphere: 'family', label: 'Omsorgssvikt; våld i familjen' },
  { code: 'family.conflict-caring', sphere: 'family', label: 'Konflikter, separation; omsorgsansvar i hemmet' },
  {
    code: 'family.views-of-school',
    sphere: 'family',
    label: 'Annan syn på skolan; ideologi (önskan om hemundervisning)',
  },
  { code: 'family.economic-barriers', sphere: 'family', label: 'Ekonomiska hinder (matsäck, idrottskläder, resor)' },
  { code: 'social.no-leisure', sphere: 'social', label: 'Ingen organiserad fritidsaktivitet' },
  { code: 'social.friends-outside-school', sphere: 'social', label: 'Kamrater utanför skolan drar iväg' },
];

export const OWNER_TYPES = ['school', 'socialServices', 'healthCare', 'other'] as const;
export type OwnerType = (typeof OWNER_TYPES)[number];

export interface InterventionEntry {
  code: string;
  label: string;
  tier: 1 | 2 | 3;
  ownerType: OwnerType;
}

export const DEFAULT_INTERVENTIONS: readonly InterventionEntry[] = [
  { code: 'school.mi', tier: 2, ownerType: 'school', label: 'Motiverande samtal (MI) med kurator eller skolsköterska' },
  {
    code: 'school.support-conversations',
    tier: 2,
    ownerType: 'school',
    label: 'Stödsamtal med eleven eller vårdnadshavarna',
  },
  { code: 'school.mentor-follow-up', tier: 2, ownerType: 'school', label: 'Mentorsuppföljning med fasta intervall' },
  {
    code: 'school.schedule-adaptation',
    tier: 2,
    ownerType: 'school',
    label: 'Schemaanpassning; kortare dagar; senare start',
  },
  {
    code: 'school.extra-adaptations',
    tier: 2,
    ownerType: 'school',
    label: 'Extra anpassningar; studiestöd; ikappundervisning',
  },
  { code: 'school.small-group', tier: 2, ownerType: 'school', label: 'Mindre undervisningsgrupp; lugn arbetsplats' },
  { code: 'school.attendance-contract', tier: 2, ownerType: 'school', label: 'Närvarokontrakt eller överenskomna mål' },
  {
    code: 'school.observation-consultation',
    tier: 2,
    ownerType: 'school',
    label: 'Klassrumsobservation; handledning och konsultation',
  },
  { code: 'school.staff-team', tier: 2, ownerType: 'school', label: 'Hela arbetslaget involverat i bemötandet' },
  { code: 'school.alternative-channels', tier: 2, ownerType: 'school', label: 'Alternativa kontaktvägar (sms, chatt)' },
  { code: 'school.home-visit', tier: 2, ownerType: 'school', label: 'Hembesök; väcka och hämta eleven' },
  {
    code: 'school.study-at-home',
    tier: 2,
    ownerType: 'school',
    label: 'Studier hemma med prov i skolan; distanskontakt',
  },
  { code: 'school.special-support', tier: 3, ownerType: 'school', label: 'Utredning av särskilt stöd; åtgärdsprogram' },
  { code: 'school.adjusted-study-plan', tier: 3, ownerType: 'school', label: 'Anpassad studiegång' },
  { code: 'school.attendance-team', tier: 3, ownerType: 'school', label: 'Närvaroteam / hemmasittarteam' },
  {
    code: 'school.step-by-step-return',
    tier: 3,
    ownerType: 'school',
    label: 'Undervisning i annan lokal; stegvis återgång',
  },
  { code: 'school.psychological-assessment', tier: 3, ownerType: 'school', label: 'Fördjupad psykologisk bedömning' },
  {
    code: 'social.concern-report-meeting',
    tier: 3,
    ownerType: 'socialServices',
    label: 'Orosanmälan; anmälningsmöte; skolsocialt team',
  },
  {
    code: 'social.parent-support',
    tier: 3,
    ownerType: 'socialServices',
    label: 'Föräldrastöd (individuellt, grupp, öppen ingång)',
  },
  {
    code: 'social.family-treatment',
    tier: 3,
    ownerType: 'socialServices',
    label: 'Familjebehandling; kontaktperson eller kontaktfamilj',
  },
  { code: 'health.referral', tier: 3, ownerType: 'healthCare', label: 'Remiss till BUP eller första linjen' },
  { code: 'other.sip', tier: 3, ownerType: 'other', label: 'Samordnad individuell plan (SIP); samordnare' },
  { code: 'other.leisure-bridging', tier: 2, ownerType: 'other', label: 'Brobygge till fritidsaktivitet' },
  { code: 'other.sspf', tier: 3, ownerType: 'other', label: 'SSPF-samverkan (skola, socialtjänst, polis, fritid)' },
];

/** Follow-up points of an intervention, in days after its start. */
export const FOLLOW_UP_SCHEMES = {
  /** Norrköping: at start, after 3 months and after 1 year. */
  norrkoping: [
    { key: 'start', label: 'Start', months: 0, days: 0 },
    { key: '3m', label: '3 månader', months: 3, days: 0 },
    { key: '1y', label: '1 år', months: 12, days: 0 },
  ],
  /** Stockholm: follow up after 4–6 weeks (here 6 weeks, with a check at 4). */
  stockholm: [
    { key: '4w', label: '4 veckor', months: 0, days: 28 },
    { key: '6w', label: '6 veckor', months: 0, days: 42 },
  ],
} as const;
export type FollowUpScheme = keyof typeof FOLLOW_UP_SCHEMES;
export const FOLLOW_UP_SCHEME_IDS = Object.keys(FOLLOW_UP_SCHEMES) as FollowUpScheme[];

/** Who gave a cause: the views differ and the difference is information. */
export const CAUSE_GIVERS = ['pupil', 'guardian', 'school', 'other'] as const;
export type CauseGiver = (typeof CAUSE_GIVERS)[number];

export const CLOSE_REASONS = ['attendanceRestored', 'moved', 'finishedSchool', 'other'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const CONCERN_REASON_CATEGORIES = [
  'absence',
  'ill-health',
  'home-situation',
  'substance-crime',
  'removal-from-country',
  'other',
] as const;
export const CONCERN_FEEDBACK_KINDS = ['inquiryOpened', 'noInquiry', 'other'] as const;

/** Organisations that take part in collaboration meetings. */
export const PARTICIPANT_ORGANISATION_TYPES = [
  'school',
  'pupil',
  'guardian',
  'socialServices',
  'childPsychiatry',
  'habilitation',
  'primaryCare',
  'schoolSocialTeam',
  'police',
  'other',
] as const;
export const MEETING_KINDS = ['sip', 'attendanceTeam', 'other'] as const;
