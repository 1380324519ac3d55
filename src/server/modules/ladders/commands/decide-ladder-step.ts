import { randomUUID } from 'node:crypto';
import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';

/**
 * Records a staff decision moving a pupil to a step (0 = off the ladder) with a reason; the next
 * evaluation applies it (docs/domain/ladders.md D7: moves down only by the rule or by staff, recorded).
 */
export async function decideLadderStep(
  tx: Tx,
  ctx: AuditContext & { actorUserId: string },
  pupilId: string,
  input: { stepIndex: number; reason: string; date: string },
): Promise<void> {
  await tx.insert(schema.ladderDecisions).values({
    organiserId: ctx.organiserId,
    id: randomUUID(),
    personId: pupilId,
    date: input.date,
    stepIndex: input.stepIndex,
    reason: input.reason,
    decidedByUserId: ctx.actorUserId,
  });
  await writeAuditEvent(tx, ctx, {
    type: 'ladder.decide-step',
    pupilId,
    data: { stepIndex: input.stepIndex, reason: input.reason },
  });
}
