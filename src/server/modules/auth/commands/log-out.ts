import { eq } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { hashToken } from '../session-token.js';

/** Ends the session behind the token. */
export async function logOut(tx: Tx, ctx: AuditContext, token: string): Promise<void> {
  await tx.delete(schema.sessions).where(eq(schema.sessions.tokenHash, hashToken(token)));
  await writeAuditEvent(tx, ctx, { type: 'auth.logout', data: {} });
}
