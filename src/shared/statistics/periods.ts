/**
 * Period keys of the statistics roll-up: calendar months ('2025-09') and half-years ('2025-H2' =
 * July–December, the autumn term and its summer; '2026-H1' = January–June, the spring term).
 */
import { monthKey, monthRange } from '../dates/index.js';

export const halfKeyOf = (date: string): string => `${date.slice(0, 4)}-H${Number(date.slice(5, 7)) <= 6 ? 1 : 2}`;

/** The months of a half-year key, in order. */
export function monthsOfHalf(key: string): string[] {
  const first = key.endsWith('H1') ? 1 : 7;
  return Array.from({ length: 6 }, (_, i) => `${key.slice(0, 4)}-${String(first + i).padStart(2, '0')}`);
}

export function halfRange(key: string): { from: string; to: string } {
  const months = monthsOfHalf(key);
  return { from: monthRange(months[0]).from, to: monthRange(months[5]).to };
}

/** Month keys touching the inclusive range, in order. */
export function monthKeysBetween(from: string, to: string): string[] {
  const keys: string[] = [];
  for (let key = monthKey(from); key <= monthKey(to); ) {
    keys.push(key);
    const [y, m] = key.split('-').map(Number);
    key = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  return keys;
}

/** Half-year keys touching the inclusive range, in order. */
export const halfKeysBetween = (from: string, to: string): string[] => [
  ...new Set(monthKeysBetween(from, to).map((m) => halfKeyOf(`${m}-01`))),
];

/**
 * The roll-up key for the days of a month or half-year key up to and including `cutDate`
 * ('2026-11~2026-11-23', '2026-H2~2026-11-23'); see `rollup_cuts`.
 */
export const cutKey = (base: string, cutDate: string): string => `${base}~${cutDate}`;

/** The month and half-year keys kept to date for a cut date. */
export const cutKeysOf = (cutDate: string): string[] => [
  cutKey(cutDate.slice(0, 7), cutDate),
  cutKey(halfKeyOf(cutDate), cutDate),
];
