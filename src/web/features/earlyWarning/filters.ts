/** Client-side filters of the early-warning list (step, new this week, without an ongoing measure). */
import type { EarlyWarningRow } from '@shared/schemas/ladders';

export interface EarlyWarningFilters {
  /** A step number, or null for every step. */
  step: number | null;
  isNewOnly: boolean;
  isWithoutMeasureOnly: boolean;
  /** A school unit (organiser view), or null. */
  schoolUnitId: string | null;
}

/** The rows that pass every filter, in the server's order. */
export function filterRows(rows: readonly EarlyWarningRow[], filters: EarlyWarningFilters): EarlyWarningRow[] {
  return rows.filter(
    (row) =>
      (filters.step === null || row.stepIndex === filters.step) &&
      (!filters.isNewOnly || row.isNewThisWeek) &&
      (!filters.isWithoutMeasureOnly || row.isWithoutMeasure) &&
      (filters.schoolUnitId === null || row.schoolUnitId === filters.schoolUnitId),
  );
}

/** Changes smaller than half a percentage point read as unchanged (as on the pupil page). */
export const UNCHANGED_BELOW = 0.005;

/** Direction of the 4-week trend, or null without figures for both windows. */
export function trendDirection(recent: number | null, previous: number | null): 'up' | 'down' | 'same' | null {
  if (recent === null || previous === null) return null;
  const difference = recent - previous;
  return Math.abs(difference) < UNCHANGED_BELOW ? 'same' : difference > 0 ? 'up' : 'down';
}
