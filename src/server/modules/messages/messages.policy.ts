/**
 * Who may do what with messages (docs/architecture.md, "Access"):
 * - readLog: the message log; huvudman sees every message, rektor and elevhälsa their schools' pupils' (scope below);
 * - editTemplates, editSettings: the organiser's wording and guardian settings, huvudman only.
 * A pupil's own messages follow the pupil page (readable pupils); unreachable guardians are scoped the same way.
 */
import { sql, type SQL } from 'drizzle-orm';
import { type Actor, hasOrganiserWideRole, hasRole } from '../../policies/actor.js';
import { readablePupilsSql } from '../../policies/scope.js';
import { assertAllowedAnywhere, type PolicyTable } from '../../policies/table.js';

export type MessageAction = 'readLog' | 'editTemplates' | 'editSettings';

export const messagesPolicy = {
  readLog: { roles: ['principal', 'studentHealth'], organiserRoles: ['organiserAdmin'] },
  editTemplates: { roles: [], organiserRoles: ['organiserAdmin'] },
  editSettings: { roles: [], organiserRoles: ['organiserAdmin'] },
} as const satisfies PolicyTable<MessageAction>;

const refusals: Record<MessageAction, string | undefined> = {
  readLog: undefined,
  editTemplates: 'Endast huvudmannen kan ändra meddelandemallar och inställningar.',
  editSettings: 'Endast huvudmannen kan ändra meddelandemallar och inställningar.',
};

/** @throws FORBIDDEN when no grant of the actor allows the action (organiser-level: there is nothing to hide). */
export const assertMessagesAllowed = (actor: Actor, action: MessageAction) =>
  assertAllowedAnywhere(messagesPolicy, actor, action, refusals[action]);

/** Rows of the message log the actor may see; conditions on outbox `o`. */
export function logScopeSql(actor: Actor, today: string): SQL {
  if (hasOrganiserWideRole(actor, 'organiserAdmin')) return sql`true`;
  if (!hasRole(actor, 'principal', 'studentHealth')) return sql`false`;
  return sql`o.kind = 'guardianMessage' and ${readablePupilsSql(actor, sql`o.person_id`, today)}`;
}
