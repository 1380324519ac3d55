import type { MinuteFigures, PeriodFigures } from './types';

/** Sums and day counts over a period, as SQL over the roll-up can deliver them. */
export interface PeriodTotals extends MinuteFigures {
  absentDays: number;
  absenceOccasions: number;
  schoolDays: number;
  /** Not derivable from sums; callers that aggregate in SQL pass 0 and say so. */
  longestRun: number;
}

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Period figures (rates over `known`, measures D1) from summed totals. */
export function periodFromTotals(totals: PeriodTotals, from: string, to: string): PeriodFigures {
  const absent = totals.valid + totals.invalid;
  return {
    from,
    to,
    ...totals,
    absent,
    coverage: share(totals.known, totals.scheduled),
    absentRate: share(absent, totals.known),
    validRate: share(totals.valid, totals.known),
    invalidRate: share(totals.invalid, totals.known),
  };
}
