import { randomUUID } from 'node:crypto';
import { schema, type Tx } from '../../../db/client.js';
import { AppError } from '../../../errors.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import type { RecordMeetingRequest } from '../../../../shared/schemas/cases.js';
import { assertOpen, subjectOf, type CaseRef } from '../case-ref.js';

/** Records a collaboration meeting (SIP or other) with its participants, coordinator and shared plan. */
export async function recordMeeting(
  tx: Tx,
  ctx: AuditContext,
  c: CaseRef,
  input: RecordMeetingRequest,
): Promise<{ id: string }> {
  assertOpen(c);
  if (input.coordinatorIndex !== undefined && input.coordinatorIndex >= input.participants.length) {
    throw new AppError('VALIDATION_FAILED', 'Samordnaren måste vara en av deltagarna.', [
      { path: '/coordinatorIndex', message: 'Finns inte bland deltagarna.' },
    ]);
  }
  const participants = input.participants.map((p, i) => ({
    key: `p${i + 1}`,
    name: p.name.trim(),
    organisationType: p.organisationType,
    ...(p.organisationName ? { organisationName: p.organisationName.trim() } : {}),
  }));
  const id = randomUUID();
  await tx.insert(schema.caseMeetings).values({
    organiserId: ctx.organiserId,
    id,
    caseId: c.id,
    kind: input.kind,
    heldOn: input.heldOn,
    participants,
    coordinatorKey: input.coordinatorIndex === undefined ? null : participants[input.coordinatorIndex].key,
    sharedPlan: input.sharedPlan?.trim() || null,
    createdByUserId: ctx.actorUserId,
  });
  await writeAuditEvent(tx, ctx, {
    type: 'case.record-meeting',
    ...subjectOf(c),
    data: { meetingId: id, kind: input.kind, participants: participants.length },
  });
  return { id };
}
