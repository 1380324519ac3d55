/** A wrong DATABASE_URL is one clear line, after a bounded wait when the server may just be starting. */
import { describe, expect, it } from 'vitest';
import { checkDatabaseReachable, DatabaseUnavailableError } from './connect-check.js';
import { runCliWithEnv } from '../test/cli.js';

const base = process.env.TEST_DATABASE_URL;
const withPath = (url: string, change: (u: URL) => void) => {
  const u = new URL(url);
  change(u);
  return u.toString();
};

describe('DATABASE_URL check', () => {
  it('waits with backoff for an unreachable server, then says so in one line', async () => {
    const retries: string[] = [];
    const error = await checkDatabaseReachable('postgres://narvaro@127.0.0.1:1/narvaro', {
      waitMs: 1_200,
      log: (l) => retries.push(l),
    }).catch((e) => e);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect(error.message).toBe('PostgreSQL svarar inte på narvaro@127.0.0.1:1/narvaro. (Server unreachable.)');
    expect(retries.length).toBeGreaterThan(0);
  });

  it.skipIf(!base)('names a missing database and an unknown role at once, without retrying', async () => {
    const missing = withPath(base!, (u) => {
      u.pathname = '/narvaro_no_such_db';
    });
    const retries: string[] = [];
    await expect(checkDatabaseReachable(missing, { log: (l) => retries.push(l) })).rejects.toThrow(
      /^Databasen finns inte .*narvaro_no_such_db/,
    );
    const role = withPath(base!, (u) => {
      u.username = 'narvaro_no_such_role';
    });
    await expect(checkDatabaseReachable(role, { log: (l) => retries.push(l) })).rejects.toThrow(
      /Rollen finns inte|Fel lösenord|Kan inte ansluta/,
    );
    expect(retries).toEqual([]);
  });

  it.skipIf(!base)('the command line prints the line, not a stack trace', () => {
    const result = runCliWithEnv(['measures', '--from', '2026-01-01', '--to', '2026-01-31'], '/tmp', {
      DATABASE_URL: withPath(base!, (u) => {
        u.pathname = '/narvaro_no_such_db';
      }),
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Databasen finns inte/)]);
  });
});
