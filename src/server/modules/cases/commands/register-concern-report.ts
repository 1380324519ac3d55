import { randomUUID } from 'node:crypto';
import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { assertOpen, subjectOf, type CaseRef } from '../case-ref.js';

/**
 * Registers a concern report (orosanmälan) made to social services. The report itself is a
 * professional judgement and made by staff; the system records it and follows up on feedback.
 */
export async function registerConcernReport(
  tx: Tx,
  ctx: AuditContext,
  c: CaseRef,
  input: { reportedOn: string; socialServicesOffice: string; reasonCategory: string; actionsTaken?: string },
): Promise<{ id: string }> {
  assertOpen(c);
  const id = randomUUID();
  await tx.insert(schema.caseConcernReports).values({
    organiserId: ctx.organiserId,
    id,
    caseId: c.id,
    reportedOn: input.reportedOn,
    socialServicesOffice: input.socialServicesOffice.trim(),
    reportedByUserId: ctx.actorUserId,
    reasonCategory: input.reasonCategory,
    actionsTaken: input.actionsTaken?.trim() || null,
  });
  await writeAuditEvent(tx, ctx, {
    type: 'case.register-concern-report',
    ...subjectOf(c),
    data: { concernReportId: id, reasonCategory: input.reasonCategory },
  });
  return { id };
}
