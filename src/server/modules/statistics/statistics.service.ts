/**
 * The statistics views, built from the aggregate-only repository. Routes, the CLI and the board
 * report all call these, so every output is computed by the same code.
 */
import { concurrently, type Tx } from '../../db/client.js';
import { notFound } from '../../errors.js';
import { monthRange } from '../../../shared/dates/index.js';
import { periodFromTotals, type PeriodTotals } from '../../../shared/measures/totals.js';
import {
  BAND_COUNT_KEYS,
  DEFAULT_LIST_RULE_SHARE,
  DEFAULT_MIN_COVERAGE,
  monthKeysBetween,
  MIN_CELL_PUPILS,
  isUncertain,
  shiftYears,
  suppressTable,
  type BandCounts,
} from '../../../shared/statistics/index.js';
import type {
  MonthFigures,
  MonthlyStatisticsResponse,
  OrganiserStatisticsResponse,
  RegionalRow,
  RegionalStatisticsResponse,
  SchoolStatisticsResponse,
  StatBreakdownRow,
} from '../../../shared/schemas/statistics.js';
import {
  aggregateCells,
  aggregateUnitMonths,
  monthsWithDaysOutside,
  findRegion,
  type UnitMonthAggregate,
  countLadderSteps,
  countTasks,
  countWithoutMeasure,
  findSharingOrganisers,
  type Breakdown,
  type CellAggregate,
  type Units,
} from './statistics.repo.js';
import { cellKey, indexCells, presentFigures } from './statistics.presenter.js';
import { findSchoolUnits } from '../../db/organisations.js';
import { organiserActivity } from './organiser-activity.js';

export { DEFAULT_LIST_RULE_SHARE };

/** Field-wise sum of period totals (longestRun stays 0: it is not additive). */
function sumTotals(all: PeriodTotals[]): PeriodTotals {
  const sum: PeriodTotals = {
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
  for (const t of all)
    for (const key of Object.keys(sum) as (keyof PeriodTotals)[]) if (key !== 'longestRun') sum[key] += t[key];
  return sum;
}

export interface PeriodOptions {
  from: string;
  to: string;
  minCoverage?: number;
  listRuleShare?: number;
}

/**
 * The period and the same period a year earlier. An edge month the period covers whole (the
 * organiser has no school day in it outside the period) is compared with the whole month a year
 * earlier: the autumn term 18 Aug–19 Dec is compared with the previous autumn term however its
 * first and last days fell, not with a sliver-off copy of this year's dates.
 */
async function resolve(tx: Tx, organiserId: string, options: PeriodOptions) {
  const first = monthKeysBetween(options.from, options.from)[0];
  const last = monthKeysBetween(options.to, options.to)[0];
  const cut = await monthsWithDaysOutside(tx, organiserId, [...new Set([first, last])], options.from, options.to);
  const previousFrom = shiftYears(cut.has(first) ? options.from : monthRange(first).from, -1);
  const previousTo = shiftYears(cut.has(last) ? options.to : monthRange(last).to, -1);
  return {
    from: options.from,
    to: options.to,
    previousFrom,
    previousTo,
    minCoverage: options.minCoverage ?? DEFAULT_MIN_COVERAGE,
    listRuleShare: options.listRuleShare ?? DEFAULT_LIST_RULE_SHARE,
  };
}
type Resolved = Awaited<ReturnType<typeof resolve>>;

function byUnit(cells: CellAggregate[]): Map<string | null, CellAggregate[]> {
  const units = new Map<string | null, CellAggregate[]>();
  for (const c of cells) {
    const list = units.get(c.schoolUnitId);
    if (list) list.push(c);
    else units.set(c.schoolUnitId, [c]);
  }
  return units;
}

/** Current and previous-year cells for the breakdowns (one query per year). */
async function cellsBoth(
  tx: Tx,
  organiserId: string,
  p: Resolved,
  units: Units,
  breakdowns: Breakdown[],
  perUnit: boolean | 'both',
) {
  const opts = { breakdowns, perUnit, listRuleShare: p.listRuleShare };
  const [current, previous] = await concurrently(
    tx,
    () => aggregateCells(tx, organiserId, p.from, p.to, units, opts),
    () => aggregateCells(tx, organiserId, p.previousFrom, p.previousTo, units, opts),
  );
  return (breakdown: Breakdown) => {
    const [currentCells, previousCells] = [current, previous].map((cells) =>
      cells.filter((c) => c.breakdown === breakdown),
    );
    return {
      current: currentCells,
      previous: previousCells,
      currentIndex: indexCells(currentCells),
      previousIndex: indexCells(previousCells),
      currentByUnit: byUnit(currentCells),
      previousByUnit: byUnit(previousCells),
    };
  };
}
type Both = ReturnType<Awaited<ReturnType<typeof cellsBoth>>>;

const SEX_LABELS: Record<string, string> = { '': 'Okänt', Man: 'Pojkar', Kvinna: 'Flickor', Okänt: 'Okänt' };

/** A breakdown key as the school view shows it; `name` is the class's name for a class key. */
export function breakdownKeyLabel(breakdown: Exclude<Breakdown, 'none'>, key: string, name: string): string {
  if (breakdown === 'year') return key ? `Åk ${key}` : 'Okänd årskurs';
  if (breakdown === 'class') return key ? name : 'Utan klass';
  return SEX_LABELS[key] ?? name;
}

/** Swedish order with numbers by value ("Åk 2" before "Åk 10"); one collator, not one per comparison. */
const bySwedishLabel = new Intl.Collator('sv', { numeric: true }).compare;

function breakdownRows(
  both: Both,
  unitId: string,
  p: Resolved,
  labelOf: (c: CellAggregate) => string,
): StatBreakdownRow[] {
  const keys = new Map<string, CellAggregate>();
  for (const c of [...(both.previousByUnit.get(unitId) ?? []), ...(both.currentByUnit.get(unitId) ?? [])])
    keys.set(c.key, c);
  return [...keys.values()]
    .map((c) => ({
      key: c.key,
      label: labelOf(c),
      current: presentFigures(both.currentIndex.get(cellKey(unitId, c.key)), p.from, p.to, p.minCoverage),
      previous: presentFigures(
        both.previousIndex.get(cellKey(unitId, c.key)),
        p.previousFrom,
        p.previousTo,
        p.minCoverage,
      ),
    }))
    .sort((a, b) => bySwedishLabel(a.label, b.label));
}

/** The school view: per unit, totals and breakdowns by year, class and sex, with the year before beside them. */
export async function buildSchoolStatistics(
  tx: Tx,
  organiserId: string,
  units: Units,
  options: PeriodOptions & { withClasses?: boolean },
): Promise<SchoolStatisticsResponse> {
  const p = await resolve(tx, organiserId, options);
  const withClasses = options.withClasses ?? true;
  const schoolUnits = await findSchoolUnits(tx, organiserId, units);
  const [cells, steps] = await concurrently(
    tx,
    () =>
      cellsBoth(
        tx,
        organiserId,
        p,
        units,
        withClasses ? ['none', 'year', 'class', 'sex'] : ['none', 'year', 'sex'],
        true,
      ),
    () => countLadderSteps(tx, organiserId, units),
  );
  const [total, year, klass, sex] = (['none', 'year', 'class', 'sex'] as const).map(cells);
  return {
    ...p,
    withClasses,
    schoolUnits: schoolUnits.map((u) => ({
      schoolUnitId: u.id,
      schoolUnitName: u.name,
      current: presentFigures(total.currentIndex.get(cellKey(u.id, '')), p.from, p.to, p.minCoverage),
      previous: presentFigures(total.previousIndex.get(cellKey(u.id, '')), p.previousFrom, p.previousTo, p.minCoverage),
      byYear: breakdownRows(year, u.id, p, (c) => breakdownKeyLabel('year', c.key, c.label)),
      byClass: breakdownRows(klass, u.id, p, (c) => breakdownKeyLabel('class', c.key, c.label)),
      bySex: breakdownRows(sex, u.id, p, (c) => breakdownKeyLabel('sex', c.key, c.label)),
      ladderSteps: steps
        .filter((s) => s.school_unit_id === u.id)
        .map((s) => ({ stepIndex: s.step_index, pupils: s.pupils })),
    })),
  };
}

/** The organiser view: every unit side by side, the organiser total, KPIs and case counts. Aggregates only. */
export async function buildOrganiserStatistics(
  tx: Tx,
  organiserId: string,
  options: PeriodOptions & { today: string },
): Promise<OrganiserStatisticsResponse> {
  const p = await resolve(tx, organiserId, options);
  const [schoolUnits, cells, steps, kpi, tasks, activity] = await concurrently(
    tx,
    () => findSchoolUnits(tx, organiserId, 'all'),
    async () => (await cellsBoth(tx, organiserId, p, 'all', ['none'], 'both'))('none'),
    () => countLadderSteps(tx, organiserId, 'all'),
    () => countWithoutMeasure(tx, organiserId, options.today),
    () => countTasks(tx, organiserId, p.from, p.to, options.today),
    () => organiserActivity(tx, organiserId, p.from, p.to),
  );
  const sum = <T>(rows: T[], pick: (r: T) => number) => rows.reduce((a, r) => a + pick(r), 0);
  return {
    ...p,
    total: {
      current: presentFigures(cells.currentIndex.get(cellKey(null, '')), p.from, p.to, p.minCoverage),
      previous: presentFigures(cells.previousIndex.get(cellKey(null, '')), p.previousFrom, p.previousTo, p.minCoverage),
      onStep: sum(kpi, (r) => r.on_step),
      withoutMeasure: sum(kpi, (r) => r.without_measure),
      tasksCreated: sum(tasks, (r) => r.created),
      tasksDone: sum(tasks, (r) => r.done),
      tasksOverdue: sum(tasks, (r) => r.overdue),
    },
    schoolUnits: schoolUnits.map((u) => {
      const k = kpi.find((r) => r.school_unit_id === u.id);
      const t = tasks.find((r) => r.school_unit_id === u.id);
      return {
        schoolUnitId: u.id,
        schoolUnitName: u.name,
        current: presentFigures(cells.currentIndex.get(cellKey(u.id, '')), p.from, p.to, p.minCoverage),
        previous: presentFigures(
          cells.previousIndex.get(cellKey(u.id, '')),
          p.previousFrom,
          p.previousTo,
          p.minCoverage,
        ),
        ladderSteps: steps
          .filter((s) => s.school_unit_id === u.id)
          .map((s) => ({ stepIndex: s.step_index, pupils: s.pupils })),
        onStep: k?.on_step ?? 0,
        withoutMeasure: k?.without_measure ?? 0,
        tasksCreated: t?.created ?? 0,
        tasksDone: t?.done ?? 0,
        tasksOverdue: t?.overdue ?? 0,
      };
    }),
    organiserNotices: activity.noticesReceived ?? 0,
    guardianMessages: activity.guardianMessagesWritten ?? 0,
    activity,
  };
}

/**
 * Regional statistics: one row per organiser that shares, on the same definitions, with small-cell
 * suppression over (organisers × absence bands) and its totals. An organiser whose pupil count is
 * hidden has its minutes and rates hidden too; complementary suppression guarantees that at least
 * two organisers are hidden then, so the region total cannot give one of them away.
 */
export async function buildRegionalStatistics(
  tx: Tx,
  regionId: string,
  options: { from: string; to: string; minCoverage?: number },
): Promise<RegionalStatisticsResponse> {
  const minCoverage = options.minCoverage ?? DEFAULT_MIN_COVERAGE;
  const region = await findRegion(tx, regionId);
  if (!region) throw notFound('NOT_FOUND', 'Regionen finns inte.');
  const organisers = await findSharingOrganisers(tx, regionId);
  const cells: (CellAggregate | undefined)[] = [];
  for (const o of organisers) {
    const [cell] = await aggregateCells(tx, o.organiser_id, options.from, options.to, 'all', {
      breakdowns: ['none'],
      perUnit: false,
      listRuleShare: DEFAULT_LIST_RULE_SHARE,
    });
    cells.push(cell);
  }
  const counts = cells.map((c) => BAND_COUNT_KEYS.map((k) => c?.bands[k] ?? 0));
  const s = suppressTable({
    rows: counts,
    rowTotals: cells.map((c) => c?.pupils ?? 0),
    columns: BAND_COUNT_KEYS.length,
  });
  const bandsOf = (values: (number | null)[]) =>
    Object.fromEntries(BAND_COUNT_KEYS.map((k, i) => [k, values[i]])) as Record<keyof BandCounts, number | null>;
  const figuresOf = (totals: CellAggregate['totals']): RegionalRow['figures'] => {
    const f = periodFromTotals(totals, options.from, options.to);
    return {
      scheduled: f.scheduled,
      known: f.known,
      valid: f.valid,
      invalid: f.invalid,
      other: f.other,
      coverage: f.coverage,
      absentRate: f.absentRate,
      validRate: f.validRate,
      invalidRate: f.invalidRate,
      isUncertain: isUncertain(f.coverage, minCoverage),
    };
  };
  const zero = sumTotals([]);
  const regionTotals = sumTotals(cells.map((c) => c?.totals ?? zero));
  return {
    regionName: region.name,
    memberOrganisers: region.members,
    from: options.from,
    to: options.to,
    minCoverage,
    minCellPupils: MIN_CELL_PUPILS,
    organisers: organisers.map((o, i) => ({
      organiserId: o.organiser_id,
      organiserName: o.name,
      pupils: s.rowTotals[i],
      bands: bandsOf(s.rows[i]),
      figures: s.isRowHidden[i] ? null : figuresOf(cells[i]?.totals ?? zero),
    })),
    total: {
      pupils: s.grandTotal,
      bands: bandsOf(s.columnTotals),
      figures: s.grandTotal === null ? null : figuresOf(regionTotals),
    },
  };
}

/** Absence per calendar month of the period (each month cut to it), per unit and in total, with the year before. */
export async function buildMonthlyStatistics(
  tx: Tx,
  organiserId: string,
  units: Units,
  options: PeriodOptions,
): Promise<MonthlyStatisticsResponse> {
  const p = await resolve(tx, organiserId, options);
  const [schoolUnits, current, previous] = await concurrently(
    tx,
    () => findSchoolUnits(tx, organiserId, units),
    () => aggregateUnitMonths(tx, organiserId, p.from, p.to, units),
    () => aggregateUnitMonths(tx, organiserId, p.previousFrom, p.previousTo, units),
  );
  const monthFigures = (rows: UnitMonthAggregate[], from: string, to: string, withPupils: boolean): MonthFigures => {
    const totals = sumTotals(rows.map((r) => r.totals));
    const f = periodFromTotals(totals, from, to);
    return {
      pupils: withPupils ? rows.reduce((n, r) => n + r.pupils, 0) : null,
      scheduled: f.scheduled,
      known: f.known,
      valid: f.valid,
      invalid: f.invalid,
      absent: f.absent,
      coverage: f.coverage,
      absentRate: f.absentRate,
      validRate: f.validRate,
      invalidRate: f.invalidRate,
      isUncertain: isUncertain(f.coverage, p.minCoverage),
    };
  };
  return {
    ...p,
    schoolUnits: schoolUnits.map((u) => ({ schoolUnitId: u.id, schoolUnitName: u.name })),
    months: monthKeysBetween(p.from, p.to).map((month) => {
      const range = monthRange(month);
      const from = range.from < p.from ? p.from : range.from;
      const to = range.to > p.to ? p.to : range.to;
      const previousMonth = shiftYears(from, -1).slice(0, 7);
      // Within the period's previous range (whole months where this year's month is whole).
      const previousFrom = from === p.from ? p.previousFrom : shiftYears(from, -1);
      const previousTo = to === p.to ? p.previousTo : shiftYears(to, -1);
      const cur = current.filter((r) => r.month === month);
      const prev = previous.filter((r) => r.month === previousMonth);
      return {
        month,
        from,
        to,
        total: {
          current: monthFigures(cur, from, to, false),
          previous: monthFigures(prev, previousFrom, previousTo, false),
        },
        schoolUnits: schoolUnits.map((u) => ({
          schoolUnitId: u.id,
          current: monthFigures(
            cur.filter((r) => r.schoolUnitId === u.id),
            from,
            to,
            true,
          ),
          previous: monthFigures(
            prev.filter((r) => r.schoolUnitId === u.id),
            previousFrom,
            previousTo,
            true,
          ),
        })),
      };
    }),
  };
}
