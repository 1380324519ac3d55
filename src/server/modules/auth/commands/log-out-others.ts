import type { Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { deleteOtherSessions } from '../auth.repo.js';
import { hashToken } from '../session-token.js';

/** Ends every other session of the signed-in user (a lost phone, a shared computer); keeps this one. */
export async function logOutOthers(
  tx: Tx,
  ctx: AuditContext & { actorUserId: string },
  token: string,
): Promise<number> {
  const ended = await deleteOtherSessions(tx, ctx.organiserId, ctx.actorUserId, hashToken(token));
  await writeAuditEvent(tx, ctx, { type: 'auth.logout-others', data: { ended } });
  return ended;
}
