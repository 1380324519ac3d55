/**
 * The derived rows of an organiser (pupil days, statistics roll-ups, pending same-day notices)
 * next to the same rows recomputed from scratch out of the raw facts (marks, confirmations,
 * absences, lessons). Used by the concurrency test and the soak harness's verifier: after any
 * interleaving of writes the two must be equal.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from '../db/client.js';
import { recomputePupilDays } from '../modules/measures/recompute-pupil-days.js';
import { needsSameDayNotice } from '../modules/messages/same-day-notices.js';
import { testConfig } from './support.js';

export interface DerivedRows {
  pupilDays: string[];
  pupilPeriods: string[];
  unitMonths: string[];
  /** Pupils with a pending same-day notice for `today`. */
  pendingNotices: string[];
}

const lines = async (tx: Tx, query: ReturnType<typeof sql>) =>
  (await queryRows<{ line: string }>(tx, query)).map((r) => r.line);

/** The organiser's derived rows as sorted text lines (every figure column). */
export async function readDerivedRows(tx: Tx, organiserId: string, today: string): Promise<DerivedRows> {
  return {
    pupilDays: await lines(
      tx,
      sql`select concat_ws('|', person_id, date, school_unit_id, scheduled, known, attended, valid, invalid, other,
      late_count, late_minutes, is_absent_day, has_absence) as line from pupil_days where organiser_id = ${organiserId} order by 1`,
    ),
    pupilPeriods: await lines(
      tx,
      sql`select concat_ws('|', period_key, school_unit_id, person_id, school_year_key, class_key, first_date, last_date,
      scheduled, known, attended, valid, invalid, other, late_count, late_minutes, absent_days, absence_occasions, school_days, unit_rows, period_rows) as line
      from pupil_periods where organiser_id = ${organiserId} order by 1`,
    ),
    unitMonths: await lines(
      tx,
      sql`select concat_ws('|', month, school_unit_id, pupils, scheduled, known, attended, valid, invalid, other,
      late_count, late_minutes, absent_days, absence_occasions, school_days) as line from unit_months where organiser_id = ${organiserId} order by 1`,
    ),
    pendingNotices: await lines(
      tx,
      sql`select person_id::text as line from outbox where organiser_id = ${organiserId}
      and template_key = 'franvaro-samma-dag' and status = 'pending' and about_date = ${today} order by 1`,
    ),
  };
}

class Rollback extends Error {}

/**
 * The derived rows recomputed from nothing: in a transaction that is rolled back, the organiser's
 * pupil days, pupil periods and unit months are deleted and rebuilt by the same code registrations
 * use, over every pupil and the whole range of lessons; the notices due are those whose recomputed
 * day calls for one (`lateLimit` as configured).
 */
export async function recomputedDerivedRows(
  database: Database,
  organiserId: string,
  today: string,
  lateLimit: number,
): Promise<DerivedRows> {
  let result: DerivedRows | undefined;
  await database.db
    .transaction(async (tx) => {
      const [range] = await queryRows<{ from: string | null; to: string | null }>(
        tx,
        sql`select min(local_date)::text as from, max(local_date)::text as to
      from lessons where organiser_id = ${organiserId}`,
      );
      const pupils = (
        await queryRows<{ id: string }>(
          tx,
          sql`select distinct person_id as id from enrolments where organiser_id = ${organiserId}`,
        )
      ).map((r) => r.id);
      await tx.execute(sql`delete from pupil_days where organiser_id = ${organiserId}`);
      await tx.execute(sql`delete from pupil_periods where organiser_id = ${organiserId}`);
      await tx.execute(sql`delete from unit_months where organiser_id = ${organiserId}`);
      if (range.from && range.to) await recomputePupilDays(tx, organiserId, pupils, range.from, range.to);
      const rows = await readDerivedRows(tx, organiserId, today);
      const days = await queryRows<{ person_id: string; invalid: number; late_minutes: number }>(
        tx,
        sql`select person_id, invalid, late_minutes
      from pupil_days where organiser_id = ${organiserId} and date = ${today} order by person_id`,
      );
      rows.pendingNotices = days
        .filter((d) => needsSameDayNotice({ invalid: d.invalid, lateMinutes: d.late_minutes }, lateLimit))
        .map((d) => d.person_id);
      result = rows;
      throw new Rollback();
    })
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return result!;
}

/** The derived rows as stored and as recomputed from nothing, with the tests' configured late limit. */
export async function storedAndRecomputed(
  database: Database,
  organiserId: string,
  today: string,
): Promise<{ stored: DerivedRows; recomputed: DerivedRows }> {
  const stored = await readDerivedRows(database.db, organiserId, today);
  const lateLimit = testConfig().messages.sameDayNoticeLateMinutes;
  return { stored, recomputed: await recomputedDerivedRows(database, organiserId, today, lateLimit) };
}
