/** Pupils as staff see them; every list is scoped by the actor's relationships in SQL. */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import type { Actor } from '../../policies/actor.js';
import { readablePupilsSql } from '../../policies/scope.js';
import { aggregateFigures } from '../measures/aggregate-figures.js';

export interface PupilRow {
  id: string;
  given_name: string;
  family_name: string;
  security_marking: string;
  birth_date: string | null;
  class_name: string | null;
  school_unit_id: string | null;
  school_unit_name: string | null;
  school_year: number | null;
}

/**
 * Pupils the actor may read today (the relationship now, whatever period is asked for), optionally
 * within a school unit or group, with their class as of `date`.
 */
export async function findReadablePupils(
  tx: Tx,
  actor: Actor,
  { date, today }: { date: string; today: string },
  filter: { schoolUnitId?: string; groupId?: string; personId?: string },
): Promise<PupilRow[]> {
  const conditions: SQL[] = [sql`p.organiser_id = ${actor.organiserId}`, readablePupilsSql(actor, sql`p.id`, today)];
  if (filter.personId) conditions.push(sql`p.id = ${filter.personId}`);
  if (filter.groupId) {
    conditions.push(
      sql`exists (select 1 from group_memberships gm where gm.organiser_id = p.organiser_id and gm.person_id = p.id and gm.group_id = ${filter.groupId})`,
    );
  }
  if (filter.schoolUnitId) {
    conditions.push(sql`(exists (select 1 from enrolments e where e.organiser_id = p.organiser_id and e.person_id = p.id and e.school_unit_id = ${filter.schoolUnitId})
      or exists (select 1 from group_memberships gm join groups g on g.organiser_id = gm.organiser_id and g.id = gm.group_id
        where gm.organiser_id = p.organiser_id and gm.person_id = p.id and g.school_unit_id = ${filter.schoolUnitId}))`);
  }
  return queryRows<PupilRow>(
    tx,
    sql`
    select p.id, p.given_name, p.family_name, p.security_marking, p.birth_date::text as birth_date,
      cls.display_name as class_name, coalesce(cls.school_unit_id, enr.school_unit_id) as school_unit_id,
      su.display_name as school_unit_name, enr.school_year
    from persons p
    left join lateral (
      select g.display_name, g.school_unit_id from group_memberships gm join groups g on g.organiser_id = gm.organiser_id and g.id = gm.group_id
      where gm.organiser_id = p.organiser_id and gm.person_id = p.id and g.group_type = 'Klass'
      order by (gm.start_date <= ${date} and (gm.end_date is null or gm.end_date >= ${date})) desc, gm.start_date desc limit 1) cls on true
    left join lateral (
      select e.school_unit_id, e.school_year from enrolments e where e.organiser_id = p.organiser_id and e.person_id = p.id
      order by e.start_date desc limit 1) enr on true
    left join organisations su on su.organiser_id = p.organiser_id and su.id = coalesce(cls.school_unit_id, enr.school_unit_id)
    where ${sql.join(conditions, sql` and `)}
    order by p.family_name, p.given_name`,
  );
}

export interface GuardianRow {
  id: string;
  given_name: string;
  family_name: string;
  relation_type: string;
  emails: { value: string }[];
  phone_numbers: { value: string }[];
}

export async function findGuardians(tx: Tx, organiserId: string, pupilId: string): Promise<GuardianRow[]> {
  return queryRows<GuardianRow>(
    tx,
    sql`select g.id, g.given_name, g.family_name, r.relation_type, g.emails, g.phone_numbers
    from responsibles r join persons g on g.organiser_id = r.organiser_id and g.id = r.guardian_id
    where r.organiser_id = ${organiserId} and r.pupil_id = ${pupilId} order by g.family_name, g.given_name`,
  );
}

export interface AbsenceRow {
  id: string;
  kind: string;
  reason_code: string | null;
  starts_at: Date | string;
  ends_at: Date | string;
  comment: string | null;
  source: string;
  withdrawn_at: Date | string | null;
}

export async function findPupilAbsences(
  tx: Tx,
  organiserId: string,
  pupilId: string,
  from: string,
  to: string,
): Promise<AbsenceRow[]> {
  return queryRows<AbsenceRow>(
    tx,
    sql`select id, kind, reason_code, starts_at, ends_at, comment, source, withdrawn_at from absences
    where organiser_id = ${organiserId} and person_id = ${pupilId}
      and starts_at < (${to}::date + 2)::timestamptz and ends_at > (${from}::date - 1)::timestamptz
    order by starts_at desc`,
  );
}

/** Teacher names per activity (for the teacher pattern). */
export async function findActivityTeacherNames(
  tx: Tx,
  organiserId: string,
  activityIds: string[],
): Promise<Map<string, string[]>> {
  if (activityIds.length === 0) return new Map();
  const rows = await queryRows<{ activity_id: string; name: string }>(
    tx,
    sql`select at.activity_id, p.given_name || ' ' || p.family_name as name
    from activity_teachers at join duties d on d.organiser_id = at.organiser_id and d.id = at.duty_id
    join persons p on p.organiser_id = d.organiser_id and p.id = d.person_id
    where at.organiser_id = ${organiserId} and at.activity_id = any(${`{${activityIds.join(',')}}`}::uuid[])`,
  );
  const byActivity = new Map<string, string[]>();
  for (const r of rows) byActivity.set(r.activity_id, [...(byActivity.get(r.activity_id) ?? []), r.name]);
  return byActivity;
}

/** Absence figures for the period of every pupil the actor may read today, by pupil. */
export function aggregateReadablePupilFigures(tx: Tx, actor: Actor, from: string, to: string, today: string) {
  return aggregateFigures(tx, actor.organiserId, readablePupilsSql(actor, sql`pd.person_id`, today), from, to);
}
