/**
 * `npx tsx bench/profile-registration.ts` (PostgreSQL with TEST_DATABASE_URL, else PGlite): one
 * registration PUT of a 25-pupil lesson, statement by statement — how many round trips, and where
 * the time goes. Three cases: a first registration (confirms the lesson), a change of four marks,
 * and the same marks again (nothing changes). Statements are counted on the driver (node-postgres
 * `Client.query`, and PGlite's `query`/`exec` in and out of transactions).
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import pg from 'pg';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { buildTestApp, logInAs, settableClock } from '../src/server/test/support.js';
import { createWorld } from '../src/server/test/factories.js';
import { weekdaysEndingOn } from '../src/shared/dates/index.js';
import { queryRows, type Db } from '../src/server/db/client.js';
import { sql } from 'drizzle-orm';

const TODAY = '2026-01-14';
const ROUNDS = Number(process.env.PROFILE_ROUNDS ?? 20);
/**
 * PROFILE_FIRST=1: the rounds register lessons for the first time, each another lesson (a Monday
 * morning: a kvittens for the whole roster), instead of changing the same lesson again and again
 * (whose history grows by four rows a round; every answer carries only its newest HISTORY_PAGE_SIZE).
 */
const FIRST = process.env.PROFILE_FIRST === '1';
/**
 * PROFILE_CPU=<file>: a V8 CPU profile of the timed rounds only (`node --cpu-prof` also covers
 * start-up, migrations and seeding, which drown the requests); open it in Chrome DevTools.
 */
const CPU_PROFILE = process.env.PROFILE_CPU;
/** PUTs before anything is measured (on a lesson of their own). */
const WARMUP = Number(process.env.PROFILE_WARMUP ?? 5);

/** PROFILE_EXPLAIN=1 (PGlite): the first registration's costlier statements again under EXPLAIN ANALYZE, planning and execution apart. */
const EXPLAIN = process.env.PROFILE_EXPLAIN === '1';

interface Statement {
  text: string;
  ms: number;
  params?: unknown;
}
let pglite: PGlite | null = null;
let log: Statement[] | null = null;
const originalQuery = pg.Client.prototype.query;
// Counts and times every statement the server sends while a request is being profiled: those
// answered by promise (drizzle in a transaction) and by callback (the pool's own query, as for the
// session lookup).
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const config = args[0] as string | { text: string };
  const text = typeof config === 'string' ? config : config?.text;
  const started = performance.now();
  const sink = log;
  const record = (failed: boolean) =>
    sink?.push({ text: failed ? `FAILED ${text}` : text, ms: performance.now() - started });
  const callback = args.at(-1);
  if (sink && text && typeof callback === 'function')
    args[args.length - 1] = (error: unknown, ...rest: unknown[]) => {
      record(Boolean(error));
      return callback(error, ...rest);
    };
  const result = (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  if (sink && text && result instanceof Promise)
    result.then(
      () => record(false),
      () => record(true),
    );
  return result;
} as typeof originalQuery;

// The same on PGlite: every statement in and out of transactions (the prototype's, before any instance exists).
const timed = (run: (...args: unknown[]) => Promise<unknown>) =>
  async function (this: unknown, ...args: unknown[]) {
    const text = String(args[0]);
    if (this instanceof PGlite) pglite = this;
    const started = performance.now();
    try {
      return await run.apply(this, args);
    } finally {
      log?.push({ text, ms: performance.now() - started, params: args[1] });
    }
  };
for (const method of ['query', 'exec'] as const) {
  PGlite.prototype[method] = timed(PGlite.prototype[method] as never) as never;
}
/** Times the statements of the database, in and out of transactions (outermost, so it sees each statement as the server sends it). */
function timeTransactions(db: PGlite) {
  // The server's own wrappers of `query` (db/pglite-prepared.ts) are the instance's: time them too.
  for (const method of ['query', 'exec'] as const) db[method] = timed(db[method].bind(db) as never) as never;
  const transaction = db.transaction.bind(db);
  db.transaction = ((run: (tx: Transaction) => Promise<unknown>) =>
    transaction((tx: Transaction) => {
      for (const method of ['query', 'exec'] as const) tx[method] = timed(tx[method].bind(tx) as never) as never;
      return run(tx);
    })) as typeof db.transaction;
}

/**
 * CPU ms used so far by each PostgreSQL process, by pid (the server is on loopback here); empty
 * where /proc is absent.
 */
function postgresCpuByPid(): Map<number, number> {
  const tick = 1000 / 100; // USER_HZ
  const byPid = new Map<number, number>();
  for (const pid of fs.existsSync('/proc') ? fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)) : []) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byPid.set(Number(pid), (Number(fields[11]) + Number(fields[12])) * tick);
    } catch {
      // The process ended meanwhile.
    }
  }
  return byPid;
}

/**
 * CPU ms the PostgreSQL backends of this benchmark's database used between two snapshots (other
 * work on the same server, such as other test runs, stays out); a backend that ended in between
 * is missed.
 */
async function ownBackendsCpuMs(db: Db, before: Map<number, number>, after: Map<number, number>): Promise<number> {
  const rows = await queryRows<{ pid: number }>(
    db,
    sql`select pid from pg_stat_activity where datname = current_database()`,
  );
  return rows.reduce((ms, { pid }) => ms + (after.get(pid) ?? 0) - (before.get(pid) ?? 0), 0);
}

const summary = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(with .*?\)\s*)?/, '')
    .slice(0, 110);

const t = await buildTestApp({}, settableClock('2026-01-14T08:00:00Z'));
if (pglite) timeTransactions(pglite);
try {
  // Three lessons a day per class: enough days for a fresh lesson every round.
  const days = FIRST ? weekdaysEndingOn(TODAY, Math.ceil((ROUNDS + 4) / 3)) : [TODAY];
  const world = await createWorld(t.database, days, { pupilsPerClass: 25 });
  // Statistics as a running PostgreSQL has them (autovacuum's analyze), not a fresh one's guesses.
  // PGlite runs no autovacuum: it plans without them, as here (ANALYZE made this world's plans dearer).
  if (t.database.kind === 'postgres') await t.database.db.execute(sql`analyze`);
  const teacher = await logInAs(t.app, world.usernames.teacher);
  const lessons = [...world.lessonsA].sort(([a], [b]) => (a < b ? 1 : -1)).map(([, id]) => id);
  const pupils = world.pupilsA;
  const marksOf = (round: number) =>
    pupils
      .slice(0, 4)
      .map((personId, i) =>
        (round + i) % 2 === 0
          ? { personId, kind: 'absent' }
          : { personId, kind: 'late', minutes: 1 + ((round + i) % 30) },
      );
  const put = async (lessonId: string, marks: unknown[]) => {
    const started = performance.now();
    const response = await teacher.request({
      method: 'PUT',
      url: `/api/lessons/${lessonId}/registration`,
      payload: { marks },
    });
    if (response.statusCode !== 200) throw new Error(`${response.statusCode} ${response.body}`);
    return performance.now() - started;
  };
  const profile = async (name: string, lessonId: string, marks: unknown[]) => {
    log = [];
    const ms = await put(lessonId, marks);
    const statements = log;
    log = null;
    const dbMs = statements.reduce((n, s) => n + s.ms, 0);
    console.log(
      `\n${name}: ${ms.toFixed(1)} ms, ${statements.length} statements, ${dbMs.toFixed(1)} ms waiting on the database`,
    );
    for (const s of statements) console.log(`  ${s.ms.toFixed(2).padStart(7)} ms  ${summary(s.text)}`);
    if (EXPLAIN && pglite) await explain(pglite, statements);
  };
  /** Each statement over 0.8 ms once more under EXPLAIN ANALYZE, in a transaction rolled back. */
  const explain = async (db: PGlite, statements: Statement[]) => {
    for (const s of statements.filter((s) => s.ms > 0.8 && !/^(begin|commit)/i.test(s.text.trim()))) {
      await db.transaction(async (tx) => {
        const plan = await tx.query<{ 'QUERY PLAN': string }>(
          `explain (analyze, summary) ${s.text}`,
          s.params as never,
        );
        const lines = plan.rows.map((r) => r['QUERY PLAN']);
        console.log(
          `\n  ${summary(s.text)}\n    ${lines.filter((l) => /Planning Time|Execution Time/.test(l)).join(', ')}`,
        );
        await tx.rollback();
      });
    }
  };
  // Warm up plans and caches on another lesson (and the JIT: its compiling, on V8's own threads,
  // takes ~2.5 ms per PUT of the first 200 after 5 warm-up PUTs; PROFILE_WARMUP=100 measures nearer a
  // long-running server).
  for (let i = 0; i < WARMUP; i++) await put(lessons[2], marksOf(i));
  await profile('first registration (confirms)', lessons[0], marksOf(0));
  await profile('four marks changed', lessons[0], marksOf(1));
  await profile('same marks again', lessons[0], marksOf(1));
  const times: number[] = [];
  const inspector = CPU_PROFILE ? new Session() : null;
  if (inspector) {
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.start');
  }
  log = [];
  const cpuBefore = process.cpuUsage();
  const postgresBefore = postgresCpuByPid();
  for (let i = 0; i < ROUNDS; i++) times.push(await put(FIRST ? lessons[3 + i] : lessons[1], marksOf(i)));
  const cpu = process.cpuUsage(cpuBefore);
  const postgresCpu =
    t.database.kind === 'postgres' ? await ownBackendsCpuMs(t.database.db, postgresBefore, postgresCpuByPid()) : 0;
  if (inspector && CPU_PROFILE) {
    const { profile } = await inspector.post('Profiler.stop');
    fs.writeFileSync(CPU_PROFILE, JSON.stringify(profile));
    inspector.disconnect();
  }
  const perStatement = new Map<string, number>();
  for (const s of log) perStatement.set(summary(s.text), (perStatement.get(summary(s.text)) ?? 0) + s.ms);
  log = null;
  console.log(`\nMean per changing PUT, by statement (${ROUNDS} rounds), costliest first:`);
  for (const [text, ms] of [...perStatement].sort((a, b) => b[1] - a[1]))
    console.log(`  ${(ms / ROUNDS).toFixed(2).padStart(7)} ms  ${text}`);
  times.sort((a, b) => a - b);
  console.log(
    `\n${ROUNDS} ${FIRST ? 'first registrations' : 'changing PUTs'} in a row (${t.database.kind}): p50 ${times[Math.floor(ROUNDS / 2)].toFixed(1)} ms, ` +
      `min ${times[0].toFixed(1)} ms, this process's CPU ${((cpu.user + cpu.system) / 1000 / ROUNDS).toFixed(1)} ms per PUT${
        t.database.kind === 'postgres'
          ? `, its PostgreSQL backends' CPU ${(postgresCpu / ROUNDS).toFixed(1)} ms per PUT`
          : ''
      }; load average ${os
        .loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')}`,
  );
} finally {
  await t.close();
}
