/** Aggregates → API shapes. Rates only through the measures module's periodFromTotals. */
import { periodFromTotals, type PeriodTotals } from '../../../shared/measures/totals.js';
import { emptyBandCounts, isUncertain } from '../../../shared/statistics/index.js';
import type { BoardReportList, SharingResponse, StatFigures } from '../../../shared/schemas/statistics.js';
import type { CellAggregate, findSharing, listBoardReports } from './statistics.repo.js';
import type { Static } from 'typebox';

const ZERO: PeriodTotals = {
  scheduled: 0,
  known: 0,
  attended: 0,
  valid: 0,
  invalid: 0,
  other: 0,
  lateCount: 0,
  lateMinutes: 0,
  absentDays: 0,
  absenceOccasions: 0,
  schoolDays: 0,
  longestRun: 0,
};

/** One cell's figures; a missing cell is an empty one (no pupils, no data, uncertain). */
export function presentFigures(
  cell: CellAggregate | undefined,
  from: string,
  to: string,
  minCoverage: number,
): StatFigures {
  const f = periodFromTotals(cell?.totals ?? ZERO, from, to);
  return {
    pupils: cell?.pupils ?? 0,
    scheduled: f.scheduled,
    known: f.known,
    attended: f.attended,
    valid: f.valid,
    invalid: f.invalid,
    other: f.other,
    absent: f.absent,
    lateCount: f.lateCount,
    absentDays: f.absentDays,
    absenceOccasions: f.absenceOccasions,
    coverage: f.coverage,
    absentRate: f.absentRate,
    validRate: f.validRate,
    invalidRate: f.invalidRate,
    isUncertain: isUncertain(f.coverage, minCoverage),
    bands: cell?.bands ?? emptyBandCounts(),
    aboveListShare: cell?.aboveListShare ?? 0,
  };
}

/** Cells keyed by `${schoolUnitId}|${key}`. */
export const cellKey = (schoolUnitId: string | null, key: string) => `${schoolUnitId ?? ''}|${key}`;
export const indexCells = (cells: CellAggregate[]) => new Map(cells.map((c) => [cellKey(c.schoolUnitId, c.key), c]));

export function presentBoardReport(
  r: Awaited<ReturnType<typeof listBoardReports>>[number],
): Static<typeof BoardReportList>['reports'][number] {
  return {
    id: r.id,
    from: r.period_from,
    to: r.period_to,
    origin: r.origin,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** The organiser's regional sharing (off until the huvudman turns it on). */
export function presentSharing(row: Awaited<ReturnType<typeof findSharing>>): Static<typeof SharingResponse> {
  return { isShared: row?.is_shared ?? false, changedAt: row ? new Date(row.changed_at).toISOString() : null };
}
