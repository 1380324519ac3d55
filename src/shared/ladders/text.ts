/** Swedish wording of figures, periods and thresholds for ladder explanations. */
import { isoWeekOf, monthKey } from '../dates';
import type { Comparator } from './format';

const MONTHS = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

/** A share as a Swedish percentage with one decimal: 0.432 → "43,2 %". */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1).replace('.', ',')} %`;
}

/** A configured threshold without needless decimals: 0.4 → "40 %", 0.125 → "12,5 %". */
export function thresholdPercent(share: number): string {
  return `${String(Number((share * 100).toFixed(1))).replace('.', ',')} %`;
}

/** "januari 2026" for a month key or any date in the month. */
export function monthName(dateOrKey: string): string {
  const key = dateOrKey.length === 7 ? dateOrKey : monthKey(dateOrKey);
  return `${MONTHS[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`;
}

/** "februari–mars 2026", or "december 2025–januari 2026" across a year end. */
export function monthSpanName(first: string, second: string): string {
  const [a, b] = [monthName(first), monthName(second)];
  return first.slice(0, 4) === second.slice(0, 4) ? `${a.split(' ')[0]}–${b}` : `${a}–${b}`;
}

/** "vecka 3 2026" for a date in the ISO week. */
export function weekName(date: string): string {
  const { year, week } = isoWeekOf(date);
  return `vecka ${week} ${year}`;
}

/** "vecka 4–7 2026", "vecka 52 2025–vecka 3 2026" or "vecka 5 2026" for the weeks of two dates. */
export function weekSpanName(first: string, last: string): string {
  const a = isoWeekOf(first);
  const b = isoWeekOf(last);
  if (a.key === b.key) return weekName(first);
  return a.year === b.year ? `vecka ${a.week}–${b.week} ${b.year}` : `${weekName(first)}–${weekName(last)}`;
}

/** The threshold in parentheses: "(gräns 40 %)" for a stated level, "(gräns över 20 %)" for "higher than". */
export function rateLimit(comparator: Comparator, threshold: number): string {
  return `(gräns ${comparator === 'gt' ? 'över ' : ''}${thresholdPercent(threshold)})`;
}

/** A count threshold: "(gräns minst 3)" or "(gräns fler än 3)". */
export function countLimit(comparator: Comparator, count: number): string {
  return `(gräns ${comparator === 'gt' ? 'fler än' : 'minst'} ${count})`;
}

/** "a", "a och b", "a, b och c". */
export function joinAnd(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} och ${parts[parts.length - 1]}`;
}
