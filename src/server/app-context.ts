import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { Clock } from './clock.js';

/** What every route module receives: the database, configuration and clock. */
export interface AppContext {
  database: Database;
  config: Config;
  clock: Clock;
}
