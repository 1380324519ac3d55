/** A read through the SS12000 API: the token's last use and an ss12000.read audit event, in the reading transaction. */
import type { Tx } from '../../../db/client.js';
import { type AuditContext, writeAuditEvent } from '../../../audit/write-audit-event.js';
import { touchApiToken } from '../token-use.js';

export async function recordTokenRead(
  tx: Tx,
  ctx: AuditContext,
  token: { id: string; name: string },
  read: { endpoint: string; records: number; hasPageToken: boolean },
  now: Date,
): Promise<void> {
  await touchApiToken(tx, ctx.organiserId, token.id, now);
  await writeAuditEvent(tx, ctx, {
    type: 'ss12000.read',
    apiTokenId: token.id,
    data: { tokenName: token.name, ...read },
  });
}
