import { and, eq } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { AppError } from '../../../errors.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';

/** Gives an open task to another active user of the same organiser. */
export async function reassignTask(tx: Tx, ctx: AuditContext, task: { id: string; personId: string; status: string }, toUserId: string): Promise<void> {
  if (task.status === 'done') throw new AppError('CONFLICT', 'Uppgiften är redan klar.');
  const [user] = await tx.select().from(schema.users).where(and(eq(schema.users.organiserId, ctx.organiserId), eq(schema.users.id, toUserId), eq(schema.users.isActive, true)));
  if (!user) throw new AppError('VALIDATION_FAILED', 'Användaren finns inte.', [{ path: '/userId', message: 'Välj en användare i listan.' }]);
  await tx.update(schema.tasks).set({ assigneeUserId: toUserId }).where(and(eq(schema.tasks.organiserId, ctx.organiserId), eq(schema.tasks.id, task.id)));
  await writeAuditEvent(tx, ctx, { type: 'task.reassign', taskId: task.id, pupilId: task.personId, data: { toUserId } });
}
