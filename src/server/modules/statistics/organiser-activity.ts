/**
 * Case and message figures for the organiser view and the board report, each from the module that
 * owns it. A source that does not exist yet answers null ("ej tillgängligt ännu" in the UI and the
 * PDF) — the investigations (cases) module is being built; wire its counts in here, and only here.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import type { OrganiserActivity } from '../../../shared/schemas/statistics.js';

/** Outbox rows of a kind written in the period (Stockholm dates); `sentOnly` counts delivered ones. */
async function countOutbox(tx: Tx, organiserId: string, kind: 'guardianMessage' | 'organiserNotice', from: string, to: string, sentOnly: boolean): Promise<number> {
  const [row] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from outbox o
    where o.organiser_id = ${organiserId} and o.kind = ${kind} and (o.created_at at time zone 'Europe/Stockholm')::date between ${from} and ${to}
      and ${sentOnly ? sql`o.status = 'sent'` : sql`true`}`);
  return row.n;
}

/** Investigations (utredningar) opened, closed and overdue: no cases module yet. */
async function countInvestigations(): Promise<{ opened: number | null; closed: number | null; overdue: number | null }> {
  return { opened: null, closed: null, overdue: null };
}

export async function organiserActivity(tx: Tx, organiserId: string, from: string, to: string): Promise<OrganiserActivity> {
  const investigations = await countInvestigations();
  return {
    investigationsOpened: investigations.opened,
    investigationsClosed: investigations.closed,
    investigationsOverdue: investigations.overdue,
    noticesReceived: await countOutbox(tx, organiserId, 'organiserNotice', from, to, false),
    guardianMessagesWritten: await countOutbox(tx, organiserId, 'guardianMessage', from, to, false),
    guardianMessagesSent: await countOutbox(tx, organiserId, 'guardianMessage', from, to, true),
  };
}
