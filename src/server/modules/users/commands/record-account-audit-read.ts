/** An account's audit trail was read: reading who did what is itself recorded. */
import type { Tx } from '../../../db/client.js';
import { type AuditContext, writeAuditEvent } from '../../../audit/write-audit-event.js';

export async function recordAccountAuditRead(tx: Tx, ctx: AuditContext, targetUserId: string) {
  await writeAuditEvent(tx, ctx, { type: 'user.read-audit', targetUserId, data: {} });
}
