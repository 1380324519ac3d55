/**
 * The first start's demo load (issue 16, item 17) on a fresh PGlite in a temporary data folder
 * (as `npm start` has it; `BENCH_DEMO_MEMORY=1` for an in-memory one), or on a new PostgreSQL
 * database with TEST_DATABASE_URL: the time per step as `npm start` prints it, then the figures
 * the load must give (docs/notes.md, "First start"), so a faster load can be checked to write the
 * same data. `tsx bench/demo-load.ts [today]` (default 2026-12-07, the notes' figures).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, queryRows, type Database } from '../src/server/db/client.js';
import { clockFor } from '../src/server/clock.js';
import { loadDemoIfEmpty } from '../src/server/demo/load-demo.js';
import { openTestDatabase } from '../src/server/test/support.js';

const TODAY = process.argv[2] ?? '2026-12-07';

async function open(): Promise<{ database: Database; close: () => Promise<void> }> {
  if (process.env.TEST_DATABASE_URL || process.env.BENCH_DEMO_MEMORY) return openTestDatabase();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'narvaro-demo-bench-'));
  const database = await openDatabase({ dataDir: dir });
  await migrateDatabase(database);
  return {
    database,
    close: async () => {
      await database.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

async function main() {
  const { database, close } = await open();
  const filesDir = await fs.mkdtemp(path.join(os.tmpdir(), 'narvaro-demo-bench-files-'));
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    await loadDemoIfEmpty(database, clockFor({ today: TODAY }), (line) => console.log(line), filesDir);
    // CPU time of this process (PGlite runs in it) tells less of other work on a shared machine than the clock.
    const { user, system } = process.cpuUsage(cpu);
    console.log(
      `Demo load on ${database.kind}: ${((performance.now() - started) / 1000).toFixed(1)} s, CPU ${((user + system) / 1e6).toFixed(1)} s`,
    );
    const [figures] = await queryRows(
      database.db,
      sql`select
      (select count(*) from pupil_days)::int as pupil_days,
      (select sum(scheduled) from pupil_days)::int as scheduled,
      (select sum(known) from pupil_days)::int as known,
      (select sum(valid) from pupil_days)::int as valid,
      (select sum(invalid) from pupil_days)::int as invalid,
      (select md5(string_agg(concat_ws(',', person_id, date, school_unit_id, scheduled, known, attended, valid, invalid,
        other, late_count, late_minutes, is_absent_day, has_absence), ';' order by person_id, date)) from pupil_days) as pupil_days_md5,
      (select string_agg(step_index || ':' || n, ' / ' order by step_index)
        from (select step_index, count(*) as n from pupil_ladder_states group by step_index) s) as ladder_states,
      (select md5(string_agg(concat_ws(',', person_id, step_index, since, evaluation_date), ';' order by person_id))
        from pupil_ladder_states) as ladder_states_md5,
      (select count(*) from ladder_step_changes)::int as step_changes,
      (select count(*) from outbox)::int as outbox,
      (select string_agg(status || ' ' || n, ' / ' order by status)
        from (select status, count(*) as n from tasks group by status) t) as tasks,
      (select string_agg(status || ' ' || n, ' / ' order by status)
        from (select status, count(*) as n from cases group by status) c) as cases,
      (select count(*) from unit_months)::int as unit_months,
      (select md5(string_agg(row(u.*)::text, ';' order by month, school_unit_id)) from unit_months u) as unit_months_md5`,
    );
    console.log(figures);
  } finally {
    await close();
    await fs.rm(filesDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
