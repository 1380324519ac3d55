/**
 * Case permissions, by relationship:
 * - see a case: its members, rektor and elevhälsa of its school unit, the organiser's huvudman
 *   role — never every teacher (404 otherwise);
 * - work on it (mappings, causes, action plan, follow-ups, concern reports, meetings, members):
 *   members and the school's rektor/elevhälsa; the organiser reads without the mapping content
 *   (it may hold health notes, docs/domain/process.md, item 8);
 * - open and complete the investigation (7 kap. 19 a §): the school's rektor;
 * - close, reopen, prepare a handover: the school's rektor or elevhälsa.
 */
import { sql, type SQL } from 'drizzle-orm';
import { type Actor, hasOrganiserWideRole, schoolUnitsWith } from '../../policies/actor.js';
import { uuidArray } from '../../db/sql.js';

/** A case as the policy needs it, loaded through the scoped repository. */
export interface CaseAccess {
  id: string;
  pupilId: string;
  schoolUnitId: string;
  status: string;
  isMember: boolean;
}

const holds = (actor: Actor, schoolUnitId: string, ...roles: Parameters<typeof schoolUnitsWith>[1][]) => {
  const units = schoolUnitsWith(actor, ...roles);
  return units === 'all' || units.includes(schoolUnitId);
};

/** SQL condition on cases `c` the actor may see. */
export function visibleCasesSql(actor: Actor): SQL {
  if (hasOrganiserWideRole(actor, 'organiserAdmin')) return sql`true`;
  const parts: SQL[] = [
    sql`exists (select 1 from case_members m where m.organiser_id = c.organiser_id and m.case_id = c.id and m.user_id = ${actor.userId})`,
  ];
  const units = schoolUnitsWith(actor, 'principal', 'studentHealth');
  if (units === 'all') parts.push(sql`true`);
  else if (units.length > 0) parts.push(sql`c.school_unit_id = any(${uuidArray(units)})`);
  return sql`(${sql.join(parts, sql` or `)})`;
}

export const isSchoolCaseStaff = (actor: Actor, schoolUnitId: string) =>
  holds(actor, schoolUnitId, 'principal', 'studentHealth');

export const canWorkOnCase = (actor: Actor, c: CaseAccess) => c.isMember || isSchoolCaseStaff(actor, c.schoolUnitId);

export const canInvestigate = (actor: Actor, c: CaseAccess) => holds(actor, c.schoolUnitId, 'principal');

export const canCloseCase = (actor: Actor, c: CaseAccess) => isSchoolCaseStaff(actor, c.schoolUnitId);

/** Rektor or elevhälsa of the pupil's school, or the pupil's mentor, may open a case. */
export const canOpenCase = (actor: Actor, schoolUnitId: string, isMentorOfPupil: boolean) =>
  isSchoolCaseStaff(actor, schoolUnitId) || isMentorOfPupil;

/** The role a staff member joins a case with. */
export const memberRoleFor = (actor: Actor, schoolUnitId: string) =>
  holds(actor, schoolUnitId, 'principal')
    ? 'principal'
    : holds(actor, schoolUnitId, 'studentHealth')
      ? 'studentHealth'
      : 'mentor';

/** The audit trail: the organiser's huvudman and system administrator, and the school's rektor. */
export const canReadAuditTrail = (actor: Actor, schoolUnitId: string) =>
  hasOrganiserWideRole(actor, 'organiserAdmin', 'systemAdmin') || holds(actor, schoolUnitId, 'principal');

export const isOrganiserOfficial = (actor: Actor) => hasOrganiserWideRole(actor, 'organiserAdmin');

/** Abilities sent to the UI (the server re-checks every one). */
export function caseAbilities(actor: Actor, c: CaseAccess) {
  const canWork = canWorkOnCase(actor, c);
  return {
    canWork,
    canInvestigate: canInvestigate(actor, c),
    canClose: canCloseCase(actor, c),
    canSeeContent: canWork,
  };
}
