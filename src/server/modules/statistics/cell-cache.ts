/**
 * The unit cells of a roll-up key kept between reads (`stat_cells`), so a whole-organiser view sums
 * a few thousand stored cells instead of deciding 100 000 pupils' bands on every call.
 *
 * Always current, never a stale figure: triggers on `pupil_periods` give each (period key, school
 * unit) a write touches a new generation (one sequence), in the writer's transaction (migration 0012). A
 * stored cell is used only when it was computed at its source's current generation; the others are
 * recomputed by the same SQL as an uncached read and stored with the generation read before
 * computing. A write committed between that read and the computation leaves the stored
 * generation behind the source's, so the next read recomputes: no lock is shared with writers.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import type { Breakdown, UnitCellRow, Units } from './statistics.repo.js';
import { uuidArray, NIL_UUID, textArray } from '../../db/sql.js';

/** The source and cell rows of the pupils with rows in more than one unit (cells with `unit_id` null). */
export const ACROSS_UNITS = NIL_UUID;

export type ComputeUnitCells = (
  scope: { units: Units; perUnit: boolean; across: boolean },
  breakdowns: Breakdown[],
) => Promise<UnitCellRow[]>;

interface SourceRow {
  school_unit_id: string;
  breakdown: Breakdown;
  generation: string | number;
  cells: UnitCellRow[] | null;
}

/**
 * The unit cells of `periodKey` for `units` and `breakdowns`, and the across-units cells when
 * `across`: stored ones where current, the rest from `compute` (then stored). Kept per unit and
 * breakdown, so the organiser view (units' totals only) never pays for classes.
 */
export async function cachedUnitCells(
  tx: Tx,
  organiserId: string,
  periodKey: string,
  scope: { units: Units; across: boolean; breakdowns: Breakdown[] },
  listRuleShare: number,
  compute: ComputeUnitCells,
): Promise<UnitCellRow[]> {
  const unitFilter = scope.units === 'all' ? sql`true` : sql`s.school_unit_id = any(${uuidArray(scope.units)})`;
  const sources = await queryRows<SourceRow>(
    tx,
    sql`
    select s.school_unit_id, b.breakdown, s.generation, case when c.generation = s.generation then c.cells end as cells
    from stat_cell_sources s
    cross join unnest(${textArray(scope.breakdowns)}) b(breakdown)
    left join stat_cells c on c.organiser_id = s.organiser_id and c.period_key = s.period_key and c.school_unit_id = s.school_unit_id
      and c.breakdown = b.breakdown and c.list_rule_share = ${listRuleShare}
    where s.organiser_id = ${organiserId} and s.period_key = ${periodKey}
      and ((s.school_unit_id <> ${ACROSS_UNITS} and ${unitFilter}) or (${scope.across} and s.school_unit_id = ${ACROSS_UNITS}))`,
  );
  const stale = sources.filter((s) => s.cells === null);
  const kept = sources.flatMap((s) => s.cells ?? []);
  if (stale.length === 0) return kept;
  // One computation for the stale units over the breakdowns stale anywhere among them.
  const staleUnits = [...new Set(stale.map((s) => s.school_unit_id).filter((id) => id !== ACROSS_UNITS))];
  const staleBreakdowns = scope.breakdowns.filter((b) => stale.some((s) => s.breakdown === b));
  const computed = await compute(
    { units: staleUnits, perUnit: staleUnits.length > 0, across: stale.some((s) => s.school_unit_id === ACROSS_UNITS) },
    staleBreakdowns,
  );
  const entryOf = (unit: string, breakdown: Breakdown) => `${unit}|${breakdown}`;
  const cellsOf = new Map<string, UnitCellRow[]>(stale.map((s) => [entryOf(s.school_unit_id, s.breakdown), []]));
  const fresh: UnitCellRow[] = [];
  for (const cell of computed) {
    const entry = cellsOf.get(entryOf(cell.unit_id ?? ACROSS_UNITS, cell.breakdown));
    // A unit stale in one breakdown only was computed in all the stale ones: its kept cells stand for the rest.
    if (entry) {
      entry.push(cell);
      fresh.push(cell);
    }
  }
  const entries = stale.map((s) => ({
    unit: s.school_unit_id,
    breakdown: s.breakdown,
    generation: String(s.generation),
    cells: cellsOf.get(entryOf(s.school_unit_id, s.breakdown)),
  }));
  // An older computation never overwrites a newer one (two readers racing).
  await tx.execute(sql`insert into stat_cells (organiser_id, period_key, school_unit_id, breakdown, list_rule_share, generation, cells)
    select ${organiserId}, ${periodKey}, (e->>'unit')::uuid, e->>'breakdown', ${listRuleShare}, (e->>'generation')::bigint, e->'cells'
    from jsonb_array_elements(${JSON.stringify(entries)}::jsonb) e
    on conflict (organiser_id, period_key, school_unit_id, breakdown, list_rule_share) do update
      set generation = excluded.generation, cells = excluded.cells, computed_at = now()
      where stat_cells.generation <= excluded.generation`);
  return [...kept, ...fresh];
}

/**
 * Forgets the cells and sources of period keys that are gone (dropped cut dates), and cells left
 * without a source (a read that raced such a drop).
 */
export async function dropCellCache(tx: Tx, organiserId: string, periodKeys: string[]): Promise<void> {
  await tx.execute(
    sql`delete from stat_cell_sources where organiser_id = ${organiserId} and period_key = any(${textArray(periodKeys)})`,
  );
  await tx.execute(sql`delete from stat_cells c where c.organiser_id = ${organiserId} and not exists (select 1 from stat_cell_sources s
    where s.organiser_id = c.organiser_id and s.period_key = c.period_key and s.school_unit_id = c.school_unit_id)`);
}
