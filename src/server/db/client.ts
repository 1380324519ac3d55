/**
 * Opens the database: embedded PGlite (default, one process, data in DATA_DIR) or PostgreSQL
 * (DATABASE_URL). Both run the same drizzle migrations and the same queries.
 */
import { fileURLToPath } from 'node:url';
import { sql, type SQL } from 'drizzle-orm';
import type { PoolClient } from 'pg';
import { PgTransaction, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.js';
import { retryRaces } from './retry.js';
import { yieldToEventLoop } from './pglite-yield.js';
import { prepareStatements } from './pglite-prepared.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction or the database itself: commands accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * @param options.databaseUrl PostgreSQL URL; when absent PGlite is used.
 * @param options.dataDir PGlite data directory, or 'memory://' for an in-memory database.
 */
export async function openDatabase(options: { databaseUrl?: string; dataDir?: string }): Promise<Database> {
  if (options.databaseUrl) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    // Dates stay strings: a `date` is a school day, not an instant.
    pg.types.setTypeParser(1082, (v: string) => v);
    // JIT off: our statements read thousands of rows by index, yet the planner's row guesses (jsonb
    // lists, lateral joins) cross jit_above_cost and compiling took 220 ms of a 5 ms query. Sent as
    // a startup option; behind PgBouncer add `options` to its ignore_startup_parameters.
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, options: '-c jit=off' });
    // An idle connection closed by the server (restart, failover) must not crash the process;
    // the pool replaces it on the next query.
    pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
    // The pool listens only on idle clients: a connection ended while checked out (57P01 idle in a
    // transaction) would emit an unhandled 'error' and end the process. The query in flight, or
    // the next one, fails instead (the request answers 500) and the pool drops the client on release.
    const nameOf = statementNamer();
    pool.on('connect', (client) => {
      client.on('error', (error) => console.error(`PostgreSQL connection lost during a transaction: ${error.message}`));
      nameRepeatedStatements(client, nameOf);
    });
    const db = drizzle(pool, { schema }) as unknown as Db;
    // Every transaction that loses a race (deadlock, serialization, duplicate new key) runs again (retry.ts).
    const transaction = db.transaction.bind(db);
    db.transaction = ((run, config) => retryRaces(() => transaction(run, config))) as Db['transaction'];
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = await PGlite.create(options.dataDir ?? 'memory://', {
    // Dates stay strings, as with node-postgres above.
    parsers: { 1082: (v: string) => v },
  });
  prepareStatements(client);
  yieldToEventLoop(client);
  const db = drizzle(client, { schema }) as unknown as Db;
  aloneOnTheDatabase.add(db);
  const transaction = db.transaction.bind(db);
  db.transaction = ((run, config) =>
    transaction((tx) => {
      aloneOnTheDatabase.add(tx);
      return run(tx);
    }, config)) as Db['transaction'];
  return { db, kind: 'pglite', close: () => client.close() };
}

/** How many statement texts a process names at most (each connection may prepare every one of them). */
const MAX_NAMED_STATEMENTS = 200;

/**
 * Names for statement texts: a text gets one from its second use on, the same on every
 * connection; once `max` texts are named, further texts go unnamed. One-off texts (a migration,
 * an ad hoc report) and texts that vary with a list's length stay out of the way or, at worst, fill the cap.
 */
export function statementNamer(max = MAX_NAMED_STATEMENTS): (text: string) => string | undefined {
  const names = new Map<string, string>();
  const seenOnce = new Set<string>();
  return (text) => {
    const name = names.get(text);
    if (name !== undefined || names.size >= max) return name;
    if (!seenOnce.has(text)) {
      // Bounded too: a stream of one-off texts only restarts the count.
      if (seenOnce.size >= 10 * max) seenOnce.clear();
      seenOnce.add(text);
      return undefined;
    }
    seenOnce.delete(text);
    const named = `narvaro_s${names.size + 1}`;
    names.set(text, named);
    return named;
  };
}

/**
 * Sends the connection's repeated parameterised statements as named prepared statements, so
 * PostgreSQL parses and plans each once per connection instead of on every call: a registration's
 * statements cost PostgreSQL ~12 ms of CPU unnamed and ~5 ms named, most of it planning
 * (docs/concurrency.md). Statements without parameters (begin, commit) keep the simple protocol.
 */
function nameRepeatedStatements(client: PoolClient, nameOf: (text: string) => string | undefined): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((config: unknown, values?: unknown, ...rest: unknown[]) => {
    // Only drizzle's plain query configs: a submittable (cursor, stream) must stay the object it is.
    if (
      config !== null &&
      typeof config === 'object' &&
      Object.getPrototypeOf(config) === Object.prototype &&
      'text' in config &&
      typeof config.text === 'string' &&
      !('name' in config && config.name) &&
      Array.isArray(values) &&
      values.length > 0
    ) {
      const name = nameOf(config.text);
      // A copy: drizzle passes the same config object on every execution of its query.
      if (name) return query({ ...config, name }, values, ...rest);
    }
    return query(config, values, ...rest);
  }) as typeof client.query;
}

/** PGlite's database and its top-level transactions: PGlite runs one transaction at a time. */
const aloneOnTheDatabase = new WeakSet<object>();

/**
 * True when no other transaction can run beside `tx` (PGlite holds its one connection for a whole
 * transaction), so locks that only order concurrent transactions are not needed.
 */
export function runsAlone(tx: Tx): boolean {
  return aloneOnTheDatabase.has(tx);
}

/** Runs pending migrations; on PostgreSQL under an advisory lock so web and worker can start together. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'postgres') {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await database.db.execute(sql`select pg_advisory_lock(424242)`);
    try {
      await migrate(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await database.db.execute(sql`select pg_advisory_unlock(424242)`);
    }
    return;
  }
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  await migrate(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
}

/** Runs raw SQL and returns its rows (PGlite and node-postgres both answer with `.rows`). */
export async function queryRows<T>(tx: Tx, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export { schema };

/**
 * Runs queries one after another. Inside a transaction there is one connection, and node-postgres
 * will stop queueing concurrent queries on it, so `Promise.all` over queries is not used there.
 */
export async function inSequence<T extends readonly unknown[]>(
  ...steps: { [K in keyof T]: () => Promise<T[K]> }
): Promise<T> {
  const results: unknown[] = [];
  for (const step of steps) results.push(await step());
  return results as unknown as T;
}

/**
 * Runs independent read queries at the same time when `tx` is the database itself (a PostgreSQL
 * pool gives each its own connection; PGlite queues them), and one after another inside a
 * transaction, which has one connection.
 */
export async function concurrently<T extends readonly unknown[]>(
  tx: Tx,
  ...steps: { [K in keyof T]: () => Promise<T[K]> }
): Promise<T> {
  if (tx instanceof PgTransaction) return inSequence<T>(...steps);
  return Promise.all(steps.map((step) => step())) as unknown as Promise<T>;
}
