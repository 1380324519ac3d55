/** API tokens open the organiser's registrations to another system: only the organiser administrator (huvudman) manages them. */
import { forbidden } from '../../errors.js';
import { type Actor, hasOrganiserWideRole } from '../../policies/actor.js';

export function assertApiTokenAdmin(actor: Actor): void {
  if (!hasOrganiserWideRole(actor, 'organiserAdmin')) throw forbidden('API-nycklar hanteras av huvudmannen.');
}
