/**
 * Ladder and task permissions:
 * - choose/edit/publish a ladder: huvudman for the organiser or any school; rektor for own school;
 * - run an evaluation: the same, plus elevhälsa for own school;
 * - tasks: the assignee, and rektor / the task's role at the school; mentors see their mentees' tasks.
 */
import { sql, type SQL } from 'drizzle-orm';
import { type Actor, hasOrganiserWideRole, schoolUnitsWith } from '../../policies/actor.js';
import { menteesSql } from '../../policies/scope.js';
import { uuidArray } from '../../db/sql.js';

export function canManageLadder(actor: Actor, schoolUnitId: string | null): boolean {
  if (hasOrganiserWideRole(actor, 'organiserAdmin')) return true;
  const units = schoolUnitsWith(actor, 'principal');
  return schoolUnitId !== null && (units === 'all' || units.includes(schoolUnitId));
}

export function canEvaluate(actor: Actor, schoolUnitId: string | null): boolean {
  if (canManageLadder(actor, schoolUnitId)) return true;
  const units = schoolUnitsWith(actor, 'studentHealth');
  return schoolUnitId !== null && (units === 'all' || units.includes(schoolUnitId));
}

/**
 * Closing a pupil's step ends the school's escalated attention to the absence, so it is a decision
 * for rektor or elevhälsa at the pupil's school (they own the measures and the investigation duty,
 * SL 7:19 a), not for the mentor alone (docs/domain/ladders.md D7).
 */
export function canCloseStep(actor: Actor, schoolUnitId: string | null): boolean {
  const units = schoolUnitsWith(actor, 'principal', 'studentHealth');
  return schoolUnitId !== null && (units === 'all' || units.includes(schoolUnitId));
}

/** SQL condition on tasks `t` the actor may see. */
export function visibleTasksSql(actor: Actor): SQL {
  const parts: SQL[] = [sql`t.assignee_user_id = ${actor.userId}`];
  if (hasOrganiserWideRole(actor, 'organiserAdmin')) parts.push(sql`t.role = 'organiserAdmin'`);
  for (const role of ['principal', 'studentHealth'] as const) {
    const units = schoolUnitsWith(actor, role);
    if (units === 'all') parts.push(role === 'principal' ? sql`true` : sql`t.role = ${role}`);
    else if (units.length > 0) {
      parts.push(
        role === 'principal'
          ? sql`t.school_unit_id = any(${uuidArray(units)})`
          : sql`(t.role = ${role} and t.school_unit_id = any(${uuidArray(units)}))`,
      );
    }
  }
  if (actor.personId) parts.push(sql`t.person_id in (${menteesSql(actor)})`);
  return sql`(${sql.join(parts, sql` or `)})`;
}
