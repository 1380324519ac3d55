/**
 * Hands out a finished export's file and records the download (export.download) in the same
 * transaction. Only the user who started the export gets it; anyone else meets 404.
 */
import { and, eq } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { notFound } from '../../../errors.js';
import { findBackgroundJob } from '../../../jobs/background-jobs.js';
import { type AuditContext, writeAuditEvent } from '../../../audit/write-audit-event.js';

export async function downloadExport(tx: Tx, ctx: AuditContext & { actorUserId: string }, jobId: string) {
  const job = await findBackgroundJob(tx, ctx.organiserId, jobId);
  if (!job || job.kind !== 'organiser.export' || job.createdByUserId !== ctx.actorUserId)
    throw notFound('EXPORT_NOT_FOUND', 'Exporten hittades inte.');
  const [file] = await tx
    .select()
    .from(schema.exportFiles)
    .where(and(eq(schema.exportFiles.organiserId, ctx.organiserId), eq(schema.exportFiles.jobId, job.id)));
  if (!file) throw notFound('EXPORT_NOT_FOUND', 'Exporten hittades inte.');
  await writeAuditEvent(tx, ctx, {
    type: 'export.download',
    exportId: job.id,
    data: { bytes: file.content.byteLength },
  });
  return file;
}
