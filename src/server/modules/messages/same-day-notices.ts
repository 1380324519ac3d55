/**
 * Same-day notice (skollagen 7 kap. 17 §): one message per pupil and day when a confirmed lesson
 * shows invalid absence (or the day's late minutes reach the configured limit). Written in the
 * transaction of the registration that causes it, after the roll-up is recomputed; withdrawn in
 * the transaction of a correction (or report) that makes the day valid before it is sent.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import { localDateOf, localDateTimeToInstant } from '../../../shared/dates/index.js';
import type { MessageConfig } from '../../config.js';
import type { JobQueue } from '../../jobs/queue.js';
import { loadSameDayNoticeSettings, type SameDayNoticeSettings } from './guardian-settings.js';
import { JOB_SEND_MESSAGES } from './messages.jobs.js';
import type { MessageReason } from '../../../shared/messages/reasons.js';
import { textArray, uuidArray } from '../../db/sql.js';

export const SAME_DAY_TEMPLATE = 'franvaro-samma-dag';
export const sameDayKey = (pupilId: string, date: string) => `same-day:${pupilId}:${date}`;

export interface NoticeTiming {
  now: Date;
  today: string;
  config: Pick<MessageConfig, 'sameDayNoticeTime' | 'sameDayNoticeLateMinutes'>;
  /** The organiser's settings when the caller read them with its own facts (else they are read when a notice is due). */
  settings?: SameDayNoticeSettings;
  /** Filled by syncSameDayNotices: when notices written under the 'immediate' policy fall due (the caller wakes the sender after commit). */
  dueAt?: Date[];
}

/** True when a day's figures call for a notice: invalid absence beyond lateness, or late minutes at the limit. */
export function needsSameDayNotice(day: { invalid: number; lateMinutes: number }, lateLimit: number): boolean {
  if (day.invalid > day.lateMinutes) return true;
  return lateLimit > 0 && day.invalid > 0 && day.lateMinutes >= lateLimit;
}

/**
 * Why a written same-day notice must not (or no longer) go out, or null: only on its day
 * (Europe/Stockholm), and only while the day's figures still call for it. `day` is the pupil's
 * `pupil_days` row for the notice's date (undefined: no row, nothing to tell).
 */
export function sameDayNoticeWithdrawal(
  aboutDate: string | null,
  today: string,
  day: { invalid: number; lateMinutes: number } | undefined,
  lateLimit: number,
): MessageReason | null {
  if (aboutDate !== today) return 'DAY_PASSED';
  return day && needsSameDayNotice(day, lateLimit) ? null : 'ABSENCE_NOW_VALID';
}

/** What a notice is decided from: a pupil's day figures. */
interface WrittenDay {
  personId: string;
  date: string;
  invalid: number;
  lateMinutes: number;
}

/**
 * Brings the pupils' notices for today in line with the roll-up. Only today: a "same-day"
 * notice about an older day is not what the law asks for, and a correction of history must not
 * message families. Call after recomputePupilDays in the same transaction.
 * @param writtenDays the pupils' `pupil_days` rows in [from, to] as the recomputation just wrote
 *   them, when the caller has them (so they are not read again).
 * @param newlyAbsent pupils a registration has just marked absent, late or left: under 'immediate'
 *   their waiting notice, which will list that lesson too, waits for this kvittens's grace as well.
 */
export async function syncSameDayNotices(
  tx: Tx,
  organiserId: string,
  pupilIds: string[],
  from: string,
  to: string,
  timing: NoticeTiming,
  writtenDays?: readonly WrittenDay[],
  newlyAbsent?: ReadonlySet<string>,
): Promise<void> {
  const { today } = timing;
  if (pupilIds.length === 0 || today < from || today > to) return;
  const days =
    writtenDays?.filter((d) => d.date === today) ??
    (await queryRows<WrittenDay>(
      tx,
      sql`select person_id as "personId", date::text as date, invalid, late_minutes as "lateMinutes" from pupil_days
    where organiser_id = ${organiserId} and date = ${today} and person_id = any(${uuidArray([...new Set(pupilIds)])})`,
    ));
  const due = new Set(
    days.filter((d) => needsSameDayNotice(d, timing.config.sameDayNoticeLateMinutes)).map((d) => d.personId),
  );
  const { at: sendAt, isImmediate } =
    due.size > 0 ? await sameDaySendAt(tx, organiserId, timing) : { at: timing.now.getTime(), isImmediate: false };
  // Plain templates, not drizzle's builders (whose building cost a registration 0.4 ms of CPU).
  // Absent again after a correction: the withdrawn notice comes back (still one per day), with a new
  // grace. 'immediate': a waiting notice waits for the grace of a kvittens that newly marked the pupil absent.
  const dueIds = [...due];
  const waitingAgain =
    isImmediate && newlyAbsent && newlyAbsent.size > 0
      ? sql` or (outbox.status = 'pending' and outbox.person_id = any(${uuidArray(newlyAbsent)}))`
      : sql``;
  const written =
    dueIds.length > 0 &&
    sql`insert into outbox (organiser_id, id, kind, person_id, template_key, payload, idempotency_key, status, send_after, about_date)
      select ${organiserId}::uuid, gen_random_uuid(), 'guardianMessage', p.id, ${SAME_DAY_TEMPLATE}, ${JSON.stringify({ date: today })}::jsonb,
        p.key, 'pending', ${new Date(sendAt).toISOString()}::timestamptz, ${today}::date
      from unnest(${uuidArray(dueIds)}, ${textArray(dueIds.map((id) => sameDayKey(id, today)))}) as p(id, key)
      on conflict (organiser_id, idempotency_key) do update set status = 'pending', withdrawn_at = null, last_error = null,
        send_after = case when outbox.status = 'withdrawn' then excluded.send_after else greatest(outbox.send_after, excluded.send_after) end
      where outbox.status = 'withdrawn'${waitingAgain}`;
  const cleared = [...new Set(pupilIds)].filter((id) => !due.has(id)).map((id) => sameDayKey(id, today));
  const withdrawn =
    cleared.length > 0 &&
    sql`update outbox set status = 'withdrawn', withdrawn_at = ${timing.now.toISOString()}::timestamptz,
        last_error = ${'ABSENCE_NOW_VALID' satisfies MessageReason}
      where organiser_id = ${organiserId} and idempotency_key = any(${textArray(cleared)}) and status = 'pending'`;
  // One statement for both (they touch other pupils' rows): a registration of a class does both.
  if (written && withdrawn) await tx.execute(sql`with written as (${written}), withdrawn as (${withdrawn}) select 1`);
  else if (written) await tx.execute(written);
  else if (withdrawn) await tx.execute(withdrawn);
}

/**
 * When today's notice is due under the organiser's policy: at the set time (or now, if later), or
 * — 'immediate' — after the grace minutes from now, so a correction or a guardian's report in
 * that time withdraws it before anything is sent (grace 0: the next worker run, within a minute).
 */
async function sameDaySendAt(
  tx: Tx,
  organiserId: string,
  timing: NoticeTiming,
): Promise<{ at: number; isImmediate: boolean }> {
  const policy = timing.settings ?? (await loadSameDayNoticeSettings(tx, organiserId, timing.config));
  const now = timing.now.getTime();
  if (policy.sameDayNoticePolicy === 'atTime')
    return { at: Math.max(now, localDateTimeToInstant(timing.today, policy.sameDayNoticeTime)), isImmediate: false };
  const at = now + policy.sameDayNoticeGraceMinutes * 60_000;
  timing.dueAt?.push(new Date(at));
  return { at, isImmediate: true };
}

/**
 * After the organiser changed the policy: today's notices still waiting follow the new setting,
 * not the one in force when they were written — at the new time, or ('immediate') after the grace
 * counted from the change, so a correction in that time still withdraws them. Older days'
 * notices are left to DAY_PASSED.
 */
export async function rescheduleSameDayNotices(
  tx: Tx,
  organiserId: string,
  now: Date,
  policy: SameDayNoticeSettings,
): Promise<void> {
  const today = localDateOf(now.getTime());
  const dueAt =
    policy.sameDayNoticePolicy === 'atTime'
      ? Math.max(now.getTime(), localDateTimeToInstant(today, policy.sameDayNoticeTime))
      : now.getTime() + policy.sameDayNoticeGraceMinutes * 60_000;
  await tx.execute(
    sql`update outbox set send_after = ${new Date(dueAt).toISOString()}::timestamptz
    where organiser_id = ${organiserId} and template_key = ${SAME_DAY_TEMPLATE} and status = 'pending' and about_date = ${today}`,
  );
}

/** The timing for a request: the clock's now and today, the configured time and late limit. */
export function noticeTimingOf(
  clock: { now(): Date; today(): string },
  config: { messages: NoticeTiming['config'] },
): NoticeTiming {
  return { now: clock.now(), today: clock.today(), config: config.messages, dueAt: [] };
}

/**
 * After the transaction that wrote 'immediate' notices: asks the worker to run when the first is
 * due, so the notice does not wait for the next scheduled run (which still catches it if this
 * wake-up is lost, e.g. by a restart).
 */
export async function wakeSenderFor(jobs: JobQueue, timing: NoticeTiming): Promise<void> {
  const first = (timing.dueAt ?? []).map((d) => d.getTime()).sort((a, b) => a - b)[0];
  if (first === undefined) return;
  await jobs.send(JOB_SEND_MESSAGES, {}, { delayMs: Math.max(0, first - timing.now.getTime()) });
}
