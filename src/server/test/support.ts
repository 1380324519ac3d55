/**
 * Test support: a fresh migrated database per test file (PGlite in memory, or a new PostgreSQL
 * database when TEST_DATABASE_URL is set), the real app around it, and logged-in requests.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import type { SQL } from 'drizzle-orm';
import type { JobResponse } from '../../shared/schemas/jobs.js';
import { migrateDatabase, openDatabase, type Database } from '../db/client.js';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { clockFor, type Clock } from '../clock.js';

/** Opens a fresh, migrated database; `close` drops it again on PostgreSQL. */
export async function openTestDatabase(): Promise<{ database: Database; close: () => Promise<void> }> {
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(database);
    return { database, close: () => database.close() };
  }
  const { url, drop } = await createPostgresDatabase(baseUrl);
  const database = await openDatabase({ databaseUrl: url });
  await migrateDatabase(database);
  return {
    database,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

/** A new, empty PostgreSQL database beside `baseUrl`'s (for a test or a server started by one); `drop` removes it. */
export async function createPostgresDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `narvaro_test_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/** A TCP port free on the loopback interface just now (for a server a test starts). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const TEST_TODAY = '2026-01-14';

/** A test configuration: silent, fixed date, no web bundle. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ LOG_LEVEL: 'silent', NARVARO_TODAY: TEST_TODAY, WEB_DIST_DIR: '/nonexistent' }),
    ...overrides,
  };
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  close: () => Promise<void>;
}

/** The real HTTP app on a fresh database; `clock` replaces the fixed-date clock (e.g. a settable "now"). */
export async function buildTestApp(overrides: Partial<Config> = {}, clock?: Clock): Promise<TestApp> {
  const { database, close } = await openTestDatabase();
  const config = testConfig(overrides);
  const app = await buildApp({ database, config, clock: clock ?? clockFor(config) });
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await close();
    },
  };
}

/** A logged-in client: injects with the session cookie and CSRF token. */
export interface Session {
  request: (options: InjectOptions) => Promise<LightMyRequestResponse>;
  csrfToken: string;
}

export async function logInAs(app: FastifyInstance, username: string, password = 'secret'): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'narvaro_session')!;
  const { csrfToken } = response.json() as { csrfToken: string };
  return {
    csrfToken,
    request: (options) =>
      app.inject({
        ...options,
        headers: { cookie: `narvaro_session=${cookie.value}`, 'x-csrf-token': csrfToken, ...(options.headers ?? {}) },
      }),
  };
}

/** The database's error message for a statement expected to fail, or 'no error'. */
export function failureOf(database: Database, query: SQL): Promise<string> {
  return database.db.execute(query).then(
    () => 'no error',
    (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message),
  );
}

/** A clock whose "now" the test sets; "today" follows it (Europe/Stockholm). */
export function settableClock(startIso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = new Date(startIso);
  const day = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return {
    now: () => new Date(now),
    today: () => day.format(now),
    set: (iso) => {
      now = new Date(iso);
    },
    advance: (ms) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

/** Polls a background job (`GET /api/jobs/:id`) until it has finished; returns its last status. */
export async function finishedJob(client: Session, jobId: string): Promise<JobResponse & { result: any }> {
  for (let i = 0; i < 300; i++) {
    const job = (await client.request({ method: 'GET', url: `/api/jobs/${jobId}` })).json();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${jobId} did not finish`);
}

/** Starts a background job with a POST (202 + job id) and waits for it. */
export async function runJob(client: Session, url: string, payload: Record<string, unknown>) {
  const started = await client.request({ method: 'POST', url, payload });
  if (started.statusCode !== 202) throw new Error(`POST ${url}: ${started.statusCode} ${started.body}`);
  return finishedJob(client, started.json().jobId);
}
