/** The authenticated staff member behind a request, with role grants used by every policy. */
import type { Role, RoleGrant } from '../../shared/roles.js';

export interface Actor {
  userId: string;
  organiserId: string;
  username: string;
  displayName: string;
  /** SS12000 person of the staff member: links to duties, taught activities and mentor groups. */
  personId: string | null;
  roles: RoleGrant[];
  csrfToken: string;
}

/** True when the actor holds the role anywhere (any school unit or organiser-wide). */
export const hasRole = (actor: Actor, ...roles: Role[]): boolean => actor.roles.some((g) => roles.includes(g.role));

/** True when one of the roles is granted for the whole organiser. */
export const hasOrganiserWideRole = (actor: Actor, ...roles: Role[]): boolean =>
  actor.roles.some((g) => roles.includes(g.role) && g.schoolUnitId === null);

/**
 * School units where the actor holds one of the roles; 'all' when granted organiser-wide.
 */
export function schoolUnitsWith(actor: Actor, ...roles: Role[]): string[] | 'all' {
  if (hasOrganiserWideRole(actor, ...roles)) return 'all';
  return [...new Set(actor.roles.filter((g) => roles.includes(g.role) && g.schoolUnitId).map((g) => g.schoolUnitId!))];
}
