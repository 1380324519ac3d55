/** The ladder work that runs as background jobs: the evaluation started from the web and the draft preview. */
import type { Database } from '../../db/client.js';
import { notFound } from '../../errors.js';
import type { BackgroundJobRunner } from '../../jobs/background-jobs.js';
import { evaluateLadders } from './commands/evaluate-ladders.js';
import { findLadderVersions } from './ladders.repo.js';
import { previewLadderVersion } from './preview-ladder.js';

export interface EvaluateJobInput {
  date: string;
  schoolUnitId?: string;
  personId?: string;
}
export interface PreviewJobInput {
  versionId: string;
  effectiveFrom: string | null;
  date: string;
}

export function ladderJobRunners(
  database: Database,
): Record<'ladder.evaluate' | 'ladder.preview', BackgroundJobRunner> {
  const db = database.db;
  return {
    'ladder.evaluate': async (job, report) => {
      const input = job.input as unknown as EvaluateJobInput;
      const summary = await evaluateLadders(
        db,
        { organiserId: job.organiserId, actorUserId: job.createdByUserId },
        {
          date: input.date,
          schoolUnitId: input.schoolUnitId,
          personIds: input.personId ? [input.personId] : undefined,
        },
        { isCommittedPerChunk: true, onProgress: report },
      );
      return { ...summary };
    },
    'ladder.preview': async (job, report) => {
      const input = job.input as unknown as PreviewJobInput;
      const version = (await findLadderVersions(db, job.organiserId)).find((v) => v.id === input.versionId);
      if (!version) throw notFound('NOT_FOUND', 'Trappversionen finns inte längre (utkastet kan ha tagits bort).');
      return {
        ...(await previewLadderVersion(
          db,
          job.organiserId,
          version,
          input.effectiveFrom ?? version.effective_from,
          input.date,
          report,
        )),
      };
    },
  };
}
