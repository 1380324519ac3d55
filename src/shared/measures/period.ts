import { addDays, monthKey as monthKeyOf, monthRange } from '../dates';
import { lessonOutcome } from './lesson';
import { periodFromTotals } from './totals';
import type { DayFigures, LessonOutcome, MinuteFigures, PeriodFigures, PupilLesson, ValidCover } from './types';

/** Month-to-date figures need known minutes on at least this many distinct days (measures D9). */
export const MONTH_TO_DATE_MIN_KNOWN_DAYS = 5;

function emptyMinutes(): MinuteFigures {
  return { scheduled: 0, known: 0, attended: 0, valid: 0, invalid: 0, other: 0, lateCount: 0, lateMinutes: 0 };
}

function addInto(target: MinuteFigures, row: MinuteFigures): void {
  // Spelled out: this runs for every day of every window of every pupil in an evaluation.
  target.scheduled += row.scheduled;
  target.known += row.known;
  target.attended += row.attended;
  target.valid += row.valid;
  target.invalid += row.invalid;
  target.other += row.other;
  target.lateCount += row.lateCount;
  target.lateMinutes += row.lateMinutes;
}

/** A row that is already a day row (not a lesson outcome with extra fields). */
function isDayRow(row: MinuteFigures & { date: string }): boolean {
  return !('lessonId' in row);
}

/** Sum rows per date, sorted by date; a DB roll-up with duplicate dates is merged the same way. */
function byDate(rows: ReadonlyArray<MinuteFigures & { date: string }>): DayFigures[] {
  // Day rows usually arrive one per date in order (the roll-up): nothing to merge.
  let isSortedUnique = true;
  for (let i = 1; i < rows.length && isSortedUnique; i++) isSortedUnique = rows[i - 1].date < rows[i].date;
  if (isSortedUnique && rows.every(isDayRow)) return rows as DayFigures[];
  const days = new Map<string, DayFigures>();
  for (const row of rows) {
    let day = days.get(row.date);
    if (!day) days.set(row.date, (day = { date: row.date, ...emptyMinutes() }));
    addInto(day, row);
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Arrays already known to be day rows sorted by date, one per date (the roll-up's shape); callers do not change an array after summing it. */
const sortedDayRows = new WeakSet<readonly DayFigures[]>();

/** The first index whose date is on or after `from` in rows sorted by date. */
function firstIndexFrom(days: readonly DayFigures[], from: string): number {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (days[mid].date < from) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The rows in `from..to`, one per date, sorted. Sorted unique day rows (what the roll-up and the
 * ladder engine pass, many times over the same array) are sliced by binary search instead of
 * filtered: the same rows, without scanning the whole history for every period.
 */
function daysInRange(days: readonly DayFigures[], from: string, to: string): readonly DayFigures[] {
  if (!sortedDayRows.has(days)) {
    if (byDate(days) !== days) return byDate(days.filter((d) => d.date >= from && d.date <= to));
    sortedDayRows.add(days);
  }
  const start = firstIndexFrom(days, from);
  let end = start;
  while (end < days.length && days[end].date <= to) end++;
  return days.slice(start, end);
}

/** Group lesson outcomes into one row per date, sorted by date (the pupil × day roll-up). */
export function dayFigures(outcomes: readonly LessonOutcome[]): DayFigures[] {
  return byDate(outcomes);
}

/** A day the pupil attended in full: every scheduled minute known and attended. */
export function presentDay(date: string, scheduled: number): DayFigures {
  return {
    date,
    scheduled,
    known: scheduled,
    attended: scheduled,
    valid: 0,
    invalid: 0,
    other: 0,
    lateCount: 0,
    lateMinutes: 0,
  };
}

/** A school day on which every scheduled minute is known and absent; an unknown lesson rules it out (measures D5). */
export function isAbsentDay(d: DayFigures): boolean {
  return d.scheduled > 0 && d.known === d.scheduled && d.valid + d.invalid === d.scheduled;
}

/** A day with any absent minutes: one absence occasion (frånvarotillfälle). */
export function hasAbsence(d: DayFigures): boolean {
  return d.valid + d.invalid > 0;
}

/**
 * Figures for a pupil over `from..to` inclusive (docs/domain/measures.md, 'Figures for a pupil and an inclusive date range').
 * The only place period figures are derived from day rows; rates come from `periodFromTotals`,
 * always over `known` (measures D1).
 * @param days the pupil's day rows; rows outside the range are ignored
 */
export function sumDays(days: readonly DayFigures[], from: string, to: string): PeriodFigures {
  const totals = emptyMinutes();
  let absentDays = 0;
  let absenceOccasions = 0;
  let longestRun = 0;
  let run = 0;
  let schoolDays = 0;
  for (const day of daysInRange(days, from, to)) {
    addInto(totals, day);
    // Days without scheduled minutes are weekends, holidays or days off for this pupil: a run skips them.
    if (day.scheduled === 0) continue;
    schoolDays++;
    if (hasAbsence(day)) absenceOccasions++;
    const isAbsent = isAbsentDay(day);
    if (isAbsent) absentDays++;
    run = isAbsent ? run + 1 : 0;
    longestRun = Math.max(longestRun, run);
  }
  return periodFromTotals({ ...totals, absentDays, absenceOccasions, longestRun, schoolDays }, from, to);
}

/** Period figures straight from lessons and covers; the reference the roll-up must agree with. */
export function measurePupil(
  lessons: readonly PupilLesson[],
  covers: readonly ValidCover[],
  from: string,
  to: string,
): PeriodFigures {
  const inRange = lessons.filter((l) => l.date >= from && l.date <= to);
  return sumDays(dayFigures(inRange.map((l) => lessonOutcome(l, covers))), from, to);
}

/** Figures for one calendar month given as `YYYY-MM`. */
export function monthFigures(days: readonly DayFigures[], monthKey: string): PeriodFigures {
  const { from, to } = monthRange(monthKey);
  return sumDays(days, from, to);
}

/** Number of distinct days in `from..to` with known minutes. */
export function knownDayCount(days: readonly DayFigures[], from: string, to: string): number {
  return new Set(days.filter((d) => d.known > 0 && d.date >= from && d.date <= to).map((d) => d.date)).size;
}

/** Whether the running month up to `date` may be evaluated month-to-date (measures D9). */
export function hasMonthToDateMinimum(
  days: readonly DayFigures[],
  date: string,
  minKnownDays = MONTH_TO_DATE_MIN_KNOWN_DAYS,
): boolean {
  return knownDayCount(days, monthRange(monthKeyOf(date)).from, date) >= minKnownDays;
}

/**
 * Absence rate over the 28 days ending on `date` against the 28 days before (docs/domain/measures.md, 'Figures for a pupil and an inclusive date range').
 * @returns `change` = recent minus previous absence rate (a fraction), null when either has no data
 */
export function trend(
  days: readonly DayFigures[],
  date: string,
): { recent: PeriodFigures; previous: PeriodFigures; change: number | null } {
  const recent = sumDays(days, addDays(date, -27), date);
  const previous = sumDays(days, addDays(date, -55), addDays(date, -28));
  const change =
    recent.absentRate === null || previous.absentRate === null ? null : recent.absentRate - previous.absentRate;
  return { recent, previous, change };
}
