/**
 * A guardian withdraws a leave request that is still waiting for a decision (issue 16, item 11).
 * A decided request stays as decided: granted leave is an absence the school handles.
 */
import { and, eq } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { AppError } from '../../../errors.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import type { LeaveRow } from '../leave.repo.js';

/**
 * @param request the request, already checked to be one of the guardian's children's
 * @throws AppError LEAVE_REQUEST_DECIDED when it is no longer pending
 */
export async function withdrawLeaveRequest(tx: Tx, ctx: AuditContext, request: LeaveRow): Promise<void> {
  if (request.status !== 'pending')
    throw new AppError('LEAVE_REQUEST_DECIDED', 'Ansökan är redan beslutad eller återkallad.');
  await tx
    .update(schema.leaveRequests)
    .set({ status: 'withdrawn' })
    .where(
      and(
        eq(schema.leaveRequests.organiserId, ctx.organiserId),
        eq(schema.leaveRequests.id, request.id),
        eq(schema.leaveRequests.status, 'pending'),
      ),
    );
  await writeAuditEvent(tx, ctx, {
    type: 'leave.withdraw',
    leaveRequestId: request.id,
    pupilId: request.pupil_id,
    data: { from: request.from_date, to: request.to_date },
  });
}
