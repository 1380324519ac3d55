/**
 * Case and message figures for the organiser view and the board report, each counted from the
 * module that owns it: investigations and notices from case management, guardian messages from
 * the outbox and its deliveries. Counts only — never a pupil.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import { noticesReceivedSql } from '../../db/organiser-notices.js';
import type { OrganiserActivity } from '../../../shared/schemas/statistics.js';

/**
 * Investigations (7 kap. 19 a §) opened and completed in the period, and overdue at its end
 * (still open then, deadline passed), so a past month's report keeps its figures.
 */
async function countInvestigations(tx: Tx, organiserId: string, from: string, to: string) {
  const [row] = await queryRows<{ opened: number; closed: number; overdue: number }>(
    tx,
    sql`
    select (count(*) filter (where opened_on between ${from} and ${to}))::int as opened,
      (count(*) filter (where completed_on between ${from} and ${to}))::int as closed,
      (count(*) filter (where opened_on <= ${to} and (completed_on is null or completed_on > ${to}) and deadline < ${to}))::int as overdue
    from case_investigations where organiser_id = ${organiserId}`,
  );
  return row!;
}

/**
 * Notices to the organiser received in the period, by the inbox's definition (noticesReceivedSql,
 * as the cases overview counts them). Not the outbox, where a ladder step's own notice waits until
 * the sender withdraws it as a duplicate.
 */
async function countOrganiserNotices(tx: Tx, organiserId: string, from: string, to: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from ${noticesReceivedSql(organiserId, from, to)}`,
  );
  return row!.n;
}

/** Guardian messages written in the period (not withdrawn before sending), and those that reached a guardian by some channel. */
async function countGuardianMessages(tx: Tx, organiserId: string, from: string, to: string) {
  const [row] = await queryRows<{ written: number; sent: number }>(
    tx,
    sql`
    select (count(*) filter (where o.status <> 'withdrawn'))::int as written,
      (count(*) filter (where exists (select 1 from message_deliveries d where d.organiser_id = o.organiser_id and d.outbox_id = o.id
        and d.status in ('sent', 'delivered'))))::int as sent
    from outbox o where o.organiser_id = ${organiserId} and o.kind = 'guardianMessage'
      and (o.created_at at time zone 'Europe/Stockholm')::date between ${from} and ${to}`,
  );
  return row!;
}

export async function organiserActivity(
  tx: Tx,
  organiserId: string,
  from: string,
  to: string,
): Promise<OrganiserActivity> {
  const investigations = await countInvestigations(tx, organiserId, from, to);
  const messages = await countGuardianMessages(tx, organiserId, from, to);
  return {
    investigationsOpened: investigations.opened,
    investigationsClosed: investigations.closed,
    investigationsOverdue: investigations.overdue,
    noticesReceived: await countOrganiserNotices(tx, organiserId, from, to),
    guardianMessagesWritten: messages.written,
    guardianMessagesSent: messages.sent,
  };
}
