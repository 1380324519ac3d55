/**
 * The rows behind login delays and request limits (`throttle_keys`), shared by every process. A
 * key is stored as its SHA-256; rows past their horizon are swept by the next write of the same
 * scope, skipping rows another request holds (a flood of attempts never waits on the sweep).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import { hashToken } from './session-token.js';

export type ThrottleScope = 'login-pair' | 'login-ip' | 'guardian-writes';

const at = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;
const since = (now: number, ms: number) => sql`${at(now)} - ${ms} * interval '1 millisecond'`;

/** Rows of `scope` last hit before `horizonMs` ago, except `keyHash` (its own write decides). */
const sweep = (scope: ThrottleScope, keyHash: string, now: number, horizonMs: number) => sql`
  delete from throttle_keys where scope = ${scope} and key_hash in (
    select key_hash from throttle_keys
    where scope = ${scope} and last_at < ${since(now, horizonMs)} and key_hash <> ${keyHash}
    for update skip locked)`;

/** A key's failure run: its count and last time (ms), or null. */
export async function findRun(
  db: Tx,
  scope: ThrottleScope,
  key: string,
): Promise<{ hits: number; lastMs: number } | null> {
  const [row] = await queryRows<{ hits: number; last_ms: string | number }>(
    db,
    sql`select hits, (extract(epoch from last_at) * 1000)::bigint as last_ms from throttle_keys
    where scope = ${scope} and key_hash = ${hashToken(key)}`,
  );
  return row ? { hits: row.hits, lastMs: Number(row.last_ms) } : null;
}

/** One more failure in the key's run; a run whose last failure is more than `forgetMs` old starts again. */
export async function addToRun(db: Tx, scope: ThrottleScope, key: string, now: number, forgetMs: number) {
  const keyHash = hashToken(key);
  await db.execute(sql`
    with swept as (${sweep(scope, keyHash, now, forgetMs)})
    insert into throttle_keys (scope, key_hash, hits, last_at) values (${scope}, ${keyHash}, 1, ${at(now)})
    on conflict (scope, key_hash) do update set
      hits = case when throttle_keys.last_at < ${since(now, forgetMs)} then 1 else throttle_keys.hits + 1 end,
      last_at = excluded.last_at`);
}

export async function forgetKey(db: Tx, scope: ThrottleScope, key: string): Promise<void> {
  await db.execute(sql`delete from throttle_keys where scope = ${scope} and key_hash = ${hashToken(key)}`);
}

/**
 * Records a hit when fewer than `max` fell within the last `windowMs`, in one statement (so
 * concurrent requests cannot both take the last one). @returns false when the limit is reached.
 */
export async function takeHit(
  db: Tx,
  scope: ThrottleScope,
  key: string,
  now: number,
  windowMs: number,
  max: number,
): Promise<boolean> {
  const keyHash = hashToken(key);
  const recent = sql`array(select t from unnest(throttle_keys.times) t where t > ${since(now, windowMs)})`;
  const taken = await queryRows(
    db,
    sql`
    with swept as (${sweep(scope, keyHash, now, windowMs)})
    insert into throttle_keys (scope, key_hash, hits, last_at, times)
    values (${scope}, ${keyHash}, 1, ${at(now)}, array[${at(now)}])
    on conflict (scope, key_hash) do update set
      times = ${recent} || excluded.last_at,
      hits = cardinality(${recent}) + 1,
      last_at = excluded.last_at
    where cardinality(${recent}) < ${max}
    returning 1`,
  );
  return taken.length > 0;
}
