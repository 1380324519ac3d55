/** SS12000 import from the admin UI (multipart upload) and the list of earlier imports. */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app-context.js';
import { AppError } from '../../errors.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import { assertImportsAllowed } from './imports.policy.js';
import { findImports, hasSyncSecret } from './imports.repo.js';
import { ErrorResponse } from '../../../shared/schemas/common.js';
import {
  ImportList,
  ImportReport as ImportReportSchema,
  SavedSyncSettings,
  SaveSyncSettingsBody,
  SyncSettingsResponse,
  SyncStarted,
} from '../../../shared/schemas/imports.js';
import { importSs12000, recordRejectedUpload } from './commands/import-ss12000.js';
import { readSs12000Dir, ss12000FileNameOf } from './read-ss12000-dir.js';
import { JOB_SYNC_SS12000_NOW, findSyncSettings, saveSyncSettings } from './sync/scheduled-sync.js';

export async function importRoutes(fastify: FastifyInstance, { database, config, jobs }: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  let isImportRunning = false;

  app.post(
    '/api/imports/ss12000',
    {
      schema: {
        tags: ['imports'],
        summary: 'Import SS12000 files (multipart, one part per endpoint file, e.g. persons.json); all-or-nothing',
        consumes: ['multipart/form-data'],
        response: {
          200: ImportReportSchema,
          400: ErrorResponse,
          403: ErrorResponse,
          409: ErrorResponse,
          413: ErrorResponse,
          422: ErrorResponse,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertImportsAllowed(actor, 'import');
      if (!request.isMultipart()) throw new AppError('VALIDATION_FAILED', 'Skicka filerna som multipart/form-data.');
      // One import at a time: a second would wait on the first one's locks anyway.
      if (isImportRunning) throw new AppError('IMPORT_IN_PROGRESS', 'En import pågår redan. Vänta tills den är klar.');
      isImportRunning = true;
      let dir: string | undefined;
      try {
        dir = await mkdtemp(path.join(os.tmpdir(), 'narvaro-import-'));
        try {
          await receiveFiles(request, dir, config);
        } catch (error) {
          // A broken or oversized upload is still an import attempt: recorded as rejected, then answered 400/413.
          const failure = uploadFailure(error);
          await recordRejectedUpload(database, {
            organiserId: actor.organiserId,
            actorUserId: actor.userId,
            code: failure.code,
            message: failure.message,
          });
          throw failure;
        }
        const report = await importSs12000(database, {
          ...(await readSs12000Dir(dir)),
          organiserId: actor.organiserId,
          actorUserId: actor.userId,
        });
        if (report.status !== 'applied')
          throw new AppError('IMPORT_REJECTED', 'Importen avvisades. Inget har ändrats; se rapporten.', report);
        return report;
      } finally {
        isImportRunning = false;
        if (dir) await rm(dir, { recursive: true, force: true });
      }
    },
  );

  app.get(
    '/api/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Earlier imports with their reports',
        response: {
          200: ImportList,
          403: ErrorResponse,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertImportsAllowed(actor, 'readImports');
      const rows = await findImports(database.db, actor.organiserId);
      return {
        imports: rows.map((r) => ({
          id: r.id,
          status: r.status,
          startedAt: r.startedAt.toISOString(),
          finishedAt: r.finishedAt?.toISOString() ?? null,
          report: r.report,
        })),
      };
    },
  );

  app.get(
    '/api/imports/ss12000-sync',
    {
      schema: {
        tags: ['imports'],
        summary: 'The SS12000 sync connection (without its secret), its schedule and last run',
        response: { 200: SyncSettingsResponse, 403: ErrorResponse },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertImportsAllowed(actor, 'readSync');
      return { settings: await findSyncSettings(database.db, actor.organiserId) };
    },
  );

  app.put(
    '/api/imports/ss12000-sync',
    {
      schema: {
        tags: ['imports'],
        summary: 'Save the SS12000 sync connection; the secret is kept server-side and never returned',
        body: SaveSyncSettingsBody,
        response: { 200: SavedSyncSettings, 400: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertImportsAllowed(actor, 'editSync');
      const settings = await database.db.transaction(async (tx) => {
        await saveSyncSettings(tx, auditContextOf(request), request.body);
        return findSyncSettings(tx, actor.organiserId);
      });
      return { settings: settings! };
    },
  );

  app.post(
    '/api/imports/ss12000-sync/run',
    {
      schema: {
        tags: ['imports'],
        summary: 'Sync now ("Synka nu"): runs in the background; poll GET /api/imports/ss12000-sync for the report',
        response: { 202: SyncStarted, 400: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      assertImportsAllowed(actor, 'runSync');
      if (!(await hasSyncSecret(database.db, actor.organiserId)))
        throw new AppError('VALIDATION_FAILED', 'Ställ in anslutningen till skolplattformen (med hemlighet) först.');
      await jobs.send(JOB_SYNC_SS12000_NOW, { organiserId: actor.organiserId, userId: actor.userId });
      return reply.code(202).send({ isStarted: true });
    },
  );
}

/**
 * Streams the uploaded SS12000 files to `dir` as `<name>.json` (never buffered whole in memory),
 * within the per-file and total limits; other parts are drained.
 */
async function receiveFiles(request: FastifyRequest, dir: string, config: AppContext['config']): Promise<void> {
  let total = 0;
  const countTotal = () =>
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        total += chunk.length;
        if (total > config.importMaxTotalBytes)
          done(new AppError('PAYLOAD_TOO_LARGE', 'Filerna är tillsammans för stora.'));
        else done(null, chunk);
      },
    });
  for await (const part of request.files({ limits: { fileSize: config.importMaxFileBytes, files: 20 } })) {
    const name = ss12000FileNameOf(part.filename);
    if (!name) {
      part.file.resume();
      continue;
    }
    await pipeline(part.file, countTotal(), createWriteStream(path.join(dir, `${name}.json`)));
    if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', `Filen ${name}.json är för stor.`);
  }
}

/** The client's mistake behind a failed upload: too large (413) or malformed multipart (400). */
function uploadFailure(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT')
    return new AppError('PAYLOAD_TOO_LARGE', 'Filen eller anropet är för stort.');
  return new AppError('VALIDATION_FAILED', 'Uppladdningen kunde inte läsas (trasig multipart-data).');
}
