/**
 * Statistics as set-based SQL over the roll-ups (rollups.ts: pupil × month/half-year, unit × month;
 * pupil days only for a month cut mid-way). Every function here returns
 * aggregates only (grouped by school unit and breakdown key): no function in this file selects a
 * person id, a name or any other pupil field into its result, so the organiser and region views
 * cannot leak pupil rows. The per-pupil step exists only inside the SQL (to put each pupil in
 * their absence band from their own figures) and never leaves the database.
 */
import { sql, type SQL } from 'drizzle-orm';
import { inSequence, queryRows, type Tx } from '../../db/client.js';
import {
  ABSENCE_BANDS,
  DEFAULT_LIST_RULE_SHARE,
  emptyBandCounts,
  type BandCounts,
} from '../../../shared/statistics/index.js';
import type { PeriodTotals } from '../../../shared/measures/totals.js';
import { hasActiveInterventionSql } from '../../db/ongoing-measure.js';
import {
  cutKey,
  halfKeyOf,
  halfKeysBetween,
  monthKeysBetween,
  monthsOfHalf,
} from '../../../shared/statistics/index.js';
import { monthRange } from '../../../shared/dates/index.js';
import { findCutDates, placedPupilDaySums, PUPIL_DAY_SUMS } from './rollups.js';
import { cachedUnitCells } from './cell-cache.js';
import { uuidArray, textArray } from '../../db/sql.js';
import { ONGOING_MEASURE_DAYS } from '../../../shared/ladders/ongoing-measure.js';

export type Breakdown = 'none' | 'year' | 'class' | 'sex';
export type Units = string[] | 'all';

/** Sums of the per-pupil figures in one cell. */
export interface CellAggregate {
  breakdown: Breakdown;
  /** null when aggregated over the whole organiser. */
  schoolUnitId: string | null;
  key: string;
  label: string;
  pupils: number;
  totals: PeriodTotals;
  bands: BandCounts;
  aboveListShare: number;
}

const unitFilter = (column: SQL, units: Units): SQL =>
  units === 'all' ? sql`true` : sql`${column} = any(${uuidArray(units)})`;

/** Which roll-up rows and which pupil-day ranges make up a period; see `planPeriod`. */
export interface PeriodPlan {
  periodKeys: string[];
  dayRanges: { from: string; to: string }[];
}

/**
 * Splits [from, to] into roll-up periods and leftover day ranges. A month (or half-year) is read
 * from the roll-up when the organiser has no school day in it outside [from, to] — so a term
 * (18 Aug–19 Dec) reads one half-year row per pupil. When the only days outside are after `to`
 * and the roll-up is kept to `to` (a cut date: today, or a year ago), the "to date" key is read
 * instead ('2026-H2~2026-11-23'). Only what is left is summed from pupil days.
 */
export async function planPeriod(tx: Tx, organiserId: string, from: string, to: string): Promise<PeriodPlan> {
  const halves = halfKeysBetween(from, to);
  const [{ before, after }, cuts] = await inSequence(
    () => daysOutside(tx, organiserId, halves.flatMap(monthsOfHalf), from, to),
    () => findCutDates(tx, organiserId),
  );
  const toIsCut = cuts.includes(to);
  const plan: PeriodPlan = { periodKeys: [], dayRanges: [] };
  for (const half of halves) {
    const halfMonths = monthsOfHalf(half);
    if (!halfMonths.some((m) => before.has(m) || after.has(m))) {
      plan.periodKeys.push(half);
      continue;
    }
    if (toIsCut && halfKeyOf(to) === half && !halfMonths.some((m) => before.has(m))) {
      plan.periodKeys.push(cutKey(half, to));
      continue;
    }
    for (const month of halfMonths) {
      const range = monthRange(month);
      if (range.to < from || range.from > to) continue;
      if (!before.has(month) && !after.has(month)) plan.periodKeys.push(month);
      else if (toIsCut && month === to.slice(0, 7) && !before.has(month)) plan.periodKeys.push(cutKey(month, to));
      else plan.dayRanges.push({ from: range.from < from ? from : range.from, to: range.to > to ? to : range.to });
    }
  }
  return plan;
}

/** The months in which the organiser has a school day before `from`, and after `to` (index probes on the roll-up). */
export async function daysOutside(
  tx: Tx,
  organiserId: string,
  months: string[],
  from: string,
  to: string,
): Promise<{ before: Set<string>; after: Set<string> }> {
  // min/max become one-row index scans on (organiser_id, period_key, first_date | last_date).
  const rows = await queryRows<{ key: string; before: boolean; after: boolean }>(
    tx,
    sql`select m.key,
      coalesce((select min(p.first_date) from pupil_periods p where p.organiser_id = ${organiserId} and p.period_key = m.key) < ${from}::date, false) as before,
      coalesce((select max(p.last_date) from pupil_periods p where p.organiser_id = ${organiserId} and p.period_key = m.key) > ${to}::date, false) as after
    from unnest(${textArray(months)}) m(key)`,
  );
  return {
    before: new Set(rows.filter((r) => r.before).map((r) => r.key)),
    after: new Set(rows.filter((r) => r.after).map((r) => r.key)),
  };
}

/** The months in which the organiser has a school day outside [from, to]. */
export async function monthsWithDaysOutside(
  tx: Tx,
  organiserId: string,
  months: string[],
  from: string,
  to: string,
): Promise<Set<string>> {
  const { before, after } = await daysOutside(tx, organiserId, months, from, to);
  return new Set([...before, ...after]);
}

export interface UnitMonthAggregate {
  month: string;
  schoolUnitId: string;
  pupils: number;
  totals: PeriodTotals;
}

/**
 * Per school unit and calendar month of [from, to] (each month cut to the range): sums and distinct
 * pupils, from `unit_months`, or from pupil days for a month cut where it has school days on both sides.
 */
export async function aggregateUnitMonths(
  tx: Tx,
  organiserId: string,
  from: string,
  to: string,
  units: Units,
): Promise<UnitMonthAggregate[]> {
  const months = monthKeysBetween(from, to);
  const [{ before, after }, cuts] = await inSequence(
    () => daysOutside(tx, organiserId, months, from, to),
    () => findCutDates(tx, organiserId),
  );
  const whole = months.filter((m) => !before.has(m) && !after.has(m));
  // The running month (cut at today, or at the same date a year ago) from its "to date" key.
  const toDate = months.filter((m) => !before.has(m) && after.has(m) && m === to.slice(0, 7) && cuts.includes(to));
  const cut = months.filter((m) => !whole.includes(m) && !toDate.includes(m));
  const parts = [
    sql`select um.month, um.school_unit_id, um.pupils, ${sql.raw(
      SUMS.split(', ')
        .map((c) => `um.${c}`)
        .join(', '),
    )}
    from unit_months um where um.organiser_id = ${organiserId} and um.month = any(${textArray(whole)}) and ${unitFilter(sql`um.school_unit_id`, units)}`,
  ];
  if (cut.length > 0) {
    const ranges = cut
      .map((m) => monthRange(m))
      .map((r) => sql`pd.date between ${r.from < from ? from : r.from} and ${r.to > to ? to : r.to}`);
    parts.push(sql`select to_char(pd.date, 'YYYY-MM'), pd.school_unit_id, count(distinct pd.person_id)::int, ${PUPIL_DAY_SUMS}
      from pupil_days pd where pd.organiser_id = ${organiserId} and (${sql.join(ranges, sql` or `)}) and ${unitFilter(sql`pd.school_unit_id`, units)}
      group by 1, 2`);
  }
  const rows = await queryRows<{ month: string; school_unit_id: string; pupils: number } & Record<string, number>>(
    tx,
    sql`${sql.join(parts, sql` union all `)} order by 1, 2`,
  );
  const summed = rows.map((r) => ({
    month: r.month,
    schoolUnitId: r.school_unit_id,
    pupils: r.pupils,
    totals: {
      scheduled: r.scheduled,
      known: r.known,
      attended: r.attended,
      valid: r.valid,
      invalid: r.invalid,
      other: r.other,
      lateCount: r.late_count,
      lateMinutes: r.late_minutes,
      absentDays: r.absent_days,
      absenceOccasions: r.absence_occasions,
      schoolDays: r.school_days,
      longestRun: 0,
    },
  }));
  if (toDate.length === 0) return summed;
  // The running month: each unit's total cell of its "to date" key (distinct pupils and sums, as unit_months holds).
  const cells = await keptUnitCells(tx, organiserId, cutKey(toDate[0], to), {
    units,
    across: false,
    breakdowns: ['none'],
  });
  const running = foldUnitCells(cells, ['none'], true, false).map((c) => ({
    month: toDate[0],
    schoolUnitId: c.unitId!,
    ...figuresOf(c.counts),
  }));
  return [...summed, ...running].sort((a, b) => (a.month + a.schoolUnitId < b.month + b.schoolUnitId ? -1 : 1));
}

const SUMS =
  'scheduled, known, attended, valid, invalid, other, late_count, late_minutes, absent_days, absence_occasions, school_days';

/**
 * Pupil × placement rows of a planned period: roll-up rows plus sums of the leftover pupil days.
 * Columns: school_unit_id, person_id, school_year_key, class_key, the sums, unit_rows, period_rows
 * (the pupil's rows in the unit and in all; 0 and -1 = unknown, when the plan mixes several rows
 * per pupil: then every pupil is grouped, and none counts as "in one unit only").
 * `acrossUnitsOnly`: only the roll-up rows of pupils with rows in more than one unit (one-key plans).
 */
export function periodRows(
  organiserId: string,
  plan: PeriodPlan,
  units: Units,
  withPlacement: boolean,
  acrossUnitsOnly = false,
): SQL {
  const counts =
    plan.periodKeys.length === 1 && plan.dayRanges.length === 0 ? sql`pp.unit_rows, pp.period_rows` : sql`0, -1`;
  const parts = [
    sql`select pp.school_unit_id, pp.person_id, pp.school_year_key, pp.class_key, ${sumsOf('pp', false)}, ${counts}
    from pupil_periods pp where pp.organiser_id = ${organiserId} and pp.period_key = any(${textArray(plan.periodKeys)}) and ${unitFilter(sql`pp.school_unit_id`, units)}
      ${acrossUnitsOnly ? sql`and pp.unit_rows <> pp.period_rows` : sql``}`,
  ];
  if (plan.dayRanges.length > 0) {
    const dates = sql.join(
      plan.dayRanges.map((r) => sql`pd.date between ${r.from} and ${r.to}`),
      sql` or `,
    );
    if (!withPlacement) {
      parts.push(sql`select pd.school_unit_id, pd.person_id, '', '', ${PUPIL_DAY_SUMS}, 0, -1
        from pupil_days pd where pd.organiser_id = ${organiserId} and (${dates}) and ${unitFilter(sql`pd.school_unit_id`, units)} group by 1, 2`);
    } else
      parts.push(sql`select c.school_unit_id, c.person_id, c.school_year_key, c.class_key, ${sumsOf('c', false)}, 0, -1
      from (${placedPupilDaySums(organiserId, sql`(${dates}) and ${unitFilter(sql`pd.school_unit_id`, units)}`, sql`true`, sql`('')`)}) c`);
  }
  return sql.join(parts, sql` union all `);
}

const SUMMED = SUMS.split(', ');
/** The column names of `periodRows`. */
export const PERIOD_ROW_COLUMNS = sql.raw(
  ['school_unit_id', 'person_id', 'school_year_key', 'class_key', ...SUMMED, 'unit_rows', 'period_rows'].join(', '),
);
/** The sum columns of `prefix`, as they are or summed per group. */
export function sumsOf(prefix: string, aggregate: boolean): SQL {
  return sql.raw(SUMMED.map((c) => (aggregate ? `sum(${prefix}.${c})::bigint as ${c}` : `${prefix}.${c}`)).join(', '));
}

/** The breakdown's key on the period rows `r` (placement on each day; sex from the person, joined as `r.sex`). */
const BREAKDOWN_KEY = { year: sql`r.school_year_key`, class: sql`r.class_key`, sex: sql`coalesce(r.sex, '')` } as const;

/**
 * Per-cell aggregates of per-pupil rows `alias` (each with `band` from `bandIndexOf`): pupils, the
 * sums, pupils above the list rule's share, pupils per band (band_<key>, band_nodata).
 */
function cellAggregates(alias: string, listRuleShare: number): SQL {
  const a = sql.raw(alias);
  const bands = ABSENCE_BANDS.map(
    (band, i) =>
      sql`(count(*) filter (where ${a}.band = ${sql.raw(String(i))}))::int as ${sql.identifier(`band_${band.key}`)}`,
  );
  return sql`count(*)::int as pupils, ${sumsOf(alias, true)},
    (count(*) filter (where ${a}.known > 0 and (${a}.valid + ${a}.invalid)::float8 / ${a}.known > ${listRuleShare}::float8))::int as above_share,
    ${sql.join(bands, sql`, `)}, (count(*) filter (where ${a}.band = -1))::int as band_nodata`;
}

/**
 * The absence band of a per-pupil row as its index in ABSENCE_BANDS (-1 = no known time), on
 * minute integers exactly as `absenceBand` does (absent · 100 ≥ edge · known). Tests hold them together.
 */
function bandIndexOf(alias: string): SQL {
  const a = sql.raw(alias);
  const whens = ABSENCE_BANDS.map((band, i) => ({ band, i }))
    .reverse()
    .map(
      ({ band, i }) =>
        sql`when (${a}.valid + ${a}.invalid) * 100 >= ${band.fromPercent}::bigint * ${a}.known then ${sql.raw(String(i))}`,
    );
  return sql`case when ${a}.known <= 0 then -1 ${sql.join(whens, sql` `)} else 0 end`;
}

/** GROUPING SETS over `leading` columns, each breakdown's key and the pupil, with the breakdown and key named by GROUPING(). */
function groupedBreakdowns(breakdowns: Breakdown[], leading: SQL[], perPupil: boolean) {
  const sets = breakdowns.map(
    (b) =>
      sql`(${sql.join([...leading, ...(b === 'none' ? [] : [BREAKDOWN_KEY[b]]), ...(perPupil ? [sql`r.person_id`] : [])], sql`, `)})`,
  );
  const split = breakdowns.filter((b): b is Exclude<Breakdown, 'none'> => b !== 'none');
  // grouping(key) = 0 in the set that groups by it; the 'none' set groups by none of them.
  const breakdown =
    split.length === 0
      ? sql`'none'`
      : sql`case ${sql.join(
          split.map((b) => sql`when grouping(${BREAKDOWN_KEY[b]}) = 0 then ${b}`),
          sql` `,
        )} else 'none' end`;
  const key =
    split.length === 0
      ? sql`''`
      : sql`case ${sql.join(
          split.map((b) => sql`when grouping(${BREAKDOWN_KEY[b]}) = 0 then ${BREAKDOWN_KEY[b]}`),
          sql` `,
        )} else '' end`;
  return { sets: sql.join(sets, sql`, `), breakdown, key };
}

/** Per-pupil figures summed over several rows of each pupil, then aggregated into cells. */
function cellsOfGroupedPupils(
  breakdowns: Breakdown[],
  leading: SQL[],
  unitId: SQL,
  inOneUnit: SQL,
  where: SQL,
  listRuleShare: number,
): SQL {
  const g = groupedBreakdowns(breakdowns, leading, true);
  return sql`select pp.breakdown, pp.unit_id, pp.key, pp.in_one_unit, ${cellAggregates('pp', listRuleShare)}
    from (select q.*, ${bandIndexOf('q')} as band from (
      select ${g.breakdown} as breakdown, ${unitId} as unit_id, ${g.key} as key, ${inOneUnit} as in_one_unit, ${sumsOf('r', true)}
      from r where ${where} group by grouping sets (${g.sets})) q) pp
    group by pp.breakdown, pp.unit_id, pp.key, pp.in_one_unit`;
}

/**
 * The cells of each school unit: (breakdown, unit_id, key, in_one_unit, aggregates). A pupil with a
 * single row in the unit (one placement all period) has that row as their figure in every
 * breakdown, so those rows go straight into the cells (GROUPING SETS, one pass) — most pupils, so
 * a whole-organiser view is one scan. Only the others are first summed per pupil.
 * `in_one_unit`: the pupils had no rows in another unit, so these figures are also organiser-wide.
 */
function unitCells(breakdowns: Breakdown[], listRuleShare: number): SQL {
  const inOne = sql`(r.unit_rows = r.period_rows)`;
  const g = groupedBreakdowns(breakdowns, [sql`r.school_unit_id`, inOne], false);
  const singles = sql`select ${g.breakdown} as breakdown, r.school_unit_id as unit_id, ${g.key} as key, ${inOne} as in_one_unit, ${cellAggregates('r', listRuleShare)}
    from (select r.*, ${bandIndexOf('r')} as band from r where r.unit_rows = 1 offset 0) r
    group by grouping sets (${g.sets})`;
  const grouped = cellsOfGroupedPupils(
    breakdowns,
    [sql`r.school_unit_id`, inOne],
    sql`r.school_unit_id`,
    inOne,
    sql`r.unit_rows <> 1`,
    listRuleShare,
  );
  return sql`${singles} union all ${grouped}`;
}

/** Organiser-wide cells of the pupils with rows in more than one unit (few), summed per pupil first. */
function acrossUnitCells(breakdowns: Breakdown[], listRuleShare: number): SQL {
  return cellsOfGroupedPupils(
    breakdowns,
    [],
    sql`null::uuid`,
    sql`false`,
    sql`r.unit_rows <> r.period_rows`,
    listRuleShare,
  );
}

/** The count and sum columns of a cell, in the order the cell SQL selects them. */
const CELL_COUNTS = ['pupils', ...SUMMED, 'above_share', ...ABSENCE_BANDS.map((b) => `band_${b.key}`), 'band_nodata'];
const COUNT_INDEX = new Map(CELL_COUNTS.map((column, i) => [column, i]));
const countOf = (counts: number[], column: string) => counts[COUNT_INDEX.get(column)!];

/**
 * A cell of one school unit (or, with `unit_id` null, of the pupils in more than one unit, whole
 * organiser): counts and sums only, `counts` in CELL_COUNTS order (compact when kept as jsonb).
 * `in_one_unit`: its pupils had no rows in another unit.
 */
export interface UnitCellRow {
  breakdown: Breakdown;
  unit_id: string | null;
  key: string;
  in_one_unit: boolean;
  counts: number[];
}

export const ALL_BREAKDOWNS: Breakdown[] = ['none', 'year', 'class', 'sex'];

/**
 * The unit cells of a planned period, computed from its per-pupil rows: per school unit for
 * `units` (when `perUnit`), and across units (when `across`: the organiser's pupils with rows in
 * more than one unit; with `units` 'all' only). Bigint sums come back as numbers.
 */
export async function computeUnitCells(
  tx: Tx,
  organiserId: string,
  plan: PeriodPlan,
  scope: { units: Units; perUnit: boolean; across: boolean },
  breakdowns: Breakdown[],
  listRuleShare: number,
): Promise<UnitCellRow[]> {
  const withPlacement = breakdowns.includes('year') || breakdowns.includes('class');
  const withSex = breakdowns.includes('sex');
  const parts: SQL[] = [];
  if (scope.perUnit) parts.push(unitCells(breakdowns, listRuleShare));
  if (scope.across) parts.push(acrossUnitCells(breakdowns, listRuleShare));
  if (parts.length === 0) return [];
  // With the unit cells the across part reads the same rows; alone it reads only the pupils in
  // several units (a partial index), when the plan has their row counts.
  const readsRollupOnly = plan.periodKeys.length === 1 && plan.dayRanges.length === 0;
  const acrossOnly = !scope.perUnit && readsRollupOnly;
  // Roll-up rows are read by index in each part (partial indexes for the few grouped pupils);
  // pupil-day sums are computed once and shared.
  // The cells are few (hundreds) but the planner cannot know it: with room to hash them it makes one
  // pass over the pupils instead of sorting them. Local to this (sub)transaction.
  const rows = await tx.transaction(async (inner) => {
    await inner.execute(sql`set local work_mem = '64MB'`);
    return queryRows<Record<string, unknown>>(
      inner,
      sql`
    with r as ${readsRollupOnly ? sql`not materialized` : sql`materialized`} (
      select r.*${withSex ? sql`, p.sex` : sql``} from (${periodRows(organiserId, plan, scope.units, withPlacement, acrossOnly)}) r (${PERIOD_ROW_COLUMNS})
      ${withSex ? sql`join persons p on p.organiser_id = ${organiserId} and p.id = r.person_id` : sql``})
    ${sql.join(parts, sql` union all `)}`,
    );
  });
  return rows.map((r) => ({
    breakdown: r.breakdown as Breakdown,
    unit_id: r.unit_id as string | null,
    key: String(r.key),
    in_one_unit: Boolean(r.in_one_unit),
    // Minutes of a whole municipality pass 2^31 (100 000 pupils × a term): summed as bigint, read as numbers.
    counts: CELL_COUNTS.map((column) => Number(r[column])),
  }));
}

/**
 * Unit cells folded into the cells asked for: per unit (both halves of `in_one_unit` added up),
 * and organiser-wide (the unit cells of pupils in one unit plus the across-units cells).
 */
function foldUnitCells(rows: UnitCellRow[], breakdowns: Breakdown[], perUnit: boolean, organiserWide: boolean) {
  const folded = new Map<string, { breakdown: Breakdown; unitId: string | null; key: string; counts: number[] }>();
  const add = (row: UnitCellRow, unitId: string | null) => {
    const id = `${row.breakdown}|${unitId ?? ''}|${row.key}`;
    const cell = folded.get(id);
    if (!cell) folded.set(id, { breakdown: row.breakdown, unitId, key: row.key, counts: [...row.counts] });
    else for (let i = 0; i < cell.counts.length; i++) cell.counts[i] += row.counts[i];
  };
  for (const row of rows) {
    if (!breakdowns.includes(row.breakdown)) continue;
    if (perUnit && row.unit_id !== null) add(row, row.unit_id);
    if (organiserWide && (row.in_one_unit || row.unit_id === null)) add(row, null);
  }
  return [...folded.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Pupils and period totals of a cell's counts. */
function figuresOf(counts: number[]): { pupils: number; totals: PeriodTotals } {
  const n = (column: string) => countOf(counts, column);
  return {
    pupils: n('pupils'),
    totals: {
      scheduled: n('scheduled'),
      known: n('known'),
      attended: n('attended'),
      valid: n('valid'),
      invalid: n('invalid'),
      other: n('other'),
      lateCount: n('late_count'),
      lateMinutes: n('late_minutes'),
      absentDays: n('absent_days'),
      absenceOccasions: n('absence_occasions'),
      schoolDays: n('school_days'),
      longestRun: 0,
    },
  };
}

/** The unit cells of one roll-up key for the usual list-rule share, from `stat_cells` where current. */
function keptUnitCells(
  tx: Tx,
  organiserId: string,
  periodKey: string,
  scope: { units: Units; across: boolean; breakdowns: Breakdown[] },
): Promise<UnitCellRow[]> {
  const plan: PeriodPlan = { periodKeys: [periodKey], dayRanges: [] };
  return cachedUnitCells(tx, organiserId, periodKey, scope, DEFAULT_LIST_RULE_SHARE, (stale, breakdowns) =>
    computeUnitCells(tx, organiserId, plan, stale, breakdowns, DEFAULT_LIST_RULE_SHARE),
  );
}

/**
 * Brings the kept cells of the roll-up keys of these half-years ('2026-H2': its months, the
 * half-year and its "to date" keys) up to date now, so the day's first views read stored cells.
 * The nightly job runs it after moving the cut dates.
 */
export async function warmUnitCells(tx: Tx, organiserId: string, halves: string[]): Promise<string[]> {
  const keys = (
    await queryRows<{ period_key: string }>(
      tx,
      sql`select distinct period_key from stat_cell_sources
    where organiser_id = ${organiserId} and ${sql.join(
      halves.flatMap((h) => [
        sql`period_key = ${h}`,
        sql`period_key like ${`${h}~%`}`,
        ...monthsOfHalf(h).map((m) => sql`period_key like ${`${m}%`}`),
      ]),
      sql` or `,
    )} order by 1`,
    )
  ).map((r) => r.period_key);
  for (const key of keys)
    await keptUnitCells(tx, organiserId, key, { units: 'all', across: true, breakdowns: ALL_BREAKDOWNS });
  return keys;
}

/** Display names of the class groups among the keys. */
async function classNames(tx: Tx, organiserId: string, keys: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(keys.filter((k) => k !== ''))];
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; name: string }>(
    tx,
    sql`select id::text, display_name as name from groups
    where organiser_id = ${organiserId} and id = any(${uuidArray(ids)})`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Sums of the per-pupil figures for [from, to], grouped by school unit (or the whole organiser when
 * `perUnit` is false, or both with 'both') and each breakdown's key. A pupil counts in a cell when
 * they have a school day in it, with their own figure there (a pupil who changed class is in both
 * classes, each with the days spent in it). A period read from one roll-up key (a month, a term,
 * either to date) uses the unit cells kept in `stat_cells` and recomputes only the stale ones.
 */
export async function aggregateCells(
  tx: Tx,
  organiserId: string,
  from: string,
  to: string,
  units: Units,
  options: { breakdowns: Breakdown[]; perUnit: boolean | 'both'; listRuleShare: number },
): Promise<CellAggregate[]> {
  const plan = await planPeriod(tx, organiserId, from, to);
  const perUnit = options.perUnit !== false;
  const organiserWide = options.perUnit !== true;
  // Kept for the list rule's usual share only: any other share (an API parameter) is computed each time.
  const cacheable =
    plan.periodKeys.length === 1 &&
    plan.dayRanges.length === 0 &&
    (units === 'all' || !organiserWide) &&
    options.listRuleShare === DEFAULT_LIST_RULE_SHARE;
  const rows = cacheable
    ? await keptUnitCells(tx, organiserId, plan.periodKeys[0], {
        units,
        across: organiserWide,
        breakdowns: options.breakdowns,
      })
    : await computeUnitCells(
        tx,
        organiserId,
        plan,
        { units, perUnit: true, across: organiserWide },
        options.breakdowns,
        options.listRuleShare,
      );
  const cells = foldUnitCells(rows, options.breakdowns, perUnit, organiserWide);
  const names = await classNames(
    tx,
    organiserId,
    cells.filter((c) => c.breakdown === 'class').map((c) => c.key),
  );
  return cells.map(({ breakdown, unitId, key, counts }) => {
    const n = (column: string) => countOf(counts, column);
    const bands = emptyBandCounts();
    for (const band of ABSENCE_BANDS) bands[band.key] = n(`band_${band.key}`);
    bands.noData = n('band_nodata');
    return {
      breakdown,
      schoolUnitId: unitId,
      key,
      label: (breakdown === 'class' ? names.get(key) : undefined) ?? key,
      aboveListShare: n('above_share'),
      bands,
      ...figuresOf(counts),
    };
  });
}

/** Pupils per current ladder step (≥ 1) per school unit. */
export async function countLadderSteps(
  tx: Tx,
  organiserId: string,
  units: Units,
): Promise<{ school_unit_id: string | null; step_index: number; pupils: number }[]> {
  const filter = units === 'all' ? sql`true` : sql`s.school_unit_id = any(${uuidArray(units)})`;
  return queryRows(
    tx,
    sql`select s.school_unit_id, s.step_index, count(*)::int as pupils from pupil_ladder_states s
    where s.organiser_id = ${organiserId} and s.step_index >= 1 and ${filter}
    group by s.school_unit_id, s.step_index order by s.school_unit_id, s.step_index`,
  );
}

/**
 * Per school unit: pupils on a step now, and of them those without an ongoing measure — the
 * early-warning definition and rows (early-warning.repo joins; ladders.presenter: no open task and none done
 * within ONGOING_MEASURE_DAYS, and no active intervention in an open case). A test holds the two views together.
 */
export async function countWithoutMeasure(
  tx: Tx,
  organiserId: string,
  today: string,
): Promise<{ school_unit_id: string | null; on_step: number; without_measure: number }[]> {
  return queryRows(
    tx,
    sql`
    with t as (
      select t.person_id, count(*) filter (where t.status = 'open') as open_tasks, (max(t.done_at) filter (where t.status = 'done'))::date as last_done
      from tasks t where t.organiser_id = ${organiserId} group by t.person_id)
    select s.school_unit_id, count(*)::int as on_step,
      (count(*) filter (where coalesce(t.open_tasks, 0) = 0 and (t.last_done is null or ${today}::date - t.last_done > ${ONGOING_MEASURE_DAYS}::int)
        and not ${hasActiveInterventionSql(sql`s.person_id`, sql`s.organiser_id`, today)}))::int as without_measure
    from pupil_ladder_states s
    join persons p on p.organiser_id = s.organiser_id and p.id = s.person_id
    join ladder_versions v on v.organiser_id = s.organiser_id and v.id = s.ladder_version_id
    left join t on t.person_id = s.person_id
    where s.organiser_id = ${organiserId} and s.step_index >= 1
    group by s.school_unit_id`,
  );
}

/** Per school unit: tasks created and done in the period (Stockholm dates), and open past their due date today. */
export async function countTasks(
  tx: Tx,
  organiserId: string,
  from: string,
  to: string,
  today: string,
): Promise<{ school_unit_id: string | null; created: number; done: number; overdue: number }[]> {
  return queryRows(
    tx,
    sql`select t.school_unit_id,
      (count(*) filter (where (t.created_at at time zone 'Europe/Stockholm')::date between ${from} and ${to}))::int as created,
      (count(*) filter (where t.status = 'done' and (t.done_at at time zone 'Europe/Stockholm')::date between ${from} and ${to}))::int as done,
      (count(*) filter (where t.status = 'open' and t.due_date < ${today}))::int as overdue
    from tasks t where t.organiser_id = ${organiserId} group by t.school_unit_id`,
  );
}

/** Member organisers of the region that share, with their name (the Huvudman organisation). */
export async function findSharingOrganisers(
  tx: Tx,
  regionId: string,
): Promise<{ organiser_id: string; name: string }[]> {
  return queryRows(
    tx,
    sql`select s.organiser_id, coalesce(o.display_name, s.organiser_id::text) as name
    from region_members m
    join organiser_sharing s on s.organiser_id = m.organiser_id and s.is_shared
    left join organisations o on o.organiser_id = s.organiser_id and o.id = s.organiser_id
    where m.region_id = ${regionId} order by name`,
  );
}

/** The region's name and how many member organisers it has (sharing or not). */
export async function findRegion(tx: Tx, regionId: string): Promise<{ name: string; members: number } | null> {
  const [row] = await queryRows<{ name: string; members: number }>(
    tx,
    sql`select r.name,
      (select count(*)::int from region_members m where m.region_id = r.region_id) as members
    from regions r where r.region_id = ${regionId}`,
  );
  return row ?? null;
}

export async function findSharing(
  tx: Tx,
  organiserId: string,
): Promise<{ is_shared: boolean; changed_at: Date | string } | null> {
  const [row] = await queryRows<{ is_shared: boolean; changed_at: Date | string }>(
    tx,
    sql`select is_shared, changed_at from organiser_sharing where organiser_id = ${organiserId}`,
  );
  return row ?? null;
}

/** The organiser's own name (its Huvudman organisation). */
export async function findOrganiserName(tx: Tx, organiserId: string): Promise<string> {
  const [row] = await queryRows<{ name: string }>(
    tx,
    sql`select display_name as name from organisations where organiser_id = ${organiserId} and id = ${organiserId}`,
  );
  return row?.name ?? 'Huvudmannen';
}

/** Every region (operator tools only: crosses tenants). */
export async function unsafeAllRegionIds(tx: Tx): Promise<string[]> {
  return (await queryRows<{ region_id: string }>(tx, sql`select region_id from regions order by name`)).map(
    (r) => r.region_id,
  );
}

export async function findBoardReportSchedule(
  tx: Tx,
  organiserId: string,
): Promise<{ frequency: 'off' | 'monthly' | 'termly'; text: string } | null> {
  const [row] = await queryRows<{ frequency: 'off' | 'monthly' | 'termly'; text: string }>(
    tx,
    sql`select frequency, text from board_report_schedules where organiser_id = ${organiserId}`,
  );
  return row ?? null;
}

/** Organisers with a board report schedule (the job: crosses tenants on purpose). */
export async function unsafeScheduledBoardReports(
  tx: Tx,
): Promise<{ organiser_id: string; frequency: 'monthly' | 'termly'; text: string }[]> {
  return queryRows(tx, sql`select organiser_id, frequency, text from board_report_schedules where frequency <> 'off'`);
}

export async function listBoardReports(
  tx: Tx,
  organiserId: string,
): Promise<{ id: string; period_from: string; period_to: string; origin: string; created_at: string | Date }[]> {
  return queryRows(
    tx,
    sql`select id, period_from::text, period_to::text, origin, created_at from board_reports where organiser_id = ${organiserId} order by created_at desc, period_from desc`,
  );
}

export async function findBoardReport(
  tx: Tx,
  organiserId: string,
  id: string,
): Promise<{ period_from: string; period_to: string; pdf_base64: string } | null> {
  const [row] = await queryRows<{ period_from: string; period_to: string; pdf_base64: string }>(
    tx,
    sql`select period_from::text, period_to::text, pdf_base64 from board_reports where organiser_id = ${organiserId} and id = ${id}`,
  );
  return row ?? null;
}

export async function hasBoardReport(
  tx: Tx,
  organiserId: string,
  from: string,
  to: string,
  origin: string,
): Promise<boolean> {
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from board_reports where organiser_id = ${organiserId} and period_from = ${from} and period_to = ${to} and origin = ${origin}`,
  );
  return row.n > 0;
}
