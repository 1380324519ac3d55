import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/server/db/client.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { clockFor } from '../src/server/clock.js';
const database = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/narvaro_bench_f3dcb21c' });
const config = loadConfig({ LOG_LEVEL: 'silent', NARVARO_TODAY: '2026-05-20', WEB_DIST_DIR: '/nonexistent', PORT: '0' });
const app = await buildApp({ database, config, clock: clockFor(config) });
const cookie = String((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bench-huvudman', password: 'bench' } })).headers['set-cookie']).split(';')[0];
for (let i = 0; i < 8; i++) {
  const t0 = performance.now();
  const res = await app.inject({ method: 'GET', url: '/api/statistics/school?from=2025-08-18&to=2025-12-19', headers: { cookie } });
  console.log(res.statusCode, (performance.now() - t0).toFixed(0), res.body.length);
}
await app.close(); await database.close();
