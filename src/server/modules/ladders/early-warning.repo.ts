/** Early-warning lists and tasks, scoped by relationship in SQL. */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import type { Actor } from '../../policies/actor.js';
import { menteesSql, readablePupilsSql } from '../../policies/scope.js';
import { hasActiveInterventionSql } from '../../db/ongoing-measure.js';
import { visibleTasksSql } from './ladders.policy.js';

/**
 * The pupils of an early-warning view as a condition on `pupil_ladder_states s`: the actor's
 * current mentees, the pupils the actor reads, or (for the organiser, checked by the caller) every pupil.
 */
export function earlyWarningScopeSql(
  actor: Actor,
  scope: 'mine' | 'school' | 'organiser',
  schoolUnitId: string | undefined,
  today: string,
): SQL {
  if (scope === 'mine') return actor.personId ? sql`s.person_id in (${menteesSql(actor, today)})` : sql`false`;
  const unit = schoolUnitId ? sql`s.school_unit_id = ${schoolUnitId}` : sql`true`;
  if (scope === 'organiser') return unit;
  return sql`${readablePupilsSql(actor, sql`s.person_id`, today)} and ${unit}`;
}

export interface EarlyWarningDbRow {
  person_id: string;
  given_name: string;
  family_name: string;
  security_marking: string;
  class_name: string | null;
  school_unit_id: string | null;
  school_unit_name: string | null;
  step_index: number;
  step_key: string | null;
  since: string | null;
  explanation: string;
  definition: { steps: { key: string; name: string }[] };
  open_tasks: number;
  overdue_tasks: number;
  last_done: string | null;
  has_active_intervention: boolean;
}

/** Pupils with a ladder state at or above `minStep`, limited by `scope` (an SQL condition on s.person_id / s.school_unit_id). */
/**
 * Overdue work for the pupils of an early-warning view (`condition` on `pupil_ladder_states s`,
 * every evaluated pupil whatever the step): open tasks past their due date and open
 * investigations past their deadline, so a calm KPI never hides late work (issue 16 item 6).
 */
export async function countOverdueWork(
  tx: Tx,
  organiserId: string,
  condition: SQL,
  today: string,
): Promise<{ tasks: number; investigations: number }> {
  const pupils = sql`select s.person_id from pupil_ladder_states s where s.organiser_id = ${organiserId} and ${condition}`;
  const [row] = await queryRows<{ tasks: number; investigations: number }>(
    tx,
    sql`select
      (select count(*) from tasks t where t.organiser_id = ${organiserId} and t.status = 'open' and t.due_date < ${today} and t.person_id in (${pupils}))::int as tasks,
      (select count(*) from case_investigations i join cases c on c.organiser_id = i.organiser_id and c.id = i.case_id
        where i.organiser_id = ${organiserId} and i.completed_on is null and i.deadline < ${today} and c.pupil_id in (${pupils}))::int as investigations`,
  );
  return row;
}

export async function findEarlyWarningRows(
  tx: Tx,
  organiserId: string,
  scope: SQL,
  minStep: number,
  today: string,
): Promise<EarlyWarningDbRow[]> {
  return queryRows<EarlyWarningDbRow>(
    tx,
    sql`
    select s.person_id, p.given_name, p.family_name, p.security_marking, cls.display_name as class_name, s.school_unit_id,
      su.display_name as school_unit_name, s.step_index, s.step_key, s.since::text as since, s.explanation, v.definition,
      (select count(*)::int from tasks t where t.organiser_id = s.organiser_id and t.person_id = s.person_id and t.status = 'open') as open_tasks,
      (select count(*)::int from tasks t where t.organiser_id = s.organiser_id and t.person_id = s.person_id and t.status = 'open' and t.due_date < ${today}) as overdue_tasks,
      (select max(t.done_at)::date::text from tasks t where t.organiser_id = s.organiser_id and t.person_id = s.person_id and t.status = 'done') as last_done,
      ${hasActiveInterventionSql(sql`s.person_id`, sql`s.organiser_id`, today)} as has_active_intervention
    from pupil_ladder_states s
    join persons p on p.organiser_id = s.organiser_id and p.id = s.person_id
    join ladder_versions v on v.organiser_id = s.organiser_id and v.id = s.ladder_version_id
    left join organisations su on su.organiser_id = s.organiser_id and su.id = s.school_unit_id
    left join lateral (select g.display_name from group_memberships gm join groups g on g.organiser_id = gm.organiser_id and g.id = gm.group_id
      where gm.organiser_id = s.organiser_id and gm.person_id = s.person_id and g.group_type = 'Klass'
      order by (gm.end_date is null or gm.end_date >= ${today}) desc, gm.start_date desc limit 1) cls on true
    where s.organiser_id = ${organiserId} and s.step_index >= ${minStep} and ${scope}
    order by s.step_index desc, s.since desc nulls last, p.family_name`,
  );
}

export interface TaskDbRow {
  id: string;
  person_id: string;
  given_name: string;
  family_name: string;
  class_name: string | null;
  title: string;
  role: string;
  step_key: string | null;
  step_name: string | null;
  assignee_user_id: string | null;
  assignee_name: string | null;
  due_date: string;
  status: string;
  done_at: Date | string | null;
  done_note: string | null;
}

/** Tasks the actor may see, by status (default open) and pupil. */
export function findVisibleTasks(
  tx: Tx,
  actor: Actor,
  filter: { status?: 'open' | 'done' | 'all'; personId?: string },
  today: string,
): Promise<TaskDbRow[]> {
  const { status = 'open', personId } = filter;
  const conditions = [visibleTasksSql(actor, today)];
  if (status !== 'all') conditions.push(sql`t.status = ${status}`);
  if (personId) conditions.push(sql`t.person_id = ${personId}`);
  return findTasks(tx, actor.organiserId, sql.join(conditions, sql` and `));
}

/** Every task of a pupil (the pupil's ladder page; the caller has checked the pupil is readable). */
export function findPupilTasks(tx: Tx, organiserId: string, pupilId: string): Promise<TaskDbRow[]> {
  return findTasks(tx, organiserId, sql`t.person_id = ${pupilId}`);
}

/** A task the actor may see, as its commands need it (null otherwise: the caller answers 404). */
export async function findVisibleTask(tx: Tx, actor: Actor, id: string, today: string) {
  const [task] = await queryRows<{ id: string; person_id: string; status: string; school_unit_id: string | null }>(
    tx,
    sql`select t.id, t.person_id, t.status, t.school_unit_id from tasks t
    where t.organiser_id = ${actor.organiserId} and t.id = ${id} and ${visibleTasksSql(actor, today)}`,
  );
  return task
    ? { id: task.id, personId: task.person_id, status: task.status, schoolUnitId: task.school_unit_id }
    : null;
}

/** Tasks matching an SQL condition on `t`. */
async function findTasks(tx: Tx, organiserId: string, condition: SQL): Promise<TaskDbRow[]> {
  return queryRows<TaskDbRow>(
    tx,
    sql`
    select t.id, t.person_id, p.given_name, p.family_name, cls.display_name as class_name, t.title, t.role, t.step_key, t.assignee_user_id,
      (select s->>'name' from ladder_versions v, jsonb_array_elements(v.definition->'steps') s
        where v.organiser_id = t.organiser_id and v.id = t.ladder_version_id and s->>'key' = t.step_key limit 1) as step_name,
      u.display_name as assignee_name, t.due_date::text as due_date, t.status, t.done_at, t.done_note
    from tasks t
    join persons p on p.organiser_id = t.organiser_id and p.id = t.person_id
    left join users u on u.organiser_id = t.organiser_id and u.id = t.assignee_user_id
    left join lateral (select g.display_name from group_memberships gm join groups g on g.organiser_id = gm.organiser_id and g.id = gm.group_id
      where gm.organiser_id = t.organiser_id and gm.person_id = t.person_id and g.group_type = 'Klass' order by gm.start_date desc limit 1) cls on true
    where t.organiser_id = ${organiserId} and ${condition}
    order by t.status, t.due_date, p.family_name`,
  );
}
