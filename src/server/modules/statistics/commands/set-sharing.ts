/** An organiser opts in to (or out of) regional statistics; the change is audited in the same transaction. */
import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';

export async function setSharing(tx: Tx, ctx: AuditContext, isShared: boolean, now: Date): Promise<void> {
  await tx
    .insert(schema.organiserSharing)
    .values({ organiserId: ctx.organiserId, isShared, changedByUserId: ctx.actorUserId, changedAt: now })
    .onConflictDoUpdate({
      target: [schema.organiserSharing.organiserId],
      set: { isShared, changedByUserId: ctx.actorUserId, changedAt: now },
    });
  await writeAuditEvent(tx, ctx, { type: 'statistics.set-sharing', data: { isShared } });
}
