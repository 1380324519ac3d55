/** Builders for ladder tests: a pupil's day rows over a school calendar, with absence painted on. */
import { eachDate, weekdayOf } from '../dates';
import type { DayFigures } from '../measures';
import type { LadderDefinition, Step, Trigger } from './format';
import type { LadderResult } from './evaluate';

/** Scheduled minutes of every school day in the fixtures (five 60-minute lessons). */
export const DAY_MINUTES = 300;

/**
 * Holidays of the test school year 2025/26: Christmas break to 7 January, sportlov (week 9),
 * Easter (3–10 April), 1 May, Ascension Day (14 May). Summer: school ends 12 June, starts 18 August.
 */
export const HOLIDAYS: readonly string[] = [
  ...eachDate('2025-12-22', '2026-01-07'),
  ...eachDate('2026-02-23', '2026-02-27'),
  ...eachDate('2026-04-03', '2026-04-10'),
  '2026-05-01',
  '2026-05-14',
];

/** Every weekday from `from` to `to` that is not a holiday, fully present. */
export function timetable(from: string, to: string, holidays: readonly string[] = HOLIDAYS): DayFigures[] {
  return eachDate(from, to)
    .filter((date) => weekdayOf(date) <= 5 && !holidays.includes(date))
    .map((date) => ({
      date,
      scheduled: DAY_MINUTES,
      known: DAY_MINUTES,
      attended: DAY_MINUTES,
      valid: 0,
      invalid: 0,
      other: 0,
      lateCount: 0,
      lateMinutes: 0,
    }));
}

/** The minutes to set on a day; attended and known follow from them. */
export interface DayPatch {
  valid?: number;
  invalid?: number;
  other?: number;
  /** Minutes of lessons nobody registered. */
  unknown?: number;
  lateCount?: number;
  lateMinutes?: number;
}

/** Apply `patch` to the school days in `from..to` (a single date when `to` is left out). */
export function paint(days: readonly DayFigures[], patch: DayPatch, from: string, to = from): DayFigures[] {
  const { valid = 0, invalid = 0, other = 0, unknown = 0, lateCount = 0, lateMinutes = 0 } = patch;
  return days.map((d) => {
    if (d.date < from || d.date > to) return d;
    const known = d.scheduled - unknown;
    return { ...d, known, valid, invalid, other, lateCount, lateMinutes, attended: known - valid - invalid - other };
  });
}

/** Apply `patch` to the listed dates. */
export function paintDates(days: readonly DayFigures[], patch: DayPatch, dates: readonly string[]): DayFigures[] {
  return dates.reduce((acc, date) => paint(acc, patch, date), [...days]);
}

/** School dates in `from..to`. */
export function schoolDates(days: readonly DayFigures[], from: string, to: string): string[] {
  return days.filter((d) => d.scheduled > 0 && d.date >= from && d.date <= to).map((d) => d.date);
}

/** The result on a date out of a replay. */
export function on(results: readonly LadderResult[], date: string): LadderResult {
  const result = results.find((r) => r.evaluationDate === date);
  if (!result) throw new Error(`No result for ${date}`);
  return result;
}

/** The dates on which the step changed, with the new step key: the shape scenario tests compare. */
export function stepHistory(results: readonly LadderResult[]): { date: string; step: string | null }[] {
  return results
    .filter((r, i) => r.stepIndex !== (i === 0 ? 0 : results[i - 1].stepIndex))
    .map((r) => ({ date: r.evaluationDate, step: r.stepKey }));
}

/** An automatic step with the given triggers (combine any); `extra` overrides anything. */
export function step(key: string, triggers: Trigger[], extra: Partial<Step> = {}): Step {
  return {
    key,
    name: `Steg ${key}`,
    description: 'Teststeg.',
    triggers: { combine: 'any', triggers },
    actions: [],
    responsibleRoles: ['Mentor'],
    lawReferences: [],
    entry: 'automatic',
    ...extra,
  };
}

/** A test ladder from steps. */
export function ladder(steps: Step[], extra: Partial<LadderDefinition> = {}): LadderDefinition {
  return {
    id: 'test',
    name: 'Testtrappa',
    description: 'Trappa för tester.',
    source: 'Test',
    deEscalation: { kind: 'none' },
    steps,
    ...extra,
  };
}
