/** A register was shown: which pupils' marks the reader saw (every read of pupil-level data is audited). */
import type { Tx } from '../../../db/client.js';
import { type AuditContext, writeAuditEvent } from '../../../audit/write-audit-event.js';

export async function recordRegisterRead(tx: Tx, ctx: AuditContext, lessonId: string, pupilIds: string[]) {
  await writeAuditEvent(tx, ctx, {
    type: 'lesson.read-register',
    lessonId,
    data: { pupils: pupilIds.length, pupilIds },
  });
}
