import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { Clock } from './clock.js';
import type { JobQueue } from './jobs/queue.js';

/** What every route module receives: the database, configuration, clock and job queue. */
export interface AppContext {
  database: Database;
  config: Config;
  clock: Clock;
  /** Where background jobs are sent (started by the caller). */
  jobs: JobQueue;
}
