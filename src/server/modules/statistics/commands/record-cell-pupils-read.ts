import type { Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';

/** Records that the actor listed the pupils behind a school figure (a read of named pupils' absence). */
export async function recordCellPupilsRead(
  tx: Tx,
  ctx: AuditContext,
  cell: { schoolUnitId: string; from: string; to: string; breakdown: string; key: string; band: string | null },
  pupils: number,
): Promise<void> {
  await writeAuditEvent(tx, ctx, { type: 'statistics.read-pupils', data: { ...cell, pupils } });
}
