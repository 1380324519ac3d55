/**
 * Builds the full export of an organiser: one CSV per definition in `export-files.ts` plus
 * README.txt, zipped. Reading happens file by file (on PostgreSQL in one repeatable-read,
 * read-only transaction, so the files agree with each other; on PGlite, which has one connection,
 * without holding it for the whole export, so other requests are answered in between).
 */
import { strToU8, zipSync } from 'fflate';
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from '../../../db/client.js';
import { EXPORT_FILES, exportReadme, type ExportFile } from '../export-files.js';
import { toCsv } from '../../../lib/csv.js';

export interface BuiltExport {
  fileName: string;
  zip: Uint8Array;
  /** Rows per CSV file. */
  counts: Record<string, number>;
  /** Case ids and their pupils (for the case.read audit rows). */
  cases: { id: string; pupilId: string }[];
}

type Cell = string | number | boolean | null;

function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** The rows of one file for the organiser, keyed by column name. */
export async function readExportFile(
  tx: Tx,
  organiserId: string,
  file: ExportFile,
): Promise<Record<string, unknown>[]> {
  const select = sql.join(
    file.columns.map((column) => sql`${column.expr} as ${sql.identifier(column.name)}`),
    sql`, `,
  );
  return queryRows<Record<string, unknown>>(
    tx,
    sql`select ${select} from ${file.from} where t.organiser_id = ${organiserId} order by ${file.orderBy}`,
  );
}

/**
 * @param options.includeCases false leaves out every file with case data
 * @param options.onProgress files done of all
 */
export async function buildExport(
  database: Database,
  organiserId: string,
  options: { includeCases: boolean; now: Date; onProgress?: (done: number, total: number) => Promise<void> },
): Promise<BuiltExport> {
  const files = EXPORT_FILES.filter((f) => options.includeCases || !f.isCaseData);
  const run = async (tx: Tx): Promise<BuiltExport> => {
    const entries: Record<string, Uint8Array> = {};
    const counts: Record<string, number> = {};
    let done = 0;
    await options.onProgress?.(done, files.length);
    for (const file of files) {
      const rows = await readExportFile(tx, organiserId, file);
      counts[file.name] = rows.length;
      entries[file.name] = strToU8(
        toCsv(
          file.columns.map((column) => ({
            header: column.name,
            value: (row: Record<string, unknown>) => cellOf(row[column.name]),
          })),
          rows,
        ),
      );
      await options.onProgress?.(++done, files.length);
    }
    const [organiser] = await queryRows<{ display_name: string }>(
      tx,
      sql`select display_name from organisations where organiser_id = ${organiserId} and id = ${organiserId}`,
    );
    const cases = options.includeCases
      ? await queryRows<{ id: string; pupil_id: string }>(
          tx,
          sql`select id, pupil_id from cases where organiser_id = ${organiserId} order by id`,
        )
      : [];
    entries['README.txt'] = strToU8(
      exportReadme(files, {
        organiserName: organiser?.display_name ?? organiserId,
        createdAt: options.now.toISOString(),
        counts,
      }),
    );
    const day = options.now.toISOString().slice(0, 10);
    return {
      fileName: `narvaro-export-${day}.zip`,
      zip: zipSync(entries, { level: 6 }),
      counts,
      cases: cases.map((c) => ({ id: c.id, pupilId: c.pupil_id })),
    };
  };
  if (database.kind === 'postgres')
    return database.db.transaction(run, { isolationLevel: 'repeatable read', accessMode: 'read only' });
  return run(database.db);
}
