import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { assertAssignableStaff } from '../../../policies/assignable-staff.js';
import { assertOpen, subjectOf, type CaseRef } from '../case-ref.js';

/**
 * Adds a staff member to the case (an existing member keeps their first role).
 * @throws NOT_ASSIGNABLE when the user has no role at the case's school unit or organiser-wide
 */
export async function addCaseMember(
  tx: Tx,
  ctx: AuditContext,
  c: CaseRef,
  input: { userId: string; role: string },
): Promise<void> {
  await assertAssignableStaff(tx, ctx.organiserId, c.schoolUnitId, input.userId, '/userId');
  assertOpen(c);
  await tx
    .insert(schema.caseMembers)
    .values({
      organiserId: ctx.organiserId,
      caseId: c.id,
      userId: input.userId,
      role: input.role,
      addedByUserId: ctx.actorUserId,
    })
    .onConflictDoNothing();
  await writeAuditEvent(tx, ctx, { type: 'case.add-member', ...subjectOf(c), data: input });
}
