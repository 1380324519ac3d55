/** Background job status for the user who started the job. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { notFound } from '../../errors.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import { recordPupilReads } from '../../audit/record-pupil-reads.js';
import type { PupilListView } from '../../audit/write-audit-event.js';
import { findBackgroundJob } from '../../jobs/background-jobs.js';
import { ErrorResponse, Uuid } from '../../../shared/schemas/common.js';
import { JobResponse } from '../../../shared/schemas/jobs.js';
import { allows } from '../../policies/table.js';
import { type JobRelation, jobsPolicy } from './jobs.policy.js';

/** Jobs whose result lists pupils (`rows[].personId`): reading it is audited like the list it resembles. */
const PUPIL_ROWS_VIEW: Record<string, PupilListView | undefined> = { 'ladder.preview': 'ladder-preview' };

export async function jobRoutes(fastify: FastifyInstance, { database }: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Status, progress and result of a background job you started',
        params: Type.Object({ id: Uuid }),
        response: { 200: JobResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const job = await findBackgroundJob(database.db, actor.organiserId, request.params.id);
      const relations: JobRelation[] = job?.createdByUserId === actor.userId ? ['creator'] : [];
      if (!job || !allows(jobsPolicy, actor, 'read', { schoolUnitId: null, relations }))
        throw notFound('NOT_FOUND', 'Körningen hittades inte.');
      const view = PUPIL_ROWS_VIEW[job.kind];
      const rows = (job.result as { rows?: { personId?: string }[] } | null)?.rows;
      if (view && Array.isArray(rows))
        await recordPupilReads(
          database.db,
          auditContextOf(request),
          view,
          rows.map((r) => r.personId ?? null),
        );
      return {
        id: job.id,
        kind: job.kind,
        status: job.status as JobResponse['status'],
        progress: { done: job.progressDone, total: job.progressTotal },
        result: job.result ?? null,
        error: job.errorCode ? { code: job.errorCode, message: job.errorMessage ?? '' } : null,
      };
    },
  );
}
