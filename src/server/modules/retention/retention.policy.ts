/** Retention periods are the organiser's decision: huvudman and system administrator. */
import { forbidden } from '../../errors.js';
import { type Actor, hasOrganiserWideRole } from '../../policies/actor.js';

export function assertRetentionAdmin(actor: Actor): void {
  if (!hasOrganiserWideRole(actor, 'organiserAdmin', 'systemAdmin'))
    throw forbidden('Gallringsregler hanteras av huvudmannen.');
}
