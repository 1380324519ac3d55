import type { Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';

/** Records that the actor read the audit trail of the cases (reading who read is itself audited). */
export async function recordAuditTrailReads(
  tx: Tx,
  ctx: AuditContext,
  cases: readonly { id: string; pupilId: string }[],
  events: number,
): Promise<void> {
  for (const c of cases)
    await writeAuditEvent(tx, ctx, { type: 'case.read-audit', caseId: c.id, pupilId: c.pupilId, data: { events } });
}
