/**
 * One pull from a school platform's SS12000 API (issue 13 §2). Every list endpoint the file
 * import reads is fetched page by page into the same in-memory input the file importer takes,
 * and applied through the same validation and write path: all or nothing, with the same problem
 * report. After a complete run, later runs ask only for what changed (`meta.modified.after`) and
 * apply `/deletedEntities`; the cursor moves only when a run was applied, so nothing is lost.
 */
import { and, eq, sql } from 'drizzle-orm';
import { schema, type Database } from '../../../db/client.js';
import { AppError } from '../../../errors.js';
import {
  importSs12000,
  type ImportProgress,
  type ImportReport,
  type Ss12000Deletions,
} from '../commands/import-ss12000.js';
import type { Ss12000FileName, Ss12000Files } from '../ss12000/parse-ss12000.js';
import { Ss12000FileError } from '../ss12000/json-data-file.js';
import { Ss12000Client, Ss12000SyncError, type Ss12000Connection } from './ss12000-client.js';

/** The list endpoints read, in the importer's file order. */
export const SYNC_ENTITIES = [
  'organisations',
  'persons',
  'groups',
  'duties',
  'activities',
  'calendarEvents',
  'attendances',
  'absences',
] as const satisfies readonly Ss12000FileName[];

/** `/deletedEntities` keys Närvaro applies, and the object type asked for with each. */
const DELETION_TYPES: Record<keyof Ss12000Deletions, string> = {
  attendances: 'Attendance',
  absences: 'Absence',
  calendarEvents: 'CalendarEvent',
};

/** Records asked for per page (servers may send fewer). */
export const SYNC_PAGE_LIMIT = 500;
/**
 * Incremental runs ask from this long before the last run started: the platform's clock and ours
 * may differ a little, and records fetched twice are simply unchanged.
 */
export const SYNC_OVERLAP_MS = 2 * 60_000;

export interface SyncSs12000Input {
  connection: Ss12000Connection;
  /** The organiser synced for (the UI); the command line finds it from an earlier run or the Huvudman. */
  organiserId?: string;
  /** Fetch everything, whatever the last run was. */
  isFull?: boolean;
  actorUserId: string | null;
  now?: () => Date;
  limit?: number;
  /** Records fetched so far per entity, after every page. */
  onFetched?: (entity: string, records: number) => void;
  onImportProgress?: (progress: ImportProgress) => void;
}

/** What a run did; stored as the connection's last report. */
export interface SyncReport {
  status: 'applied' | 'rejected' | 'failed';
  mode: 'full' | 'incremental';
  /** The `meta.modified.after` asked with (incremental runs). */
  modifiedAfter: string | null;
  startedAt: string;
  /** Records fetched per entity (and `deletedEntities`). */
  fetched: Record<string, number>;
  /** Deleted ids received per kind, applied or not (only attendances, absences and calendar events are applied). */
  deletions: Record<string, number>;
  /** The import's report: counts and every problem, as for a file import. */
  import: ImportReport | null;
  error: { code: string; message: string } | null;
}

/**
 * Runs one sync and records it on the connection's row.
 * @returns the report; `failed` when nothing could be fetched or applied (the cursor is kept)
 */
export async function syncSs12000(database: Pick<Database, 'db'>, input: SyncSs12000Input): Promise<SyncReport> {
  const { db } = database;
  const now = input.now ?? (() => new Date());
  const startedAt = now();
  const baseUrl = input.connection.baseUrl.replace(/\/+$/, '');
  const [state] = await db
    .select()
    .from(schema.ss12000Syncs)
    .where(
      input.organiserId
        ? eq(schema.ss12000Syncs.organiserId, input.organiserId.toLowerCase())
        : and(eq(schema.ss12000Syncs.baseUrl, baseUrl), eq(schema.ss12000Syncs.clientId, input.connection.clientId)),
    );
  // A cursor from another source means nothing for this one.
  const cursor = !input.isFull && state?.cursor && state.baseUrl === baseUrl ? state.cursor : null;
  const modifiedAfter = cursor ? new Date(cursor.getTime() - SYNC_OVERLAP_MS).toISOString() : null;
  const report: SyncReport = {
    status: 'failed',
    mode: cursor ? 'incremental' : 'full',
    modifiedAfter,
    startedAt: startedAt.toISOString(),
    fetched: {},
    deletions: {},
    import: null,
    error: null,
  };
  const organiserId = input.organiserId?.toLowerCase() ?? state?.organiserId;
  try {
    const client = new Ss12000Client({ ...input.connection, baseUrl }, () => now().getTime());
    const files: Ss12000Files = {};
    const limit = input.limit ?? SYNC_PAGE_LIMIT;
    for (const entity of SYNC_ENTITIES) {
      const records: unknown[] = [];
      let pageNumber = 0;
      for await (const page of client.pages(
        `/${entity}`,
        modifiedAfter ? { 'meta.modified.after': modifiedAfter } : {},
        limit,
        isList,
      )) {
        pageNumber++;
        if (page.malformed) {
          // The validator reports it under the entity's file name, and the whole run is rejected.
          files[entity] = new Ss12000FileError(
            'NOT_AN_ARRAY',
            `Sida ${pageNumber} från /${entity} kunde inte läsas: ${page.malformed}`,
            null,
          );
          break;
        }
        records.push(...(page.data as unknown[]));
        report.fetched[entity] = records.length;
        input.onFetched?.(entity, records.length);
      }
      report.fetched[entity] ??= 0;
      if (!(files[entity] instanceof Ss12000FileError) && (records.length > 0 || !modifiedAfter))
        files[entity] = { data: records };
    }
    const deletions: Ss12000Deletions = {};
    if (modifiedAfter) {
      let received = 0;
      const filters = { after: modifiedAfter, entities: Object.values(DELETION_TYPES) };
      for await (const page of client.pages('/deletedEntities', filters, limit, isObjectOfLists)) {
        if (page.malformed)
          throw new Ss12000SyncError(
            'SYNC_HTTP_ERROR',
            `Svaret från /deletedEntities kunde inte läsas: ${page.malformed} Inget har ändrats.`,
          );
        for (const [kind, ids] of Object.entries(page.data as Record<string, unknown[]>)) {
          const list = ids.filter((id): id is string => typeof id === 'string');
          received += list.length;
          report.deletions[kind] = (report.deletions[kind] ?? 0) + list.length;
          if (kind in DELETION_TYPES)
            (deletions[kind as keyof Ss12000Deletions] as string[] | undefined) = [
              ...(deletions[kind as keyof Ss12000Deletions] ?? []),
              ...list,
            ];
        }
        report.fetched.deletedEntities = received;
        input.onFetched?.('deletedEntities', received);
      }
    }
    const imported = await importSs12000(database, {
      files,
      organiserId,
      deletions,
      actorUserId: input.actorUserId,
      onProgress: input.onImportProgress,
    });
    report.import = imported;
    report.status = imported.status;
  } catch (error) {
    if (error instanceof Ss12000SyncError || error instanceof AppError)
      report.error = { code: error.code, message: error.message };
    else throw error;
  }
  const runOrganiserId = report.import?.organiserId ?? organiserId;
  if (runOrganiserId)
    await recordRun(
      database,
      runOrganiserId,
      { ...input.connection, baseUrl },
      report,
      report.status === 'applied' ? startedAt : null,
    );
  return report;
}

/** Stores the run on the connection's row (made here by a first command-line run); the cursor moves only with an applied run. */
async function recordRun(
  database: Pick<Database, 'db'>,
  organiserId: string,
  connection: Ss12000Connection,
  report: SyncReport,
  cursor: Date | null,
): Promise<void> {
  const run = {
    lastRunAt: new Date(report.startedAt),
    lastStatus: report.status,
    lastReport: report as unknown as Record<string, unknown>,
    updatedAt: new Date(),
    ...(cursor ? { cursor } : {}),
  };
  await database.db
    .insert(schema.ss12000Syncs)
    .values({
      organiserId,
      baseUrl: connection.baseUrl,
      tokenUrl: connection.tokenUrl,
      clientId: connection.clientId,
      authMethod: connection.authMethod ?? 'body',
      ...run,
    })
    .onConflictDoUpdate({
      target: schema.ss12000Syncs.organiserId,
      // A run with another source's connection (the command line) takes the row over, so its cursor starts afresh.
      set: {
        ...run,
        baseUrl: connection.baseUrl,
        tokenUrl: connection.tokenUrl,
        clientId: connection.clientId,
        cursor:
          cursor ??
          sql`case when ${schema.ss12000Syncs.baseUrl} = ${connection.baseUrl} then ${schema.ss12000Syncs.cursor} end`,
      },
    });
}

function isList(data: unknown): boolean {
  return Array.isArray(data);
}

function isObjectOfLists(data: unknown): boolean {
  return typeof data === 'object' && data !== null && !Array.isArray(data) && Object.values(data).every(Array.isArray);
}
