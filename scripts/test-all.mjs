// The whole suite: typecheck, module boundaries, unit + integration on PGlite, the same on PostgreSQL, browser e2e.
// Ends with the plain line "N passed, N failed" and a non-zero exit on any failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

const isCi = process.env.CI === 'true' || process.env.CI === '1';
const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const tally = { passed: 0, failed: 0, skipped: 0 };
fs.mkdirSync('test-results', { recursive: true });

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function countVitest(file, label, ok) {
  if (!fs.existsSync(file)) {
    tally.failed += 1;
    console.log(`${label}: no report (runner crashed)`);
    return;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  tally.passed += report.numPassedTests;
  tally.failed += report.numFailedTests + (ok || report.numFailedTests > 0 ? 0 : 1);
  tally.skipped += report.numPendingTests + report.numTodoTests;
  console.log(`${label}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}

function countPlaywright(file, ok) {
  if (!fs.existsSync(file)) {
    tally.failed += 1;
    console.log('e2e: no report (runner crashed)');
    return;
  }
  const { stats } = JSON.parse(fs.readFileSync(file, 'utf8'));
  const failed = stats.unexpected + (stats.flaky ?? 0);
  tally.passed += stats.expected;
  tally.failed += failed + (ok || failed > 0 ? 0 : 1);
  tally.skipped += stats.skipped;
  console.log(`e2e: ${stats.expected} passed, ${failed} failed`);
}

function isReachable(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 5432) });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function skipOrFail(what) {
  if (isCi) {
    tally.failed += 1;
    console.log(`${what}: required in CI but not available`);
  } else console.log(`${what}: not available here, skipped (CI runs it)`);
}

// 1. Types.
if (run('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'])) tally.passed += 1;
else tally.failed += 1;

// 1b. One style: Biome's formatter and linter (errors fail; warnings are listed).
if (run('format + lint (Biome)', 'npx', ['biome', 'ci', '--reporter=summary', '.'])) tally.passed += 1;
else tally.failed += 1;

// 1c. Module boundaries (.dependency-cruiser.cjs): one counted step, like the typecheck.
if (run('module boundaries (dependency-cruiser)', 'npm', ['run', '--silent', 'lint:deps'])) tally.passed += 1;
else tally.failed += 1;

// 2. Unit + integration on PGlite.
for (const f of ['test-results/vitest-pglite.json', 'test-results/vitest-postgres.json', 'test-results/e2e.json'])
  fs.rmSync(f, { force: true });
let ok = run(
  'unit + integration (PGlite)',
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest-pglite.json'],
  { TEST_DATABASE_URL: '' },
);
countVitest('test-results/vitest-pglite.json', 'PGlite', ok);

// 3. The database-backed tests again on PostgreSQL.
if (await isReachable(postgresUrl)) {
  ok = run(
    'integration (PostgreSQL)',
    'npx',
    [
      'vitest',
      'run',
      'src/server',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/vitest-postgres.json',
    ],
    { TEST_DATABASE_URL: postgresUrl },
  );
  countVitest('test-results/vitest-postgres.json', 'PostgreSQL', ok);
} else skipOrFail(`PostgreSQL at ${postgresUrl}`);

// 4. Browser end-to-end in Debian's chromium.
if (fs.existsSync('/usr/bin/chromium')) {
  if (run('build web', 'npm', ['run', 'build:web'])) {
    // Own port, so a developer's server on the default e2e port does not collide.
    ok = run('e2e (Playwright, chromium)', 'npx', ['playwright', 'test'], { E2E_PORT: process.env.E2E_PORT ?? '3321' });
    countPlaywright('test-results/e2e.json', ok);
  } else tally.failed += 1;
} else skipOrFail('chromium (/usr/bin/chromium)');

console.log(`\n${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ''}`);
process.exit(tally.failed > 0 ? 1 : 0);
