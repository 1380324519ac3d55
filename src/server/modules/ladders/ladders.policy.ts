/**
 * Ladder and task permissions (docs/architecture.md, "Access"):
 * - read ladders (the list, a version, its export): rektor and elevhälsa of the version's school
 *   unit, and of any school for the organiser's own ladder (every school follows it); the
 *   organiser's huvudman and system administrator everywhere; never a teacher or mentor (issue 15, item 10);
 * - choose/edit/publish a ladder: huvudman for the organiser or any school; rektor for own school;
 * - run an evaluation or a preview: the same, plus elevhälsa for own school;
 * - close a pupil's step: rektor or elevhälsa at the pupil's school (they own the measures and the
 *   investigation duty, SL 7:19 a), not the mentor alone (docs/domain, ladder exits);
 * - the organiser's early-warning overview: huvudman;
 * - decide a step, set the concern flag: whoever reads the pupil (mentor, rektor, elevhälsa);
 * - tasks: the assignee, and rektor / the task's role at the school; mentors see their mentees' tasks.
 */
import { sql, type SQL } from 'drizzle-orm';
import { type Actor, hasOrganiserWideRole, hasRole, schoolUnitsWith } from '../../policies/actor.js';
import { menteesSql } from '../../policies/scope.js';
import { type PolicySubject, type PolicyTable, allows } from '../../policies/table.js';
import { uuidArray } from '../../db/sql.js';

export type LadderAction = 'read' | 'manage' | 'evaluate' | 'closeStep' | 'oversee';
/** `schoolLeader`: rektor or elevhälsa at some school, asking about the organiser's own ladder. */
export type LadderRelation = 'schoolLeader';

export const LADDER_POLICY = {
  read: {
    roles: ['principal', 'studentHealth'],
    relations: ['schoolLeader'],
    organiserRoles: ['organiserAdmin', 'systemAdmin'],
  },
  manage: { roles: ['principal'], organiserRoles: ['organiserAdmin'] },
  evaluate: { roles: ['principal', 'studentHealth'], organiserRoles: ['organiserAdmin'] },
  closeStep: { roles: ['principal', 'studentHealth'] },
  oversee: { roles: [], organiserRoles: ['organiserAdmin'] },
} as const satisfies PolicyTable<LadderAction, LadderRelation>;

/** The subject of a ladder action: a school unit, or the organiser (null: its own ladder, its overview). */
function subjectOf(actor: Actor, schoolUnitId: string | null): PolicySubject<LadderRelation> {
  const isSchoolLeader = schoolUnitId === null && hasRole(actor, 'principal', 'studentHealth');
  return { schoolUnitId, relations: isSchoolLeader ? ['schoolLeader'] : [] };
}

/** Whether the actor may take the action on a ladder of the school unit (null: the organiser's own ladder). */
export const canOnLadder = (actor: Actor, action: LadderAction, schoolUnitId: string | null) =>
  allows(LADDER_POLICY, actor, action, subjectOf(actor, schoolUnitId));

/**
 * Whether the actor may close the pupil's step, given the pupil's ladder state. Without a state there
 * is no school to check: any rektor or elevhälsa may ask, and learns there is no step (409, not 403).
 * A state without a school unit is closed by no one at a school.
 */
export function canCloseStep(actor: Actor, state: { school_unit_id: string | null } | undefined): boolean {
  if (!state) return hasRole(actor, ...LADDER_POLICY.closeStep.roles);
  return state.school_unit_id !== null && canOnLadder(actor, 'closeStep', state.school_unit_id);
}

/**
 * What the pupil's ladder page offers its reader. Deciding a step needs only that the actor reads
 * the pupil, which loading the page has already established.
 */
export function pupilLadderAbilities(actor: Actor, state: { school_unit_id: string | null } | undefined) {
  return { canDecide: true, canCloseStep: canCloseStep(actor, state) };
}

/** The relationship scope of tasks as SQL: a condition on tasks `t` the actor may see (mentees: on `today`). */
export function visibleTasksSql(actor: Actor, today: string): SQL {
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
  if (actor.personId) parts.push(sql`t.person_id in (${menteesSql(actor, today)})`);
  return sql`(${sql.join(parts, sql` or `)})`;
}
