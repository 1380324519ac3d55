/**
 * Statistics at municipal scale: BENCH_STATS_PUPILS pupils (default 100 000) on PostgreSQL, in a
 * database of its own, with a school year of pupil-day rows and the autumn term of the year before
 * (so "previous year" has data). The roll-ups are built once from the pupil days; then each
 * statistics endpoint is called BENCH_STATS_RUNS times (default 20) through the real app
 * (`app.inject`, session and all) and p50/p95 reported. Part of `npm run bench`; alone:
 * `tsx bench/statistics.ts` (BENCH_KEEP_DB=1 keeps the database to look at query plans).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, queryRows, type Database } from '../src/server/db/client.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { clockFor } from '../src/server/clock.js';
import { createUser } from '../src/server/modules/auth/commands/create-user.js';
import { rebuildStatisticsRollups, refreshStatisticsRollups } from '../src/server/modules/statistics/rollups.js';
import { warmUnitCells } from '../src/server/modules/statistics/statistics.repo.js';
import { seedMunicipality } from './seed-municipality.js';
import { createRegion } from '../src/server/modules/statistics/commands/create-region.js';
import { keepRollupCuts } from '../src/server/modules/statistics/rollup-cuts.js';
import { halfKeyOf, shiftYears } from '../src/shared/statistics/index.js';
import { addDays } from '../src/shared/dates/index.js';

const TODAY = '2026-05-20';
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PUPILS = Number(process.env.BENCH_STATS_PUPILS ?? 100_000);
const RUNS = Number(process.env.BENCH_STATS_RUNS ?? 20);
const TERM = 'from=2025-08-18&to=2025-12-19';
const MONTH = 'from=2025-10-01&to=2025-10-31';
/**
 * "Today" for the running periods: 20 November 2025, with the rest of the year's days after it
 * (as a real timetable has) and the autumn a year earlier for the comparison.
 */
const RUNNING_TODAY = '2025-11-20';
const TERM_TO_DATE = `from=2025-08-18&to=${RUNNING_TODAY}`;
const MONTH_TO_DATE = `from=2025-11-01&to=${RUNNING_TODAY}`;
/** A custom range cut mid-month at its start: the slow path (pupil days for September's part). */
const CUT = 'from=2025-09-10&to=2025-11-20';
/** School units with a registration between two reads in the "after writes" rows. */
const WRITTEN_UNITS = 5;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function seed(
  database: Database,
): Promise<{ organiserId: string; schoolUnitId: string; seconds: Record<string, string> }> {
  let started = performance.now();
  const organiserId = await seedMunicipality(database, PUPILS, { from: '2025-08-18', to: TODAY });
  // The autumn term a year earlier, for the previous-year columns (same pupils, same placement).
  await database.db.execute(sql`insert into pupil_days select organiser_id, person_id, (date - interval '364 days')::date, school_unit_id,
      scheduled, known, attended, valid, invalid, other, late_count, late_minutes, is_absent_day, has_absence
    from pupil_days where organiser_id = ${organiserId} and date between '2025-08-18' and '2025-12-19'`);
  // Christmas and New Year off, so the autumn term ends on its last school day as in a real calendar.
  await database.db.execute(sql`delete from pupil_days where organiser_id = ${organiserId}
    and (date between '2025-12-20' and '2026-01-06' or date between '2024-12-21' and '2025-01-06')`);
  await database.db.execute(sql`update enrolments set start_date = '2024-08-01' where organiser_id = ${organiserId}`);
  await database.db.execute(
    sql`update group_memberships set start_date = '2024-08-01' where organiser_id = ${organiserId}`,
  );
  const seedSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  await database.db.transaction((tx) => rebuildStatisticsRollups(tx, organiserId));
  const rollupSeconds = (performance.now() - started) / 1000;
  await database.db.execute(sql`analyze`);
  await database.db.execute(sql`insert into organiser_sharing (organiser_id, is_shared) values (${organiserId}, true)`);
  const [unit] = await queryRows<{ id: string }>(database.db, sql`select md5(${organiserId} || 'u' || 1)::uuid as id`);
  return {
    organiserId,
    schoolUnitId: unit.id,
    seconds: { 'seed (s)': seedSeconds.toFixed(0), 'roll-up build (s)': rollupSeconds.toFixed(0) },
  };
}

async function run(database: Database, existing: boolean) {
  let organiserId: string;
  let schoolUnitId: string;
  let seconds: Record<string, string> = {};
  if (existing) {
    await migrateDatabase(database);
    [{ organiser_id: organiserId }] = await queryRows<{ organiser_id: string }>(
      database.db,
      sql`select organiser_id from pupil_days limit 1`,
    );
    [{ id: schoolUnitId }] = await queryRows<{ id: string }>(
      database.db,
      sql`select md5(${organiserId} || 'u' || 1)::uuid as id`,
    );
    // A run stopped during the roll-up build: build it and the users now.
    if ((await queryRows(database.db, sql`select 1 from pupil_periods limit 1`)).length === 0) {
      const started = performance.now();
      await database.db.transaction((tx) => rebuildStatisticsRollups(tx, organiserId));
      seconds = { 'roll-up build (s)': ((performance.now() - started) / 1000).toFixed(0) };
      await database.db.execute(sql`analyze`);
      await database.db.execute(
        sql`insert into organiser_sharing (organiser_id, is_shared) values (${organiserId}, true) on conflict do nothing`,
      );
      await createUser(database.db, {
        organiserId,
        username: 'bench-huvudman',
        password: 'bench',
        displayName: 'Bench',
        personId: null,
        roles: [{ role: 'organiserAdmin', schoolUnitId: null }],
      });
      await database.db.transaction((tx) =>
        createRegion(tx, {
          name: 'Benchregion',
          organiserIds: [organiserId],
          user: { username: 'bench-region', password: 'bench', displayName: 'Bench' },
        }),
      );
    }
  } else {
    await migrateDatabase(database);
    ({ organiserId, schoolUnitId, seconds } = await seed(database));
    await createUser(database.db, {
      organiserId,
      username: 'bench-huvudman',
      password: 'bench',
      displayName: 'Bench',
      personId: null,
      roles: [{ role: 'organiserAdmin', schoolUnitId: null }],
    });
    await database.db.transaction((tx) =>
      createRegion(tx, {
        name: 'Benchregion',
        organiserIds: [organiserId],
        user: { username: 'bench-region', password: 'bench', displayName: 'Bench' },
      }),
    );
  }
  // The nightly job's work for RUNNING_TODAY: first from pupil days (the first night), then one day's step.
  const yearAgo = (date: string) => shiftYears(date, -1);
  const dayBefore = addDays(RUNNING_TODAY, -1);
  await database.db.transaction((tx) => keepRollupCuts(tx, organiserId, []));
  let started = performance.now();
  await database.db.transaction((tx) => keepRollupCuts(tx, organiserId, [yearAgo(dayBefore), dayBefore]));
  seconds['cuts built from pupil days (s)'] = ((performance.now() - started) / 1000).toFixed(1);
  started = performance.now();
  await database.db.transaction((tx) => keepRollupCuts(tx, organiserId, [yearAgo(RUNNING_TODAY), RUNNING_TODAY]));
  seconds['cuts moved a day (s)'] = ((performance.now() - started) / 1000).toFixed(1);
  await database.db.execute(sql`analyze pupil_periods`);
  started = performance.now();
  await database.db.transaction((tx) =>
    warmUnitCells(tx, organiserId, [...new Set([RUNNING_TODAY, yearAgo(RUNNING_TODAY)].map(halfKeyOf))]),
  );
  seconds['kept cells brought up to date (s)'] = ((performance.now() - started) / 1000).toFixed(1);
  // What registrations do between two reads: rewrite the roll-up rows of a pupil in each of n school units.
  const pupilPerUnit = await queryRows<{ person_id: string }>(
    database.db,
    sql`select distinct on (school_unit_id) person_id from pupil_periods
    where organiser_id = ${organiserId} and period_key = '2025-H2' order by school_unit_id, person_id`,
  );
  const writeInUnits = async (n: number) => {
    const pupils = [...pupilPerUnit]
      .sort(() => Math.random() - 0.5)
      .slice(0, n)
      .map((p) => p.person_id);
    await database.db.transaction((tx) =>
      refreshStatisticsRollups(tx, organiserId, pupils, RUNNING_TODAY, RUNNING_TODAY),
    );
  };
  // What the generation triggers add to a registration's roll-up refresh (one pupil, a half-year's keys).
  const refreshMs = async () => {
    const ms: number[] = [];
    for (let i = 0; i < RUNS + 2; i++) {
      const started = performance.now();
      await writeInUnits(1);
      if (i >= 2) ms.push(performance.now() - started);
    }
    return ms.sort((a, b) => a - b);
  };
  const withTriggers = await refreshMs();
  await database.db.execute(sql`alter table pupil_periods disable trigger user`);
  const withoutTriggers = await refreshMs().finally(() =>
    database.db.execute(sql`alter table pupil_periods enable trigger user`),
  );
  // Those writes went unseen: every kept cell is stale now, and the nightly warm-up puts them right.
  await database.db.execute(
    sql`update stat_cell_sources set generation = nextval('stat_cell_generation') where organiser_id = ${organiserId}`,
  );
  await database.db.transaction((tx) =>
    warmUnitCells(tx, organiserId, [...new Set([RUNNING_TODAY, yearAgo(RUNNING_TODAY)].map(halfKeyOf))]),
  );
  seconds['roll-up refresh of one pupil, p50 with / without the cell triggers (ms)'] =
    `${percentile(withTriggers, 50).toFixed(1)} / ${percentile(withoutTriggers, 50).toFixed(1)}`;
  const [days] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from pupil_days`);
  const config = loadConfig({ LOG_LEVEL: 'silent', NARVARO_TODAY: TODAY, WEB_DIST_DIR: '/nonexistent', PORT: '0' });
  const app = await buildApp({ database, config, clock: clockFor(config) });
  const cookieOf = async (username: string) =>
    String(
      (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'bench' } })).headers[
        'set-cookie'
      ],
    ).split(';')[0];
  const [huvudman, region] = [await cookieOf('bench-huvudman'), await cookieOf('bench-region')];
  const endpoints: [string, string][] = [
    ['school view, all units, term (year/class/sex breakdowns, bands)', `/api/statistics/school?${TERM}`],
    [
      'school view, all units, term, without classes (as the web app asks)',
      `/api/statistics/school?${TERM}&withClasses=false`,
    ],
    ['school view, one unit, term', `/api/statistics/school?${TERM}&schoolUnitId=${schoolUnitId}`],
    ['organiser view, term', `/api/statistics/organiser?${TERM}`],
    ['organiser view, month', `/api/statistics/organiser?${MONTH}`],
    ['organiser CSV, term', `/api/statistics/organiser.csv?${TERM}`],
    ['months (trend), term', `/api/statistics/months?${TERM}`],
    ['region view, term', `/api/statistics/region?${TERM}`],
    ['completeness, term', `/api/completeness?${TERM}`],
    ['school view, all units, term to date (roll-up kept to date)', `/api/statistics/school?${TERM_TO_DATE}`],
    ['organiser view, term to date', `/api/statistics/organiser?${TERM_TO_DATE}`],
    ['organiser view, month to date', `/api/statistics/organiser?${MONTH_TO_DATE}`],
    ['months (trend), term to date', `/api/statistics/months?${TERM_TO_DATE}`],
    ['organiser view, custom range cut mid-month at its start', `/api/statistics/organiser?${CUT}`],
  ];
  /** The same reads with registrations in WRITTEN_UNITS school units just before each call (their cells recomputed). */
  const afterWrites: [string, string][] = [
    [`school view, all units, term, after writes in ${WRITTEN_UNITS} units`, `/api/statistics/school?${TERM}`],
    [
      `school view, all units, without classes, after writes in ${WRITTEN_UNITS} units`,
      `/api/statistics/school?${TERM}&withClasses=false`,
    ],
    [`organiser view, term, after writes in ${WRITTEN_UNITS} units`, `/api/statistics/organiser?${TERM}`],
    [
      `organiser view, term to date, after writes in ${WRITTEN_UNITS} units`,
      `/api/statistics/organiser?${TERM_TO_DATE}`,
    ],
    [`organiser view, term, after writes in every unit`, `/api/statistics/organiser?${TERM}`],
  ];
  const rows = [];
  for (const [name, url] of [...endpoints, ...afterWrites]) {
    const written = afterWrites.some(([n]) => n === name)
      ? name.includes('every unit')
        ? pupilPerUnit.length
        : WRITTEN_UNITS
      : 0;
    const ms: number[] = [];
    // The cut range is the slow path (seconds at 100 000 pupils): fewer calls.
    const runs = url.includes(CUT) ? Math.max(3, Math.round(RUNS / 4)) : RUNS;
    for (let i = 0; i < runs + 2; i++) {
      if (written > 0) await writeInUnits(written);
      const started = performance.now();
      const res = await app.inject({
        method: 'GET',
        url,
        headers: { cookie: url.includes('/region') ? region : huvudman },
      });
      if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      if (i >= 2) ms.push(performance.now() - started); // two warm-up calls
    }
    ms.sort((a, b) => a - b);
    rows.push({ endpoint: name, 'p50 (ms)': percentile(ms, 50).toFixed(0), 'p95 (ms)': percentile(ms, 95).toFixed(0) });
  }
  await app.close();
  return {
    rows,
    summary: {
      pupils: existing
        ? Number((await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from persons`))[0].n)
        : PUPILS,
      'pupil-day rows': days.n,
      ...seconds,
    },
  };
}

async function main() {
  // BENCH_STATS_DB=<name>: measure again on a database kept by an earlier run (BENCH_KEEP_DB=1), without seeding.
  const existing = process.env.BENCH_STATS_DB;
  const name = existing ?? `narvaro_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  if (!existing) await admin.query(`create database ${name}`);
  try {
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${name}`;
    const postgres = await openDatabase({ databaseUrl: url.toString() });
    try {
      const { rows, summary } = await run(postgres, Boolean(existing));
      console.log(
        `\nStatistics on PostgreSQL (${RUNS} calls each through app.inject after two warm-up calls, the cut range fewer; target p95 ≤ 300 ms):`,
      );
      console.table([summary]);
      console.table(rows);
    } finally {
      await postgres.close();
    }
  } finally {
    if (process.env.BENCH_KEEP_DB || existing) console.log(`kept database ${name}`);
    else await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
