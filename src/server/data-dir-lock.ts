/**
 * PGlite is single-process: a lock file in the data folder keeps a second Närvaro process out
 * instead of letting two processes corrupt one database.
 *
 * The lock belongs to a live process, not to a clock: the file names the holder (pid, the
 * process's start time from /proc, hostname) and counts as stale only when that process is gone
 * (or its pid now belongs to a process started later). So a holder whose event loop is blocked
 * keeps its lock, and a restart right after kill -9 takes it at once. The holder checks every
 * second that the file still names it and exits at once if not (someone removed it by hand):
 * no write is acknowledged by a process that no longer owns the database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { currentProcess, isAlive, isSameProcess, type ProcessIdentity } from './process-identity.js';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    holder = '',
  ) {
    super(
      `Datamappen ${dataDir} används redan av en annan Närvaro-process${holder}. Stoppa den först, eller ange en annan mapp med DATA_DIR. (The data folder is in use by another process.)`,
    );
  }
}

type Holder = ProcessIdentity;

const LOCK_FILE = 'narvaro.lock';
/** A takeover of a stale lock is a few file operations; its guard older than this was left by a crash in between. */
const GUARD_STALE_MS = 10_000;
const CHECK_EVERY_MS = 1_000;

function readHolder(file: string): Holder | null {
  try {
    const holder = JSON.parse(fs.readFileSync(file, 'utf8')) as Holder;
    return Number.isInteger(holder.pid) ? holder : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // Unreadable or half-written (a crash while writing it): nobody can hold it.
    return { pid: -1, startTime: null, hostname: os.hostname() };
  }
}

/** Places `content` as the lock file only if there is none (link(2) does not replace). */
function tryCreate(file: string, content: string): boolean {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content);
  try {
    fs.linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/** Removes a stale lock under a guard directory, so two starters cannot both remove and create. */
function removeIfStale(file: string, dataDir: string): void {
  const guard = `${file}.takeover`;
  try {
    fs.mkdirSync(guard);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = Date.now() - (fs.statSync(guard, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > GUARD_STALE_MS) fs.rmSync(guard, { recursive: true, force: true });
    return;
  }
  try {
    // A lock directory of the earlier proper-lockfile format: its holder refreshed its time every 5 s.
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory() && Date.now() - stat.mtimeMs < 15_000) throw new DataDirInUseError(dataDir);
    const holder = stat?.isDirectory() ? null : readHolder(file);
    if (holder && isAlive(holder))
      throw new DataDirInUseError(
        dataDir,
        ` (pid ${holder.pid}${holder.hostname !== os.hostname() ? ` på ${holder.hostname}` : ''})`,
      );
    fs.rmSync(file, { force: true, recursive: true });
  } finally {
    fs.rmSync(guard, { recursive: true, force: true });
  }
}

/**
 * Takes the lock; @returns a release function. @throws DataDirInUseError when a live process holds it.
 * @param options.onLost called if the lock file stops naming this process (default: exit at once).
 */
export async function lockDataDir(
  dataDir: string,
  options: { onLost?: () => void } = {},
): Promise<() => Promise<void>> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const me = currentProcess();
  const content = JSON.stringify(me);
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(file, content)) break;
    if (attempt >= 20) throw new DataDirInUseError(dataDir);
    removeIfStale(file, dataDir);
    // Another starter is taking over right now: let it finish.
    if (fs.existsSync(`${file}.takeover`)) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const onLost =
    options.onLost ??
    (() => {
      console.error(
        `Låset på datamappen ${dataDir} har tagits bort; processen avslutas utan att skriva mer. (The data folder lock was lost; exiting.)`,
      );
      process.exit(75);
    });
  const owns = () => {
    const holder = readHolder(file);
    return holder !== null && isSameProcess(holder, me);
  };
  const timer = setInterval(() => {
    if (!owns()) {
      clearInterval(timer);
      onLost();
    }
  }, CHECK_EVERY_MS);
  timer.unref();
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    clearInterval(timer);
    if (owns()) fs.rmSync(file, { force: true });
  };
}
