/** SS12000 import from the admin UI (multipart upload) and the list of earlier imports. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { desc, eq } from 'drizzle-orm';
import type { AppContext } from '../../app-context.js';
import { schema } from '../../db/client.js';
import { AppError, forbidden } from '../../errors.js';
import { actorOf } from '../../plugins/authenticate.js';
import { hasRole } from '../../policies/actor.js';
import { ErrorResponse } from '../../../shared/schemas/common.js';
import { importSs12000 } from './commands/import-ss12000.js';
import { parseSs12000Files } from './read-ss12000-dir.js';

const ImportReportSchema = Type.Object({
  importId: Type.String(), status: Type.String(), organiserId: Type.Union([Type.String(), Type.Null()]),
  counts: Type.Record(Type.String(), Type.Number()), problems: Type.Array(Type.Record(Type.String(), Type.Unknown())), durationMs: Type.Number(),
});

export async function importRoutes(fastify: FastifyInstance, { database }: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  let isImportRunning = false;

  app.post('/api/imports/ss12000', {
    schema: {
      tags: ['imports'], summary: 'Import SS12000 files (multipart, one part per endpoint file, e.g. persons.json); all-or-nothing',
      consumes: ['multipart/form-data'], response: { 200: ImportReportSchema, 403: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse },
    },
  }, async (request) => {
    const actor = actorOf(request);
    if (!hasRole(actor, 'systemAdmin')) throw forbidden('Endast systemadministratör kan importera.');
    if (!request.isMultipart()) throw new AppError('VALIDATION_FAILED', 'Skicka filerna som multipart/form-data.');
    // One import at a time: a second would wait on the first one's locks anyway.
    if (isImportRunning) throw new AppError('IMPORT_IN_PROGRESS', 'En import pågår redan. Vänta tills den är klar.');
    isImportRunning = true;
    try {
      const contents: Record<string, string> = {};
      for await (const part of request.files()) contents[part.filename] = (await part.toBuffer()).toString('utf8');
      const report = await importSs12000(database, { ...parseSs12000Files(contents), organiserId: actor.organiserId, actorUserId: actor.userId });
      if (report.status !== 'applied') throw new AppError('IMPORT_REJECTED', 'Importen avvisades. Inget har ändrats; se rapporten.', report);
      return report;
    } finally {
      isImportRunning = false;
    }
  });

  app.get('/api/imports', {
    schema: { tags: ['imports'], summary: 'Earlier imports with their reports', response: { 200: Type.Object({ imports: Type.Array(Type.Record(Type.String(), Type.Unknown())) }), 403: ErrorResponse } },
  }, async (request) => {
    const actor = actorOf(request);
    if (!hasRole(actor, 'systemAdmin')) throw forbidden('Endast systemadministratör kan se importer.');
    const rows = await database.db.select().from(schema.imports).where(eq(schema.imports.organiserId, actor.organiserId)).orderBy(desc(schema.imports.startedAt)).limit(50);
    return { imports: rows.map((r) => ({ id: r.id, status: r.status, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null, report: r.report })) };
  });
}
