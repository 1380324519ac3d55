/** Date arithmetic of the guardian portal (pure, so it is tested without a browser). */
import { addDays, eachDate, localDateOf, localMinuteOfDay, weekdayOf } from '@shared/dates';

/** Weekdays in from..to: the portal's estimate of school days before the school counts them (days off aside). */
export function weekdaysBetween(from: string, to: string): number {
  if (!from || !to || to < from) return 0;
  return eachDate(from, to).filter((date) => weekdayOf(date) <= 5).length;
}

/** The leave limit the portal warns past (docs/domain/process.md, item 1: leave past 10 days a school year goes to the principal). */
export const LEAVE_WARNING_DAYS = 10;

/** A report's start and end as local dates and HH:MM (Europe/Stockholm), for the change form and the list. */
export function localParts(instant: string): { date: string; time: string } {
  const ms = new Date(instant).getTime();
  const minute = localMinuteOfDay(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: localDateOf(ms), time: `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}` };
}

/** A stored report as the form's fields: an end at local midnight is the end of the day before (whole days). */
export function reportFields(
  startsAt: string,
  endsAt: string,
): { fromDate: string; toDate: string; fromTime: string; toTime: string } {
  const start = localParts(startsAt);
  const end = localParts(endsAt);
  const endsAtMidnight = end.time === '00:00';
  return {
    fromDate: start.date,
    toDate: endsAtMidnight ? addDays(end.date, -1) : end.date,
    fromTime: start.time === '00:00' ? '' : start.time,
    toTime: endsAtMidnight ? '' : end.time,
  };
}

/** How a report's period reads: whole days, or times within a day, or a span across days. */
export type ReportPeriod =
  | { kind: 'wholeDays'; fromDate: string; toDate: string }
  | { kind: 'partOfDay'; date: string; fromTime: string; toTime: string }
  | { kind: 'span'; fromDate: string; fromTime: string; toDate: string; toTime: string };

/** "8 dec., hela dagen" rather than "8 dec. 00:00 – 9 dec. 00:00": a stored report as people say it. */
export function reportPeriod(startsAt: string, endsAt: string): ReportPeriod {
  const f = reportFields(startsAt, endsAt);
  if (!f.fromTime && !f.toTime) return { kind: 'wholeDays', fromDate: f.fromDate, toDate: f.toDate };
  if (f.fromDate === f.toDate)
    return { kind: 'partOfDay', date: f.fromDate, fromTime: f.fromTime || '00:00', toTime: f.toTime || '24:00' };
  return {
    kind: 'span',
    fromDate: f.fromDate,
    fromTime: f.fromTime || '00:00',
    toDate: f.toDate,
    toTime: f.toTime || '24:00',
  };
}
