/**
 * User administration (organiser-wide roles only):
 * - administer: accounts, role mapping, sign-in settings: the system administrator and huvudman;
 * - grantAdminRole: handing out huvudman or system administrator, and changing the account of anyone
 *   who holds one of them (password, disable/enable, grants): the system administrator only;
 * - setGuardianPassword: a guardian account's local password: the system administrator only (a
 *   huvudman who set it would sign in as the guardian and read the child's pupil-level data);
 * - a region role is never granted here (the command line creates it).
 */
import { forbidden } from '../../errors.js';
import type { Actor } from '../../policies/actor.js';
import { allowsAnywhere, assertAllowedAnywhere, type PolicyTable } from '../../policies/table.js';
import type { Role } from '../../../shared/roles.js';

export type UserAction = 'administer' | 'grantAdminRole' | 'setGuardianPassword';

export const usersPolicy = {
  administer: { roles: [], organiserRoles: ['systemAdmin', 'organiserAdmin'] },
  grantAdminRole: { roles: [], organiserRoles: ['systemAdmin'] },
  setGuardianPassword: { roles: [], organiserRoles: ['systemAdmin'] },
} as const satisfies PolicyTable<UserAction>;

export const assertUserAdmin = (actor: Actor) => assertAllowedAnywhere(usersPolicy, actor, 'administer');

const ADMIN_ROLES: readonly Role[] = ['systemAdmin', 'organiserAdmin'];

/** Organiser-wide administrative roles only the system administrator hands out; a region is never granted here. */
export function assertMayGrant(actor: Actor, role: Role): void {
  if (role === 'region') throw forbidden('Regionroller skapas med kommandoraden.');
  if (ADMIN_ROLES.includes(role) && !allowsAnywhere(usersPolicy, actor, 'grantAdminRole'))
    throw forbidden('Bara systemadministratören kan ge administratörsroller.');
}

/**
 * An administrator's account is changed only by whoever may grant its role: a huvudman who could
 * set the system administrator's password (or another huvudman's) would sign in as them.
 */
export function assertMayChangeAccount(actor: Actor, account: { roles: readonly { role: Role }[] }): void {
  if (account.roles.some((g) => ADMIN_ROLES.includes(g.role)) && !allowsAnywhere(usersPolicy, actor, 'grantAdminRole'))
    throw forbidden('Bara systemadministratören kan ändra en administratörs konto.');
}

/** See setGuardianPassword above. */
export function assertMaySetPassword(actor: Actor, account: { kind: 'staff' | 'guardian' }): void {
  if (account.kind === 'guardian' && !allowsAnywhere(usersPolicy, actor, 'setGuardianPassword'))
    throw forbidden('Bara systemadministratören kan sätta lösenord för en vårdnadshavares konto.');
}
