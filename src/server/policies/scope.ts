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

/** Pupils whose page and figures the actor may read: mentees, and pupils of schools where the actor is rektor or elevhälsa. */
export function readablePupilsSql(actor: Actor, personIdColumn: SQL): SQL {
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
  if (hasRole(actor, 'mentor') && actor.personId) parts.push(menteesSql(actor));
  if (parts.length === 0) return sql`false`;
  return sql`${personIdColumn} in (${sql.join(parts, sql` union `)})`;
}

/**
 * Members of groups where the actor has a Mentor assignment: at any time, or, with `on`, members
 * whose membership and the actor's assignment are both valid on that date (a lesson's date: a
 * pupil who once was a mentee gives no access to lessons of a group they moved to, issue 15 item 3).
 */
export function menteesSql(actor: Actor, on?: SQL): SQL {
  const validOn = on
    ? sql` and gm.start_date <= ${on} and (gm.end_date is null or gm.end_date >= ${on})
      and da.start_date <= ${on} and (da.end_date is null or da.end_date >= ${on})`
    : sql``;
  return sql`select gm.person_id from group_memberships gm
    join duty_assignments da on da.organiser_id = gm.organiser_id and da.group_id = gm.group_id and da.role_type = 'Mentor'
    join duties d on d.organiser_id = da.organiser_id and d.id = da.duty_id
    where gm.organiser_id = ${actor.organiserId} and d.person_id = ${actor.personId ?? NIL_UUID}${validOn}`;
}

/** True when the actor may read the pupil (404 otherwise: the pupil's existence is not disclosed). */
export async function canReadPupil(tx: Tx, actor: Actor, pupilId: string): Promise<boolean> {
  const rows = await queryRows<{ ok: number }>(
    tx,
    sql`select 1 as ok where ${readablePupilsSql(actor, sql`${pupilId}::uuid`)}`,
  );
  return rows.length > 0;
}

/** True when the actor is the pupil's mentor (a Mentor assignment in one of the pupil's groups, at any time). */
export async function isMentorOf(tx: Tx, actor: Actor, pupilId: string): Promise<boolean> {
  if (!actor.personId) return false;
  const rows = await queryRows<{ ok: number }>(
    tx,
    sql`select 1 as ok where ${pupilId}::uuid in (${menteesSql(actor)})`,
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
