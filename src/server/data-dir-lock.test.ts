import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.js';
import { runCli } from './test/cli.js';

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
      const result = runCli(['measures', '--from', '2026-01-01', '--to', '2026-01-31'], dir);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('används redan av en annan Närvaro-process');
    } finally {
      await release();
    }
  });
});
