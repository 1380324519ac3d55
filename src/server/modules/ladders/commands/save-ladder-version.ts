/**
 * Saves a new ladder version for the organiser or a school unit — from a preset, an edited
 * definition or an imported file — as a draft or published at once. Versions are never edited:
 * a change is always a new version with its own effective date.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, max } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { AppError } from '../../../errors.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { validateLadder } from '../../../../shared/ladders/index.js';

export interface SaveLadderVersionInput {
  schoolUnitId: string | null;
  definition: unknown;
  presetId: string | null;
  effectiveFrom: string;
  isPublished: boolean;
}

/** @returns the new version's id and number. @throws AppError LADDER_INVALID with every problem. */
export async function saveLadderVersion(
  tx: Tx,
  ctx: AuditContext & { actorUserId: string },
  input: SaveLadderVersionInput,
): Promise<{ id: string; version: number }> {
  const validation = validateLadder(input.definition);
  if (!validation.ok)
    throw new AppError(
      'LADDER_INVALID',
      'Trappan innehåller fel.',
      validation.problems.map((p) => ({ path: `/definition${p.path}`, message: p.message })),
    );
  const schoolUnitKey = input.schoolUnitId ?? '';
  let [ladder] = await tx
    .select()
    .from(schema.ladders)
    .where(and(eq(schema.ladders.organiserId, ctx.organiserId), eq(schema.ladders.schoolUnitKey, schoolUnitKey)));
  if (!ladder) {
    [ladder] = await tx
      .insert(schema.ladders)
      .values({ organiserId: ctx.organiserId, id: randomUUID(), schoolUnitKey, name: validation.ladder.name })
      .returning();
  }
  const [{ latest }] = await tx
    .select({ latest: max(schema.ladderVersions.version) })
    .from(schema.ladderVersions)
    .where(and(eq(schema.ladderVersions.organiserId, ctx.organiserId), eq(schema.ladderVersions.ladderId, ladder.id)));
  const version = (latest ?? 0) + 1;
  const id = randomUUID();
  await tx.insert(schema.ladderVersions).values({
    organiserId: ctx.organiserId,
    id,
    ladderId: ladder.id,
    version,
    definition: validation.ladder as unknown as Record<string, unknown>,
    presetId: input.presetId,
    effectiveFrom: input.effectiveFrom,
    status: input.isPublished ? 'published' : 'draft',
    createdByUserId: ctx.actorUserId,
    publishedAt: input.isPublished ? new Date() : null,
  });
  const data = {
    schoolUnitId: input.schoolUnitId,
    presetId: input.presetId,
    effectiveFrom: input.effectiveFrom,
    version,
  };
  await writeAuditEvent(
    tx,
    ctx,
    input.isPublished
      ? { type: 'ladder.publish-version', ladderVersionId: id, data }
      : { type: 'ladder.create-draft', ladderVersionId: id, data },
  );
  return { id, version };
}
