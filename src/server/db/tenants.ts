/** Questions across tenants: only for jobs, the CLI and benchmarks, never for a request. */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from './client.js';

/** Every organiser id in the database (nightly jobs and the CLI visit each in turn). */
export async function unsafeAllOrganiserIds(tx: Tx): Promise<string[]> {
  const rows = await queryRows<{ organiser_id: string }>(
    tx,
    sql`select distinct organiser_id from organisations order by organiser_id`,
  );
  return rows.map((r) => r.organiser_id);
}
