/** A full export holds every pupil's registrations (and, when chosen, cases): the organiser administrator only. */
import { forbidden } from '../../errors.js';
import { type Actor, hasOrganiserWideRole } from '../../policies/actor.js';

export function assertExportAdmin(actor: Actor): void {
  if (!hasOrganiserWideRole(actor, 'organiserAdmin')) throw forbidden('Export av all data görs av huvudmannen.');
}
