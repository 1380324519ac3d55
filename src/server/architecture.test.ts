// Route files read as schema → actor → transaction → scoped load → policy → command or repo → presenter
// (issue 18 item 2, docs/architecture.md): no SQL, no drizzle and no audit writes in a route file.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SERVER = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(SERVER, '../..');

const routeFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return e.name.endsWith('.routes.ts') ? [path.relative(ROOT, full)] : [];
  });

const SQL_OR_DRIZZLE: [string, RegExp][] = [
  ['imports drizzle-orm', /from ['"]drizzle-orm/],
  ['imports the drizzle schema', /import\s*\{[^}]*\bschema\b[^}]*\}\s*from\s*['"][./]*\/db\/client/],
  ['calls queryRows', /\bqueryRows\b/],
  ['calls execute', /\b(tx|db)\.execute\(/],
  ['writes SQL', /\bsql`/],
];
const AUDIT_WRITES: [string, RegExp][] = [['writes audit events', /\b(writeAuditEvent|auditPupilListRead)\b/]];

/**
 * Route files not yet moved to repos and commands (issue 18 item 2, the routes-b half).
 * TODO(issue 18): empty these lists as each module lands; a listed file that passes fails the test.
 */
const PENDING_SQL = new Set<string>([]);
const PENDING_AUDIT = new Set<string>([]);

const offences = (file: string, rules: [string, RegExp][]) => {
  const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return rules.filter(([, re]) => re.test(source)).map(([what]) => `${file} ${what}`);
};

describe('route files', () => {
  const files = routeFiles(SERVER);

  it('are found', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each([
    ['hold no SQL or drizzle', SQL_OR_DRIZZLE, PENDING_SQL],
    ['write no audit events (commands do)', AUDIT_WRITES, PENDING_AUDIT],
  ] as const)('%s', (_name, rules, pending) => {
    expect(files.flatMap((f) => (pending.has(f) ? [] : offences(f, rules)))).toEqual([]);
    // A pending file that has been cleaned must leave the list, so the list only shrinks.
    expect([...pending].filter((f) => !files.includes(f) || offences(f, rules).length === 0)).toEqual([]);
  });
});
