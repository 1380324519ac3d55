/**
 * Registers a guardian's absence report, a granted leave or a staff-registered valid reason for
 * a pupil, as a time range (whole or part of days). Validity is derived from it, so the
 * pupil's figures over the range are recomputed in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { schema, type Tx } from '../../../db/client.js';
import { AppError } from '../../../errors.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { recomputePupilDays } from '../../measures/recompute-pupil-days.js';
import { syncSameDayNotices, type NoticeTiming } from '../../messages/same-day-notices.js';
import { addDays, localDateTimeToInstant } from '../../../../shared/dates/index.js';
import type { RegisterAbsenceRequest } from '../../../../shared/schemas/pupils.js';
import { isReasonCode } from '../../../../shared/schemas/reports.js';

/** Longest range one registration may cover; longer leave is a decision, not a form. */
const MAX_DAYS = 366;

/** @returns the new absence id. @throws AppError INVALID_DATE_RANGE / VALIDATION_FAILED with field paths. */
export async function registerAbsence(
  tx: Tx,
  ctx: AuditContext & { actorUserId: string },
  pupilId: string,
  input: RegisterAbsenceRequest,
  timing: NoticeTiming,
): Promise<string> {
  const startsAt = localDateTimeToInstant(input.fromDate, input.fromTime ?? '00:00');
  const endsAt = input.toTime
    ? localDateTimeToInstant(input.toDate, input.toTime)
    : localDateTimeToInstant(addDays(input.toDate, 1), '00:00');
  if (endsAt <= startsAt) {
    throw new AppError('INVALID_DATE_RANGE', 'Slutet måste vara efter början.', [
      { path: '/toDate', message: 'Slutet måste vara efter början.' },
    ]);
  }
  if (endsAt - startsAt > MAX_DAYS * 86_400_000) {
    throw new AppError('INVALID_DATE_RANGE', 'Perioden är för lång (högst ett år).', [
      { path: '/toDate', message: 'Högst ett år.' },
    ]);
  }
  if (input.reasonCode && !isReasonCode(input.reasonCode)) {
    throw new AppError('VALIDATION_FAILED', 'Okänd orsakskod.', [
      { path: '/reasonCode', message: 'Välj en orsak i listan.' },
    ]);
  }
  const id = randomUUID();
  await tx.insert(schema.absences).values({
    organiserId: ctx.organiserId,
    id,
    personId: pupilId,
    kind: input.kind,
    reasonCode: input.reasonCode ?? null,
    startsAt: new Date(startsAt),
    endsAt: new Date(endsAt),
    comment: input.comment ?? null,
    registeredByUserId: ctx.actorUserId,
  });
  await writeAuditEvent(tx, ctx, {
    type: 'absence.register',
    absenceId: id,
    pupilId,
    data: { kind: input.kind, from: input.fromDate, to: input.toDate },
  });
  // A report moves no pupil between classes or schools: only the days it changed change a roll-up.
  await recomputePupilDays(tx, ctx.organiserId, [pupilId], input.fromDate, input.toDate, { rollupsOf: 'changedDays' });
  // A report that makes today's absence valid withdraws a notice not yet sent.
  await syncSameDayNotices(tx, ctx.organiserId, [pupilId], input.fromDate, input.toDate, timing);
  return id;
}
