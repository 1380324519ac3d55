/**
 * Which notices the organiser received when: the SQL that the inbox and overview (cases) and the
 * statistics' activity figures share, so the board report counts what the inbox lists. Here and
 * not in the cases module because statistics may not depend on it (cases → measures → statistics).
 */
import { type SQL, sql } from 'drizzle-orm';

/**
 * The day a notice `n` was made: the opening of its investigation `i`. The row's own timestamp is
 * when it was written, which for a whole demo load or a replayed import is the day of the import
 * (issue 16).
 */
export const NOTICE_RECEIVED_ON = sql`coalesce(i.opened_on, (n.created_at at time zone 'Europe/Stockholm')::date)`;

/**
 * FROM and WHERE of the notices to the organiser (not the copies to a home municipality) received
 * in the period, as `n` with their investigation `i`.
 */
export function noticesReceivedSql(organiserId: string, from: string, to: string): SQL {
  return sql`organiser_notices n left join case_investigations i on i.organiser_id = n.organiser_id and i.id = n.investigation_id
    where n.organiser_id = ${organiserId} and n.recipient = 'organiser' and ${NOTICE_RECEIVED_ON} between ${from} and ${to}`;
}
