/**
 * Case permissions, by relationship (docs/architecture.md, "Access"):
 * - read a case: its members, rektor and elevhälsa of its school unit, the organiser's huvudman
 *   role — never every teacher (404 otherwise);
 * - work on it (mappings, causes, action plan, follow-ups, concern reports, meetings, members) and
 *   see its free text: members and the school's rektor/elevhälsa; the organiser reads without the
 *   mapping content (it may hold health notes, docs/domain/process.md, item 8);
 * - open and complete the investigation (7 kap. 19 a §): the school's rektor;
 * - close, reopen, prepare a handover: the school's rektor or elevhälsa;
 * - read the audit trail: the school's rektor, the organiser's huvudman and system administrator;
 * - open a case for a pupil: rektor or elevhälsa of the pupil's school, or the pupil's mentor;
 * - receive a handover (3 kap. 12 j §): rektor and elevhälsa of the receiving school.
 *
 * The organiser's case views (notices, overview, settings, templates, catalogue changes) are the
 * huvudman's; the catalogue is read by everyone who works on cases somewhere.
 */
import { sql, type SQL } from 'drizzle-orm';
import { type Actor, hasRole, schoolUnitsWith } from '../../policies/actor.js';
import { type PolicySubject, type PolicyTable, abilitiesFor, allows } from '../../policies/table.js';
import { uuidArray } from '../../db/sql.js';

export type CaseAction =
  | 'read'
  | 'work'
  | 'seeContent'
  | 'investigate'
  | 'close'
  | 'readAudit'
  | 'open'
  | 'receiveHandover';
/** `member` of the case; `mentor` of the case's pupil (only opening a case asks for it). */
export type CaseRelation = 'member' | 'mentor';

export const CASE_POLICY = {
  read: { roles: ['principal', 'studentHealth'], relations: ['member'], organiserRoles: ['organiserAdmin'] },
  work: { roles: ['principal', 'studentHealth'], relations: ['member'] },
  seeContent: { roles: ['principal', 'studentHealth'], relations: ['member'] },
  investigate: { roles: ['principal'] },
  close: { roles: ['principal', 'studentHealth'] },
  readAudit: { roles: ['principal'], organiserRoles: ['organiserAdmin', 'systemAdmin'] },
  open: { roles: ['principal', 'studentHealth'], relations: ['mentor'] },
  receiveHandover: { roles: ['principal', 'studentHealth'] },
} as const satisfies PolicyTable<CaseAction, CaseRelation>;

export type OrganiserCaseAction = 'readCatalogue' | 'oversee';
/** `caseWorker`: the actor works on cases at some school unit (mentor, elevhälsa or rektor anywhere). */
export type OrganiserCaseRelation = 'caseWorker';

/** The organiser's case views; the resource is the organiser itself (no school unit). */
export const ORGANISER_CASE_POLICY = {
  readCatalogue: { roles: [], relations: ['caseWorker'], organiserRoles: ['organiserAdmin'] },
  oversee: { roles: [], organiserRoles: ['organiserAdmin'] },
} as const satisfies PolicyTable<OrganiserCaseAction, OrganiserCaseRelation>;

/** A case as the policy needs it, loaded through the scoped repository. */
export interface CaseAccess {
  id: string;
  pupilId: string;
  schoolUnitId: string;
  status: string;
  isMember: boolean;
}

const subjectOf = (c: Pick<CaseAccess, 'schoolUnitId' | 'isMember'>): PolicySubject<CaseRelation> => ({
  schoolUnitId: c.schoolUnitId,
  relations: c.isMember ? ['member'] : [],
});

/** Whether the actor may take the action on the case. */
export const canOnCase = (actor: Actor, action: CaseAction, c: Pick<CaseAccess, 'schoolUnitId' | 'isMember'>) =>
  allows(CASE_POLICY, actor, action, subjectOf(c));

/** Whether the actor may open a case for a pupil placed at the school unit. */
export const canOpenCase = (actor: Actor, schoolUnitId: string, isMentorOfPupil: boolean) =>
  allows(CASE_POLICY, actor, 'open', { schoolUnitId, relations: isMentorOfPupil ? ['mentor'] : [] });

/** Whether the actor may take an action on the organiser's case views. */
export const canOnOrganiserCases = (actor: Actor, action: OrganiserCaseAction) =>
  allows(ORGANISER_CASE_POLICY, actor, action, {
    schoolUnitId: null,
    relations: hasRole(actor, 'mentor', 'studentHealth', 'principal') ? ['caseWorker'] : [],
  });

/** Every case action for the actor: the abilities the presenter sends (the server re-checks each). */
export const caseAbilitiesFor = (actor: Actor, c: Pick<CaseAccess, 'schoolUnitId' | 'isMember'>) =>
  abilitiesFor(CASE_POLICY, actor, subjectOf(c));

/** The receiving school units whose handovers the actor reads ('all' for organiser-wide grants). */
export const handoverSchoolUnits = (actor: Actor) => schoolUnitsWith(actor, ...CASE_POLICY.receiveHandover.roles);

/** The role a staff member joins a case with. */
export function memberRoleFor(actor: Actor, schoolUnitId: string): 'principal' | 'studentHealth' | 'mentor' {
  const holds = (role: 'principal' | 'studentHealth') => {
    const units = schoolUnitsWith(actor, role);
    return units === 'all' || units.includes(schoolUnitId);
  };
  return holds('principal') ? 'principal' : holds('studentHealth') ? 'studentHealth' : 'mentor';
}

/** The relationship scope of `read` as SQL: a condition on cases `c` the actor may see. */
export function visibleCasesSql(actor: Actor): SQL {
  const rule = CASE_POLICY.read;
  if (schoolUnitsWith(actor, ...rule.organiserRoles) === 'all') return sql`true`;
  const parts: SQL[] = [
    sql`exists (select 1 from case_members m where m.organiser_id = c.organiser_id and m.case_id = c.id and m.user_id = ${actor.userId})`,
  ];
  const units = schoolUnitsWith(actor, ...rule.roles);
  if (units === 'all') parts.push(sql`true`);
  else if (units.length > 0) parts.push(sql`c.school_unit_id = any(${uuidArray(units)})`);
  return sql`(${sql.join(parts, sql` or `)})`;
}
