import type { Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';

type CaseReadView = 'case' | 'pdf' | 'handover' | 'list' | 'reminders' | 'inbox';

/** Records that the actor was shown the cases (every read of a case is audited, docs/audit-events.md). */
export async function recordCaseReads(
  tx: Tx,
  ctx: AuditContext,
  cases: readonly { id: string; pupilId: string }[],
  view: CaseReadView,
): Promise<void> {
  for (const c of cases)
    await writeAuditEvent(tx, ctx, { type: 'case.read', caseId: c.id, pupilId: c.pupilId, data: { view } });
}
