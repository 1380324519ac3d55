/** The language of the portal and of messages to the signed-in guardian, with its audit event. */
import { and, eq } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { type AuditContext, writeAuditEvent } from '../../../audit/write-audit-event.js';

export async function setGuardianLocale(tx: Tx, ctx: AuditContext & { actorUserId: string }, locale: string) {
  await tx
    .update(schema.users)
    .set({ locale })
    .where(and(eq(schema.users.organiserId, ctx.organiserId), eq(schema.users.id, ctx.actorUserId)));
  await writeAuditEvent(tx, ctx, { type: 'guardian.set-locale', data: { locale } });
}
