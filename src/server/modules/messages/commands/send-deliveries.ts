/**
 * Sends due deliveries. Each row is claimed (status `sending`, a lease, attempts + 1) in its own
 * statement with FOR UPDATE SKIP LOCKED, sent, and marked at once — so a worker that dies
 * mid-batch leaves only unsent claimed rows, which the next worker takes over when the lease
 * runs out. Nothing is lost and nothing is sent twice, except in the instant between the
 * provider accepting a message and the mark (then the resend carries the same Message-ID /
 * Idempotency-Key, so the receiver can recognise it).
 * A lease names the worker process holding it; a restarted worker takes back at once those of a
 * dead worker on its host (reclaimDeadLeases), rows of other hosts' workers wait for the lease.
 */
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, schema, type Db } from '../../../db/client.js';
import type { MessageConfig } from '../../../config.js';
import { DeliveryError, type Transports, withoutContactDetails } from '../channels/channel.js';
import { currentProcess, formatIdentity, isAlive, parseIdentity } from '../../../process-identity.js';

const LEASE_MS = 5 * 60_000;

interface ClaimedRow {
  id: string;
  channel: 'email' | 'sms';
  address: string;
  subject: string;
  body: string;
  locale: string;
  attempts: number;
}

export interface SendSummary {
  sent: number;
  retried: number;
  failed: number;
}

/** Exponential backoff: base, 2×base, 4×base … seconds after the 1st, 2nd, 3rd failed attempt. */
export const retryDelayMs = (attempts: number, baseSeconds: number): number =>
  baseSeconds * 1000 * 2 ** Math.max(0, attempts - 1);

export async function sendDueDeliveries(
  db: Db,
  organiserId: string,
  options: {
    now: Date;
    transports: Transports;
    config: Pick<MessageConfig, 'maxAttempts' | 'retryBaseSeconds'>;
    batchSize?: number;
  },
): Promise<SendSummary> {
  const { now, transports, config } = options;
  const summary: SendSummary = { sent: 0, retried: 0, failed: 0 };
  const claimed = await queryRows<ClaimedRow>(
    db,
    sql`update message_deliveries d
    set status = 'sending', attempts = d.attempts + 1, locked_until = ${new Date(now.getTime() + LEASE_MS).toISOString()}::timestamptz,
      locked_by = ${formatIdentity(currentProcess())}
    where (d.organiser_id, d.id) in (
      select organiser_id, id from message_deliveries
      where organiser_id = ${organiserId} and channel in ('email', 'sms')
        and ((status = 'queued' and next_attempt_at <= ${now.toISOString()}::timestamptz)
          or (status = 'sending' and locked_until < ${now.toISOString()}::timestamptz))
      order by next_attempt_at, id limit ${options.batchSize ?? 50}
      for update skip locked)
    returning d.id, d.channel, d.address, d.subject, d.body, d.locale, d.attempts`,
  );
  const key = (id: string) =>
    and(
      eq(schema.messageDeliveries.organiserId, organiserId),
      eq(schema.messageDeliveries.id, id),
      eq(schema.messageDeliveries.status, 'sending'),
    );
  for (const row of claimed) {
    const transport = transports[row.channel];
    try {
      const result = await transport.send({
        reference: `${organiserId}/${row.id}`,
        to: row.address,
        subject: row.subject,
        body: row.body,
        locale: row.locale,
      });
      await db
        .update(schema.messageDeliveries)
        .set({
          status: 'sent',
          sentAt: now,
          lockedUntil: null,
          lockedBy: null,
          lastError: null,
          transport: transport.name,
          providerMessageId: result.providerMessageId,
        })
        .where(key(row.id));
      summary.sent++;
    } catch (error) {
      // Anything else than a delivery error is a crash: the batch stops here, the lease brings the rest back.
      if (!(error instanceof DeliveryError)) throw error;
      const isFinal = error.isPermanent || row.attempts >= config.maxAttempts;
      await db
        .update(schema.messageDeliveries)
        .set({
          status: isFinal ? 'failed' : 'queued',
          lockedUntil: null,
          lockedBy: null,
          lastError: withoutContactDetails(error.message),
          transport: transport.name,
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(row.attempts, config.retryBaseSeconds)),
        })
        .where(key(row.id));
      if (isFinal) summary.failed++;
      else summary.retried++;
    }
  }
  return summary;
}

/**
 * Makes the leases of dead workers due now: of every worker when this process is the only one
 * (PGlite owns its data folder), else of workers on this host whose process is gone. Across
 * organisers (a worker's leases span them); run when a worker starts.
 * @returns the number of deliveries taken back.
 */
export async function reclaimDeadLeases(db: Db, options: { isSoleProcess: boolean; now: Date }): Promise<number> {
  const holders = await queryRows<{ locked_by: string | null }>(
    db,
    sql`select distinct locked_by from message_deliveries where status = 'sending'`,
  );
  const me = formatIdentity(currentProcess());
  const dead = holders
    .map((h) => h.locked_by)
    .filter(
      (h): h is string =>
        h !== null &&
        h !== me &&
        (options.isSoleProcess || !isAlive(parseIdentity(h) ?? { pid: 0, startTime: null, hostname: '' })),
    );
  // Leases from before the holder was recorded: only the sole process can know they are dead.
  const legacy = options.isSoleProcess && holders.some((h) => h.locked_by === null);
  if (dead.length === 0 && !legacy) return 0;
  const rows = await queryRows(
    db,
    sql`update message_deliveries set locked_until = ${options.now.toISOString()}::timestamptz - interval '1 millisecond'
    where status = 'sending' and (locked_by in (select jsonb_array_elements_text(${JSON.stringify(dead)}::jsonb))${legacy ? sql` or locked_by is null` : sql``})
    returning id`,
  );
  return rows.length;
}
