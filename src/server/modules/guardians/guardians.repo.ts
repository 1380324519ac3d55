/** Guardian portal reads: only the actor's own children (guardianChildrenSql) and what concerns them. */
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, schema, type Tx } from '../../db/client.js';
import type { Actor } from '../../policies/actor.js';
import { guardianChildrenSql } from '../../policies/scope.js';
import { NIL_UUID } from '../../db/sql.js';

export interface ChildRow {
  id: string;
  given_name: string;
  family_name: string;
  class_name: string | null;
  school_name: string | null;
  school_unit_id: string | null;
}

/** Names, class and school only: nothing else about the child, and nothing about other pupils or staff. */
export async function findChildren(tx: Tx, actor: Actor, today: string): Promise<ChildRow[]> {
  return queryRows<ChildRow>(
    tx,
    sql`select p.id, p.given_name, p.family_name, cls.display_name as class_name, su.display_name as school_name, enr.school_unit_id
    from persons p
    left join lateral (select g.display_name from group_memberships gm join groups g on g.organiser_id = gm.organiser_id and g.id = gm.group_id
      where gm.organiser_id = p.organiser_id and gm.person_id = p.id and g.group_type = 'Klass' and gm.start_date <= ${today} and (gm.end_date is null or gm.end_date >= ${today})
      order by gm.start_date desc limit 1) cls on true
    left join lateral (select e.school_unit_id from enrolments e where e.organiser_id = p.organiser_id and e.person_id = p.id order by e.start_date desc limit 1) enr on true
    left join organisations su on su.organiser_id = p.organiser_id and su.id = enr.school_unit_id
    where p.organiser_id = ${actor.organiserId} and p.id in (${guardianChildrenSql(actor)})
    order by p.given_name, p.family_name`,
  );
}

/** A report (absence) of one of the guardian's own children; undefined for any other. */
export async function findOwnReport(tx: Tx, actor: Actor, id: string) {
  const [report] = await tx
    .select()
    .from(schema.absences)
    .where(
      and(
        eq(schema.absences.organiserId, actor.organiserId),
        eq(schema.absences.id, id),
        sql`${schema.absences.personId} in (${guardianChildrenSql(actor)})`,
      ),
    );
  return report;
}

export interface ReportRow {
  id: string;
  person_id: string;
  kind: string;
  reason_code: string | null;
  starts_at: Date | string;
  ends_at: Date | string;
  comment: string | null;
  withdrawn_at: Date | string | null;
  registered_by_user_id: string | null;
}

/** Guardian reports and leave of the children from `since` on (staff reasons and marks stay with the school). */
export async function findChildReports(tx: Tx, actor: Actor, since: string): Promise<ReportRow[]> {
  return queryRows<ReportRow>(
    tx,
    sql`select id, person_id, kind, reason_code, starts_at, ends_at, comment, withdrawn_at, registered_by_user_id from absences
    where organiser_id = ${actor.organiserId} and kind in ('guardianReport', 'leave') and ends_at > ${since}::date::timestamptz
      and person_id in (${guardianChildrenSql(actor)})
    order by starts_at desc limit 100`,
  );
}

export async function findMyMessages(
  tx: Tx,
  actor: Actor,
): Promise<
  { id: string; subject: string; body: string; channel: string; status: string; sent_at: Date | string | null }[]
> {
  return queryRows(
    tx,
    sql`select distinct on (outbox_id) id, subject, body, channel, status, sent_at from message_deliveries
    where organiser_id = ${actor.organiserId} and recipient_person_id = ${actor.personId ?? NIL_UUID} and status in ('sent', 'delivered')
    order by outbox_id, channel limit 50`,
  );
}

/** Weekdays that are not days off for the organiser (or the school unit) in [from, to]. */
export async function countSchoolDays(
  tx: Tx,
  organiserId: string,
  schoolUnitId: string | null,
  from: string,
  to: string,
): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from generate_series(${from}::date, ${to}::date, interval '1 day') d
    where extract(isodow from d) < 6 and not exists (select 1 from days_off o where o.organiser_id = ${organiserId} and o.date = d::date
      and o.school_unit_key in ('', ${schoolUnitId ?? ''}))`,
  );
  return row.n;
}

/** The school year (1 July – 30 June) containing the date. */
export function schoolYearOf(date: string): { from: string; to: string } {
  const year = Number(date.slice(0, 4));
  const start = Number(date.slice(5, 7)) >= 7 ? year : year - 1;
  return { from: `${start}-07-01`, to: `${start + 1}-06-30` };
}

/**
 * School days covered by granted leave (not withdrawn) in the school year of `date`: all of them,
 * and those on or before `date` ("hittills i år" must not count leave still to come, issue 16).
 */
export async function countLeaveDays(
  tx: Tx,
  organiserId: string,
  pupilId: string,
  date: string,
): Promise<{ total: number; soFar: number }> {
  const { from, to } = schoolYearOf(date);
  const [row] = await queryRows<{ total: number; so_far: number }>(
    tx,
    sql`select count(distinct d::date)::int as total, (count(distinct d::date) filter (where d::date <= ${date}::date))::int as so_far
    from absences a
    cross join lateral generate_series(greatest((a.starts_at at time zone 'Europe/Stockholm')::date, ${from}::date),
      least(((a.ends_at - interval '1 second') at time zone 'Europe/Stockholm')::date, ${to}::date), interval '1 day') d
    where a.organiser_id = ${organiserId} and a.person_id = ${pupilId} and a.kind = 'leave' and a.withdrawn_at is null
      and extract(isodow from d) < 6 and not exists (select 1 from days_off o where o.organiser_id = a.organiser_id and o.date = d::date)`,
  );
  return { total: row.total, soFar: row.so_far };
}

/** School days covered by granted leave (not withdrawn) in the school year of `today`, upcoming included. */
export async function leaveDaysThisSchoolYear(
  tx: Tx,
  organiserId: string,
  pupilId: string,
  today: string,
): Promise<number> {
  return (await countLeaveDays(tx, organiserId, pupilId, today)).total;
}
