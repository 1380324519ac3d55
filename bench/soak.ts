/**
 * `npx tsx bench/soak.ts`: the soak and kill harness of issue 14 (docs/concurrency.md). On
 * PostgreSQL and on PGlite: teachers of SOAK_SCHOOLS schools register lessons through the real
 * server over loopback HTTP at 1, 8 and 32 requests in flight for SOAK_SECONDS each; during the
 * 8-in-flight run the server is killed with SIGKILL at a random moment and started again. Then a
 * verifier checks that every acknowledged registration is in the database exactly once (each
 * request carries a unique comment, written once to the mark history) and that every derived row
 * equals a recomputation from the raw marks. Summary in bench/results.json. Bounded: a few minutes.
 * Speed is measured here, never asserted in tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, queryRows, type Database } from '../src/server/db/client.js';
import { createWorld, type World } from '../src/server/test/factories.js';
import { weekdaysEndingOn } from '../src/shared/dates/index.js';
import { readDerivedRows, recomputedDerivedRows } from '../src/server/test/derived-rows.js';

const TODAY = '2026-01-14';
const LEVELS = [1, 8, 32];
const KILL_LEVEL = 8;
const SECONDS = Number(process.env.SOAK_SECONDS ?? 6);
const SCHOOLS = Number(process.env.SOAK_SCHOOLS ?? 4);
const PUPILS_PER_CLASS = 25;
/**
 * School days with lessons, ending today. 1 (the default, as the earlier figures): every request
 * goes to one of today's 24 lessons, so each is registered again and again and its history grows
 * to hundreds of rows. A Monday morning is each teacher registering a lesson once and correcting
 * a few: SOAK_DAYS=20 spreads the requests over 20 days' lessons.
 */
const DAYS = Math.max(1, Number(process.env.SOAK_DAYS ?? 1));
const SCHOOL_DAYS = weekdaysEndingOn(TODAY, DAYS);
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PORTS = { postgres: 3411, pglite: 3412 };
const LATE_LIMIT = 20; // SAME_DAY_NOTICE_LATE_MINUTES default
const OUT = path.resolve('bench/out');
/** `web` (the default, as the first figures) or `web,worker` (PGlite's usual single process, message worker included). */
const SERVICES = process.env.SOAK_SERVICES ?? 'web';
/** WEB_PROCESSES of the PostgreSQL server (1 by default; `auto` = one per CPU). PGlite always has one. */
const WEB_PROCESSES = process.env.SOAK_WEB_PROCESSES ?? '1';

interface Target {
  cookie: string;
  csrf: string;
  lessonId: string;
  pupils: string[];
}
interface LevelResult {
  concurrency: number;
  seconds: number;
  requests: number;
  ok: number;
  errors: Record<string, number>;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** The server's longest event-loop delay during the level (perf_hooks.monitorEventLoopDelay, event-loop-watch.ts). */
  eventLoopMaxMs: number;
  /** CPU per acknowledged registration: the server's processes, and the PostgreSQL backends of its database (same host only). */
  cpuMsPerRegistration: { node: number | null; postgres: number | null };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (n: number) => Math.round(n * 10) / 10;

/** Clock ticks per second of /proc's CPU times (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;
/** Fields after the command name in /proc/<pid>/stat (field 3 onwards), or null when the process is gone. */
function procStat(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}
/** CPU milliseconds (user + system) the processes have used so far. */
const cpuMsOf = (pids: number[]) =>
  pids.reduce((sum, pid) => {
    const fields = procStat(pid);
    return sum + (fields ? ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND : 0);
  }, 0);
/** The processes of a process group (the server with its web processes). */
const groupPids = (pgid: number) =>
  fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => procStat(pid)?.[2] === String(pgid));

class Server {
  child: ChildProcess | null = null;
  constructor(
    readonly name: string,
    readonly port: number,
    readonly env: Record<string, string>,
  ) {}
  get eventLoopFile() {
    return path.join(OUT, `soak-eventloop-${this.name}.jsonl`);
  }
  /** The longest event-loop delay the server reported for a second within [from, to] (epoch ms). */
  eventLoopMaxMs(from: number, to: number): number {
    if (!fs.existsSync(this.eventLoopFile)) return 0;
    return fs
      .readFileSync(this.eventLoopFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { t: number; maxMs: number })
      .filter((r) => r.t >= from && r.t <= to + 1000)
      .reduce((max, r) => Math.max(max, r.maxMs), 0);
  }
  get base() {
    return `http://127.0.0.1:${this.port}`;
  }
  /** CPU ms used so far by the server's processes and by the PostgreSQL backends of its database (null: not on this host). */
  async cpuMs(): Promise<{ node: number; postgres: number | null }> {
    const node = this.child?.pid ? cpuMsOf(groupPids(this.child.pid)) : 0;
    if (!this.env.DATABASE_URL) return { node, postgres: null };
    const client = new pg.Client({ connectionString: this.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>(
        'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      );
      const pids = rows.map((r) => r.pid).filter((pid) => procStat(pid) !== null);
      return { node, postgres: pids.length > 0 ? cpuMsOf(pids) : null };
    } finally {
      await client.end();
    }
  }
  async start(): Promise<number> {
    const started = Date.now();
    const log = fs.openSync(path.join(OUT, `soak-server-${this.name}.log`), 'a');
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', `--services=${SERVICES}`], {
      // Its own process group: kill -9 takes the primary and its web processes at once, as a crash of the machine would.
      detached: true,
      env: {
        ...process.env,
        ...this.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        NARVARO_DEMO: '0',
        NARVARO_TODAY: TODAY,
        LOG_LEVEL: 'warn',
        WEB_DIST_DIR: '/nonexistent',
        NARVARO_EVENT_LOOP_REPORT: this.eventLoopFile,
      },
      stdio: ['ignore', log, log],
    });
    for (let i = 0; i < 600; i++) {
      if (this.child.exitCode !== null)
        throw new Error(`${this.name} server exited ${this.child.exitCode}; see ${OUT}/soak-server-${this.name}.log`);
      try {
        if ((await fetch(`${this.base}/healthz`)).ok) return Date.now() - started;
      } catch {
        /* not up yet */
      }
      await sleep(100);
    }
    throw new Error(`${this.name} server did not start`);
  }
  kill9() {
    if (!this.child?.pid) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch (error) {
      // ESRCH: the whole group is gone already.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
    if (child.exitCode === null && child.signalCode === null) this.kill9();
  }
}

async function login(base: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'secret' }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
  const cookie = (response.headers.getSetCookie().find((c) => c.startsWith('narvaro_session=')) ?? '').split(';')[0];
  return { cookie, csrf: ((await response.json()) as { csrfToken: string }).csrfToken };
}

async function targetsOf(base: string, worlds: World[]): Promise<Target[]> {
  const targets: Target[] = [];
  for (const world of worlds) {
    for (const [username, lessons, pupils] of [
      [world.usernames.teacher, world.lessonsA, world.pupilsA],
      [world.usernames.otherTeacher, world.lessonsB, world.pupilsB],
    ] as const) {
      const session = await login(base, username);
      for (const [, lessonId] of lessons) targets.push({ ...session, lessonId, pupils });
    }
  }
  return targets;
}

/** Every request's id (its unique comment) by outcome. */
interface Ledger {
  acknowledged: string[];
  unknown: string[];
}

/** Runs `concurrency` loops for `seconds`; `duringRun` may kill and restart the server meanwhile. */
async function runLevel(
  name: string,
  server: Server,
  targets: Target[],
  concurrency: number,
  seconds: number,
  ledger: Ledger,
  duringRun?: () => Promise<void>,
): Promise<LevelResult> {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let seq = 0;
  // The kill run goes on for `seconds` after the restart, so it measures writes on both sides of it.
  const deadline = { at: Date.now() + seconds * 1000 };
  const loop = async () => {
    while (Date.now() < deadline.at) {
      const target = targets[Math.floor(Math.random() * targets.length)];
      const id = `soak-${name}-c${concurrency}-${seq++}`;
      // One pupil gets a mark with this request's comment (a change every time: one history row), a few others random marks.
      const [tagged, ...others] = [...target.pupils].sort(() => Math.random() - 0.5);
      const marks = [
        { personId: tagged, kind: 'absent', comment: id },
        ...others
          .slice(0, 3)
          .map((personId) =>
            Math.random() < 0.5
              ? { personId, kind: 'late', minutes: 1 + Math.floor(Math.random() * 30) }
              : { personId, kind: 'absent' },
          ),
      ];
      const started = performance.now();
      try {
        const response = await fetch(`${server.base}/api/lessons/${target.lessonId}/registration`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', cookie: target.cookie, 'x-csrf-token': target.csrf },
          body: JSON.stringify({ marks }),
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
        if (response.status === 200) ledger.acknowledged.push(id);
        else {
          errors[String(response.status)] = (errors[String(response.status)] ?? 0) + 1;
          ledger.unknown.push(id);
        }
      } catch {
        // The connection died with the server: the write may or may not have committed.
        errors.connection = (errors.connection ?? 0) + 1;
        ledger.unknown.push(id);
        await sleep(50);
      }
    }
  };
  const started = Date.now();
  const cpuBefore = await server.cpuMs();
  await Promise.all([
    ...Array.from({ length: concurrency }, loop),
    duringRun?.().then(() => {
      deadline.at = Date.now() + seconds * 1000;
    }),
  ]);
  const elapsed = (Date.now() - started) / 1000;
  // Across a kill -9 the dead processes' time is lost with them: no figure for that level.
  const cpuAfter = duringRun ? null : await server.cpuMs();
  const sorted = latencies.sort((a, b) => a - b);
  const ok =
    sorted.length -
    Object.entries(errors)
      .filter(([k]) => k !== 'connection')
      .reduce((n, [, v]) => n + v, 0);
  return {
    concurrency,
    seconds: round(elapsed),
    requests: seq,
    ok,
    errors,
    perSecond: round(ok / elapsed),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? 0),
    eventLoopMaxMs: server.eventLoopMaxMs(started, Date.now()),
    cpuMsPerRegistration: {
      node: cpuAfter ? round((cpuAfter.node - cpuBefore.node) / Math.max(1, ok)) : null,
      postgres:
        cpuAfter?.postgres == null || cpuBefore.postgres === null
          ? null
          : round((cpuAfter.postgres - cpuBefore.postgres) / Math.max(1, ok)),
    },
  };
}

/** Every acknowledged request exactly once, the others at most once; derived rows equal a recomputation. */
async function verify(database: Database, worlds: World[], ledger: Ledger) {
  const rows = await queryRows<{ comment: string; n: number }>(
    database.db,
    sql`select next->>'comment' as comment, count(*)::int as n
    from attendance_mark_history where next->>'comment' like 'soak-%' group by 1`,
  );
  const counts = new Map(rows.map((r) => [r.comment, r.n]));
  const missing = ledger.acknowledged.filter((id) => !counts.has(id));
  const duplicated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  const unknownCommitted = ledger.unknown.filter((id) => counts.has(id)).length;
  const differences: Record<string, number> = { pupilDays: 0, pupilPeriods: 0, unitMonths: 0, pendingNotices: 0 };
  for (const world of worlds) {
    const stored = await readDerivedRows(database.db, world.organiserId, TODAY);
    const fresh = await recomputedDerivedRows(database, world.organiserId, TODAY, LATE_LIMIT);
    for (const key of Object.keys(differences) as (keyof typeof stored)[]) {
      const a = new Set(stored[key]);
      const b = new Set(fresh[key]);
      differences[key] += [...a].filter((x) => !b.has(x)).length + [...b].filter((x) => !a.has(x)).length;
    }
  }
  return {
    acknowledged: ledger.acknowledged.length,
    missingAcknowledged: missing.length,
    duplicated: duplicated.length,
    unacknowledged: ledger.unknown.length,
    unacknowledgedButCommitted: unknownCommitted,
    derivedRowDifferences: differences,
  };
}

async function soak(name: 'postgres' | 'pglite') {
  let env: Record<string, string>;
  let open: () => Promise<Database>;
  let cleanup = async () => {};
  if (name === 'postgres') {
    const dbName = `narvaro_soak_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${dbName}`;
    env = { DATABASE_URL: url.toString(), DATA_DIR: '', WEB_PROCESSES };
    open = () => openDatabase({ databaseUrl: url.toString() });
    cleanup = async () => {
      const dropper = new pg.Client({ connectionString: POSTGRES_URL });
      await dropper.connect();
      await dropper.query(`drop database if exists ${dbName} with (force)`);
      await dropper.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'narvaro-soak-'));
    env = { DATABASE_URL: '', DATA_DIR: dir, WEB_PROCESSES: '1' };
    open = () => openDatabase({ dataDir: `${dir}/pglite` });
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const loadAtStart = os.loadavg().map(round);
  try {
    let database = await open();
    await migrateDatabase(database);
    const worlds: World[] = [];
    for (let i = 0; i < SCHOOLS; i++)
      worlds.push(await createWorld(database, SCHOOL_DAYS, { pupilsPerClass: PUPILS_PER_CLASS }));
    // Statistics as a running PostgreSQL has them (autovacuum's analyze): plans chosen on a table
    // the planner thinks empty are not the ones production runs. PGlite runs no autovacuum.
    if (database.kind === 'postgres') await database.db.execute(sql`analyze`);
    await database.close();
    const server = new Server(name, PORTS[name], env);
    // The server runs in a process group of its own (kill9): it must not outlive this run.
    const killOnExit = () => server.kill9();
    process.once('exit', killOnExit);
    fs.rmSync(server.eventLoopFile, { force: true });
    const startMs = await server.start();
    const targets = await targetsOf(server.base, worlds);
    const ledger: Ledger = { acknowledged: [], unknown: [] };
    const levels: LevelResult[] = [];
    const levelLoad: number[] = [];
    let kill: Record<string, number> = {};
    for (const concurrency of LEVELS) {
      const duringRun =
        concurrency === KILL_LEVEL
          ? async () => {
              const at = 1000 + Math.random() * (SECONDS - 2) * 1000;
              await sleep(at);
              server.kill9();
              const restartMs = await server.start();
              kill = { killedAfterMs: Math.round(at), restartMs };
            }
          : undefined;
      const result = await runLevel(name, server, targets, concurrency, SECONDS, ledger, duringRun);
      levels.push(result);
      console.log(
        `${name.padEnd(8)} ${env.WEB_PROCESSES} web, ${String(concurrency).padStart(2)} in flight: ${result.perSecond}/s, p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms, max ${result.max} ms, errors ${JSON.stringify(result.errors)}, event loop max ${result.eventLoopMaxMs} ms, CPU ms/registration ${JSON.stringify(result.cpuMsPerRegistration)}, load ${os.loadavg()[0].toFixed(1)}`,
      );
      levelLoad.push(round(os.loadavg()[0]));
    }
    await server.stop();
    process.off('exit', killOnExit);
    database = await open();
    const verification = await verify(database, worlds, ledger);
    await database.close();
    console.log(`${name.padEnd(8)} kill -9 ${JSON.stringify(kill)}; verify ${JSON.stringify(verification)}`);
    return {
      services: SERVICES,
      webProcesses: env.WEB_PROCESSES,
      loadAverageAtStart: loadAtStart,
      serverStartMs: startMs,
      levels: levels.map((l, i) => ({ ...l, loadAverage1mAfter: levelLoad[i] })),
      kill,
      verification,
    };
  } finally {
    await cleanup();
  }
}

fs.mkdirSync(OUT, { recursive: true });
const results: Record<string, unknown> = {
  generatedAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, node: process.version, loadAverageAtStart: os.loadavg().map(round) },
  setup: {
    schools: SCHOOLS,
    teachers: SCHOOLS * 2,
    lessons: SCHOOLS * 6,
    pupilsPerClass: PUPILS_PER_CLASS,
    secondsPerLevel: SECONDS,
    killDuring: KILL_LEVEL,
  },
  goal: 'PostgreSQL >= 1000 registrations/s at 32 in flight with p99 <= 50 ms; PGlite no request > 1 s at 32 in flight',
};
const only = process.env.SOAK_BACKENDS?.split(',') ?? ['postgres', 'pglite'];
// A run of one backend keeps the other's last figures.
const previous =
  process.env.SOAK_BACKENDS && fs.existsSync('bench/results.json')
    ? (JSON.parse(fs.readFileSync('bench/results.json', 'utf8')) as Record<string, unknown>)
    : {};
for (const backend of ['postgres', 'pglite'])
  if (!only.includes(backend) && previous[backend]) results[backend] = previous[backend];
for (const backend of ['postgres', 'pglite'] as const)
  if (only.includes(backend)) results[backend] = await soak(backend);
fs.writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
console.log('bench/results.json written');
