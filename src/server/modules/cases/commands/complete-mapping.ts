import { and, eq, isNull } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { AppError, notFound } from '../../../errors.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { assertOpen, subjectOf, type CaseRef } from '../case-ref.js';

/** Marks a mapping complete; it is not changed afterwards. */
export async function completeMapping(
  tx: Tx,
  ctx: AuditContext,
  c: CaseRef,
  mappingId: string,
  now: Date,
): Promise<void> {
  assertOpen(c);
  const [mapping] = await tx
    .select()
    .from(schema.caseMappings)
    .where(
      and(
        eq(schema.caseMappings.organiserId, ctx.organiserId),
        eq(schema.caseMappings.caseId, c.id),
        eq(schema.caseMappings.id, mappingId),
      ),
    );
  if (!mapping) throw notFound('NOT_FOUND', 'Kartläggningen hittades inte.');
  if (mapping.completedAt) throw new AppError('MAPPING_ALREADY_COMPLETED', 'Kartläggningen är redan klar.');
  await tx
    .update(schema.caseMappings)
    .set({ completedAt: now, completedByUserId: ctx.actorUserId })
    .where(
      and(
        eq(schema.caseMappings.organiserId, ctx.organiserId),
        eq(schema.caseMappings.id, mappingId),
        isNull(schema.caseMappings.completedAt),
      ),
    );
  await writeAuditEvent(tx, ctx, {
    type: 'case.complete-mapping',
    ...subjectOf(c),
    data: { mappingId, kind: mapping.kind },
  });
}
