/**
 * PGlite is single-process: a lock file in the data folder keeps a second Närvaro process out
 * instead of letting two processes corrupt one database.
 */
import fs from 'node:fs';
import lockfile from 'proper-lockfile';

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string) {
    super(`Datamappen ${dataDir} används redan av en annan Närvaro-process. Stoppa den först, eller ange en annan mapp med DATA_DIR. (The data folder is in use by another process.)`);
  }
}

/** Takes the lock; @returns a release function. @throws DataDirInUseError when held elsewhere. */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    return await lockfile.lock(dataDir, { lockfilePath: `${dataDir}/narvaro.lock`, stale: 15_000, update: 5_000, retries: 0 });
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') throw new DataDirInUseError(dataDir);
    throw error;
  }
}
