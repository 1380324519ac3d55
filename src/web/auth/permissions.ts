/**
 * What the signed-in user may do in the UI. The server decides the abilities from its policies and
 * sends them with Me (`abilities`); these only read them (and the role grants) to choose which pages,
 * scopes and buttons to offer so nobody meets a control that fails. The server checks every request.
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

/** The cases list a user lands on ('school' for rektor and elevhälsa). */
export function defaultCaseScopeFor(me: Me | null | undefined): 'mine' | 'school' {
  return me?.abilities.defaultCaseScope ?? 'mine';
}

/** Early-warning scopes in tab order: Mina elever (mentor), Skolan (rektor, elevhälsa), Huvudman. */
export function earlyWarningScopesFor(me: Me): EarlyWarningScope[] {
  return me.abilities.earlyWarningScopes;
}

/** "Utvärdera nu". */
export function canEvaluateLadders(me: Me): boolean {
  return me.abilities.canEvaluateLadders;
}

/** Choose and publish ladders. */
export function canManageLadders(me: Me): boolean {
  return me.abilities.canManageLadders;
}
