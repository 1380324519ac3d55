import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { assertOpen, subjectOf, type CaseRef } from '../case-ref.js';

/** Adds a staff member to the case (an existing member keeps their first role). */
export async function addCaseMember(
  tx: Tx,
  ctx: AuditContext,
  c: CaseRef,
  input: { userId: string; role: string },
): Promise<void> {
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
