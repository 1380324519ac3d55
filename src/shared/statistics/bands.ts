/**
 * Absence bands over a pupil's period figures. Edges are whole percent and the lower bound is
 * inclusive: exactly 5 % is in "5–10 %", exactly 50 % in "≥ 50 %". The comparison is made on the
 * minute integers (absent · 100 ≥ edge · known), which is the same as `absentRate ≥ edge` without
 * floating-point surprises. A pupil with no known minutes has no rate and is counted as `noData`.
 */
import type { PeriodFigures } from '../measures/index.js';

export const ABSENCE_BANDS = [
  { key: 'below5', fromPercent: 0, label: 'under 5 %' },
  { key: 'from5to10', fromPercent: 5, label: '5–10 %' },
  { key: 'from10to20', fromPercent: 10, label: '10–20 %' },
  { key: 'from20to50', fromPercent: 20, label: '20–50 %' },
  { key: 'from50', fromPercent: 50, label: '50 % eller mer' },
] as const;

export type AbsenceBandKey = (typeof ABSENCE_BANDS)[number]['key'];
/** Band keys plus pupils without known minutes. */
export type BandCountKey = AbsenceBandKey | 'noData';
export const BAND_COUNT_KEYS: readonly BandCountKey[] = [...ABSENCE_BANDS.map((b) => b.key), 'noData'];
export type BandCounts = Record<BandCountKey, number>;

export const emptyBandCounts = (): BandCounts => ({
  below5: 0,
  from5to10: 0,
  from10to20: 0,
  from20to50: 0,
  from50: 0,
  noData: 0,
});

/** The band of one pupil's figures, or 'noData' when nothing is known. */
export function absenceBand(figures: Pick<PeriodFigures, 'known' | 'absent'>): BandCountKey {
  if (figures.known <= 0) return 'noData';
  for (let i = ABSENCE_BANDS.length - 1; i >= 0; i--) {
    if (figures.absent * 100 >= ABSENCE_BANDS[i].fromPercent * figures.known) return ABSENCE_BANDS[i].key;
  }
  return 'below5';
}

/** Counts pupils per band. */
export function countBands(pupils: Iterable<Pick<PeriodFigures, 'known' | 'absent'>>): BandCounts {
  const counts = emptyBandCounts();
  for (const p of pupils) counts[absenceBand(p)]++;
  return counts;
}

/**
 * The board list rule (Örebro: "more than 50 % absence in a month"): strictly above the share.
 * Uses the rate from the measures module; no rate, no listing.
 */
export const isAboveShare = (figures: Pick<PeriodFigures, 'absentRate'>, share: number): boolean =>
  figures.absentRate !== null && figures.absentRate > share;

/** The list rule as in Örebro: pupils with more than this share of their known time absent (50 %). */
export const DEFAULT_LIST_RULE_SHARE = 0.5;
