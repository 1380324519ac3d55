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
import { lockRollups, unitLocks } from '../../db/derived-row-locks.js';
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

const SUM_COLUMNS = sql`scheduled, known, attended, valid, invalid, other, late_count, late_minutes, absent_days, absence_occasions, school_days`;
/** The half-year key of a date (SQL), as halfKeyOf gives it. */
const halfKeyOfDate = (date: SQL) =>
  sql`to_char(${date}, 'YYYY') || case when extract(month from ${date}) <= 6 then '-H1' else '-H2' end`;
const MONTH_KEY = sql`to_char(pd.date, 'YYYY-MM')`;
const HALF_KEY = halfKeyOfDate(sql`pd.date`);

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
    sql`${pupilPeriodsInsert(organiserId, where, persons, periodKeys)}
    ${returning ? sql`returning school_unit_id, period_key` : sql``}`,
  );
}

/** The INSERT of insertPupilPeriods, without RETURNING (to use in a WITH). */
function pupilPeriodsInsert(organiserId: string, where: SQL, persons: SQL, periodKeys: SQL): SQL {
  return sql`insert into pupil_periods (organiser_id, period_key, school_unit_id, person_id, school_year_key, class_key, first_date, last_date, ${SUM_COLUMNS}, unit_rows, period_rows)
    select s.*, count(*) over (partition by s.period_key, s.school_unit_id, s.person_id), count(*) over (partition by s.period_key, s.person_id)
    from (${placedPupilDaySums(organiserId, where, persons, periodKeys)}) s`;
}

/** The month and half-year of a pupil day `pd`. */
const BASE_KEYS = sql`(${MONTH_KEY}), (${HALF_KEY})`;

/**
 * A pupil day's "to date" keys for one cut date: its month's and half-year's when it is on or
 * before the cut in them, else null. The cut is given as SQL: its date, month, half-year and keys.
 */
function cutKeysOfDayFor(cut: { date: SQL; month: SQL; half: SQL; monthKey: SQL; halfKey: SQL }): SQL[] {
  return [
    sql`(case when pd.date <= ${cut.date} and ${MONTH_KEY} = ${cut.month} then ${cut.monthKey} end)`,
    sql`(case when pd.date <= ${cut.date} and ${HALF_KEY} = ${cut.half} then ${cut.halfKey} end)`,
  ];
}

/** A pupil day's "to date" keys for the cut dates: its month's and half-year's when it is on or before a cut in them. */
export function cutKeysOfDay(cutDates: string[]): SQL[] {
  return cutDates.flatMap((cut) => {
    const [monthKey, halfKey] = cutKeysOf(cut);
    return cutKeysOfDayFor({
      date: sql`${cut}::date`,
      month: sql`${cut.slice(0, 7)}`,
      half: sql`${halfKeyOf(cut)}`,
      monthKey: sql`${monthKey}`,
      halfKey: sql`${halfKey}`,
    });
  });
}

/** The same for the cut date of a `rollup_cuts` row `c`, its keys spelt in SQL as cutKeysOf spells them. */
const CUT_KEYS_OF_DAY_AT_C = (() => {
  const month = sql`to_char(c.cut_date, 'YYYY-MM')`;
  const half = halfKeyOfDate(sql`c.cut_date`);
  return cutKeysOfDayFor({
    date: sql`c.cut_date`,
    month,
    half,
    monthKey: sql`${month} || '~' || c.cut_date::text`,
    halfKey: sql`${half} || '~' || c.cut_date::text`,
  });
})();

export async function findCutDates(tx: Tx, organiserId: string): Promise<string[]> {
  return (
    await queryRows<{ cut_date: string }>(
      tx,
      sql`select cut_date::text from rollup_cuts where organiser_id = ${organiserId} order by cut_date`,
    )
  ).map((r) => r.cut_date);
}

const UNIT_MONTH_SUMS = sql`count(distinct pp.person_id)::int as pupils,
  sum(pp.scheduled)::int, sum(pp.known)::int, sum(pp.attended)::int, sum(pp.valid)::int, sum(pp.invalid)::int, sum(pp.other)::int,
  sum(pp.late_count)::int, sum(pp.late_minutes)::int, sum(pp.absent_days)::int, sum(pp.absence_occasions)::int, sum(pp.school_days)::int`;

/** Rebuilds `unit_months` for all of the organiser's pupil month rows. */
async function rebuildUnitMonths(tx: Tx, organiserId: string): Promise<void> {
  await tx.execute(sql`delete from unit_months where organiser_id = ${organiserId}`);
  await tx.execute(sql`insert into unit_months (organiser_id, month, school_unit_id, pupils, ${SUM_COLUMNS})
    select pp.organiser_id, pp.period_key, pp.school_unit_id, ${UNIT_MONTH_SUMS}
    from pupil_periods pp where pp.organiser_id = ${organiserId} and pp.period_key ~ '^[0-9]{4}-[0-9]{2}$'
    group by pp.organiser_id, pp.period_key, pp.school_unit_id`);
}

const SUM_NAMES = [
  'scheduled',
  'known',
  'attended',
  'valid',
  'invalid',
  'other',
  'late_count',
  'late_minutes',
  'absent_days',
  'absence_occasions',
  'school_days',
] as const;
/** Sums of pupil month rows `pp` per (unit, month), as unit_months holds them, `sign` 1 or -1. */
const signedUnitMonthSums = (sign: 1 | -1) => sql`pp.school_unit_id as unit, pp.period_key as month,
  ${sign}::int * count(distinct pp.person_id)::int as pupils,
  ${sql.join(
    SUM_NAMES.map((c) => sql`${sign}::int * sum(pp.${sql.raw(c)})::int as ${sql.raw(c)}`),
    sql`, `,
  )}`;
const MONTH_KEY_PATTERN = sql`'^[0-9]{4}-[0-9]{2}$'`;

/** How one pupil day's figures changed (new minus old), as the roll-up's sums; its placement did not. */
export interface PupilDayDelta {
  personId: string;
  date: string;
  schoolUnitId: string;
  sums: Record<(typeof SUM_NAMES)[number], number>;
}

/**
 * Adds pupil days' changes to the roll-up rows that hold them (the day's month and half-year, and
 * the "to date" keys of the cut dates in `rollup_cuts` on or after it), and to their unit-months:
 * the same figures a rebuild from `pupil_days` gives, without summing the pupil's half-year again.
 * A row holds the day when it is in the day's unit and is the pupil's only row in its period
 * (`period_rows = 1`: one unit and placement all period). A pupil with a key that has no such row
 * is returned for a rebuild: the rows of theirs that were added to are among those the rebuild
 * deletes, and their unit-months got the same increments, so the rebuild's "new rows minus
 * deleted rows" still leaves every unit-month right.
 *
 * One statement, its lookups bounded by the pupils' index entries (`person_id = any`): a plan that
 * reads all of the organiser's rows costs milliseconds per thousand pupils, and PGlite keeps no
 * planner statistics to rule one out. The cut dates are read here, under the roll-up lock the
 * caller holds (cut dates change only under it exclusively), not in a statement of their own.
 * The caller holds the roll-up lock and the pupils' locks.
 * @param locks the units' locks (unitLocks), taken here before any row is changed; null on PGlite.
 * @returns the pupils whose deltas were applied.
 */
async function applyPupilDayDeltas(
  tx: Tx,
  organiserId: string,
  deltas: PupilDayDelta[],
  locks: SQL | null,
): Promise<Set<string>> {
  if (deltas.length === 0) return new Set();
  const json = JSON.stringify(
    deltas.map((d) => ({ person_id: d.personId, date: d.date, unit: d.schoolUnitId, ...d.sums })),
  );
  const persons = [...new Set(deltas.map((d) => d.personId))];
  const sumsOf = (alias: string) => SUM_NAMES.map((c) => `sum(${alias}.${c})::int as ${c}`).join(', ');
  const added = (target: string, from: string) =>
    sql.raw(SUM_NAMES.map((c) => `${c} = ${target}.${c} + ${from}.${c}`).join(', '));
  // Both updates wait for the locks (a condition on their count, checked before any row is read):
  // the rows they change are the pupils' own and unit-months their rows are in, which exist in this
  // statement's snapshot, so READ COMMITTED adds to the version the previous holder committed.
  const granted = locks ? sql`and (select n from locked) >= 0` : sql``;
  const missed = await queryRows<{ person_id: string }>(
    tx,
    sql`with ${locks ? sql`locked(n) as (${locks}), ` : sql``}pd as (
      select * from jsonb_to_recordset(${json}::jsonb)
        as r(person_id uuid, date date, unit uuid, ${sql.raw(SUM_NAMES.map((c) => `${c} int`).join(', '))})),
    keyed as (
      select pd.*, k.period_key from pd
      cross join lateral (values ${BASE_KEYS}
        union all select ck.key from rollup_cuts c cross join lateral (values ${sql.join(CUT_KEYS_OF_DAY_AT_C, sql`, `)}) ck(key)
        where c.organiser_id = ${organiserId} and c.cut_date >= pd.date) k(period_key)
      where k.period_key is not null),
    per_row as (select person_id, period_key, unit, ${sql.raw(sumsOf('keyed'))} from keyed group by 1, 2, 3),
    periods as (
      update pupil_periods pp set ${added('pp', 'r')} from per_row r
      where pp.organiser_id = ${organiserId} and pp.person_id = any(${uuidArray(persons)}) and pp.person_id = r.person_id
        and pp.period_key = r.period_key and pp.school_unit_id = r.unit and pp.period_rows = 1 ${granted}
      returning r.person_id, r.period_key, r.unit, ${sql.raw(SUM_NAMES.map((c) => `r.${c}`).join(', '))}),
    months as (
      update unit_months um set ${added('um', 'm')}
      from (select unit, period_key, ${sql.raw(sumsOf('u'))} from periods u where period_key ~ ${MONTH_KEY_PATTERN} group by 1, 2) m
      where um.organiser_id = ${organiserId} and um.school_unit_id = m.unit and um.month = m.period_key ${granted}
      returning 1)
    select r.person_id from per_row r
    left join periods u on u.person_id = r.person_id and u.period_key = r.period_key and u.unit = r.unit
    group by 1 having bool_or(u.person_id is null)`,
  );
  const notApplied = new Set(missed.map((r) => r.person_id));
  return new Set(persons.filter((p) => !notApplied.has(p)));
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
  deltas: PupilDayDelta[] = [],
): Promise<void> {
  if (personIds.length === 0 && deltas.length === 0) return;
  // The caller holds the roll-up lock and the pupils' (recomputePupilDays → lockPupilDays).
  const halves = halfKeysBetween(from, to);
  const months = monthKeysBetween(from, to);
  const extent = { from: halfRange(halves[0]).from, to: halfRange(halves[halves.length - 1]).to };
  const rebuiltAnyway = new Set(personIds);
  const deltasToApply = deltas.filter((d) => !rebuiltAnyway.has(d.personId));
  const touched = uuidArray(new Set([...personIds, ...deltasToApply.map((d) => d.personId)]));
  // The units whose sums change, for the rebuilds too: those of the pupils' rows now, and of their
  // days just rewritten ([from, to]). The pupils' other days of these half-years are as the roll-up
  // last summed them (under the same pupil locks), so their units have half-year rows here already;
  // reading the whole half-year's days cost a registration more than the rest of the statement.
  // Cut-key rows add none: a cut row sums some of its half-year's days, so its unit has a
  // half-year row too. Locked once, by the increments' statement if any.
  const locks = unitLocks(
    tx,
    organiserId,
    sql`select school_unit_id from pupil_periods
      where organiser_id = ${organiserId} and person_id = any(${touched}) and period_key = any(${textArray([...months, ...halves])})
    union select school_unit_id from pupil_days where organiser_id = ${organiserId} and person_id = any(${touched}) and date between ${from} and ${to}`,
  );
  if (locks && deltasToApply.length === 0) await tx.execute(locks);
  const applied = await applyPupilDayDeltas(tx, organiserId, deltasToApply, locks);
  const rebuilt = [...new Set([...personIds, ...deltasToApply.map((d) => d.personId).filter((p) => !applied.has(p))])];
  if (rebuilt.length === 0) return;
  // Read under the roll-up lock: cut dates change only under it exclusively.
  const cuts = (await findCutDates(tx, organiserId)).filter((cut) => halves.includes(halfKeyOf(cut)) && cut >= from);
  const keys = [...months, ...halves, ...cuts.flatMap(cutKeysOf)];
  const persons = uuidArray(rebuilt);
  // unit_months changes by increments: a pupil's month rows are always replaced together, so the
  // change of a unit-month is the sums of the pupils' new rows minus those of their old ones, and
  // its distinct pupils change by the pupils who now have rows there minus those who had.
  const removed = await queryRows<Record<string, number | string>>(
    tx,
    sql`with removed as (delete from pupil_periods
      where organiser_id = ${organiserId} and person_id = any(${persons}) and period_key = any(${textArray(keys)})
      returning *)
    select ${signedUnitMonthSums(-1)} from removed pp where pp.period_key ~ ${MONTH_KEY_PATTERN} group by 1, 2`,
  );
  const monthOfDay = sql`(case when to_char(pd.date, 'YYYY-MM') = any(${textArray(months)}) then to_char(pd.date, 'YYYY-MM') end)`;
  const columns = sql.raw(['pupils', ...SUM_NAMES].join(', '));
  const changed = await queryRows<{ unit: string; month: string; pupils: number }>(
    tx,
    sql`with added as (${pupilPeriodsInsert(
      organiserId,
      sql`pd.person_id = any(${persons}) and pd.date between ${extent.from} and ${extent.to}`,
      sql`person_id = any(${persons})`,
      sql.join([monthOfDay, sql`(${HALF_KEY})`, ...cutKeysOfDay(cuts)], sql`, `),
    )} returning *),
    delta as (
      select ${signedUnitMonthSums(1)} from added pp where pp.period_key ~ ${MONTH_KEY_PATTERN} group by 1, 2
      union all select * from jsonb_to_recordset(${JSON.stringify(removed)}::jsonb)
        as r(unit uuid, month text, ${sql.raw(['pupils', ...SUM_NAMES].map((c) => `${c} int`).join(', '))})),
    net as (select unit, month, ${sql.raw(['pupils', ...SUM_NAMES].map((c) => `sum(${c})::int as ${c}`).join(', '))}
      from delta group by unit, month)
    insert into unit_months as um (organiser_id, month, school_unit_id, ${columns})
    select ${organiserId}, month, unit, ${columns} from net
    where (${columns}) is distinct from (${sql.raw(['pupils', ...SUM_NAMES].map(() => '0').join(', '))})
    order by month, unit
    on conflict (organiser_id, month, school_unit_id) do update set (${columns}) =
      (${sql.raw(['pupils', ...SUM_NAMES].map((c) => `um.${c} + excluded.${c}`).join(', '))})
    returning school_unit_id as unit, month, pupils`,
  );
  // A unit-month left without pupils goes, as a rebuild would not make it.
  const emptied = changed.filter((r) => r.pupils === 0).map((r) => [r.unit, r.month]);
  if (emptied.length > 0)
    await tx.execute(sql`delete from unit_months um using jsonb_array_elements(${JSON.stringify(emptied)}::jsonb) k
      where um.organiser_id = ${organiserId} and um.school_unit_id = (k->>0)::uuid and um.month = k->>1 and um.pupils = 0`);
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
  await rebuildUnitMonths(tx, organiserId);
}
