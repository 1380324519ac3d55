/**
 * Retention rules (gallring): how long Närvaro keeps each kind of personal data about a child.
 * The organiser sets the periods from its own information management plan
 * (informationshanteringsplan); the defaults below are a starting point, and the limits keep a
 * setting from breaking what the product itself promises (previous-year comparison, the audit
 * trail a guardian may ask for).
 *
 * Not covered on purpose: case documents (mapping, investigation, action plan) belong to the
 * pupil's record and are archived by the organiser (the case PDF), not thinned here.
 */
export const RETENTION_RULES = {
  /** Free-text comments on lesson marks and absence reports (the coded reason stays). */
  absenceCommentsMonths: { defaultMonths: 12, minMonths: 1, maxMonths: 120, label: 'Fritextkommentarer om frånvaro' },
  /** Everything registered about a pupil who has left all the organiser's schools. */
  registrationsAfterLeavingMonths: {
    defaultMonths: 24,
    minMonths: 13,
    maxMonths: 120,
    label: 'Närvaro- och frånvarouppgifter efter att eleven lämnat',
  },
  /** Sent or failed guardian messages and notices (their text names the child). */
  messagesMonths: {
    defaultMonths: 12,
    minMonths: 1,
    maxMonths: 120,
    label: 'Skickade meddelanden till vårdnadshavare',
  },
  /** The audit trail, including who read a child's case data. */
  auditEventsMonths: { defaultMonths: 36, minMonths: 24, maxMonths: 240, label: 'Loggar över läsning och ändringar' },
} as const;

export type RetentionRuleKey = keyof typeof RETENTION_RULES;
export type RetentionPolicy = Record<RetentionRuleKey, number>;

export const RETENTION_RULE_KEYS = Object.keys(RETENTION_RULES) as RetentionRuleKey[];

export const DEFAULT_RETENTION_POLICY: RetentionPolicy = Object.fromEntries(
  RETENTION_RULE_KEYS.map((key) => [key, RETENTION_RULES[key].defaultMonths]),
) as RetentionPolicy;

export interface RetentionProblem {
  path: string;
  message: string;
}

/** Problems with a proposed policy, in Swedish; empty when it may be saved. */
export function validateRetentionPolicy(policy: RetentionPolicy): RetentionProblem[] {
  return RETENTION_RULE_KEYS.flatMap((key) => {
    const { minMonths, maxMonths, label } = RETENTION_RULES[key];
    const months = policy[key];
    if (!Number.isInteger(months) || months < minMonths || months > maxMonths) {
      return [
        { path: `/${key}`, message: `${label}: ange ett helt antal månader mellan ${minMonths} och ${maxMonths}.` },
      ];
    }
    return [];
  });
}

/** Calendar months back from a date; the 31st falls back to the month's last day. */
export function subtractMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) - months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

/** What is older than these dates (exclusive) is thinned on `today`. */
export interface RetentionCutoffs {
  /** Comments on lessons and absences that ended before this date are cleared. */
  commentsBefore: string;
  /** Pupils whose last enrolment ended before this date are removed. */
  leftBefore: string;
  messagesBefore: string;
  auditBefore: string;
}

export function retentionCutoffs(policy: RetentionPolicy, today: string): RetentionCutoffs {
  // N months kept: what is dated on the day N months ago stays, what is older goes.
  const cutoff = (months: number) => subtractMonths(today, months);
  return {
    commentsBefore: cutoff(policy.absenceCommentsMonths),
    leftBefore: cutoff(policy.registrationsAfterLeavingMonths),
    messagesBefore: cutoff(policy.messagesMonths),
    auditBefore: cutoff(policy.auditEventsMonths),
  };
}
