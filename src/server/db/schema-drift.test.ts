/**
 * The drizzle schema (src/server/db/schema) and the migrations agree: `drizzle-kit generate`, run
 * against a throw-away copy of the migrations folder, finds nothing to migrate. drizzle-kit diffs
 * the schema against the latest snapshot in meta/, so that snapshot must describe what the
 * migrations (hand-written ones included) leave in a real database.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const migrations = fileURLToPath(new URL('./migrations', import.meta.url));

// It reads files, not the database: the PostgreSQL pass of the suite need not repeat it.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('drizzle schema drift', () => {
  it('drizzle-kit generate finds no changes against the latest snapshot', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'narvaro-drift-'));
    try {
      const out = path.join(dir, 'migrations');
      fs.cpSync(migrations, out, { recursive: true });
      const config = path.join(dir, 'drizzle.config.mjs');
      // drizzle-kit reads `out` relative to the working directory.
      const settings = {
        dialect: 'postgresql',
        schema: './src/server/db/schema.ts',
        out: path.relative(root, out),
      };
      fs.writeFileSync(config, `export default ${JSON.stringify(settings)};\n`);
      const before = fs.readdirSync(out);
      const result = spawnSync(
        process.execPath,
        [path.join(root, 'node_modules/drizzle-kit/bin.cjs'), 'generate', `--config=${config}`],
        { cwd: root, encoding: 'utf8', input: '', timeout: 120_000 },
      );
      const output = `${result.stdout}${result.stderr}`;
      expect(result.status, output).toBe(0);
      const added = fs.readdirSync(out).filter((name) => name.endsWith('.sql') && !before.includes(name));
      const drift = added.map((name) => fs.readFileSync(path.join(out, name), 'utf8')).join('\n');
      expect(drift, 'schema and latest snapshot differ; drizzle-kit would generate this SQL').toBe('');
      expect(output).toContain('No schema changes');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
