import { and, eq } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { AppError } from '../../../errors.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { findOpenCase } from '../cases.repo.js';
import { subjectOf, type CaseRef } from '../case-ref.js';

/**
 * Reopens a closed case; the earlier close (reason, outcome) stays in the timeline.
 * @throws CASE_NOT_CLOSED when open; CASE_ALREADY_OPEN when the pupil has another open case
 */
export async function reopenCase(tx: Tx, ctx: AuditContext, c: CaseRef, reason: string): Promise<void> {
  if (c.status !== 'closed') throw new AppError('CASE_NOT_CLOSED', 'Ärendet är redan öppet.');
  const other = await findOpenCase(tx, ctx.organiserId, c.pupilId);
  if (other) throw new AppError('CASE_ALREADY_OPEN', 'Eleven har redan ett öppet ärende.', { caseId: other.id });
  await tx
    .update(schema.cases)
    .set({ status: 'open', closedAt: null, closedByUserId: null, closeReason: null, closeOutcome: null })
    .where(and(eq(schema.cases.organiserId, ctx.organiserId), eq(schema.cases.id, c.id)));
  await writeAuditEvent(tx, ctx, { type: 'case.reopen', ...subjectOf(c), data: { reason: reason.trim() } });
}
