/** API tokens open the organiser's registrations to another system: only the organiser administrator (huvudman) manages them. */
import type { Actor } from '../../policies/actor.js';
import { assertAllowedAnywhere, type PolicyTable } from '../../policies/table.js';

export type ApiTokenAction = 'manage';

export const apiTokensPolicy = {
  manage: { roles: [], organiserRoles: ['organiserAdmin'] },
} as const satisfies PolicyTable<ApiTokenAction>;

export const assertApiTokenAdmin = (actor: Actor) =>
  assertAllowedAnywhere(apiTokensPolicy, actor, 'manage', 'API-nycklar hanteras av huvudmannen.');
