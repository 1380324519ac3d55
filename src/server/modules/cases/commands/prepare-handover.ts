import { randomUUID } from 'node:crypto';
import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { subjectOf, type CaseRef } from '../case-ref.js';

/**
 * The sending school prepares the information the receiving school needs (3 kap. 12 j §
 * skollagen); the receiving school's rektor and elevhälsa see it once the pupil is enrolled there.
 */
export async function prepareHandover(
  tx: Tx,
  ctx: AuditContext,
  c: CaseRef,
  input: { toSchoolUnitId: string; summary: string; preparedOn: string },
): Promise<{ id: string }> {
  const id = randomUUID();
  await tx.insert(schema.caseHandovers).values({
    organiserId: ctx.organiserId,
    id,
    caseId: c.id,
    pupilId: c.pupilId,
    fromSchoolUnitId: c.schoolUnitId,
    toSchoolUnitId: input.toSchoolUnitId,
    summary: input.summary.trim(),
    preparedOn: input.preparedOn,
    preparedByUserId: ctx.actorUserId,
  });
  await writeAuditEvent(tx, ctx, {
    type: 'case.prepare-handover',
    ...subjectOf(c),
    data: { handoverId: id, toSchoolUnitId: input.toSchoolUnitId },
  });
  return { id };
}
