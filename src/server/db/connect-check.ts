/**
 * Before anything else runs on PostgreSQL: one connection attempt that says, in one line, what is
 * wrong with DATABASE_URL (host unreachable, database missing, role unknown, wrong password)
 * instead of a driver stack trace, and waits with backoff while the server is just not up yet
 * (starting in the same compose file, restarting).
 */
import pg from 'pg';
import { sqlStateOf } from './retry.js';

export class DatabaseUnavailableError extends Error {}

/** Where the URL points, without the password. */
function target(url: string): string {
  try {
    const u = new URL(url);
    return `${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(ogiltig DATABASE_URL / invalid DATABASE_URL)';
  }
}

/** A one-line explanation, and whether waiting may help. */
export function explainConnectError(error: unknown, url: string): { line: string; transient: boolean } {
  const where = target(url);
  const state = sqlStateOf(error);
  const code = (error as { code?: string }).code;
  if (state === '3D000')
    return {
      line: `Databasen finns inte (${where}); skapa den först. (The database does not exist.)`,
      transient: false,
    };
  if (state === '28000')
    return {
      line: `Rollen finns inte eller får inte logga in (${where}). (The role is unknown or may not log in.)`,
      transient: false,
    };
  if (state === '28P01')
    return { line: `Fel lösenord för rollen (${where}). (Password authentication failed.)`, transient: false };
  if (state === '57P03')
    return { line: `PostgreSQL startar fortfarande (${where}). (The server is starting up.)`, transient: true };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { line: `Värden i DATABASE_URL hittas inte (${where}). (Host not found.)`, transient: true };
  if (
    code === 'ECONNREFUSED' ||
    code === 'ETIMEDOUT' ||
    code === 'EHOSTUNREACH' ||
    code === 'ECONNRESET' ||
    /timeout/i.test(String((error as Error).message))
  ) {
    return { line: `PostgreSQL svarar inte på ${where}. (Server unreachable.)`, transient: true };
  }
  if (error instanceof TypeError || /Invalid URL/i.test(String((error as Error).message)))
    return { line: `DATABASE_URL är ogiltig. (Invalid DATABASE_URL.)`, transient: false };
  return { line: `Kan inte ansluta till PostgreSQL (${where}): ${(error as Error).message}`, transient: false };
}

/**
 * Connects once and disconnects; retries transient failures with backoff for up to `waitMs`.
 * @throws DatabaseUnavailableError with the one-line explanation.
 */
export async function checkDatabaseReachable(
  url: string,
  options: { waitMs?: number; log?: (line: string) => void } = {},
): Promise<void> {
  const waitMs = options.waitMs ?? 30_000;
  const log = options.log ?? ((line: string) => console.error(line));
  const deadline = Date.now() + waitMs;
  for (let delay = 500; ; delay = Math.min(delay * 2, 5_000)) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      const { line, transient } = explainConnectError(error, url);
      if (!transient || Date.now() + delay > deadline) throw new DatabaseUnavailableError(line);
      log(`${line} Försöker igen om ${(delay / 1000).toFixed(1)} s … (retrying)`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
