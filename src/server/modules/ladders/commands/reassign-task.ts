import { and, eq } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { AppError } from '../../../errors.js';
import { assertAssignableStaff } from '../../../policies/assignable-staff.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';

/** Gives an open task to another member of staff at the task's school unit (the assignee list). */
export async function reassignTask(
  tx: Tx,
  ctx: AuditContext,
  task: { id: string; personId: string; status: string; schoolUnitId: string | null },
  toUserId: string,
): Promise<void> {
  if (task.status === 'done') throw new AppError('CONFLICT', 'Uppgiften är redan klar.');
  await assertAssignableStaff(tx, ctx.organiserId, task.schoolUnitId, toUserId, '/userId');
  await tx
    .update(schema.tasks)
    .set({ assigneeUserId: toUserId })
    .where(and(eq(schema.tasks.organiserId, ctx.organiserId), eq(schema.tasks.id, task.id)));
  await writeAuditEvent(tx, ctx, {
    type: 'task.reassign',
    taskId: task.id,
    pupilId: task.personId,
    data: { toUserId },
  });
}
