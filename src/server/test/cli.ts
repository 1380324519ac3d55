/** Runs the real command line in its own process against a PGlite data folder (as users do). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';

export function runCli(args: string[], dataDir: string): { status: number | null; stdout: string; stderr: string } {
  return runCliWithEnv(args, dataDir, {});
}

export function runCliWithEnv(
  args: string[],
  dataDir: string,
  env: Record<string, string>,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Writes SS12000 files (name → content) into a fresh folder; returns it and a data folder beside it. */
export function writeImportFolder(
  files: Record<string, unknown>,
  prefix: string,
): { filesDir: string; dataDir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const filesDir = path.join(dir, 'ss12000');
  fs.mkdirSync(filesDir);
  for (const [name, content] of Object.entries(files))
    fs.writeFileSync(path.join(filesDir, `${name}.json`), JSON.stringify(content));
  return { filesDir, dataDir: path.join(dir, 'data') };
}

/**
 * The command line in its own process without blocking this one, so a server started by the
 * test (an SS12000 stub) can answer it.
 */
export function runCliAsync(
  args: string[],
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
