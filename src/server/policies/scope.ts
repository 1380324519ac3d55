/**
 * Relationship scopes as SQL: which pupils and lessons an actor may see. List queries embed
 * these, so a query cannot return rows outside the actor's relationships.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import { type Actor, hasRole, schoolUnitsWith } from './actor.js';
import { uuidArray, NIL_UUID, textArray } from '../db/sql.js';
import { PROTECTED_MARKINGS } from '../../shared/protected-identity.js';

/** Staff groups (SS12000 Personalgrupp) hold staff, never pupils. Condition on groups `g`. */
export const isPupilGroup = sql`g.group_type <> 'Personalgrupp'`;

/**
 * Pupils whose page and figures the actor may read: current mentees (on `today`, the clock's date),
 * and pupils of schools where the actor is rektor or elevhälsa.
 */
export function readablePupilsSql(actor: Actor, personIdColumn: SQL, today: string): SQL {
  const parts: SQL[] = [];
  const units = schoolUnitsWith(actor, 'principal', 'studentHealth');
  if (units === 'all') {
    parts.push(sql`select e.person_id from enrolments e where e.organiser_id = ${actor.organiserId}`);
    parts.push(sql`select gm.person_id from group_memberships gm join groups g on g.organiser_id = gm.organiser_id and g.id = gm.group_id
      where gm.organiser_id = ${actor.organiserId} and ${isPupilGroup}`);
  } else if (units.length > 0) {
    parts.push(
      sql`select e.person_id from enrolments e where e.organiser_id = ${actor.organiserId} and e.school_unit_id = any(${uuidArray(units)})`,
    );
    parts.push(sql`select gm.person_id from group_memberships gm join groups g on g.organiser_id = gm.organiser_id and g.id = gm.group_id
      where gm.organiser_id = ${actor.organiserId} and g.school_unit_id = any(${uuidArray(units)}) and ${isPupilGroup}`);
  }
  if (hasRole(actor, 'mentor') && actor.personId) parts.push(menteesSql(actor, today));
  if (parts.length === 0) return sql`false`;
  return sql`${personIdColumn} in (${sql.join(parts, sql` union `)})`;
}

/**
 * The actor's mentees on a date: members of groups where the actor has a Mentor assignment, the
 * membership and the assignment both valid on `on` (open-ended = still valid). Never "at any
 * time": a pupil who has left the mentor's class, or whose mentor's assignment ended, is no longer
 * a mentee (least privilege by relationship). Reads pass the clock's today; a lesson its date
 * (issue 15 item 3).
 */
export function menteesSql(actor: Actor, on: string): SQL {
  return sql`select m.pupil_id from (${mentorshipsSql(actor.organiserId, on)}) m where m.mentor_id = ${actor.personId ?? NIL_UUID}`;
}

/**
 * Every mentor relationship of the organiser on a date, as rows (pupil_id, mentor_id: person ids):
 * the pupil's group membership and the mentor's Mentor assignment to that group both valid on `on`.
 * The one definition of "mentor of": access (menteesSql) and who is given a pupil's work (a new
 * case's mentor members, a ladder task for the mentor) use it, so work follows the current mentor.
 */
export function mentorshipsSql(organiserId: string, on: string): SQL {
  const date = sql`${on}::date`;
  return sql`select gm.person_id as pupil_id, d.person_id as mentor_id from group_memberships gm
    join duty_assignments da on da.organiser_id = gm.organiser_id and da.group_id = gm.group_id and da.role_type = 'Mentor'
    join duties d on d.organiser_id = da.organiser_id and d.id = da.duty_id
    where gm.organiser_id = ${organiserId}
      and gm.start_date <= ${date} and (gm.end_date is null or gm.end_date >= ${date})
      and da.start_date <= ${date} and (da.end_date is null or da.end_date >= ${date})`;
}

/** True when the actor may read the pupil today (404 otherwise: the pupil's existence is not disclosed). */
export async function canReadPupil(tx: Tx, actor: Actor, pupilId: string, today: string): Promise<boolean> {
  const rows = await queryRows<{ ok: number }>(
    tx,
    sql`select 1 as ok where ${readablePupilsSql(actor, sql`${pupilId}::uuid`, today)}`,
  );
  return rows.length > 0;
}

/** True when the actor is the pupil's mentor today (a current Mentor assignment in one of the pupil's current groups). */
export async function isMentorOf(tx: Tx, actor: Actor, pupilId: string, today: string): Promise<boolean> {
  if (!actor.personId) return false;
  const rows = await queryRows<{ ok: number }>(
    tx,
    sql`select 1 as ok where ${pupilId}::uuid in (${menteesSql(actor, today)})`,
  );
  return rows.length > 0;
}

/** Lessons the actor teaches: via the activity's teachers (unless excluded for that lesson) or as an assigned substitute. */
export function taughtLessonSql(actor: Actor, lessonAlias: SQL): SQL {
  const personId = actor.personId ?? NIL_UUID;
  return sql`(exists (
      select 1 from activity_teachers at join duties d on d.organiser_id = at.organiser_id and d.id = at.duty_id
      where at.organiser_id = ${lessonAlias}.organiser_id and at.activity_id = ${lessonAlias}.activity_id and d.person_id = ${personId}
        and not exists (select 1 from lesson_teachers lt where lt.organiser_id = at.organiser_id and lt.lesson_id = ${lessonAlias}.id
          and lt.duty_id = at.duty_id and not lt.participates))
    or exists (
      select 1 from lesson_teachers lt join duties d on d.organiser_id = lt.organiser_id and d.id = lt.duty_id
      where lt.organiser_id = ${lessonAlias}.organiser_id and lt.lesson_id = ${lessonAlias}.id and lt.participates and d.person_id = ${personId}))`;
}

/** School units the actor may see at all (for pickers). 'all' for organiser-wide roles. */
export async function visibleSchoolUnits(tx: Tx, actor: Actor): Promise<string[] | 'all'> {
  const units = schoolUnitsWith(actor, 'principal', 'studentHealth', 'organiserAdmin', 'systemAdmin');
  if (units === 'all') return 'all';
  if (!actor.personId) return units;
  const rows = await queryRows<{ school_unit_id: string }>(
    tx,
    sql`select distinct school_unit_id from duties
    where organiser_id = ${actor.organiserId} and person_id = ${actor.personId}`,
  );
  return [...new Set([...units, ...rows.map((r) => r.school_unit_id)])];
}

/**
 * A guardian link that may be used (portal access, messages): the relation is custody
 * (SS12000 relationType 'Vårdnadshavare'; 'Annan ansvarig', 'God man', 'Utsedd behörig' are not),
 * and when the pupil has protected identity the guardian shares it (lives at the protected
 * address); otherwise the link is hidden, so nothing can reveal the child's school to them.
 * Conditions on responsibles `r`, pupil persons `p` and guardian persons `gp`.
 */
export const usableGuardianLinkSql = sql`r.relation_type = 'Vårdnadshavare'
  and (p.security_marking <> all(${textArray(PROTECTED_MARKINGS)}) or gp.security_marking = any(${textArray(PROTECTED_MARKINGS)}))`;

/** Children a guardian account may see and act for (custody, link not hidden). */
export function guardianChildrenSql(actor: Actor): SQL {
  return sql`select r.pupil_id from responsibles r
    join persons p on p.organiser_id = r.organiser_id and p.id = r.pupil_id
    join persons gp on gp.organiser_id = r.organiser_id and gp.id = r.guardian_id
    where r.organiser_id = ${actor.organiserId} and ${actor.kind === 'guardian' ? sql`true` : sql`false`} and r.guardian_id = ${actor.personId ?? NIL_UUID}
      and ${usableGuardianLinkSql}`;
}

/** True when the guardian actor may act for the pupil (404 otherwise). */
export async function isGuardianOf(tx: Tx, actor: Actor, pupilId: string): Promise<boolean> {
  if (actor.kind !== 'guardian') return false;
  const rows = await queryRows<{ ok: number }>(
    tx,
    sql`select 1 as ok where ${pupilId}::uuid in (${guardianChildrenSql(actor)})`,
  );
  return rows.length > 0;
}
