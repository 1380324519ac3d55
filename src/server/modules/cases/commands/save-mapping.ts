import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { AppError, notFound } from '../../../errors.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { sectionsFor, type MappingTemplateDefinition } from '../../../../shared/cases/index.js';
import type { SaveMappingRequest } from '../../../../shared/schemas/cases.js';
import { assertOpen, subjectOf, type CaseRef } from '../case-ref.js';

const blankToNull = (v: string | null | undefined) =>
  v === undefined || v === null || v.trim() === '' ? null : v.trim();

/**
 * Creates a mapping (no `mappingId`) or changes an unfinished one. Answers must be questions of
 * the template for the mapping's kind.
 */
export async function saveMapping(
  tx: Tx,
  ctx: AuditContext,
  c: CaseRef,
  template: MappingTemplateDefinition,
  input: SaveMappingRequest,
  mappingId?: string,
): Promise<{ id: string }> {
  assertOpen(c);
  const allowed = new Set(
    sectionsFor(template, input.kind).flatMap((s) => s.questions.map((q) => `${s.key}.${q.key}`)),
  );
  const unknown = Object.keys(input.answers).filter((k) => !allowed.has(k));
  if (unknown.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      'Okänd fråga i kartläggningen.',
      unknown.map((k) => ({ path: `/answers/${k}`, message: 'Finns inte i mallen.' })),
    );
  const answers = Object.fromEntries(Object.entries(input.answers).filter(([, v]) => v.trim() !== ''));
  const content = {
    answers,
    pupilVoice: blankToNull(input.pupilVoice),
    guardiansView: blankToNull(input.guardiansView),
  };
  let id = mappingId;
  if (id) {
    const [existing] = await tx
      .select({ completedAt: schema.caseMappings.completedAt, kind: schema.caseMappings.kind })
      .from(schema.caseMappings)
      .where(
        and(
          eq(schema.caseMappings.organiserId, ctx.organiserId),
          eq(schema.caseMappings.caseId, c.id),
          eq(schema.caseMappings.id, id),
        ),
      );
    if (!existing) throw notFound('NOT_FOUND', 'Kartläggningen hittades inte.');
    if (existing.completedAt)
      throw new AppError('MAPPING_ALREADY_COMPLETED', 'Kartläggningen är klar och ändras inte. Gör en ny.');
    await tx
      .update(schema.caseMappings)
      .set({ ...content, kind: input.kind, updatedAt: new Date() })
      .where(and(eq(schema.caseMappings.organiserId, ctx.organiserId), eq(schema.caseMappings.id, id)));
  } else {
    id = randomUUID();
    await tx.insert(schema.caseMappings).values({
      organiserId: ctx.organiserId,
      id,
      caseId: c.id,
      kind: input.kind,
      templateKey: template.key,
      templateVersion: template.version,
      ...content,
      createdByUserId: ctx.actorUserId,
    });
  }
  await writeAuditEvent(tx, ctx, {
    type: 'case.save-mapping',
    ...subjectOf(c),
    data: {
      mappingId: id,
      kind: input.kind,
      hasPupilVoice: content.pupilVoice !== null,
      hasGuardiansView: content.guardiansView !== null,
    },
  });
  return { id };
}
