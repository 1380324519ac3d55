/** Row counting for importer tests: every table an import writes, scoped to one organiser. */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../../db/client.js';
import { SMALL_IMPORT_ROWS } from './small-import.js';

/** Tables an import may write, plus its report and audit rows. */
export const IMPORT_TABLES = [...Object.keys(SMALL_IMPORT_ROWS), 'pupil_days', 'imports', 'audit_events'] as const;

/** Row count per table for the organiser. */
export async function countRows(tx: Tx, organiserId: string): Promise<Record<string, number>> {
  const query = sql.join(
    IMPORT_TABLES.map(
      (table) =>
        sql`SELECT ${table} AS t, count(*)::int AS n FROM ${sql.raw(`"${table}"`)} WHERE organiser_id = ${organiserId}`,
    ),
    sql` UNION ALL `,
  );
  const rows = await queryRows<{ t: string; n: number }>(tx, query);
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}
