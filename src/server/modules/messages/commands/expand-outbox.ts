/**
 * Turns due outbox messages into deliveries: recipients (guardians with custody whose link is
 * usable), channels (e-mail, SMS) and the text in each recipient's language. Runs in one
 * transaction per organiser; rows are claimed with FOR UPDATE SKIP LOCKED so two workers on
 * PostgreSQL never expand the same message, and the delivery key (outbox, channel, address)
 * makes a repeated expansion harmless.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, schema, type Tx } from '../../../db/client.js';
import type { MessageConfig } from '../../../config.js';
import { findPupilFacts, findRecipients, findSameDayNoticeLessons, mobileNumbers } from '../messages.repo.js';
import { localisedValues, renderFor, templateLookup } from '../render-message.js';
import { SAME_DAY_TEMPLATE, sameDayNoticeWithdrawal } from '../same-day-notices.js';
import { loadGuardianSettings } from '../guardian-settings.js';
import { addDays, localDateOf, monthKey } from '../../../../shared/dates/index.js';
import { EMPTY_PLACEHOLDER } from '../../../../shared/messages/templates.js';
import type { MessageReason } from '../../../../shared/messages/reasons.js';

export const MONTHLY_TEMPLATE = 'manadsfranvaro-over-20';
/**
 * Outbox rows per transaction: small, so on PGlite (one transaction at a time) a backlog — the
 * first run after a demo load — lets waiting requests in between batches instead of holding them
 * for the whole backlog.
 */
const BATCH = 10;

interface OutboxRow {
  id: string;
  kind: 'guardianMessage' | 'organiserNotice';
  person_id: string | null;
  template_key: string;
  payload: Record<string, unknown>;
  idempotency_key: string;
  about_date: string | null;
}

export interface ExpandSummary {
  expanded: number;
  withdrawn: number;
  failed: number;
  deliveries: number;
}

export async function expandDueOutbox(
  tx: Tx,
  organiserId: string,
  options: { now: Date; config: MessageConfig },
): Promise<ExpandSummary> {
  const { now, config } = options;
  const rows = await queryRows<OutboxRow>(
    tx,
    sql`select id, kind, person_id, template_key, payload, idempotency_key, about_date::text as about_date from outbox
    where organiser_id = ${organiserId} and status = 'pending' and send_after <= ${now.toISOString()}::timestamptz
    order by send_after, id limit ${BATCH} for update skip locked`,
  );
  const summary: ExpandSummary = { expanded: 0, withdrawn: 0, failed: 0, deliveries: 0 };
  if (rows.length === 0) return summary;
  const settings = await loadGuardianSettings(tx, organiserId, config);
  const lookup = templateLookup(tx, organiserId);
  const setOutbox = (id: string, values: Partial<typeof schema.outbox.$inferInsert>) =>
    tx
      .update(schema.outbox)
      .set({ processedAt: now, ...values })
      .where(and(eq(schema.outbox.organiserId, organiserId), eq(schema.outbox.id, id)));

  for (const row of rows) {
    const withdrawal = await withdrawalReason(tx, organiserId, row, config, localDateOf(now.getTime()));
    if (withdrawal) {
      await setOutbox(row.id, { status: 'withdrawn', withdrawnAt: now, lastError: withdrawal });
      summary.withdrawn++;
      continue;
    }
    const facts = row.person_id ? await findPupilFacts(tx, organiserId, row.person_id) : null;
    const payload = { ...row.payload };
    if (row.template_key === SAME_DAY_TEMPLATE && row.person_id && row.about_date) {
      // Aggregated at send time: every lesson of the day with invalid absence, in one message.
      payload.lessons = await findSameDayNoticeLessons(tx, organiserId, row.person_id, row.about_date);
      payload.date = row.about_date;
    }
    const factValues = {
      pupilName: facts?.pupilName ?? '',
      schoolName: facts?.schoolName ?? '',
      templateKey: row.template_key,
    };
    const deliveries: (typeof schema.messageDeliveries.$inferInsert)[] = [];
    const missing = new Set<string>();
    if (row.kind === 'organiserNotice') {
      // Organiser notices carry no guardian data; without a notice address they stay in the in-app inbox.
      const rendered = await renderFor(
        lookup,
        row.template_key,
        row.kind,
        'sv',
        localisedValues('sv', payload, factValues),
      );
      const address = settings.noticeEmail;
      if (rendered.ok) {
        deliveries.push({
          organiserId,
          id: randomUUID(),
          outboxId: row.id,
          recipientPersonId: null,
          channel: address ? 'email' : 'inbox',
          address: address ?? '',
          locale: 'sv',
          ...rendered.text,
          status: address ? 'queued' : 'delivered',
          deliveredAt: address ? null : now,
          nextAttemptAt: now,
        });
      } else for (const name of rendered.missing) missing.add(name);
    } else if (row.person_id) {
      const only = typeof row.payload.recipientPersonId === 'string' ? row.payload.recipientPersonId : null;
      for (const recipient of await findRecipients(tx, organiserId, row.person_id)) {
        if (only && recipient.guardian_id !== only) continue;
        const locale = recipient.locale ?? 'sv';
        const rendered = await renderFor(
          lookup,
          row.template_key,
          row.kind,
          locale,
          localisedValues(locale, payload, factValues),
        );
        if (!rendered.ok) {
          for (const name of rendered.missing) missing.add(name);
          continue;
        }
        const email = recipient.emails[0]?.value;
        const mobile = mobileNumbers(recipient.phone_numbers)[0];
        const base = {
          organiserId,
          outboxId: row.id,
          recipientPersonId: recipient.guardian_id,
          locale,
          ...rendered.text,
          nextAttemptAt: now,
        };
        if (email) deliveries.push({ ...base, id: randomUUID(), channel: 'email', address: email });
        if (mobile) deliveries.push({ ...base, id: randomUUID(), channel: 'sms', address: mobile, subject: '' });
      }
    }
    if (missing.size > 0) {
      // Never a message with a hole in it: the whole message is held (no recipient gets it) and
      // the staff see which value was missing.
      await setOutbox(row.id, { status: 'failed', lastError: `${EMPTY_PLACEHOLDER}:${[...missing].join(',')}` });
      summary.failed++;
      continue;
    }
    if (deliveries.length === 0) {
      await setOutbox(row.id, { status: 'failed', lastError: 'NO_CONTACT_CHANNEL' satisfies MessageReason });
      summary.failed++;
      continue;
    }
    await tx
      .insert(schema.messageDeliveries)
      .values(deliveries)
      .onConflictDoUpdate({
        target: [
          schema.messageDeliveries.organiserId,
          schema.messageDeliveries.outboxId,
          schema.messageDeliveries.channel,
          schema.messageDeliveries.address,
        ],
        // A delivery withdrawn before it went out (a same-day notice corrected to valid) comes
        // back with the message, in its new text; any other repeated expansion changes nothing.
        set: {
          status: 'queued',
          subject: sql`excluded.subject`,
          body: sql`excluded.body`,
          locale: sql`excluded.locale`,
          lastError: null,
          nextAttemptAt: now,
        },
        where: eq(schema.messageDeliveries.status, 'withdrawn'),
      });
    // A same-day notice keeps the lessons it told, so a retry can see whether they still hold.
    await setOutbox(row.id, {
      status: 'queued',
      lastError: null,
      ...(row.template_key === SAME_DAY_TEMPLATE ? { payload } : {}),
    });
    summary.expanded++;
    summary.deliveries += deliveries.length;
  }
  return summary;
}

/** Why a due message must not go out after all, or null. */
/** A ladder message about a step entered longer ago than this is history, not news for the family. */
export const LADDER_MESSAGE_MAX_AGE_DAYS = 7;

async function withdrawalReason(
  tx: Tx,
  organiserId: string,
  row: OutboxRow,
  config: MessageConfig,
  today: string,
): Promise<MessageReason | null> {
  if (!row.person_id) return null;
  const aboutDate = typeof row.payload.date === 'string' ? row.payload.date : null;
  const isFromLadder = typeof row.payload.ladderVersionId === 'string';
  if (
    row.kind === 'guardianMessage' &&
    isFromLadder &&
    (row.payload.isReplay === true || (aboutDate && aboutDate < addDays(today, -LADDER_MESSAGE_MAX_AGE_DAYS)))
  ) {
    // A first evaluation (first start, an import, a ladder published with an earlier effective
    // date) replays the past, and a worker that was down finds old rows: guardians are not sent
    // history (the step and its tasks are still recorded). Organiser notices are the organiser's
    // record of the step and are still delivered (to its inbox), dated by what they report.
    return 'OUTDATED_REPLAY';
  }
  if (row.template_key === SAME_DAY_TEMPLATE && (row.about_date ?? aboutDate) !== today) {
    // "Absent today" is only true today (Europe/Stockholm): a notice not sent on its day is withdrawn.
    return 'DAY_PASSED';
  }
  if (
    row.kind === 'guardianMessage' &&
    typeof row.payload.month === 'string' &&
    row.payload.month !== monthKey(addDays(`${today.slice(0, 7)}-01`, -1))
  ) {
    // Monthly figures are news only for the month just completed.
    return 'OUTDATED_MONTH';
  }
  if (
    row.kind === 'organiserNotice' &&
    !row.idempotency_key.startsWith('investigation:') &&
    typeof row.payload.date === 'string'
  ) {
    // A ladder step that both opens an investigation and notifies the organiser (Stockholm's step 3):
    // opening the investigation already sent the notice the law asks for, so the organiser gets one.
    const [investigation] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from outbox
      where organiser_id = ${organiserId} and person_id = ${row.person_id} and kind = 'organiserNotice'
        and idempotency_key like 'investigation:%:organiser' and payload->>'openedOn' = ${row.payload.date}`,
    );
    return investigation.n > 0 ? 'DUPLICATE_OF_INVESTIGATION_NOTICE' : null;
  }
  if (row.template_key === SAME_DAY_TEMPLATE && row.about_date) {
    // Our own notice: the day may have been corrected since it was written.
    const [day] = await queryRows<{ invalid: number; lateMinutes: number }>(
      tx,
      sql`select invalid, late_minutes as "lateMinutes" from pupil_days
      where organiser_id = ${organiserId} and person_id = ${row.person_id} and date = ${row.about_date}`,
    );
    return sameDayNoticeWithdrawal(row.about_date, today, day, config.sameDayNoticeLateMinutes);
  }
  if (row.template_key === SAME_DAY_TEMPLATE) {
    // Only the same-day rule sends "absent today" (a ladder no longer writes it; older rows stay unsent).
    return 'DUPLICATE_OF_SAME_DAY_NOTICE';
  }
  if (row.template_key === MONTHLY_TEMPLATE && !row.idempotency_key.startsWith('monthly:')) {
    // A ladder alert with the monthly message: the family gets one message about the month, not two.
    const month = typeof row.payload.month === 'string' ? row.payload.month : null;
    const [other] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from outbox
      where organiser_id = ${organiserId} and person_id = ${row.person_id} and template_key = ${MONTHLY_TEMPLATE} and id <> ${row.id}
        and status <> 'withdrawn' and idempotency_key like 'monthly:%'
        and ${month ? sql`payload->>'month' = ${month}` : sql`created_at > ${addDays(today, -35)}::date`}`,
    );
    return other.n > 0 ? 'DUPLICATE_OF_MONTHLY_NOTICE' : null;
  }
  return null;
}
