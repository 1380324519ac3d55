import { and, eq } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { notFound } from '../../../errors.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { subjectOf, type CaseRef } from '../case-ref.js';

/** Records the feedback from social services (whether an inquiry was opened); allowed on a closed case too. */
export async function recordConcernFeedback(
  tx: Tx,
  ctx: AuditContext,
  c: CaseRef,
  reportId: string,
  input: { feedbackOn: string; feedbackKind: string },
): Promise<void> {
  const updated = await tx
    .update(schema.caseConcernReports)
    .set({ feedbackOn: input.feedbackOn, feedbackKind: input.feedbackKind })
    .where(
      and(
        eq(schema.caseConcernReports.organiserId, ctx.organiserId),
        eq(schema.caseConcernReports.caseId, c.id),
        eq(schema.caseConcernReports.id, reportId),
      ),
    )
    .returning({ id: schema.caseConcernReports.id });
  if (updated.length === 0) throw notFound('NOT_FOUND', 'Orosanmälan hittades inte.');
  await writeAuditEvent(tx, ctx, {
    type: 'case.record-concern-feedback',
    ...subjectOf(c),
    data: { concernReportId: reportId, feedbackKind: input.feedbackKind },
  });
}
