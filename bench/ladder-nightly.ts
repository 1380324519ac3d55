/**
 * Nightly ladder evaluation at municipal scale: N pupils (default 100 000 on PostgreSQL, 20 000 on
 * PGlite) with a school year of pupil-day rows made directly in SQL (no import), the Stockholm
 * preset published, yesterday's state stored for every pupil; then one `evaluateLadders` for today.
 * Part of `npm run bench`; alone: `tsx bench/ladder-nightly.ts`. `BENCH_LADDER_DB=<name>` keeps the
 * seeded PostgreSQL database between runs (the evaluation is then rolled back, so every run measures
 * the same night); `BENCH_ONLY=postgres|pglite` runs one side.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, queryRows, type Database } from '../src/server/db/client.js';
import { saveLadderVersion } from '../src/server/modules/ladders/commands/save-ladder-version.js';
import { evaluateLadders, type EvaluationSummary } from '../src/server/modules/ladders/commands/evaluate-ladders.js';
import { LADDER_PRESETS } from '../src/shared/ladders/presets/index.js';
import { seedMunicipality } from './seed-municipality.js';

const TODAY = '2026-05-20';
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function seed(database: Database, pupils: number): Promise<string> {
  const organiserId = await seedMunicipality(database, pupils, { from: '2025-08-18', to: TODAY });
  const db = database.db;
  await db.execute(sql`analyze`);
  const ctx = { organiserId, actorUserId: randomUUID() };
  await saveLadderVersion(db, ctx, {
    schoolUnitId: null,
    definition: LADDER_PRESETS.stockholm,
    presetId: 'stockholm',
    effectiveFrom: '2025-08-18',
    isPublished: true,
  });
  // Yesterday's state for everyone, as after a nightly run.
  await db.execute(sql`insert into pupil_ladder_states (organiser_id, person_id, ladder_version_id, school_unit_id, evaluation_date, step_index, step_key, since, explanation, result)
    select ${organiserId}::uuid, gm.person_id, v.id, g.school_unit_id, (${TODAY}::date - 1), 0, null, null, '',
      jsonb_build_object('stepIndex', 0, 'stepKey', null, 'since', null, 'evaluationDate', (${TODAY}::date - 1)::text, 'fired', '[]'::jsonb, 'entry', null, 'lastFiredOn', null, 'movedDownOn', null)
    from group_memberships gm join groups g on g.organiser_id = gm.organiser_id and g.id = gm.group_id
    cross join (select id from ladder_versions where organiser_id = ${organiserId}::uuid) v
    where gm.organiser_id = ${organiserId}::uuid`);
  return organiserId;
}

/** Rolls the measured evaluation back so a kept database measures the same night again. */
class RolledBack extends Error {
  constructor(readonly summary: EvaluationSummary) {
    super('rolled back');
  }
}

async function run(label: string, database: Database, pupils: number, keep = false) {
  await migrateDatabase(database);
  let started = performance.now();
  const existing = keep
    ? (
        await queryRows<{ organiser_id: string }>(
          database.db,
          sql`select organiser_id from organisations where display_name = 'Benchkommun' limit 1`,
        )
      )[0]
    : undefined;
  const organiserId = existing?.organiser_id ?? (await seed(database, pupils));
  const seedMs = performance.now() - started;
  started = performance.now();
  let summary: EvaluationSummary;
  try {
    summary = await database.db.transaction(async (tx) => {
      const result = await evaluateLadders(tx, { organiserId, actorUserId: null }, { date: TODAY });
      if (keep) throw new RolledBack(result);
      return result;
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
    summary = error.summary;
  }
  const ms = performance.now() - started;
  return {
    database: label,
    pupils,
    'seed (s)': (seedMs / 1000).toFixed(1),
    'nightly evaluation (s)': (ms / 1000).toFixed(1),
    'pupils/s': Math.round(pupils / (ms / 1000)),
    'on a step': summary.onStep,
    'states written': summary.written,
  };
}

async function main() {
  const results = [];
  const only = process.env.BENCH_ONLY;
  if (only !== 'pglite') {
    const pgPupils = Number(process.env.BENCH_LADDER_PUPILS ?? 100_000);
    const kept = process.env.BENCH_LADDER_DB;
    const name = kept ?? `narvaro_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount! > 0;
    if (!exists) await admin.query(`create database ${name}`);
    try {
      const url = new URL(POSTGRES_URL);
      url.pathname = `/${name}`;
      const postgres = await openDatabase({ databaseUrl: url.toString() });
      try {
        results.push(await run('PostgreSQL', postgres, pgPupils, kept !== undefined));
      } finally {
        await postgres.close();
      }
    } finally {
      if (!kept) await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
  if (only !== 'postgres') {
    const pglite = await openDatabase({ dataDir: 'memory://' });
    try {
      results.push(await run('PGlite', pglite, Number(process.env.BENCH_LADDER_PUPILS_PGLITE ?? 20_000)));
    } finally {
      await pglite.close();
    }
  }
  console.log(`\nNightly ladder evaluation (Stockholm preset, a school year of day rows, ${TODAY}):`);
  console.table(results);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
