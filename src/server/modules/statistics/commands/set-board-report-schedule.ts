/** The organiser sets how often the board report is made, and the text it carries; audited. */
import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import type { BoardReportFrequency } from '../../../../shared/statistics/index.js';

export async function setBoardReportSchedule(
  tx: Tx,
  ctx: AuditContext,
  input: { frequency: BoardReportFrequency; text: string },
  now: Date,
): Promise<void> {
  const values = { frequency: input.frequency, text: input.text, changedByUserId: ctx.actorUserId, changedAt: now };
  await tx
    .insert(schema.boardReportSchedules)
    .values({ organiserId: ctx.organiserId, ...values })
    .onConflictDoUpdate({ target: [schema.boardReportSchedules.organiserId], set: values });
  await writeAuditEvent(tx, ctx, {
    type: 'statistics.set-board-report-schedule',
    data: { frequency: input.frequency },
  });
}
