import { and, eq } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { AppError } from '../../../errors.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';

/** The organiser acknowledges a notice in its inbox. @throws NOTICE_ALREADY_ACKNOWLEDGED */
export async function acknowledgeNotice(
  tx: Tx,
  ctx: AuditContext,
  notice: { id: string; caseId: string; pupilId: string; status: string },
  now: Date,
): Promise<void> {
  if (notice.status === 'acknowledged')
    throw new AppError('NOTICE_ALREADY_ACKNOWLEDGED', 'Anmälan är redan kvitterad.');
  await tx
    .update(schema.organiserNotices)
    .set({ status: 'acknowledged', acknowledgedAt: now, acknowledgedByUserId: ctx.actorUserId })
    .where(and(eq(schema.organiserNotices.organiserId, ctx.organiserId), eq(schema.organiserNotices.id, notice.id)));
  await writeAuditEvent(tx, ctx, {
    type: 'notice.acknowledge',
    caseId: notice.caseId,
    pupilId: notice.pupilId,
    data: { noticeId: notice.id },
  });
}
