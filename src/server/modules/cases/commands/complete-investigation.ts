import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../../db/client.js';
import { AppError } from '../../../errors.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { hasPupilVoice } from '../cases.repo.js';
import { assertOpen, subjectOf, type CaseRef } from '../case-ref.js';

/**
 * Completes the investigation with its conclusion.
 * @throws PUPIL_VOICE_REQUIRED unless a mapping records the pupil's own view (the child is asked first)
 */
export async function completeInvestigation(
  tx: Tx,
  ctx: AuditContext,
  c: CaseRef,
  input: { conclusion: string; completedOn: string },
): Promise<void> {
  assertOpen(c);
  const [open] = await queryRows<{ id: string; deadline: string }>(
    tx,
    sql`select id, deadline::text as deadline from case_investigations
    where organiser_id = ${ctx.organiserId} and case_id = ${c.id} and completed_on is null`,
  );
  if (!open) throw new AppError('NO_OPEN_INVESTIGATION', 'Det finns ingen pågående utredning.');
  if (!(await hasPupilVoice(tx, ctx.organiserId, c.id))) {
    throw new AppError(
      'PUPIL_VOICE_REQUIRED',
      'Elevens egen röst behöver finnas i en kartläggning innan utredningen kan slutföras.',
    );
  }
  await tx.execute(sql`update case_investigations set completed_on = ${input.completedOn}, completed_by_user_id = ${ctx.actorUserId}, conclusion = ${input.conclusion}
    where organiser_id = ${ctx.organiserId} and id = ${open.id}`);
  await writeAuditEvent(tx, ctx, {
    type: 'case.complete-investigation',
    ...subjectOf(c),
    data: { investigationId: open.id, isOverdue: input.completedOn > open.deadline },
  });
}
