/**
 * User administration (organiser-wide roles only):
 * - administer: accounts, role mapping, sign-in settings: the system administrator and huvudman;
 * - grantAdminRole: handing out huvudman or system administrator: the system administrator only;
 * - a region role is never granted here (the command line creates it).
 */
import { forbidden } from '../../errors.js';
import type { Actor } from '../../policies/actor.js';
import { allowsAnywhere, assertAllowedAnywhere, type PolicyTable } from '../../policies/table.js';
import type { Role } from '../../../shared/roles.js';

export type UserAction = 'administer' | 'grantAdminRole';

export const usersPolicy = {
  administer: { roles: [], organiserRoles: ['systemAdmin', 'organiserAdmin'] },
  grantAdminRole: { roles: [], organiserRoles: ['systemAdmin'] },
} as const satisfies PolicyTable<UserAction>;

export const assertUserAdmin = (actor: Actor) => assertAllowedAnywhere(usersPolicy, actor, 'administer');

/** Organiser-wide administrative roles only the system administrator hands out; a region is never granted here. */
export function assertMayGrant(actor: Actor, role: Role): void {
  if (role === 'region') throw forbidden('Regionroller skapas med kommandoraden.');
  if ((role === 'systemAdmin' || role === 'organiserAdmin') && !allowsAnywhere(usersPolicy, actor, 'grantAdminRole'))
    throw forbidden('Bara systemadministratören kan ge administratörsroller.');
}
