/**
 * A guardian applies for leave. The request names who decides: the mentor up to the school's
 * limit of school days, the rektor above it; it records the leave days granted so far this
 * school year, so both the guardian and the decider see the 10-day warning.
 */
import { randomUUID } from 'node:crypto';
import { schema, type Tx } from '../../../db/client.js';
import { AppError } from '../../../errors.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { countSchoolDays, leaveDaysThisSchoolYear } from '../guardians.repo.js';
import type { LeaveRequestInput } from '../../../../shared/schemas/guardians.js';

export async function requestLeave(tx: Tx, ctx: AuditContext & { actorUserId: string; guardianPersonId: string }, input: LeaveRequestInput & { schoolUnitId: string | null },
  options: { today: string; mentorLimitDays: number }): Promise<string> {
  if (input.fromDate < options.today) {
    throw new AppError('REPORT_DATE_TOO_EARLY', 'Ledighet kan bara sökas för dagar från och med idag.', [{ path: '/fromDate', message: 'Välj idag eller senare.' }]);
  }
  if (input.toDate < input.fromDate) throw new AppError('INVALID_DATE_RANGE', 'Slutet måste vara efter början.', [{ path: '/toDate', message: 'Slutet måste vara efter början.' }]);
  const schoolDays = await countSchoolDays(tx, ctx.organiserId, input.schoolUnitId, input.fromDate, input.toDate);
  const leaveDaysBefore = await leaveDaysThisSchoolYear(tx, ctx.organiserId, input.pupilId, options.today);
  const decidedByRole = schoolDays > options.mentorLimitDays ? 'principal' : 'mentor';
  const id = randomUUID();
  await tx.insert(schema.leaveRequests).values({
    organiserId: ctx.organiserId, id, pupilId: input.pupilId, requestedByPersonId: ctx.guardianPersonId, requestedByUserId: ctx.actorUserId,
    fromDate: input.fromDate, toDate: input.toDate, reason: input.reason, schoolDays, decidedByRole, schoolUnitId: input.schoolUnitId,
    details: { leaveDaysBefore, mentorLimitDays: options.mentorLimitDays },
  });
  await writeAuditEvent(tx, ctx, { type: 'leave.request', leaveRequestId: id, pupilId: input.pupilId, data: { from: input.fromDate, to: input.toDate, schoolDays, decidedByRole } });
  return id;
}
