/** Full export of the organiser (no lock-in): start as a background job, follow it at /api/jobs/:id, download the zip. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import { startBackgroundJob } from '../../jobs/background-jobs.js';
import { ErrorResponse, Uuid } from '../../../shared/schemas/common.js';
import { assertExportAdmin } from './exports.policy.js';
import { downloadExport } from './commands/download-export.js';
import { JobStarted } from '../../../shared/schemas/jobs.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export async function exportRoutes(fastify: FastifyInstance, { database, jobs }: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = database.db;

  app.post(
    '/api/exports',
    {
      schema: {
        tags: ['exports'],
        summary: 'Start a full export of the organiser as a background job (202 with the job id)',
        body: Type.Object(
          { includeCases: Type.Boolean({ description: 'Include case data (ärenden); the UI warns first' }) },
          { additionalProperties: false },
        ),
        response: { 202: JobStarted, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      assertExportAdmin(actor);
      const jobId = await startBackgroundJob(db, jobs, actor, 'organiser.export', {
        includeCases: request.body.includeCases,
      });
      return reply.status(202).send({ jobId });
    },
  );

  app.get(
    '/api/exports/:id/download',
    {
      schema: {
        tags: ['exports'],
        summary: 'Download a finished export (only by the user who started it)',
        params: Type.Object({ id: Uuid }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      assertExportAdmin(actor);
      const file = await db.transaction((tx) => downloadExport(tx, auditContextOf(request), request.params.id));
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength));
    },
  );
}
