import { isoWeekMonday, isoWeekOf, isoWeekSunday } from '../dates';
import type { DayFigures } from './types';

/** One ISO school week of a pupil (docs/domain/measures.md, 'Figures for a pupil and an inclusive date range'). */
export interface WeekStatus {
  /** ISO week key, e.g. `2026-W02`. */
  weekKey: string;
  monday: string;
  sunday: string;
  scheduled: number;
  known: number;
  /** Absent minutes as the options count them. */
  absent: number;
  /** At least `minAbsentMinutes` absent minutes. */
  isIncomplete: boolean;
  /** Scheduled but nothing known: counts as not incomplete and is explained as "no registration" (measures D6). */
  hasNoRegistration: boolean;
}

/** How absent minutes count towards an incomplete week; the defaults are docs/domain/measures.md's. */
export interface IncompleteWeekOptions {
  /** Absent minutes that make a week incomplete (default 1, at least 1). */
  minAbsentMinutes?: number;
  /** Count only invalid absence. */
  excludeValid?: boolean;
  /** Leave late minutes out. */
  excludeLateness?: boolean;
}

/**
 * Absent minutes of a day as the options count them. Day rows do not say how late minutes split
 * into valid and invalid; when both are excluded the late minutes are taken as invalid, which is
 * what they are unless a cover overlaps the late arrival.
 */
function countedAbsence(d: DayFigures, options: IncompleteWeekOptions): number {
  const absent = (options.excludeValid ? 0 : d.valid) + d.invalid;
  return Math.max(0, absent - (options.excludeLateness ? d.lateMinutes : 0));
}

/** The pupil's school weeks (ISO weeks with at least one scheduled minute), oldest first. */
export function schoolWeeks(days: readonly DayFigures[], options: IncompleteWeekOptions = {}): WeekStatus[] {
  // A threshold of 0 would make every registered week "incomplete"; the rule means at least one minute.
  const minAbsent = Math.max(1, options.minAbsentMinutes ?? 1);
  const weeks = new Map<string, WeekStatus>();
  for (const day of days) {
    if (day.scheduled <= 0) continue;
    const weekKey = isoWeekOf(day.date).key;
    let week = weeks.get(weekKey);
    if (!week) {
      week = {
        weekKey,
        monday: isoWeekMonday(day.date),
        sunday: isoWeekSunday(day.date),
        scheduled: 0,
        known: 0,
        absent: 0,
        isIncomplete: false,
        hasNoRegistration: false,
      };
      weeks.set(weekKey, week);
    }
    week.scheduled += day.scheduled;
    week.known += day.known;
    week.absent += countedAbsence(day, options);
  }
  return [...weeks.values()]
    .map((w) => ({ ...w, isIncomplete: w.known > 0 && w.absent >= minAbsent, hasNoRegistration: w.known === 0 }))
    .sort((a, b) => (a.monday < b.monday ? -1 : 1));
}

/**
 * The last `n` school weeks that have ended by the evaluation date (its Sunday is on or before
 * `evaluationDate`, docs/domain/ladders.md D3), oldest first. Fewer than `n` when the pupil has fewer.
 */
export function lastEndedSchoolWeeks(
  days: readonly DayFigures[],
  evaluationDate: string,
  n: number,
  options?: IncompleteWeekOptions,
): WeekStatus[] {
  const ended = schoolWeeks(days, options).filter((w) => w.sunday <= evaluationDate);
  return n > 0 ? ended.slice(-n) : [];
}

/** How many of the given weeks are incomplete ("k of the last n"). */
export function incompleteWeekCount(weeks: readonly WeekStatus[]): number {
  return weeks.filter((w) => w.isIncomplete).length;
}
