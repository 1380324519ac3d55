import { randomUUID } from 'node:crypto';
import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';

/**
 * Records staff closing the pupil's current step with a reason (an exit, docs/domain/ladders.md D7).
 * The next evaluation applies it: the pupil goes to no step and stays there until a step's
 * triggers fire on periods that begin after `date`; the step history keeps the ended step.
 * @param current the step the pupil is on now (checked by the caller: 1 or higher)
 */
export async function closeLadderStep(
  tx: Tx,
  ctx: AuditContext & { actorUserId: string },
  pupilId: string,
  input: { reason: string; date: string; current: { stepIndex: number; stepKey: string | null } },
): Promise<void> {
  await tx.insert(schema.ladderDecisions).values({
    organiserId: ctx.organiserId,
    id: randomUUID(),
    personId: pupilId,
    date: input.date,
    stepIndex: 0,
    reason: input.reason,
    kind: 'close',
    decidedByUserId: ctx.actorUserId,
  });
  await writeAuditEvent(tx, ctx, {
    type: 'ladder.close-step',
    pupilId,
    data: { fromStep: input.current.stepIndex, stepKey: input.current.stepKey, reason: input.reason },
  });
}
