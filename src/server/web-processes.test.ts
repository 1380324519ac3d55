// WEB_PROCESSES (issue 14): the real server, started as operators start it, forks web processes on
// one port on PostgreSQL, replaces one that dies, stops them all on SIGTERM, and refuses on PGlite.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, migrateDatabase } from './db/client.js';
import { createWorld } from './test/factories.js';
import { createPostgresDatabase, freePort } from './test/support.js';

const SERVER_ENV = { NARVARO_DEMO: '0', LOG_LEVEL: 'warn', WEB_DIST_DIR: '/nonexistent', HOST: '127.0.0.1' };

/** The server's output so far, and a wait for a line matching `pattern` (resolves with its match). */
class Output {
  text = '';
  private waiters: (() => void)[] = [];
  constructor(child: ChildProcess) {
    for (const stream of [child.stdout!, child.stderr!])
      stream.setEncoding('utf8').on('data', (chunk: string) => {
        this.text += chunk;
        for (const wake of this.waiters.splice(0)) wake();
      });
    child.on('exit', () => {
      for (const wake of this.waiters.splice(0)) wake();
    });
  }
  async waitFor(pattern: RegExp, child: ChildProcess): Promise<RegExpMatchArray> {
    for (;;) {
      const match = this.text.match(pattern);
      if (match) return match;
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`server exited before ${pattern}:\n${this.text}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}

/** A request on a connection of its own, so the primary hands each to the next web process in turn. */
function request(port: number, method: string, url: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: url, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('several web processes on PostgreSQL', () => {
  it('serve one port, replace a killed one, and all stop on SIGTERM', { timeout: 180_000 }, async () => {
    // 1. A fresh database with staff to log in as (the server itself migrates; the demo is off).
    const { url, drop } = await createPostgresDatabase(process.env.TEST_DATABASE_URL!);
    cleanups.push(drop);
    const database = await openDatabase({ databaseUrl: url });
    await migrateDatabase(database);
    const world = await createWorld(database, []);
    await database.close();

    // 2. The server as operators start it, with two web processes.
    const port = await freePort();
    const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, ...SERVER_ENV, DATABASE_URL: url, PORT: String(port), WEB_PROCESSES: '2' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(async () => {
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    });
    const output = new Output(server);
    const [, first, second] = (await output.waitFor(/Närvaro är igång.*pid (\d+), (\d+)/, server)).map(Number);
    expect(new Set([server.pid, first, second]).size).toBe(3);

    // 3. A session made in one process is good in every one: each request below has its own connection.
    const login = await request(
      port,
      'POST',
      '/api/auth/login',
      { 'content-type': 'application/json' },
      JSON.stringify({ username: world.usernames.teacher, password: 'secret' }),
    );
    expect(login.status).toBe(200);
    const cookie = (login.headers['set-cookie'] ?? []).find((c) => c.startsWith('narvaro_session='))!.split(';')[0];
    const servesEveryRequest = async () => {
      for (let i = 0; i < 6; i++) expect((await request(port, 'GET', '/api/auth/me', { cookie })).status).toBe(200);
    };
    await servesEveryRequest();

    // 4. A web process killed with kill -9 is replaced, and the port goes on answering.
    process.kill(first, 'SIGKILL');
    const [, restarted] = (await output.waitFor(/Webbprocess \d startades om \(pid (\d+)\)/, server)).map(Number);
    expect(output.text).toMatch(new RegExp(`Webbprocess \\d \\(pid ${first}\\) avslutades \\(SIGKILL\\)`));
    expect(isRunning(first)).toBe(false);
    expect(isRunning(restarted)).toBe(true);
    await servesEveryRequest();

    // 5. SIGTERM stops the primary and every web process, within the stop bound, leaving none behind.
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    const bound = new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 20_000));
    expect(await Promise.race([exited, bound])).toBe(0);
    expect([second, restarted].filter(isRunning)).toEqual([]);
  });
});

// Run once, in the PGlite tier (it starts no database).
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('several web processes on PGlite', () => {
  it('are refused with a clear message before the data folder is touched', () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'narvaro-web-')), 'data');
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, ...SERVER_ENV, DATABASE_URL: '', DATA_DIR: dataDir, WEB_PROCESSES: '2' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'WEB_PROCESSES=2 kräver PostgreSQL (DATABASE_URL): PGlite-mappen ägs av en enda process.',
    );
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
