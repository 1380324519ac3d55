import { and, eq } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { AppError } from '../../../errors.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';

/** Marks a task done with an optional note (who and when are recorded). */
export async function completeTask(
  tx: Tx,
  ctx: AuditContext & { actorUserId: string },
  task: { id: string; personId: string; status: string },
  note: string | null,
  now: Date,
): Promise<void> {
  if (task.status === 'done') throw new AppError('CONFLICT', 'Uppgiften är redan klar.');
  await tx
    .update(schema.tasks)
    .set({ status: 'done', doneAt: now, doneByUserId: ctx.actorUserId, doneNote: note })
    .where(and(eq(schema.tasks.organiserId, ctx.organiserId), eq(schema.tasks.id, task.id)));
  await writeAuditEvent(tx, ctx, { type: 'task.complete', taskId: task.id, pupilId: task.personId, data: { note } });
}
