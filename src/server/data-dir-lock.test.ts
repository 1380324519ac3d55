import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.js';
import { runCli } from './test/cli.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Starts a process holding the lock of `dir`; resolves once it holds it. */
function holder(dir: string, blockMs?: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/server/test/hold-data-dir-lock.ts', dir, ...(blockMs ? [String(blockMs)] : [])],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`holder exited ${code}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.on('exit', resolve),
  );
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'narvaro-lock-'));

describe('data folder lock', () => {
  it('keeps a second holder out until released', async () => {
    const dir = tempDir();
    const release = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirInUseError);
    await release();
    const again = await lockDataDir(dir);
    await again();
  });

  it('makes a second process exit with a clear message', async () => {
    const dir = tempDir();
    const release = await lockDataDir(dir);
    try {
      const result = runCli(['measures', '--from', '2026-01-01', '--to', '2026-01-31'], dir);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('används redan av en annan Närvaro-process');
    } finally {
      await release();
    }
  });

  it('is taken at once after its holder was killed with kill -9', async () => {
    const dir = tempDir();
    const child = await holder(dir);
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirInUseError);
    child.kill('SIGKILL');
    await exited(child);
    const release = await lockDataDir(dir);
    await release();
  });

  it('is never taken from a live holder, however old its file or however long its event loop is blocked', async () => {
    const dir = tempDir();
    const child = await holder(dir, 3_000);
    const hourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(path.join(dir, 'narvaro.lock'), hourAgo, hourAgo);
    await expect(lockDataDir(dir)).rejects.toThrow(`pid ${child.pid}`);
    expect(child.exitCode).toBeNull();
  });

  it('counts a lock file naming a pid that now belongs to a later process as stale', async () => {
    const dir = tempDir();
    // This very pid, but "started" at another time: the recorded holder is gone, its pid reused.
    fs.writeFileSync(
      path.join(dir, 'narvaro.lock'),
      JSON.stringify({ pid: process.pid, startTime: '1', hostname: os.hostname() }),
    );
    const release = await lockDataDir(dir);
    await release();
  });

  it('stops a holder whose lock file was taken away, instead of writing on', async () => {
    const dir = tempDir();
    let lost = 0;
    const release = await lockDataDir(dir, {
      onLost: () => {
        lost++;
      },
    });
    fs.rmSync(path.join(dir, 'narvaro.lock'));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(lost).toBe(1);
    await release();
  });
});
