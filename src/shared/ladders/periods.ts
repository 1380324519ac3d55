/**
 * Which dates a trigger's period covers at evaluation date D (docs/domain/ladders.md D2 and D3), and
 * whether it may be evaluated at all: running periods need known minutes on five distinct days,
 * two consecutive months need five school days with known minutes in each month.
 */
import { addDays, isoWeekMonday, monthKey, monthRange, weekdayOf } from '../dates';
import { hasMonthToDateMinimum, knownDayCount, MONTH_TO_DATE_MIN_KNOWN_DAYS, type DayFigures } from '../measures';
import type { Period } from './format';
import { monthName, monthSpanName, weekName } from './text';

/** A school term as the organiser's calendar gives it (inclusive dates). */
export interface TermRange {
  startDate: string;
  endDate: string;
}

/** The dates a period covers and how the explanation names them ("i januari 2026"). */
export interface ResolvedPeriod {
  from: string;
  to: string;
  label: string;
}

/** The month key of the last calendar month that has ended by `date` (the month of `date` if it is its last day). */
export function lastEndedMonth(date: string): string {
  const running = monthKey(date);
  return date >= monthRange(running).to ? running : monthKey(addDays(`${running}-01`, -1));
}

/** The last day of the last ISO week ended by `date` (`date` itself when it is a Sunday). */
export function lastEndedWeekSunday(date: string): string {
  return weekdayOf(date) === 7 ? date : addDays(isoWeekMonday(date), -1);
}

const hasRunningMinimum = (days: readonly DayFigures[], from: string, to: string): boolean =>
  knownDayCount(days, from, to) >= MONTH_TO_DATE_MIN_KNOWN_DAYS;

/**
 * The period a trigger reads at `date`, or null when it cannot be evaluated yet (running period
 * below the minimum, a month of two without five known school days, no term ended).
 * @param days the pupil's day rows up to `date`
 * @param terms required for `term` periods; a ladder using them without terms is a caller error
 */
export function resolvePeriod(
  period: Period,
  date: string,
  days: readonly DayFigures[],
  terms?: readonly TermRange[],
): ResolvedPeriod | null {
  switch (period.kind) {
    case 'month': {
      const running = monthRange(monthKey(date));
      // On the month's last day the month is complete (ladders D2): no minimum applies.
      if (period.monthToDate && date < running.to) {
        return hasMonthToDateMinimum(days, date)
          ? { from: running.from, to: date, label: `i ${monthName(date)} t.o.m. ${date}` }
          : null;
      }
      const key = lastEndedMonth(date);
      return { ...monthRange(key), label: `i ${monthName(key)}` };
    }
    case 'twoConsecutiveMonths': {
      const second = lastEndedMonth(date);
      const first = monthKey(addDays(`${second}-01`, -1));
      const [a, b] = [monthRange(first), monthRange(second)];
      // One combined rate over both months, but a month after a holiday month must not carry it alone.
      if (!hasRunningMinimum(days, a.from, a.to) || !hasRunningMinimum(days, b.from, b.to)) return null;
      return { from: a.from, to: b.to, label: `i ${monthSpanName(first, second)}` };
    }
    case 'rollingDays': {
      const from = addDays(date, 1 - period.days);
      return hasRunningMinimum(days, from, date)
        ? { from, to: date, label: `under de ${period.days} dagarna ${from}–${date}` }
        : null;
    }
    case 'week': {
      const to = lastEndedWeekSunday(date);
      return { from: addDays(to, -6), to, label: `under ${weekName(to)}` };
    }
    case 'term': {
      if (!terms) throw new RangeError('The ladder uses term periods: pass the terms to the evaluation.');
      if (period.toDate) {
        const term = terms.find((t) => t.startDate <= date && date <= t.endDate);
        if (!term) return null;
        const label = `under terminen ${term.startDate}–${term.endDate}`;
        if (date >= term.endDate) return { from: term.startDate, to: term.endDate, label };
        return hasRunningMinimum(days, term.startDate, date)
          ? { from: term.startDate, to: date, label: `${label} t.o.m. ${date}` }
          : null;
      }
      const ended = terms
        .filter((t) => t.endDate <= date)
        .sort((x, y) => (x.endDate < y.endDate ? -1 : 1))
        .at(-1);
      return ended
        ? { from: ended.startDate, to: ended.endDate, label: `under terminen ${ended.startDate}–${ended.endDate}` }
        : null;
    }
  }
}
