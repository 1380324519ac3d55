import type { Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';

/** Records that a region user viewed the member organisers' shared aggregates. */
export async function recordRegionView(
  tx: Tx,
  ctx: AuditContext,
  period: { from: string; to: string },
  organiserIds: string[],
): Promise<void> {
  await writeAuditEvent(tx, ctx, { type: 'statistics.view-region', data: { ...period, organiserIds } });
}
