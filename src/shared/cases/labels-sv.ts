/**
 * Swedish names of the case codes, for documents the server writes (the case PDF). The web app
 * has the same names in its i18n files; a test keeps the two equal.
 */
import type {
  CAUSE_GIVERS,
  CLOSE_REASONS,
  CONCERN_FEEDBACK_KINDS,
  CONCERN_REASON_CATEGORIES,
  MEETING_KINDS,
  PARTICIPANT_ORGANISATION_TYPES,
} from './catalogue.js';

type Labels<K extends string> = Record<K, string>;

export const CASE_LABELS_SV = {
  memberRoles: { mentor: 'Mentor', studentHealth: 'Elevhälsa', principal: 'Rektor', other: 'Övrig' },
  causeGivers: { pupil: 'Eleven', guardian: 'Vårdnadshavare', school: 'Skolan', other: 'Annan aktör' } satisfies Labels<
    (typeof CAUSE_GIVERS)[number]
  >,
  followUpPoints: { start: 'Start', '3m': '3 månader', '1y': '1 år', '4w': '4 veckor', '6w': '6 veckor' },
  goalAttainment: { yes: 'Målet uppnått', partly: 'Delvis uppnått', no: 'Inte uppnått' },
  concernReasons: {
    absence: 'Frånvaro',
    'ill-health': 'Ohälsa',
    'home-situation': 'Hemsituation',
    'substance-crime': 'Missbruk eller kriminalitet',
    'removal-from-country': 'Misstänkt bortförande',
    other: 'Annat',
  } satisfies Labels<(typeof CONCERN_REASON_CATEGORIES)[number]>,
  concernFeedback: { inquiryOpened: 'utredning inledd', noInquiry: 'ingen utredning', other: 'annat' } satisfies Labels<
    (typeof CONCERN_FEEDBACK_KINDS)[number]
  >,
  meetingKinds: { sip: 'SIP-möte', attendanceTeam: 'Närvaroteam', other: 'Annat möte' } satisfies Labels<
    (typeof MEETING_KINDS)[number]
  >,
  organisationTypes: {
    school: 'Skola',
    pupil: 'Elev',
    guardian: 'Vårdnadshavare',
    socialServices: 'Socialtjänst',
    childPsychiatry: 'BUP',
    habilitation: 'Habilitering',
    primaryCare: 'Primärvård',
    schoolSocialTeam: 'Skolsocialt team',
    police: 'Polis',
    other: 'Annan',
  } satisfies Labels<(typeof PARTICIPANT_ORGANISATION_TYPES)[number]>,
  closeReasons: {
    attendanceRestored: 'Närvaron är återställd',
    moved: 'Eleven har flyttat',
    finishedSchool: 'Eleven har gått ut',
    other: 'Annat',
  } satisfies Labels<(typeof CLOSE_REASONS)[number]>,
} as const;

/** The Swedish name of a code, or the code itself for a value made before the list had it. */
export function labelSv(group: keyof typeof CASE_LABELS_SV, code: string | null | undefined): string {
  if (!code) return '–';
  return (CASE_LABELS_SV[group] as Record<string, string>)[code] ?? code;
}
