import { randomUUID } from 'node:crypto';
import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { findMentorUserIds } from '../cases.repo.js';

export interface OpenCaseInput {
  pupilId: string;
  schoolUnitId: string;
  openedOn: string;
  /** The staff member opening it (null when a ladder step opens it). */
  openedBy: { userId: string; role: string } | null;
  ladder?: { versionId: string; stepKey: string };
}

/**
 * Opens a case for the pupil with the opener and the pupil's mentors on the opening date as members.
 * The caller checks there is no open case (one open case per pupil, enforced by an index too).
 */
export async function openCase(tx: Tx, ctx: AuditContext, input: OpenCaseInput): Promise<{ id: string }> {
  const id = randomUUID();
  await tx.insert(schema.cases).values({
    organiserId: ctx.organiserId,
    id,
    pupilId: input.pupilId,
    schoolUnitId: input.schoolUnitId,
    openedOn: input.openedOn,
    openedByUserId: input.openedBy?.userId ?? null,
    openedFromLadderVersionId: input.ladder?.versionId ?? null,
    openedFromStepKey: input.ladder?.stepKey ?? null,
  });
  const members = new Map<string, string>();
  if (input.openedBy) members.set(input.openedBy.userId, input.openedBy.role);
  for (const userId of (await findMentorUserIds(tx, ctx.organiserId, [input.pupilId], input.openedOn)).get(
    input.pupilId,
  ) ?? [])
    if (!members.has(userId)) members.set(userId, 'mentor');
  if (members.size > 0) {
    await tx.insert(schema.caseMembers).values(
      [...members].map(([userId, role]) => ({
        organiserId: ctx.organiserId,
        caseId: id,
        userId,
        role,
        addedByUserId: ctx.actorUserId,
      })),
    );
  }
  await writeAuditEvent(tx, ctx, {
    type: 'case.open',
    caseId: id,
    pupilId: input.pupilId,
    data: {
      schoolUnitId: input.schoolUnitId,
      byLadder: input.ladder !== undefined,
      stepKey: input.ladder?.stepKey ?? null,
      members: members.size,
    },
  });
  return { id };
}
