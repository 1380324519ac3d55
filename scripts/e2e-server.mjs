// Starts Närvaro for the browser tests: a fresh data folder, demo data, a fixed "today", and a test
// OpenID provider (scripts/e2e-oidc-provider.ts) configured as both the staff and guardian provider.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const port = process.env.E2E_PORT ?? '3311';
const today = '2026-11-23';
const baseUrl = `http://127.0.0.1:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'narvaro-e2e-'));
const children = [];
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

// The provider listens on a free loopback port (no clash with other test runs) and prints its issuer.
const idp = spawn(process.execPath, ['--import', 'tsx', 'scripts/e2e-oidc-provider.ts'], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, E2E_BASE_URL: baseUrl, NARVARO_TODAY: today },
});
children.push(idp);
const { issuer, clientSecret } = await new Promise((resolve, reject) => {
  readline.createInterface({ input: idp.stdout }).on('line', (line) => {
    if (line.startsWith('{"issuer"')) resolve(JSON.parse(line));
  });
  idp.once('exit', (code) => reject(new Error(`test OpenID provider exited (${code})`)));
});

const oidcEnv = (prefix, kind) => ({
  [`${prefix}_ISSUER`]: issuer,
  [`${prefix}_CLIENT_ID`]: `narvaro-${kind}`,
  [`${prefix}_CLIENT_SECRET`]: clientSecret,
});
const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: port,
    DATA_DIR: dataDir,
    NARVARO_TODAY: today,
    NARVARO_DEMO: '1',
    LOG_LEVEL: 'warn',
    PUBLIC_BASE_URL: baseUrl,
    ...oidcEnv('OIDC_STAFF', 'staff'),
    ...oidcEnv('OIDC_GUARDIAN', 'guardian'),
  },
});
children.push(child);
child.on('exit', (code) => {
  idp.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
