/**
 * The statistics roll-ups above `pupil_days` (schema/statistics.ts): pupil × period × placement
 * (`pupil_periods`, months and half-years) and school unit × month (`unit_months`). Both are
 * rebuilt from `pupil_days` for the pupils and periods a change touches, in the transaction of the
 * change, by the SQL sums below — the same sums the statistics would otherwise run over pupil days.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import {
  cutKeysOf,
  halfKeyOf,
  halfKeysBetween,
  halfRange,
  monthKeysBetween,
} from '../../../shared/statistics/index.js';
import { lockUnits } from '../measures/pupil-day-locks.js';
import { uuidArray, textArray } from '../../db/sql.js';

/** The pupil's placement on a pupil day `pd`: årskurs (`enr.school_year`) and class (`cls.id`, `cls.display_name`). */
export const PLACEMENT_JOINS = sql`
  left join lateral (select e.school_year from enrolments e where e.organiser_id = pd.organiser_id and e.person_id = pd.person_id
    and e.school_unit_id = pd.school_unit_id and e.start_date <= pd.date and (e.end_date is null or e.end_date >= pd.date)
    order by e.start_date desc limit 1) enr on true
  left join lateral (select g.id, g.display_name from group_memberships gm join groups g on g.organiser_id = gm.organiser_id and g.id = gm.group_id
    where gm.organiser_id = pd.organiser_id and gm.person_id = pd.person_id and g.group_type = 'Klass'
      and gm.start_date <= pd.date and (gm.end_date is null or gm.end_date >= pd.date)
    order by gm.start_date desc limit 1) cls on true`;

export const SCHOOL_YEAR_KEY = sql`coalesce(enr.school_year::text, '')`;
export const CLASS_KEY = sql`coalesce(cls.id::text, '')`;

/** The per-row sums of pupil days, as columns named like the roll-up's. */
export const PUPIL_DAY_SUMS = sql`sum(pd.scheduled)::int as scheduled, sum(pd.known)::int as known, sum(pd.attended)::int as attended,
  sum(pd.valid)::int as valid, sum(pd.invalid)::int as invalid, sum(pd.other)::int as other,
  sum(pd.late_count)::int as late_count, sum(pd.late_minutes)::int as late_minutes,
  (count(*) filter (where pd.is_absent_day))::int as absent_days, (count(*) filter (where pd.has_absence))::int as absence_occasions,
  (count(*) filter (where pd.scheduled > 0))::int as school_days`;

/** Period keys ('2025-09', '2025-H2') as one text[] parameter. */

const SUM_COLUMNS = sql`scheduled, known, attended, valid, invalid, other, late_count, late_minutes, absent_days, absence_occasions, school_days`;
const HALF_KEY = sql`to_char(pd.date, 'YYYY') || case when extract(month from pd.date) <= 6 then '-H1' else '-H2' end`;

/**
 * Pupil-day sums per (period key, school unit, pupil, årskurs, class) for the pupil days matching
 * `where` (on `pd`), as a SELECT with the roll-up's column names.
 *
 * Placement (årskurs, class) is looked up once per placement segment, not per day: between two
 * consecutive start/end boundaries of the pupil's enrolments and memberships nothing starts or
 * ends, so PLACEMENT_JOINS give the same answer on every day of a segment, and are evaluated on
 * its first school day. Same lookups as per day, a few hundred thousand instead of millions.
 * @param periodKeys SQL values list of period keys per pupil day `pd` (e.g. its month and half-year; null = none).
 * @param persons condition on `person_id` narrowing the enrolments and memberships read.
 */
export function placedPupilDaySums(organiserId: string, where: SQL, persons: SQL, periodKeys: SQL): SQL {
  return sql`
    with bounds as (
      select person_id, start_date as d from enrolments where organiser_id = ${organiserId} and ${persons}
      union select person_id, end_date + 1 from enrolments where organiser_id = ${organiserId} and ${persons} and end_date is not null
      union select person_id, start_date from group_memberships where organiser_id = ${organiserId} and ${persons}
      union select person_id, end_date + 1 from group_memberships where organiser_id = ${organiserId} and ${persons} and end_date is not null),
    segments as (select person_id, d as seg_from, lead(d) over (partition by person_id order by d) as seg_to from bounds),
    per_segment as (
      select pd.organiser_id, k.period_key, pd.school_unit_id, pd.person_id, s.seg_from, min(pd.date) as date, max(pd.date) as last_date, ${PUPIL_DAY_SUMS}
      from pupil_days pd
      left join segments s on s.person_id = pd.person_id and pd.date >= s.seg_from and (s.seg_to is null or pd.date < s.seg_to)
      cross join lateral (values ${periodKeys}) k(period_key)
      where pd.organiser_id = ${organiserId} and k.period_key is not null and ${where}
      group by pd.organiser_id, k.period_key, pd.school_unit_id, pd.person_id, s.seg_from)
    select pd.organiser_id, pd.period_key, pd.school_unit_id, pd.person_id, ${SCHOOL_YEAR_KEY} as school_year_key, ${CLASS_KEY} as class_key,
      min(pd.date) as first_date, max(pd.last_date) as last_date,
      sum(pd.scheduled)::int as scheduled, sum(pd.known)::int as known, sum(pd.attended)::int as attended, sum(pd.valid)::int as valid,
      sum(pd.invalid)::int as invalid, sum(pd.other)::int as other, sum(pd.late_count)::int as late_count, sum(pd.late_minutes)::int as late_minutes,
      sum(pd.absent_days)::int as absent_days, sum(pd.absence_occasions)::int as absence_occasions, sum(pd.school_days)::int as school_days
    from per_segment pd ${PLACEMENT_JOINS}
    group by pd.organiser_id, pd.period_key, pd.school_unit_id, pd.person_id, 5, 6`;
}

/**
 * Inserts pupil-period rows (month and half-year) summed from the pupil days matching `where`,
 * with each pupil's row counts per (period, unit) and per period. The counts hold because a
 * pupil's rows for a period are always written together (every caller deletes them first).
 */
export async function insertPupilPeriods(
  tx: Tx,
  organiserId: string,
  where: SQL,
  persons: SQL,
  periodKeys: SQL,
  returning = true,
): Promise<{ school_unit_id: string; period_key: string }[]> {
  return queryRows(
    tx,
    sql`
    insert into pupil_periods (organiser_id, period_key, school_unit_id, person_id, school_year_key, class_key, first_date, last_date, ${SUM_COLUMNS}, unit_rows, period_rows)
    select s.*, count(*) over (partition by s.period_key, s.school_unit_id, s.person_id), count(*) over (partition by s.period_key, s.person_id)
    from (${placedPupilDaySums(organiserId, where, persons, periodKeys)}) s
    ${returning ? sql`returning school_unit_id, period_key` : sql``}`,
  );
}

/** The month and half-year of a pupil day `pd`. */
const BASE_KEYS = sql`(to_char(pd.date, 'YYYY-MM')), (${HALF_KEY})`;

/** A pupil day's "to date" keys for the cut dates: its month's and half-year's when it is on or before a cut in them. */
export function cutKeysOfDay(cutDates: string[]): SQL[] {
  return cutDates.flatMap((cut) => {
    const [monthCut, halfCut] = cutKeysOf(cut);
    return [
      sql`(case when pd.date <= ${cut}::date and to_char(pd.date, 'YYYY-MM') = ${cut.slice(0, 7)} then ${monthCut} end)`,
      sql`(case when pd.date <= ${cut}::date and ${HALF_KEY} = ${halfKeyOf(cut)} then ${halfCut} end)`,
    ];
  });
}

/**
 * Registrations refresh the roll-ups under a shared lock; adding or dropping a cut date takes it
 * exclusively, so a cut is never built from pupil days a concurrent registration is changing.
 */
export async function lockRollups(tx: Tx, organiserId: string, mode: 'shared' | 'exclusive'): Promise<void> {
  const key = `narvaro.rollups:${organiserId}`;
  await tx.execute(
    mode === 'shared'
      ? sql`select pg_advisory_xact_lock_shared(hashtext(${key}))`
      : sql`select pg_advisory_xact_lock(hashtext(${key}))`,
  );
}

export async function findCutDates(tx: Tx, organiserId: string): Promise<string[]> {
  return (
    await queryRows<{ cut_date: string }>(
      tx,
      sql`select cut_date::text from rollup_cuts where organiser_id = ${organiserId} order by cut_date`,
    )
  ).map((r) => r.cut_date);
}

/** Month keys of the base roll-up ('2025-09'): not half-years, not cut keys. */
const isMonthKey = (key: string) => /^\d{4}-\d{2}$/.test(key);

const UNIT_MONTH_SUMS = sql`count(distinct pp.person_id)::int as pupils,
  sum(pp.scheduled)::int, sum(pp.known)::int, sum(pp.attended)::int, sum(pp.valid)::int, sum(pp.invalid)::int, sum(pp.other)::int,
  sum(pp.late_count)::int, sum(pp.late_minutes)::int, sum(pp.absent_days)::int, sum(pp.absence_occasions)::int, sum(pp.school_days)::int`;

/**
 * Rebuilds `unit_months` for the (school unit, month) pairs, or all of the organiser's, from the
 * pupil month rows. A registration's pairs are read through the roll-up's key, a unit's month at
 * a time (a scan of the organiser's rows took over a second at 100 000 pupils).
 */
async function refreshUnitMonths(tx: Tx, organiserId: string, pairs: [string, string][] | 'all'): Promise<void> {
  const columns = sql`organiser_id, month, school_unit_id, pupils, ${SUM_COLUMNS}`;
  if (pairs === 'all') {
    await tx.execute(sql`delete from unit_months where organiser_id = ${organiserId}`);
    await tx.execute(sql`insert into unit_months (${columns})
      select pp.organiser_id, pp.period_key, pp.school_unit_id, ${UNIT_MONTH_SUMS}
      from pupil_periods pp where pp.organiser_id = ${organiserId} and pp.period_key ~ '^[0-9]{4}-[0-9]{2}$'
      group by pp.organiser_id, pp.period_key, pp.school_unit_id`);
    return;
  }
  const wanted = sql`(select distinct (k->>0)::uuid as unit, k->>1 as month from jsonb_array_elements(${JSON.stringify(pairs)}::jsonb) k)`;
  // An upsert in key order (the caller holds the units' locks, so no other writer sums these pairs);
  // LATERAL: one index range per pair (the planner guesses 100 pairs from jsonb and would scan them all).
  await tx.execute(sql`insert into unit_months (${columns})
    select ${organiserId}, w.month, w.unit, s.*
    from ${wanted} w
    cross join lateral (select ${UNIT_MONTH_SUMS} from pupil_periods pp
      where pp.organiser_id = ${organiserId} and pp.period_key = w.month and pp.school_unit_id = w.unit) s
    where s.pupils > 0
    order by w.month, w.unit
    on conflict (organiser_id, month, school_unit_id) do update set (pupils, ${SUM_COLUMNS}) =
      (excluded.pupils, excluded.scheduled, excluded.known, excluded.attended, excluded.valid, excluded.invalid, excluded.other,
       excluded.late_count, excluded.late_minutes, excluded.absent_days, excluded.absence_occasions, excluded.school_days)`);
  await tx.execute(sql`delete from unit_months um using ${wanted} w
    where um.organiser_id = ${organiserId} and um.school_unit_id = w.unit and um.month = w.month
      and not exists (select 1 from pupil_periods pp where pp.organiser_id = um.organiser_id and pp.period_key = w.month and pp.school_unit_id = w.unit)`);
}

/**
 * Rebuilds the pupils' roll-up rows that [from, to] feeds: its months, their half-years, and the
 * "to date" keys of cut dates on or after `from`. Rows of other months are left alone, so the
 * statistics cells kept for them stay current (cell-cache.ts).
 * @param personIds pupils whose `pupil_days` changed (or whose placement did), locked by lockPupilDays; empty does nothing.
 */
export async function refreshStatisticsRollups(
  tx: Tx,
  organiserId: string,
  personIds: string[],
  from: string,
  to: string,
): Promise<void> {
  if (personIds.length === 0) return;
  // The caller holds the roll-up lock and the pupils' (recomputePupilDays → lockPupilDays).
  const halves = halfKeysBetween(from, to);
  const months = monthKeysBetween(from, to);
  const cuts = (await findCutDates(tx, organiserId)).filter((cut) => halves.includes(halfKeyOf(cut)) && cut >= from);
  const keys = [...months, ...halves, ...cuts.flatMap(cutKeysOf)];
  const extent = { from: halfRange(halves[0]).from, to: halfRange(halves[halves.length - 1]).to };
  const persons = uuidArray(personIds);
  // The units whose sums change: those of the pupils' rows now, and of their (already rewritten) days.
  const units = await queryRows<{ id: string }>(
    tx,
    sql`select school_unit_id as id from pupil_periods
      where organiser_id = ${organiserId} and person_id = any(${persons}) and period_key = any(${textArray(keys)})
    union select school_unit_id from pupil_days where organiser_id = ${organiserId} and person_id = any(${persons}) and date between ${extent.from} and ${extent.to}`,
  );
  await lockUnits(
    tx,
    organiserId,
    units.map((u) => u.id),
  );
  const removed = await queryRows<{ school_unit_id: string; period_key: string }>(
    tx,
    sql`delete from pupil_periods
    where organiser_id = ${organiserId} and person_id = any(${persons}) and period_key = any(${textArray(keys)})
    returning school_unit_id, period_key`,
  );
  const monthOfDay = sql`(case when to_char(pd.date, 'YYYY-MM') = any(${textArray(months)}) then to_char(pd.date, 'YYYY-MM') end)`;
  const added = await insertPupilPeriods(
    tx,
    organiserId,
    sql`pd.person_id = any(${persons}) and pd.date between ${extent.from} and ${extent.to}`,
    sql`person_id = any(${persons})`,
    sql.join([monthOfDay, sql`(${HALF_KEY})`, ...cutKeysOfDay(cuts)], sql`, `),
  );
  const pairs = new Map(
    [...removed, ...added]
      .filter((r) => isMonthKey(r.period_key))
      .map((r) => [`${r.school_unit_id}|${r.period_key}`, [r.school_unit_id, r.period_key] as [string, string]]),
  );
  if (pairs.size > 0) await refreshUnitMonths(tx, organiserId, [...pairs.values()]);
}

/** Rebuilds both roll-ups for a whole organiser from `pupil_days` (after bulk loads such as the bench's, and for repairs). */
export async function rebuildStatisticsRollups(tx: Tx, organiserId: string): Promise<void> {
  // Millions of pupil days against the placement segments: a hash join with room to aggregate in
  // memory; the planner otherwise may pick a nested loop over a materialised segment list.
  await tx.execute(sql`set local enable_nestloop = off`);
  await tx.execute(sql`set local work_mem = '256MB'`);
  await lockRollups(tx, organiserId, 'exclusive');
  await tx.execute(sql`delete from pupil_periods where organiser_id = ${organiserId}`);
  // The cut dates go with their rows; the nightly job brings them back (views read pupil days meanwhile).
  await tx.execute(sql`delete from rollup_cuts where organiser_id = ${organiserId}`);
  await insertPupilPeriods(tx, organiserId, sql`true`, sql`true`, BASE_KEYS, false);
  await refreshUnitMonths(tx, organiserId, 'all');
}
