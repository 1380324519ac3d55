/** Publishes a draft version; from then on it is immutable (a database trigger enforces it). */
import { and, eq } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { AppError } from '../../../errors.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';

export async function publishLadderVersion(
  tx: Tx,
  ctx: AuditContext,
  version: {
    id: string;
    status: string;
    schoolUnitKey: string;
    presetId: string | null;
    effectiveFrom: string;
    version: number;
  },
  effectiveFrom?: string,
): Promise<void> {
  if (version.status !== 'draft') throw new AppError('CONFLICT', 'Versionen är redan publicerad.');
  const from = effectiveFrom ?? version.effectiveFrom;
  await tx
    .update(schema.ladderVersions)
    .set({ status: 'published', publishedAt: new Date(), effectiveFrom: from })
    .where(and(eq(schema.ladderVersions.organiserId, ctx.organiserId), eq(schema.ladderVersions.id, version.id)));
  await writeAuditEvent(tx, ctx, {
    type: 'ladder.publish-version',
    ladderVersionId: version.id,
    data: {
      schoolUnitId: version.schoolUnitKey || null,
      presetId: version.presetId,
      effectiveFrom: from,
      version: version.version,
    },
  });
}
