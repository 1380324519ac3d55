import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, schema, type Tx } from '../../../db/client.js';
import { AppError } from '../../../errors.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { addDays, addMonths } from '../../../../shared/dates/index.js';
import { findCaseSettings, findMunicipalities } from '../cases.repo.js';
import { assertOpen, subjectOf, type CaseRef } from '../case-ref.js';

/** The investigation's deadline: the organiser's number of days, or one calendar month (Stockholm). */
export const investigationDeadline = (openedOn: string, deadlineDays: number | null) =>
  deadlineDays === null ? addMonths(openedOn, 1) : addDays(openedOn, deadlineDays);

/**
 * Opens an investigation of the absence (7 kap. 19 a § skollagen). Opening it notifies the
 * organiser (its inbox) and, when the pupil's home municipality differs from the school's, the
 * home municipality (skolpliktsbevakning); both notices also go to the outbox in this
 * transaction, so nothing is lost if the process dies before they are sent.
 * @throws INVESTIGATION_ALREADY_OPEN when one is in progress
 */
export async function openInvestigation(
  tx: Tx,
  ctx: AuditContext,
  c: CaseRef,
  input: { openedOn: string; byLadder: boolean },
): Promise<{ id: string; deadline: string }> {
  assertOpen(c);
  const open = await queryRows<{ id: string }>(
    tx,
    sql`select id from case_investigations where organiser_id = ${ctx.organiserId} and case_id = ${c.id} and completed_on is null`,
  );
  if (open.length > 0) throw new AppError('INVESTIGATION_ALREADY_OPEN', 'En utredning pågår redan i ärendet.');
  const settings = await findCaseSettings(tx, ctx.organiserId);
  const id = randomUUID();
  const deadline = investigationDeadline(input.openedOn, settings.investigationDeadlineDays);
  await tx.insert(schema.caseInvestigations).values({
    organiserId: ctx.organiserId,
    id,
    caseId: c.id,
    openedOn: input.openedOn,
    openedByUserId: ctx.actorUserId,
    deadline,
  });

  const municipalities = await findMunicipalities(tx, ctx.organiserId, c.pupilId, c.schoolUnitId);
  const recipients: { recipient: 'organiser' | 'homeMunicipality'; municipalityCode: string | null }[] = [
    { recipient: 'organiser', municipalityCode: null },
  ];
  if (municipalities.home && municipalities.school && municipalities.home !== municipalities.school) {
    recipients.push({ recipient: 'homeMunicipality', municipalityCode: municipalities.home });
  }
  for (const r of recipients) {
    const noticeId = randomUUID();
    await tx.insert(schema.organiserNotices).values({
      organiserId: ctx.organiserId,
      id: noticeId,
      kind: 'investigationOpened',
      recipient: r.recipient,
      municipalityCode: r.municipalityCode,
      caseId: c.id,
      investigationId: id,
      pupilId: c.pupilId,
      schoolUnitId: c.schoolUnitId,
    });
    // The payload names ids and dates only: the sender resolves what it may send, and no address or
    // location of a pupil with protected identity is ever copied here.
    await tx.insert(schema.outbox).values({
      organiserId: ctx.organiserId,
      id: randomUUID(),
      kind: 'organiserNotice',
      personId: c.pupilId,
      templateKey: r.recipient === 'organiser' ? 'utredning-oppnad' : 'utredning-oppnad-hemkommun',
      idempotencyKey: `investigation:${id}:${r.recipient}`,
      payload: {
        noticeId,
        caseId: c.id,
        investigationId: id,
        schoolUnitId: c.schoolUnitId,
        openedOn: input.openedOn,
        deadline,
        recipient: r.recipient,
        municipalityCode: r.municipalityCode,
      },
    });
  }
  await writeAuditEvent(tx, ctx, {
    type: 'case.open-investigation',
    ...subjectOf(c),
    data: { investigationId: id, deadline, notices: recipients.length, byLadder: input.byLadder },
  });
  return { id, deadline };
}
