/**
 * Changes or discards a draft ladder version. Only drafts: a published version is immutable (a
 * database trigger refuses the change too), and a change to it is a new version.
 */
import { and, eq } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { AppError } from '../../../errors.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { validateLadder } from '../../../../shared/ladders/index.js';

type Draft = { id: string; status: string; version: number };

function assertDraft(version: Draft): void {
  if (version.status !== 'draft')
    throw new AppError('CONFLICT', 'Publicerade versioner kan inte ändras. Skapa en ny version.');
}

/** @throws AppError LADDER_INVALID with every problem, CONFLICT for a published version. */
export async function updateLadderDraft(
  tx: Tx,
  ctx: AuditContext,
  version: Draft,
  input: { definition: unknown; effectiveFrom: string },
): Promise<void> {
  assertDraft(version);
  const validation = validateLadder(input.definition);
  if (!validation.ok)
    throw new AppError(
      'LADDER_INVALID',
      'Trappan innehåller fel.',
      validation.problems.map((p) => ({ path: `/definition${p.path}`, message: p.message })),
    );
  await tx
    .update(schema.ladderVersions)
    .set({ definition: validation.ladder as unknown as Record<string, unknown>, effectiveFrom: input.effectiveFrom })
    .where(and(eq(schema.ladderVersions.organiserId, ctx.organiserId), eq(schema.ladderVersions.id, version.id)));
  await writeAuditEvent(tx, ctx, {
    type: 'ladder.update-draft',
    ladderVersionId: version.id,
    data: { effectiveFrom: input.effectiveFrom },
  });
}

export async function deleteLadderDraft(tx: Tx, ctx: AuditContext, version: Draft): Promise<void> {
  assertDraft(version);
  await tx
    .delete(schema.ladderVersions)
    .where(and(eq(schema.ladderVersions.organiserId, ctx.organiserId), eq(schema.ladderVersions.id, version.id)));
  await writeAuditEvent(tx, ctx, {
    type: 'ladder.delete-draft',
    ladderVersionId: version.id,
    data: { version: version.version },
  });
}
