/** The background job behind "Exportera allt": builds the zip with progress per file, then stores and audits it. */
import type { Database } from '../../db/client.js';
import type { Clock } from '../../clock.js';
import type { BackgroundJobRunner } from '../../jobs/background-jobs.js';
import { buildExport } from './commands/create-export.js';
import { recordExport } from './commands/record-export.js';

export interface ExportJobInput {
  includeCases: boolean;
}

export function exportJobRunners(database: Database, clock: Clock): Record<'organiser.export', BackgroundJobRunner> {
  return {
    'organiser.export': async (job, report) => {
      const input = job.input as unknown as ExportJobInput;
      const built = await buildExport(database, job.organiserId, {
        includeCases: input.includeCases,
        now: clock.now(),
        onProgress: report,
      });
      await database.db.transaction((tx) =>
        recordExport(tx, { organiserId: job.organiserId, actorUserId: job.createdByUserId }, job.id, built, {
          origin: 'ui',
          isStored: true,
        }),
      );
      return {
        fileName: built.fileName,
        bytes: built.zip.byteLength,
        files: built.counts,
        downloadPath: `/api/exports/${job.id}/download`,
      };
    },
  };
}
