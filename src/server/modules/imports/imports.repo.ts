/** Reads for the import pages: earlier imports, and whether the sync connection is complete. */
import { desc, eq, sql } from 'drizzle-orm';
import { schema, type Tx } from '../../db/client.js';

/** The latest 50 imports, newest first. */
export async function findImports(tx: Tx, organiserId: string) {
  return tx
    .select()
    .from(schema.imports)
    .where(eq(schema.imports.organiserId, organiserId))
    .orderBy(desc(schema.imports.startedAt))
    .limit(50);
}

/** True when the sync connection has its client secret (a run can authenticate). */
export async function hasSyncSecret(tx: Tx, organiserId: string): Promise<boolean> {
  const [row] = await tx
    .select({ hasSecret: sql<boolean>`client_secret is not null` })
    .from(schema.ss12000Syncs)
    .where(eq(schema.ss12000Syncs.organiserId, organiserId));
  return Boolean(row?.hasSecret);
}
