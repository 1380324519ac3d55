/** Period presets (this month, last month, this term, custom) relative to the server's "today". */
import { addDays, monthRange } from '@shared/dates';
import type { Period } from '../api/endpoints';

/** The period choices, in menu order. */
export const PERIOD_PRESETS = ['thisMonth', 'lastMonth', 'thisTerm', 'custom'] as const;
/** One period choice. */
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** Term dates (läsår 2026/27 calendar); other years fall back to the same month/day pattern. */
const TERMS: Record<number, { spring: Period; autumn: Period }> = {
  2026: {
    spring: { from: '2026-01-08', to: '2026-06-12' },
    autumn: { from: '2026-08-17', to: '2026-12-18' },
  },
};

function termsOf(year: number): { spring: Period; autumn: Period } {
  return (
    TERMS[year] ?? {
      spring: { from: `${year}-01-08`, to: `${year}-06-12` },
      autumn: { from: `${year}-08-17`, to: `${year}-12-18` },
    }
  );
}

/** The term `today` falls in; in a holiday between terms, the term that just ended. */
export function termOf(today: string): Period {
  const year = Number(today.slice(0, 4));
  const { spring, autumn } = termsOf(year);
  if (today >= autumn.from) return autumn;
  if (today >= spring.from) return spring;
  return termsOf(year - 1).autumn;
}

const clampTo = (period: Period, today: string): Period => ({
  from: period.from,
  to: period.to > today ? today : period.to,
});

/** Dates of a preset; running periods end today (later lessons are not registered yet). */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, today: string): Period {
  switch (preset) {
    case 'thisMonth':
      return clampTo(monthRange(today.slice(0, 7)), today);
    case 'lastMonth':
      return monthRange(addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7));
    case 'thisTerm':
      return clampTo(termOf(today), today);
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A custom period from URL values, or null when incomplete or reversed. */
export function customPeriod(from: string | null, to: string | null): Period | null {
  if (!from || !to || !DATE.test(from) || !DATE.test(to) || from > to) return null;
  return { from, to };
}

/** Parses a preset name from the URL. */
export function parsePreset(value: string | null, fallback: PeriodPreset): PeriodPreset {
  return (PERIOD_PRESETS as readonly string[]).includes(value ?? '') ? (value as PeriodPreset) : fallback;
}
