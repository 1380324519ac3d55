/**
 * The mentor or rektor decides a leave request. Granted leave becomes a leave absence exactly
 * as when staff register it (valid absence, roll-up recomputed); the decision with its reason
 * goes to the requesting guardian through the outbox — all in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { AppError } from '../../../errors.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { registerAbsence } from '../../absences/commands/register-absence.js';
import type { NoticeTiming } from '../../messages/same-day-notices.js';
import type { LeaveDecisionInput } from '../../../../shared/schemas/guardians.js';
import type { LeaveRow } from '../leave.repo.js';

export const LEAVE_DECISION_TEMPLATE = 'leave-decision';

export async function decideLeave(
  tx: Tx,
  ctx: AuditContext & { actorUserId: string },
  request: LeaveRow,
  input: LeaveDecisionInput,
  timing: NoticeTiming,
): Promise<void> {
  if (request.status !== 'pending')
    throw new AppError('LEAVE_REQUEST_DECIDED', 'Ansökan är redan beslutad eller återkallad.');
  const absenceId =
    input.decision === 'granted'
      ? await registerAbsence(
          tx,
          ctx,
          request.pupil_id,
          {
            kind: 'leave',
            fromDate: request.from_date,
            toDate: request.to_date,
            reasonCode: 'leave',
            comment: input.reason,
          },
          timing,
        )
      : null;
  await tx
    .update(schema.leaveRequests)
    .set({
      status: input.decision,
      decisionReason: input.reason,
      decidedByUserId: ctx.actorUserId,
      decidedAt: timing.now,
      absenceId,
    })
    .where(and(eq(schema.leaveRequests.organiserId, ctx.organiserId), eq(schema.leaveRequests.id, request.id)));
  await tx
    .insert(schema.outbox)
    .values({
      organiserId: ctx.organiserId,
      id: randomUUID(),
      kind: 'guardianMessage',
      personId: request.pupil_id,
      templateKey: LEAVE_DECISION_TEMPLATE,
      payload: {
        decision: input.decision,
        reason: input.reason,
        from: request.from_date,
        to: request.to_date,
        recipientPersonId: request.requested_by_person_id,
      },
      idempotencyKey: `leave-decision:${request.id}`,
      sendAfter: timing.now,
    })
    .onConflictDoNothing();
  await writeAuditEvent(tx, ctx, {
    type: 'leave.decide',
    leaveRequestId: request.id,
    pupilId: request.pupil_id,
    data: { decision: input.decision, absenceId },
  });
}
