// Starts Närvaro for the browser tests: a fresh data folder, demo data, a fixed "today".
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'narvaro-e2e-'));
const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
  stdio: 'inherit',
  env: { ...process.env, PORT: process.env.E2E_PORT ?? '3311', DATA_DIR: dataDir, NARVARO_TODAY: '2026-11-23', NARVARO_DEMO: '1', LOG_LEVEL: 'warn' },
});
const stop = () => {
  child.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', (code) => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
