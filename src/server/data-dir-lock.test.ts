import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.js';

describe('data folder lock', () => {
  it('keeps a second holder out until released', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'narvaro-lock-'));
    const release = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirInUseError);
    await release();
    const again = await lockDataDir(dir);
    await again();
  });

  it('makes a second process exit with a clear message', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'narvaro-lock-'));
    const release = await lockDataDir(dir);
    try {
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'measures', '--from', '2026-01-01', '--to', '2026-01-31'], {
        env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' }, encoding: 'utf8',
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('används redan av en annan Närvaro-process');
    } finally {
      await release();
    }
  });
});
