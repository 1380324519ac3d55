/** The organiser's terms (SS12000 calendar): the default period of pupil figures and leave decisions. */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from './client.js';

/** The term containing the date, or else the latest term that started before it. */
export async function findCurrentTerm(
  tx: Tx,
  organiserId: string,
  date: string,
): Promise<{ startDate: string; endDate: string } | null> {
  const [row] = await queryRows<{ start_date: string; end_date: string }>(
    tx,
    sql`select start_date::text, end_date::text from terms
    where organiser_id = ${organiserId} and start_date <= ${date} order by start_date desc limit 1`,
  );
  return row ? { startDate: row.start_date, endDate: row.end_date } : null;
}
