/**
 * Dates, Europe/Stockholm offsets and the demo school calendar (terms 2026, holidays, study days).
 *
 * Dates are plain 'YYYY-MM-DD' strings throughout the generator; times of day are minutes after
 * local midnight. Arithmetic goes through UTC so that it never depends on the host's time zone.
 */

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parsed dates; the demo uses a few hundred distinct dates millions of times. */
const utcMsCache = new Map<string, number>();

function toUtcMs(date: string): number {
  const cached = utcMsCache.get(date);
  if (cached !== undefined) return cached;
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`Not a valid date: ${date}`);
  utcMsCache.set(date, ms);
  return ms;
}

const fromUtcMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Throws unless `date` is a real calendar date in 'YYYY-MM-DD' form. */
export function assertDate(date: string): void {
  toUtcMs(date);
}

/** `date` plus `days` (may be negative). */
export function addDays(date: string, days: number): string {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(toUtcMs(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Every date from `from` to `to`, both inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let ms = toUtcMs(from), end = toUtcMs(to); ms <= end; ms += DAY_MS) out.push(fromUtcMs(ms));
  return out;
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
}

/** Monday of the given ISO week. */
export function mondayOfIsoWeek(year: number, week: number): string {
  // 4 January is always in ISO week 1.
  const jan4 = `${year}-01-04`;
  return addDays(jan4, (week - 1) * 7 - (isoWeekday(jan4) - 1));
}

function lastSundayOf(year: number, month: number): string {
  const lastDay = fromUtcMs(Date.UTC(year, month, 0)); // day 0 of next month
  return addDays(lastDay, -(isoWeekday(lastDay) % 7));
}

/**
 * UTC offset of Europe/Stockholm on a date, for daytime hours. Summer time runs from the last
 * Sunday of March to the last Sunday of October (EU rule); the switch happens at night, so any
 * school-hours time on the switch day already has the new offset.
 */
export function stockholmOffsetMinutes(date: string): number {
  const year = Number(date.slice(0, 4));
  let summer = summerTimeByYear.get(year);
  if (!summer) {
    summer = [lastSundayOf(year, 3), lastSundayOf(year, 10)];
    summerTimeByYear.set(year, summer);
  }
  return date >= summer[0] && date < summer[1] ? 120 : 60;
}

const summerTimeByYear = new Map<number, [string, string]>();

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** RFC 3339 local time with the Stockholm offset, e.g. '2026-03-30T08:15:00+02:00'. */
export function stockholmDateTime(date: string, minuteOfDay: number): string {
  const offset = stockholmOffsetMinutes(date);
  return `${date}T${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}:00+${pad2(offset / 60)}:00`;
}

/** Epoch milliseconds of a Stockholm local time (`minuteOfDay` may exceed 24 h or be negative). */
export function stockholmEpochMs(date: string, minuteOfDay: number): number {
  return toUtcMs(date) + (minuteOfDay - stockholmOffsetMinutes(date)) * 60_000;
}

/** A UTC timestamp without milliseconds, as used in `meta`. */
export function utcTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** One term of the demo calendar. */
export interface TermSpec {
  key: string;
  name: string;
  startDate: string;
  endDate: string;
}

/** Spring and autumn term 2026: the period the demo covers. */
export const DEMO_TERMS: readonly TermSpec[] = [
  { key: 'VT2026', name: 'Vårterminen 2026', startDate: '2026-01-08', endDate: '2026-06-12' },
  { key: 'HT2026', name: 'Höstterminen 2026', startDate: '2026-08-17', endDate: '2026-12-18' },
];

/** A day without lessons; `unit` limits it to one of the demo school units. */
export interface DayOffSpec {
  date: string;
  kind: 'holiday' | 'studyDay';
  name: string;
  unit?: 'F6' | 'G79';
}

function week(year: number, isoWeek: number, kind: DayOffSpec['kind'], name: string): DayOffSpec[] {
  const monday = mondayOfIsoWeek(year, isoWeek);
  return [0, 1, 2, 3, 4].map((i) => ({ date: addDays(monday, i), kind, name }));
}

/**
 * Holidays and study days within the 2026 terms. Weekend holidays (nationaldagen, alla helgons
 * dag) are listed too: they are real holidays even if they remove no lessons this year.
 */
export const DEMO_DAYS_OFF: readonly DayOffSpec[] = [
  ...week(2026, 9, 'holiday', 'Sportlov'),
  { date: '2026-03-16', kind: 'studyDay', name: 'Studiedag' },
  ...week(2026, 14, 'holiday', 'Påsklov'), // includes långfredagen 3 April
  { date: '2026-04-06', kind: 'holiday', name: 'Annandag påsk' },
  { date: '2026-04-17', kind: 'studyDay', name: 'Studiedag', unit: 'F6' },
  { date: '2026-05-01', kind: 'holiday', name: 'Första maj' },
  { date: '2026-05-14', kind: 'holiday', name: 'Kristi himmelsfärdsdag' },
  { date: '2026-05-15', kind: 'holiday', name: 'Lovdag (klämdag)' },
  { date: '2026-06-06', kind: 'holiday', name: 'Sveriges nationaldag' },
  { date: '2026-09-18', kind: 'studyDay', name: 'Studiedag' },
  ...week(2026, 44, 'holiday', 'Höstlov'),
  { date: '2026-10-31', kind: 'holiday', name: 'Alla helgons dag' },
  { date: '2026-11-04', kind: 'studyDay', name: 'Studiedag', unit: 'G79' },
];

/** Term containing the date, if any. */
export function termOf(date: string): TermSpec | undefined {
  return DEMO_TERMS.find((t) => date >= t.startDate && date <= t.endDate);
}

/** School days (weekdays in term, not off) of one unit, in date order. */
export function schoolDaysOf(unit: 'F6' | 'G79'): string[] {
  const off = new Set(DEMO_DAYS_OFF.filter((d) => !d.unit || d.unit === unit).map((d) => d.date));
  return DEMO_TERMS.flatMap((t) => datesBetween(t.startDate, t.endDate)).filter(
    (d) => isoWeekday(d) <= 5 && !off.has(d),
  );
}
