/**
 * Local-date helpers. Dates are `YYYY-MM-DD` strings in the school's time zone; instants are
 * epoch milliseconds. Calendar arithmetic on date strings is done in UTC, where every day has
 * 24 hours, so DST never shifts a date (docs/domain/measures.md D11).
 */

/** The time zone every school date and clock time is read in. */
export const SCHOOL_TIME_ZONE = 'Europe/Stockholm';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

const localFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: SCHOOL_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Wall-clock fields of an instant in the school time zone. */
function localParts(instantMs: number): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const parts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of localFormat.formatToParts(instantMs)) {
    if (part.type in parts) parts[part.type as keyof typeof parts] = Number(part.value);
  }
  return parts;
}

// Evaluations do date arithmetic millions of times over a few thousand distinct dates, so both
// directions are memoised (bounded: cleared when large, which only costs recomputation).
const MEMO_LIMIT = 50_000;
const msOfDate = new Map<string, number>();
const dateOfMs = new Map<number, string>();

/** UTC midnight of a `YYYY-MM-DD` date; throws on anything that is not a real date. */
function dateToUtcMs(date: string): number {
  const known = msOfDate.get(date);
  if (known !== undefined) return known;
  const match = DATE_PATTERN.exec(date);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (Number.isNaN(ms) || utcMsToDate(ms) !== date) throw new RangeError(`Invalid date: ${date}`);
  if (msOfDate.size > MEMO_LIMIT) msOfDate.clear();
  msOfDate.set(date, ms);
  return ms;
}

function utcMsToDate(ms: number): string {
  let date = dateOfMs.get(ms);
  if (date === undefined) {
    date = new Date(ms).toISOString().slice(0, 10);
    if (dateOfMs.size > MEMO_LIMIT) dateOfMs.clear();
    dateOfMs.set(ms, date);
  }
  return date;
}

/** Offset of local wall time from UTC at an instant, in ms (+1 h in winter, +2 h in summer). */
function offsetAt(instantMs: number): number {
  const p = localParts(instantMs);
  const wholeSecond = instantMs - (((instantMs % 1000) + 1000) % 1000);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - wholeSecond;
}

/** The local date (Europe/Stockholm) of an instant. */
export function localDateOf(instantMs: number): string {
  const p = localParts(instantMs);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Minutes since local midnight (Europe/Stockholm) of an instant. */
export function localMinuteOfDay(instantMs: number): number {
  const p = localParts(instantMs);
  return p.hour * 60 + p.minute;
}

/** The date `n` calendar days after `date` (negative `n` goes back). */
export function addDays(date: string, n: number): string {
  return utcMsToDate(dateToUtcMs(date) + n * DAY_MS);
}

/** The same day `n` calendar months later, clamped to the month's last day (2026-01-31 + 1 → 2026-02-28). */
export function addMonths(date: string, n: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const first = Date.UTC(year, month - 1 + n, 1);
  const lastDay = new Date(Date.UTC(year, month + n, 0)).getUTCDate();
  return utcMsToDate(first + (Math.min(day, lastDay) - 1) * DAY_MS);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dateToUtcMs(to) - dateToUtcMs(from)) / DAY_MS);
}

/** The `count` weekdays (Monday–Friday) ending on or before `last`, oldest first. */
export function weekdaysEndingOn(last: string, count: number): string[] {
  const days: string[] = [];
  for (let date = last; days.length < count; date = addDays(date, -1)) if (weekdayOf(date) <= 5) days.unshift(date);
  return days;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  return new Date(dateToUtcMs(date)).getUTCDay() || 7;
}

/** ISO 8601 week of a date; the week belongs to the year of its Thursday (so 2027-01-01 is 2026-W53). */
export function isoWeekOf(date: string): { year: number; week: number; key: string } {
  const thursday = dateToUtcMs(date) + (4 - weekdayOf(date)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return { year, week, key: `${year}-W${String(week).padStart(2, '0')}` };
}

/** Monday of the ISO week containing `date`. */
export function isoWeekMonday(date: string): string {
  return addDays(date, 1 - weekdayOf(date));
}

/** Sunday of the ISO week containing `date`. */
export function isoWeekSunday(date: string): string {
  return addDays(date, 7 - weekdayOf(date));
}

/** Every date from `from` to `to`, both inclusive; empty when `from` is after `to`. */
export function eachDate(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let ms = dateToUtcMs(from), end = dateToUtcMs(to); ms <= end; ms += DAY_MS) dates.push(utcMsToDate(ms));
  return dates;
}

/** Calendar month key of a date, e.g. `2026-01`. */
export function monthKey(date: string): string {
  dateToUtcMs(date); // validates
  return date.slice(0, 7);
}

/** First and last date of a calendar month given as `YYYY-MM`. */
export function monthRange(key: string): { from: string; to: string } {
  const from = `${key}-01`;
  const first = dateToUtcMs(from);
  const d = new Date(first);
  return { from, to: utcMsToDate(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)) };
}

/**
 * Epoch ms of a Europe/Stockholm wall-clock time (`HH:MM`) on a date. Resolves DST like
 * Temporal's `compatible` mode: a time repeated in October takes the earlier (summer-time)
 * instant; a time skipped in March is moved forward by the gap (02:30 → 03:30).
 */
export function localDateTimeToInstant(date: string, hhmm: string): number {
  const time = TIME_PATTERN.exec(hhmm);
  if (!time) throw new RangeError(`Invalid time: ${hhmm}`);
  const wall = dateToUtcMs(date) + (Number(time[1]) * 60 + Number(time[2])) * MINUTE_MS;
  // The offsets a day either side bracket any single DST transition around this wall time.
  const offsetBefore = offsetAt(wall - DAY_MS);
  const candidates = [offsetBefore, offsetAt(wall + DAY_MS)]
    .map((offset) => wall - offset)
    .filter((instant) => offsetAt(instant) === wall - instant);
  return candidates.length > 0 ? Math.min(...candidates) : wall - offsetBefore;
}
