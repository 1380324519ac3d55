/**
 * The roll-up "to date": besides whole months and half-years, `pupil_periods` keeps, for each cut
 * date in `rollup_cuts`, the days of the cut's month and half-year up to it ('2026-11~2026-11-23',
 * '2026-H2~2026-11-23'). A running month or term ends today and its comparison a year earlier
 * ends on the same date, so with today's and a year ago's cuts kept, every period preset reads
 * one row per pupil instead of summing millions of pupil days.
 *
 * The nightly job moves the cuts forward a day: the new cut is the previous one plus the new days,
 * so it touches one day of pupil days, not a whole term. Between runs, registrations keep the cut
 * rows current (rollups.ts refreshes every key of the half-years they touch).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import { addDays, monthRange } from '../../../shared/dates/index.js';
import { cutKey, cutKeysOf, halfKeyOf, halfRange, shiftYears } from '../../../shared/statistics/index.js';
import { cutKeysOfDay, findCutDates, insertPupilPeriods, placedPupilDaySums } from './rollups.js';
import { lockRollups } from '../../db/derived-row-locks.js';
import { dropCellCache } from './cell-cache.js';
import { textArray, dateArray } from '../../db/sql.js';

/** The cut dates the views need on `today`: today (running month and term) and the same date a year earlier. */
export const wantedCutDates = (today: string): string[] => [today, shiftYears(today, -1)];

const SUMS =
  'scheduled, known, attended, valid, invalid, other, late_count, late_minutes, absent_days, absence_occasions, school_days';

/**
 * Writes the rows of `newKey`: the rows of `previousKey` (the same period to an earlier date) plus
 * the pupil days [from, to], merged per pupil and placement, with fresh row counts.
 */
async function insertExtended(
  tx: Tx,
  organiserId: string,
  newKey: string,
  previousKey: string,
  from: string,
  to: string,
): Promise<void> {
  const sums = SUMS.split(', ');
  await tx.execute(sql`
    insert into pupil_periods (organiser_id, period_key, school_unit_id, person_id, school_year_key, class_key, first_date, last_date, ${sql.raw(SUMS)}, unit_rows, period_rows)
    select s.*, count(*) over (partition by s.school_unit_id, s.person_id), count(*) over (partition by s.person_id)
    from (
      select u.organiser_id, ${newKey}, u.school_unit_id, u.person_id, u.school_year_key, u.class_key, min(u.first_date), max(u.last_date),
        ${sql.raw(sums.map((c) => `sum(u.${c})::int`).join(', '))}
      from (
        select organiser_id, school_unit_id, person_id, school_year_key, class_key, first_date, last_date, ${sql.raw(SUMS)}
        from pupil_periods where organiser_id = ${organiserId} and period_key = ${previousKey}
        union all
        select organiser_id, school_unit_id, person_id, school_year_key, class_key, first_date, last_date, ${sql.raw(SUMS)}
        from (${placedPupilDaySums(organiserId, sql`pd.date between ${from} and ${to}`, sql`true`, sql`(${newKey})`)}) d
      ) u
      group by u.organiser_id, u.school_unit_id, u.person_id, u.school_year_key, u.class_key) s`);
}

/** Adds the rows of one cut date: extended from the latest earlier cut in the same half-year, or summed from pupil days. */
async function addCut(tx: Tx, organiserId: string, cut: string, existing: string[]): Promise<void> {
  const half = halfKeyOf(cut);
  const previous = existing.filter((e) => e < cut && halfKeyOf(e) === half).at(-1);
  if (!previous) {
    await insertPupilPeriods(
      tx,
      organiserId,
      sql`pd.date between ${halfRange(half).from} and ${cut}`,
      sql`true`,
      sql.join(cutKeysOfDay([cut]), sql`, `),
      false,
    );
  } else {
    const month = cut.slice(0, 7);
    await insertExtended(tx, organiserId, cutKey(half, cut), cutKey(half, previous), addDays(previous, 1), cut);
    if (previous.slice(0, 7) === month)
      await insertExtended(tx, organiserId, cutKey(month, cut), cutKey(month, previous), addDays(previous, 1), cut);
    else
      await insertPupilPeriods(
        tx,
        organiserId,
        sql`pd.date between ${monthRange(month).from} and ${cut}`,
        sql`true`,
        sql.join(cutKeysOfDay([cut]).slice(0, 1), sql`, `),
        false,
      );
  }
  await tx.execute(sql`insert into rollup_cuts (organiser_id, cut_date) values (${organiserId}, ${cut})`);
}

/**
 * Keeps exactly the cut dates `wanted` for the organiser: adds the missing ones, drops the others
 * with their rows. Holds the roll-up lock exclusively (registrations wait, seconds for a day's step).
 */
export async function keepRollupCuts(
  tx: Tx,
  organiserId: string,
  wanted: string[],
): Promise<{ added: string[]; dropped: string[] }> {
  await lockRollups(tx, organiserId, 'exclusive');
  const existing = await findCutDates(tx, organiserId);
  const added = [...new Set(wanted)].filter((w) => !existing.includes(w)).sort();
  for (const cut of added) await addCut(tx, organiserId, cut, [...existing, ...added.filter((a) => a < cut)].sort());
  const dropped = existing.filter((e) => !wanted.includes(e));
  if (dropped.length > 0) {
    await tx.execute(
      sql`delete from pupil_periods where organiser_id = ${organiserId} and period_key = any(${textArray(dropped.flatMap(cutKeysOf))})`,
    );
    await dropCellCache(tx, organiserId, dropped.flatMap(cutKeysOf));
    await tx.execute(
      sql`delete from rollup_cuts where organiser_id = ${organiserId} and cut_date = any(${dateArray(dropped)})`,
    );
  }
  return { added, dropped };
}

/** The nightly step: today's and a year ago's cuts, for one organiser. */
export async function advanceRollupCuts(
  tx: Tx,
  organiserId: string,
  today: string,
): Promise<{ added: string[]; dropped: string[] }> {
  return keepRollupCuts(tx, organiserId, wantedCutDates(today));
}

/** Whether the roll-up is kept to `date` (its cut rows exist). */
export async function hasCut(tx: Tx, organiserId: string, date: string): Promise<boolean> {
  return (
    (await queryRows(tx, sql`select 1 from rollup_cuts where organiser_id = ${organiserId} and cut_date = ${date}`))
      .length > 0
  );
}
