/** Stores a built export for download and audits it (with a case.read per exported case). */
import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import type { BuiltExport } from './create-export.js';

/**
 * @param exportId the background job id (UI) or a fresh id (CLI)
 * @param options.isStored false for the CLI, which writes the file itself
 */
export async function recordExport(
  tx: Tx,
  ctx: AuditContext,
  exportId: string,
  built: BuiltExport,
  options: { origin: 'ui' | 'cli'; isStored: boolean },
): Promise<void> {
  if (options.isStored) {
    await tx
      .insert(schema.exportFiles)
      .values({ organiserId: ctx.organiserId, jobId: exportId, fileName: built.fileName, content: built.zip });
  }
  await writeAuditEvent(tx, ctx, {
    type: 'export.create',
    exportId,
    data: {
      files: built.counts,
      bytes: built.zip.byteLength,
      origin: options.origin,
      includesCases: 'cases.csv' in built.counts,
    },
  });
  // Case data left Närvaro: "who read this child's case" must show the export too.
  for (const c of built.cases)
    await writeAuditEvent(tx, ctx, { type: 'case.read', caseId: c.id, pupilId: c.pupilId, data: { view: 'export' } });
}
