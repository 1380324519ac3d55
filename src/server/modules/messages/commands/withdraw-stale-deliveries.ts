/**
 * Checks a same-day notice again before a delivery that has not gone out yet is (re)tried: a
 * channel failure's retry, or a crashed worker's row taken over after its lease, can fall after
 * a correction to valid or after midnight, and "absent today" must then not be sent. Such
 * deliveries are withdrawn with the reason; the outbox message is withdrawn too when none of its
 * deliveries went out. (Before expansion the same rule withdraws the whole message: expand-outbox.)
 * When the day still calls for the notice but its lessons changed (one corrected to present), the
 * message goes back to be expanded again, so the unsent deliveries get the text that is true now.
 * Run before expansion.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../../db/client.js';
import type { MessageConfig } from '../../../config.js';
import { localDateOf } from '../../../../shared/dates/index.js';
import { SAME_DAY_TEMPLATE, sameDayNoticeWithdrawal } from '../same-day-notices.js';
import { findSameDayNoticeLessons } from '../messages.repo.js';

/** A delivery that may still be sent: queued, or claimed by a worker whose lease has run out. */
const unsentSql = (now: Date) =>
  sql`(d.status = 'queued' or (d.status = 'sending' and d.locked_until < ${now.toISOString()}::timestamptz))`;

/** @returns the number of deliveries withdrawn. */
export async function withdrawStaleDeliveries(
  tx: Tx,
  organiserId: string,
  options: { now: Date; config: Pick<MessageConfig, 'sameDayNoticeLateMinutes'> },
): Promise<number> {
  const { now, config } = options;
  const today = localDateOf(now.getTime());
  const notices = await queryRows<{
    outbox_id: string;
    person_id: string;
    about_date: string | null;
    lessons: unknown;
    invalid: number | null;
    late_minutes: number | null;
  }>(
    tx,
    sql`select distinct on (o.id) o.id as outbox_id, o.person_id, o.about_date::text as about_date, o.payload->'lessons' as lessons,
      pd.invalid, pd.late_minutes
    from message_deliveries d
    join outbox o on o.organiser_id = d.organiser_id and o.id = d.outbox_id
    left join pupil_days pd on pd.organiser_id = o.organiser_id and pd.person_id = o.person_id and pd.date = o.about_date
    where d.organiser_id = ${organiserId} and d.status in ('queued', 'sending') and ${unsentSql(now)}
      and o.template_key = ${SAME_DAY_TEMPLATE}`,
  );
  let withdrawn = 0;
  for (const notice of notices) {
    const day =
      notice.invalid === null ? undefined : { invalid: notice.invalid, lateMinutes: notice.late_minutes ?? 0 };
    const reason = sameDayNoticeWithdrawal(notice.about_date, today, day, config.sameDayNoticeLateMinutes);
    if (!reason) {
      const lessons = await findSameDayNoticeLessons(tx, organiserId, notice.person_id, notice.about_date as string);
      if (JSON.stringify(lessons) !== JSON.stringify(notice.lessons))
        await expandAgain(tx, organiserId, notice.outbox_id, now);
      continue;
    }
    const rows = await queryRows(
      tx,
      sql`update message_deliveries d set status = 'withdrawn', last_error = ${reason}, locked_until = null, locked_by = null
      where d.organiser_id = ${organiserId} and d.outbox_id = ${notice.outbox_id} and ${unsentSql(now)}
      returning d.id`,
    );
    withdrawn += rows.length;
    // Nothing went out to anyone: the message as a whole is withdrawn, with its reason for the staff.
    await tx.execute(
      sql`update outbox o set status = 'withdrawn', withdrawn_at = ${now.toISOString()}::timestamptz, last_error = ${reason}
      where o.organiser_id = ${organiserId} and o.id = ${notice.outbox_id} and not exists (
        select 1 from message_deliveries d where d.organiser_id = o.organiser_id and d.outbox_id = o.id
          and d.status in ('sending', 'sent', 'delivered'))`,
    );
  }
  return withdrawn;
}

/**
 * Sends a message back to be expanded: its unsent deliveries are set aside (withdrawn, no reason)
 * and come back with the new text when expand-outbox writes them again.
 */
async function expandAgain(tx: Tx, organiserId: string, outboxId: string, now: Date): Promise<void> {
  await tx.execute(
    sql`update message_deliveries d set status = 'withdrawn', last_error = null, locked_until = null, locked_by = null
    where d.organiser_id = ${organiserId} and d.outbox_id = ${outboxId} and ${unsentSql(now)}`,
  );
  await tx.execute(
    sql`update outbox set status = 'pending', send_after = ${now.toISOString()}::timestamptz
    where organiser_id = ${organiserId} and id = ${outboxId}`,
  );
}
