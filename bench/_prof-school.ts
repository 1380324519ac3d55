import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/server/db/client.js';
import { buildSchoolStatistics, buildOrganiserStatistics } from '../src/server/modules/statistics/statistics.service.js';
import { aggregateCells } from '../src/server/modules/statistics/statistics.repo.js';
const database = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/narvaro_bench_f3dcb21c' });
const [{ organiser_id: org }] = await queryRows<{ organiser_id: string }>(database.db, sql`select organiser_id from pupil_days limit 1`);
for (let i = 0; i < 4; i++) {
  let t0 = performance.now();
  const cells = await aggregateCells(database.db, org, '2025-08-18', '2025-12-19', 'all', { breakdowns: ['none', 'year', 'class', 'sex'], perUnit: true, listRuleShare: 0.5 });
  const tCells = performance.now() - t0;
  t0 = performance.now();
  const school = await buildSchoolStatistics(database.db, org, 'all', { from: '2025-08-18', to: '2025-12-19' });
  const tSchool = performance.now() - t0;
  t0 = performance.now();
  const json = JSON.stringify(school);
  const tJson = performance.now() - t0;
  console.log({ cells: cells.length, tCells: tCells.toFixed(0), tSchool: tSchool.toFixed(0), bytes: json.length, tJson: tJson.toFixed(0) });
}
await database.close();
