/**
 * `npm run bench`: a municipality of BENCH_PUPILS pupils (default 10 000) over a term, on PGlite
 * and on PostgreSQL in one run. Reports import rows/s, lesson registration latency (p50/p99 over
 * BENCH_LESSONS lessons through the real HTTP API) and measures over all pupils. Not part of the
 * tests: speed is measured here, never asserted.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, queryRows, type Database } from '../src/server/db/client.js';
import { generateDemo, writeDemoFiles } from '../src/server/demo/generate-demo.js';
import { readSs12000Dir } from '../src/server/modules/imports/read-ss12000-dir.js';
import { importSs12000 } from '../src/server/modules/imports/commands/import-ss12000.js';
import { createUser } from '../src/server/modules/auth/commands/create-user.js';
import { unsafeMeasureAllPupils } from '../src/server/modules/measures/measure-all-pupils.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { clockFor } from '../src/server/clock.js';
import { randomUUID } from 'node:crypto';
import { saveLadderVersion } from '../src/server/modules/ladders/commands/save-ladder-version.js';
import { evaluateLadders } from '../src/server/modules/ladders/commands/evaluate-ladders.js';
import { LADDER_PRESETS } from '../src/shared/ladders/presets/index.js';
import { evaluateLadder } from '../src/shared/ladders/index.js';
import { eachDate, weekdayOf } from '../src/shared/dates/index.js';
import type { DayFigures } from '../src/shared/measures/index.js';
import { unsafeAllOrganiserIds } from '../src/server/db/tenants.js';

const PUPILS = Number(process.env.BENCH_PUPILS ?? 10_000);
const LESSONS = Number(process.env.BENCH_LESSONS ?? 1_000);
// One month of registration history (spring term 2026 up to this Monday) keeps the SS12000 files
// parseable (a JSON string is limited to ~512 MB) while the timetable covers the whole year.
const TODAY = '2026-02-02';
/** The demo generator builds a conflict-free timetable up to ~1 500 pupils; larger runs are several organisers. */
const PUPILS_PER_ORGANISER = 1_000;
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function benchDatabase(label: string, database: Database, dir: string): Promise<Record<string, string>> {
  await migrateDatabase(database);
  let rowCount = 0;
  let importMs = 0;
  let started = 0;
  for (const organiserDir of await fs.readdir(dir)) {
    if (!organiserDir.startsWith('organiser-')) continue;
    const files = await readSs12000Dir(path.join(dir, organiserDir));
    started = performance.now();
    const report = await importSs12000(database, { ...files, actorUserId: null });
    importMs += performance.now() - started;
    rowCount += Object.values(report.files ?? {}).reduce((n, f) => n + (f.records ?? 0), 0);
    if (report.status !== 'applied')
      throw new Error(`${label}: import rejected: ${JSON.stringify(report.problems.slice(0, 3))}`);
  }

  // Registration through the real HTTP API by the teachers who teach the lessons.
  const lessons = await queryRows<{ id: string; person_id: string; organiser_id: string }>(
    database.db,
    sql`
    select distinct on (l.id) l.id, d.person_id, l.organiser_id from lessons l
    join activity_teachers at on at.organiser_id = l.organiser_id and at.activity_id = l.activity_id
    join duties d on d.organiser_id = at.organiser_id and d.id = at.duty_id
    where l.local_date = ${TODAY} and not l.is_cancelled order by l.id limit ${LESSONS}`,
  );
  const organiserOfTeacher = new Map(lessons.map((l) => [l.person_id, l.organiser_id]));
  const teachers = [...organiserOfTeacher.keys()];
  for (const [i, personId] of teachers.entries()) {
    await createUser(database.db, {
      organiserId: organiserOfTeacher.get(personId)!,
      username: `bench-${label}-${i}`,
      password: 'bench',
      displayName: 'Bench',
      personId,
      roles: [{ role: 'teacher', schoolUnitId: null }],
    });
  }
  const config = {
    ...loadConfig({ LOG_LEVEL: 'silent', NARVARO_TODAY: TODAY, WEB_DIST_DIR: '/nonexistent', PORT: '0' }),
  };
  const app = await buildApp({ database, config, clock: clockFor(config) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  for (const [i, personId] of teachers.entries()) {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: `bench-${label}-${i}`, password: 'bench' }),
    });
    sessions.set(personId, {
      cookie: res.headers.get('set-cookie')!.split(';')[0],
      csrf: (await res.json()).csrfToken,
    });
  }
  const latencies: number[] = [];
  for (const lesson of lessons) {
    const session = sessions.get(lesson.person_id)!;
    const detail = await (
      await fetch(`${base}/api/lessons/${lesson.id}`, { headers: { cookie: session.cookie } })
    ).json();
    const marks = (detail.roster as { personId: string }[])
      .slice(0, 2)
      .map((p, i) =>
        i === 0 ? { personId: p.personId, kind: 'absent' } : { personId: p.personId, kind: 'late', minutes: 5 },
      );
    started = performance.now();
    const res = await fetch(`${base}/api/lessons/${lesson.id}/registration`, {
      method: 'PUT',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ marks }),
    });
    latencies.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`${label}: registration failed ${res.status} ${await res.text()}`);
  }
  await app.close();
  latencies.sort((a, b) => a - b);

  started = performance.now();
  const measured = await unsafeMeasureAllPupils(database.db, '2026-01-08', TODAY);
  const measuresMs = performance.now() - started;

  // Ladder: publish the Stockholm preset from the start of term and evaluate everyone up to today.
  let ladderMs = 0;
  let evaluated = 0;
  for (const organiserId of await unsafeAllOrganiserIds(database.db)) {
    const ctx = { organiserId, actorUserId: randomUUID() };
    await saveLadderVersion(database.db, ctx, {
      schoolUnitId: null,
      definition: LADDER_PRESETS.stockholm,
      presetId: 'stockholm',
      effectiveFrom: '2026-01-08',
      isPublished: true,
    });
    started = performance.now();
    evaluated += (await database.db.transaction((tx) => evaluateLadders(tx, ctx, { date: TODAY }))).pupils;
    ladderMs += performance.now() - started;
  }
  return {
    database: label,
    'import rows': String(rowCount),
    'import time': seconds(importMs),
    'import rows/s': String(Math.round(rowCount / (importMs / 1000))),
    registrations: String(latencies.length),
    'register p50': `${latencies.length ? percentile(latencies, 50).toFixed(1) : '-'} ms`,
    'register p99': `${latencies.length ? percentile(latencies, 99).toFixed(1) : '-'} ms`,
    'measures (pupils)': String(measured.length),
    'measures time': seconds(measuresMs),
    'ladder (pupils × days)': `${evaluated} × ${Math.round((Date.parse(TODAY) - Date.parse('2026-01-08')) / 86_400_000) + 1}`,
    'ladder time': seconds(ladderMs),
  };
}

/**
 * The pure ladder engine alone: ENGINE_PUPILS pupils (default 100 000) with a school year of day
 * rows each, one nightly evaluation per pupil. Shows what the engine costs apart from the database.
 */
function benchLadderEngine(): Record<string, string> {
  const pupils = Number(process.env.BENCH_ENGINE_PUPILS ?? 100_000);
  const schoolDays = eachDate('2025-08-18', '2026-06-12').filter((d) => weekdayOf(d) <= 5);
  const ladder = LADDER_PRESETS.stockholm;
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  let onStep = 0;
  let elapsed = 0;
  for (let p = 0; p < pupils; p++) {
    const rate = random() < 0.1 ? 0.3 : 0.04;
    const days: DayFigures[] = schoolDays.map((date) => {
      const absent = random() < rate ? 300 : 0;
      return {
        date,
        scheduled: 300,
        known: 300,
        attended: 300 - absent,
        valid: absent / 2,
        invalid: absent / 2,
        other: 0,
        lateCount: 0,
        lateMinutes: 0,
      };
    });
    const started = performance.now();
    if (evaluateLadder(ladder, { evaluationDate: '2026-06-12', days }).stepIndex > 0) onStep++;
    elapsed += performance.now() - started;
  }
  return {
    'engine pupils': String(pupils),
    'engine time': seconds(elapsed),
    'engine pupils/s': String(Math.round(pupils / (elapsed / 1000))),
    'on a step': String(onStep),
  };
}

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === 'engine') {
    console.table([benchLadderEngine()]);
    return;
  }
  console.log(`Generating ${PUPILS} pupils …`);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'narvaro-bench-'));
  for (let i = 0, left = PUPILS; left > 0; i++, left -= PUPILS_PER_ORGANISER) {
    await writeDemoFiles(
      generateDemo({ today: TODAY, seed: i + 1, pupilCount: Math.max(100, Math.min(PUPILS_PER_ORGANISER, left)) }),
      path.join(dir, `organiser-${i + 1}`),
    );
  }
  const results: Record<string, string>[] = [];

  const pglite = await openDatabase({ dataDir: path.join(dir, 'pglite') });
  results.push(await benchDatabase('PGlite', pglite, dir));
  await pglite.close();

  const dbName = `narvaro_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  try {
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${dbName}`;
    const postgres = await openDatabase({ databaseUrl: url.toString() });
    try {
      results.push(await benchDatabase('PostgreSQL', postgres, dir));
    } finally {
      await postgres.close();
      await admin.query(`drop database if exists ${dbName} with (force)`);
    }
  } catch (error) {
    console.error(`PostgreSQL skipped: ${(error as Error).message}`);
  } finally {
    await admin.end().catch(() => {});
  }
  await fs.rm(dir, { recursive: true, force: true });
  console.log(`\nNärvaro benchmark — ${PUPILS} pupils, ${os.cpus().length} cores, node ${process.version}`);
  console.table(results);
  console.log('\nLadder engine (pure, in memory, one evaluation per pupil over a school year of days):');
  console.table([benchLadderEngine()]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
