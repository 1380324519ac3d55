import { and, eq } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { assertOpen, subjectOf, type CaseRef } from '../case-ref.js';

/** Closes the case with a reason and outcome. Nothing is deleted; reopening continues the same history. */
export async function closeCase(
  tx: Tx,
  ctx: AuditContext,
  c: CaseRef,
  input: { reason: string; outcome: string },
  now: Date,
): Promise<void> {
  assertOpen(c);
  await tx
    .update(schema.cases)
    .set({
      status: 'closed',
      closedAt: now,
      closedByUserId: ctx.actorUserId,
      closeReason: input.reason,
      closeOutcome: input.outcome.trim(),
    })
    .where(and(eq(schema.cases.organiserId, ctx.organiserId), eq(schema.cases.id, c.id)));
  await writeAuditEvent(tx, ctx, { type: 'case.close', ...subjectOf(c), data: { reason: input.reason } });
}
