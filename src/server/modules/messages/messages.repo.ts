/** Reads for messages: recipients, the facts a template needs, delivery lists for staff. */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, schema, type Tx } from '../../db/client.js';
import { usableGuardianLinkSql } from '../../policies/scope.js';
import { textArray, uuidArray } from '../../db/sql.js';
import { PROTECTED_MARKINGS } from '../../../shared/protected-identity.js';
import { loadCovers, loadScheduledLessons } from '../measures/lesson-facts.js';
import { lessonOutcome } from '../../../shared/measures/index.js';

export interface RecipientRow {
  guardian_id: string;
  given_name: string;
  family_name: string;
  emails: { value: string }[];
  phone_numbers: { value: string; mobile?: boolean; type?: string }[];
  locale: string | null;
}

/** Guardians with custody whose link is usable (protected identity: only those sharing it). */
export async function findRecipients(tx: Tx, organiserId: string, pupilId: string): Promise<RecipientRow[]> {
  return queryRows<RecipientRow>(
    tx,
    sql`select gp.id as guardian_id, gp.given_name, gp.family_name, gp.emails, gp.phone_numbers,
      (select u.locale from users u where u.organiser_id = gp.organiser_id and u.person_id = gp.id and u.kind = 'guardian' and u.is_active limit 1) as locale
    from responsibles r
    join persons p on p.organiser_id = r.organiser_id and p.id = r.pupil_id
    join persons gp on gp.organiser_id = r.organiser_id and gp.id = r.guardian_id
    where r.organiser_id = ${organiserId} and r.pupil_id = ${pupilId} and ${usableGuardianLinkSql}
    order by gp.family_name, gp.given_name, gp.id`,
  );
}

/** Numbers that can take an SMS: marked mobile, or Swedish mobile prefixes (07…, +467…). */
export function mobileNumbers(phones: RecipientRow['phone_numbers']): string[] {
  return phones
    .filter((p) => p.mobile === true || /^(\+46\s?7|07)/.test(p.value.replace(/[\s-]/g, '')))
    .map((p) => p.value.replace(/[\s-]/g, ''));
}

export interface PupilFacts {
  pupilName: string;
  schoolName: string;
  schoolUnitId: string | null;
}

export async function findPupilFacts(tx: Tx, organiserId: string, pupilId: string): Promise<PupilFacts | null> {
  const [row] = await queryRows<{
    given_name: string;
    family_name: string;
    school_name: string | null;
    school_unit_id: string | null;
  }>(
    tx,
    sql`
    select p.given_name, p.family_name, su.display_name as school_name, enr.school_unit_id
    from persons p
    left join lateral (select e.school_unit_id from enrolments e where e.organiser_id = p.organiser_id and e.person_id = p.id
      order by e.start_date desc limit 1) enr on true
    left join organisations su on su.organiser_id = p.organiser_id and su.id = enr.school_unit_id
    where p.organiser_id = ${organiserId} and p.id = ${pupilId}`,
  );
  if (!row) return null;
  return {
    pupilName: `${row.given_name} ${row.family_name}`,
    schoolName: row.school_name ?? '',
    schoolUnitId: row.school_unit_id,
  };
}

/** The pupil's confirmed lessons on the date with invalid absence, as "Matematik 08:00" (for the same-day notice). */
export async function findInvalidLessons(
  tx: Tx,
  organiserId: string,
  pupilId: string,
  date: string,
): Promise<{ name: string; start: string; invalid: number; lateMinutes: number }[]> {
  const lessons = await loadScheduledLessons(tx, organiserId, [pupilId], date, date, { withNames: true });
  const covers = (await loadCovers(tx, organiserId, [pupilId], date, date)).get(pupilId) ?? [];
  const hhmm = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' });
  return lessons
    .map((l) => ({ lesson: l, outcome: lessonOutcome(l, covers) }))
    .filter(({ outcome }) => outcome.invalid > 0)
    .sort((a, b) => a.lesson.start - b.lesson.start)
    .map(({ lesson, outcome }) => ({
      name: lesson.activityName,
      start: hhmm.format(new Date(lesson.start)),
      invalid: outcome.invalid,
      lateMinutes: outcome.lateMinutes,
    }));
}

/** The lessons a same-day notice lists, as "Matematik 08:00", in the order of the day. */
export async function findSameDayNoticeLessons(
  tx: Tx,
  organiserId: string,
  pupilId: string,
  date: string,
): Promise<string[]> {
  return (await findInvalidLessons(tx, organiserId, pupilId, date)).map((l) => `${l.name} ${l.start}`);
}

export interface DeliveryListRow {
  outbox_id: string;
  delivery_id: string | null;
  kind: string;
  template_key: string;
  person_id: string | null;
  pupil_name: string | null;
  about_date: string | null;
  outbox_status: string;
  created_at: Date | string;
  send_after: Date | string;
  outbox_error: string | null;
  channel: string | null;
  address: string | null;
  status: string | null;
  attempts: number | null;
  last_error: string | null;
  sent_at: Date | string | null;
  delivered_at: Date | string | null;
  subject: string | null;
  recipient_name: string | null;
}

/** Outbox messages with their deliveries, newest first. `where` conditions use `o` (outbox) and `d` (deliveries). */
export async function findDeliveries(
  tx: Tx,
  organiserId: string,
  where: SQL[],
  limit: number,
): Promise<DeliveryListRow[]> {
  return queryRows<DeliveryListRow>(
    tx,
    sql`select o.id as outbox_id, d.id as delivery_id, o.kind, o.template_key, o.person_id,
      p.given_name || ' ' || p.family_name as pupil_name, o.about_date, o.status as outbox_status, o.created_at, o.send_after, o.last_error as outbox_error,
      d.channel, d.address, d.status, d.attempts, d.last_error, d.sent_at, d.delivered_at, d.subject,
      rp.given_name || ' ' || rp.family_name as recipient_name
    from outbox o
    left join message_deliveries d on d.organiser_id = o.organiser_id and d.outbox_id = o.id
    left join persons p on p.organiser_id = o.organiser_id and p.id = o.person_id
    left join persons rp on rp.organiser_id = d.organiser_id and rp.id = d.recipient_person_id
    where o.organiser_id = ${organiserId} ${where.length > 0 ? sql`and ${sql.join(where, sql` and `)}` : sql``}
    order by o.created_at desc, o.id, d.channel
    limit ${limit}`,
  );
}

/** Message-log filters (the query string of GET /api/messages). */
export interface MessageLogFilters {
  status?: string;
  channel?: string;
  templateKey?: string;
  from?: string;
  to?: string;
}

/** The message log within `scope` (conditions on outbox `o`), narrowed by the filters. */
export async function findMessageLog(
  tx: Tx,
  organiserId: string,
  scope: SQL,
  q: MessageLogFilters,
): Promise<DeliveryListRow[]> {
  const where: SQL[] = [scope];
  if (q.status)
    where.push(sql`coalesce(case when d.status = 'sending' then 'queued' else d.status end, o.status) = ${q.status}`);
  if (q.channel) where.push(sql`d.channel = ${q.channel}`);
  if (q.templateKey) where.push(sql`o.template_key = ${q.templateKey}`);
  if (q.from) where.push(sql`o.created_at >= ${q.from}::date`);
  if (q.to) where.push(sql`o.created_at < (${q.to}::date + 1)`);
  return findDeliveries(tx, organiserId, where, 500);
}

/** A pupil's messages to guardians, newest first. */
export const findPupilMessages = (tx: Tx, organiserId: string, pupilId: string) =>
  findDeliveries(tx, organiserId, [sql`o.person_id = ${pupilId}`, sql`o.kind = 'guardianMessage'`], 200);

/** Pupils among `ids` with protected identity (their guardians are not named to staff). */
export async function findProtectedPupils(tx: Tx, organiserId: string, ids: (string | null)[]): Promise<Set<string>> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select id from persons where organiser_id = ${organiserId}
      and security_marking = any(${textArray(PROTECTED_MARKINGS)})
      and id = any(${uuidArray(new Set(ids.flatMap((id) => (id ? [id] : []))))})`,
  );
  return new Set(rows.map((r) => r.id));
}

export interface UnreachableRow {
  guardian_id: string;
  guardian_name: string;
  pupil_id: string;
  pupil_name: string;
  is_pupil_protected: boolean;
  has_channel: boolean;
  last_status: string | null;
  last_error: string | null;
}

/** Guardians with custody of a pupil in `pupilScope` with no e-mail or mobile, or whose last delivery failed. */
export async function findUnreachableGuardians(
  tx: Tx,
  organiserId: string,
  pupilScope: (personIdColumn: SQL) => SQL,
): Promise<UnreachableRow[]> {
  return queryRows<UnreachableRow>(
    tx,
    sql`
      select gp.id as guardian_id, gp.given_name || ' ' || gp.family_name as guardian_name, p.id as pupil_id, p.given_name || ' ' || p.family_name as pupil_name,
        p.security_marking = any(${textArray(PROTECTED_MARKINGS)}) as is_pupil_protected,
        (jsonb_array_length(gp.emails) > 0 or jsonb_array_length(gp.phone_numbers) > 0) as has_channel, last.status as last_status, last.last_error
      from responsibles r
      join persons p on p.organiser_id = r.organiser_id and p.id = r.pupil_id
      join persons gp on gp.organiser_id = r.organiser_id and gp.id = r.guardian_id
      left join lateral (select d.status, d.last_error from message_deliveries d where d.organiser_id = r.organiser_id and d.recipient_person_id = gp.id
        and d.channel <> 'inbox' and d.status in ('sent', 'delivered', 'failed') order by coalesce(d.sent_at, d.created_at) desc limit 1) last on true
      where r.organiser_id = ${organiserId} and ${usableGuardianLinkSql} and ${pupilScope(sql`p.id`)}
        and (not (jsonb_array_length(gp.emails) > 0 or jsonb_array_length(gp.phone_numbers) > 0) or last.status = 'failed')
      order by p.family_name, p.given_name, gp.family_name limit 1000`,
  );
}

/** The organiser's own template wordings (the defaults fill the rest). */
export async function findOwnTemplates(tx: Tx, organiserId: string) {
  return tx.select().from(schema.messageTemplates).where(sql`organiser_id = ${organiserId}`);
}
