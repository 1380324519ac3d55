/**
 * Opens the configured database for a process (server or CLI): takes the data-folder lock for
 * PGlite, runs migrations, and returns a close function that releases everything.
 */
import type { Config } from './config.js';
import { migrateDatabase, openDatabase, type Database } from './db/client.js';
import { lockDataDir } from './data-dir-lock.js';
import { checkDatabaseReachable } from './db/connect-check.js';

export async function openRuntimeDatabase(config: Config): Promise<{ database: Database; close: () => Promise<void> }> {
  if (config.databaseUrl) await checkDatabaseReachable(config.databaseUrl);
  const release = config.databaseUrl ? async () => {} : await lockDataDir(config.dataDir);
  try {
    const database = await openDatabase(
      config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: `${config.dataDir}/pglite` },
    );
    await migrateDatabase(database);
    return {
      database,
      close: async () => {
        await database.close();
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}
