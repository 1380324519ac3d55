/** Retention periods are the organiser's decision: huvudman and system administrator. */
import type { Actor } from '../../policies/actor.js';
import { assertAllowedAnywhere, type PolicyTable } from '../../policies/table.js';

export type RetentionAction = 'manage';

export const retentionPolicy = {
  manage: { roles: [], organiserRoles: ['organiserAdmin', 'systemAdmin'] },
} as const satisfies PolicyTable<RetentionAction>;

export const assertRetentionAdmin = (actor: Actor) =>
  assertAllowedAnywhere(retentionPolicy, actor, 'manage', 'Gallringsregler hanteras av huvudmannen.');
