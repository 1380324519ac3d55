/**
 * What the signed-in user's role grants allow in the UI. The server decides in the end; these
 * only choose which pages, scopes and buttons to offer so nobody meets a control that fails.
 */
import type { Role } from '@shared/roles';
import type { Me } from '@shared/schemas/auth';
import type { EarlyWarningScope } from '../api/endpoints';

/** The user holds at least one of the roles (for any school unit or the organiser). */
export function hasAnyRole(me: Me, ...roles: Role[]): boolean {
  return me.roles.some((grant) => roles.includes(grant.role as Role));
}

/** The user holds one of the roles for the whole organiser (school unit null). */
export function hasOrganiserRole(me: Me, ...roles: Role[]): boolean {
  return me.roles.some((grant) => grant.schoolUnitId === null && roles.includes(grant.role as Role));
}

/** School units where the user holds one of the roles, in grant order, without duplicates. */
export function schoolUnitsWithRole(me: Me, ...roles: Role[]): string[] {
  const ids = me.roles
    .filter((grant) => grant.schoolUnitId !== null && roles.includes(grant.role as Role))
    .map((grant) => grant.schoolUnitId!);
  return [...new Set(ids)];
}

/**
 * The cases list a user lands on: rektor and elevhälsa answer for the school's cases (and its
 * reminders), so they start there; everyone else starts on the cases they are members of.
 */
export function defaultCaseScopeFor(me: Me | null | undefined): 'mine' | 'school' {
  return me && hasAnyRole(me, 'principal', 'studentHealth') ? 'school' : 'mine';
}

/** Early-warning scopes in tab order: Mina elever (mentor), Skolan (rektor, elevhälsa), Huvudman. */
export function earlyWarningScopesFor(me: Me): EarlyWarningScope[] {
  const scopes: EarlyWarningScope[] = [];
  if (hasAnyRole(me, 'mentor')) scopes.push('mine');
  if (hasAnyRole(me, 'principal', 'studentHealth')) scopes.push('school');
  if (hasOrganiserRole(me, 'organiserAdmin')) scopes.push('organiser');
  return scopes;
}

/** Rektor, elevhälsa and huvudman may run the evaluation now. */
export function canEvaluateLadders(me: Me): boolean {
  return hasAnyRole(me, 'principal', 'studentHealth') || hasOrganiserRole(me, 'organiserAdmin');
}

/** Rektor (own school units) and huvudman (the organiser and every unit) choose and publish ladders. */
export function canManageLadders(me: Me): boolean {
  return hasAnyRole(me, 'principal') || hasOrganiserRole(me, 'organiserAdmin');
}
