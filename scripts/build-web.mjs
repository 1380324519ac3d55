/**
 * `npm start`'s web build. Skipped when dist/web is newer than every source it is built from; else
 * built into a fresh folder beside it and swapped in by rename, so a server already serving
 * dist/web (a second `npm start`) never reads a half-emptied folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const target = path.resolve('dist/web');
const stamp = path.join(target, '.built-from');
const sources = ['src/web', 'src/shared', 'vite.config.ts', 'package.json', 'package-lock.json'];

function newestMtime(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

const built = fs.statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (built > Math.max(...sources.map(newestMtime)) && process.env.NARVARO_FORCE_WEB_BUILD !== '1') {
  console.log('Webbappen är redan byggd (dist/web är aktuell).');
  process.exit(0);
}

const fresh = `${target}.building-${process.pid}`;
const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', fresh, '--emptyOutDir'], {
  stdio: 'inherit',
});
if (result.status !== 0) {
  fs.rmSync(fresh, { recursive: true, force: true });
  process.exit(result.status ?? 1);
}
fs.writeFileSync(path.join(fresh, '.built-from'), new Date().toISOString());
// Two renames: the old folder moves aside whole, the new one takes its name; the old one goes last.
const old = `${target}.old-${process.pid}`;
if (fs.existsSync(target)) fs.renameSync(target, old);
fs.renameSync(fresh, target);
fs.rmSync(old, { recursive: true, force: true });
