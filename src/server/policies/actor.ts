/** The authenticated person behind a request, with role grants used by every staff policy. */
import type { Role, RoleGrant } from '../../shared/roles.js';

/** Staff reach the staff API by role and relationship; guardians only /api/guardian (their own children). */
export type PrincipalKind = 'staff' | 'guardian';

export interface Actor {
  kind: PrincipalKind;
  /** UI and message language (sv, en, …). */
  locale: string;
  userId: string;
  organiserId: string;
  username: string;
  displayName: string;
  /** SS12000 person: for staff links to duties, taught activities and mentor groups; for a guardian, the guardian. */
  personId: string | null;
  roles: RoleGrant[];
  csrfToken: string;
  /** The OIDC provider (staff | guardian) the session came from, for RP-initiated logout; null for a local password. */
  oidcKind?: string | null;
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
