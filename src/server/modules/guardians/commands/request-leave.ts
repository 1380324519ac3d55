/**
 * A guardian applies for leave. The request names who decides by the leave rule (leave-rule.ts:
 * the mentor within the school's limit and the year's 10 days, else the rektor); it records the
 * leave days granted and requested so far this school year, so both sides see the 10-day warning.
 */
import { randomUUID } from 'node:crypto';
import { schema, type Tx } from '../../../db/client.js';
import { AppError } from '../../../errors.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { leaveDecider } from '../leave-rule.js';
import type { LeaveRequestInput } from '../../../../shared/schemas/guardians.js';

export async function requestLeave(
  tx: Tx,
  ctx: AuditContext & { actorUserId: string; guardianPersonId: string },
  input: LeaveRequestInput & { schoolUnitId: string | null },
  options: { today: string; mentorLimitDays: number },
): Promise<string> {
  if (input.fromDate < options.today) {
    throw new AppError('REPORT_DATE_TOO_EARLY', 'Ledighet kan bara sökas för dagar från och med idag.', [
      { path: '/fromDate', message: 'Välj idag eller senare.' },
    ]);
  }
  if (input.toDate < input.fromDate)
    throw new AppError('INVALID_DATE_RANGE', 'Slutet måste vara efter början.', [
      { path: '/toDate', message: 'Slutet måste vara efter början.' },
    ]);
  const { schoolDays, leaveDaysBefore, pendingDaysBefore, decidedByRole } = await leaveDecider(tx, ctx.organiserId, {
    pupilId: input.pupilId,
    schoolUnitId: input.schoolUnitId,
    fromDate: input.fromDate,
    toDate: input.toDate,
    mentorLimitDays: options.mentorLimitDays,
  });
  const id = randomUUID();
  await tx.insert(schema.leaveRequests).values({
    organiserId: ctx.organiserId,
    id,
    pupilId: input.pupilId,
    requestedByPersonId: ctx.guardianPersonId,
    requestedByUserId: ctx.actorUserId,
    fromDate: input.fromDate,
    toDate: input.toDate,
    reason: input.reason,
    schoolDays,
    decidedByRole,
    schoolUnitId: input.schoolUnitId,
    details: { leaveDaysBefore, pendingDaysBefore, mentorLimitDays: options.mentorLimitDays },
  });
  await writeAuditEvent(tx, ctx, {
    type: 'leave.request',
    leaveRequestId: id,
    pupilId: input.pupilId,
    data: { from: input.fromDate, to: input.toDate, schoolDays, decidedByRole },
  });
  return id;
}
