/** User administration: the system administrator and the organiser's administrator (Huvudman), organiser-wide. */
import { forbidden } from '../../errors.js';
import { hasOrganiserWideRole, hasRole, type Actor } from '../../policies/actor.js';
import type { Role } from '../../../shared/roles.js';

export function assertUserAdmin(actor: Actor): void {
  if (!hasOrganiserWideRole(actor, 'systemAdmin', 'organiserAdmin')) throw forbidden();
}

/** Organiser-wide administrative roles only the system administrator hands out; a region is never granted here. */
export function assertMayGrant(actor: Actor, role: Role): void {
  if (role === 'region') throw forbidden('Regionroller skapas med kommandoraden.');
  if ((role === 'systemAdmin' || role === 'organiserAdmin') && !hasRole(actor, 'systemAdmin'))
    throw forbidden('Bara systemadministratören kan ge administratörsroller.');
}
