/** Older history of a register was shown: whose changes the reader saw (every read of pupil-level data is audited). */
import type { Tx } from '../../../db/client.js';
import { type AuditContext, writeAuditEvent } from '../../../audit/write-audit-event.js';

export async function recordHistoryRead(tx: Tx, ctx: AuditContext, lessonId: string, pupilIds: string[]) {
  await writeAuditEvent(tx, ctx, {
    type: 'lesson.read-history',
    lessonId,
    data: { pupils: pupilIds.length, pupilIds },
  });
}
