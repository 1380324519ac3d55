/**
 * Serialises the writers of derived rows (docs/concurrency.md). Everything derived from a pupil's
 * raw facts (pupil days, pupil periods, same-day notices) is recomputed by a transaction that holds
 * the pupil's lock, and the unit sums (unit months, kept-cell generations) by one holding the
 * unit's lock; both are transaction-level advisory locks, released at commit or rollback. Under
 * READ COMMITTED a statement run after the lock is granted sees everything the previous holder
 * committed, so the last writer's recomputation includes every earlier writer's facts.
 *
 * Locks are always taken in one global order, so waits never form a cycle:
 *   lesson → roll-up lock of the organiser (shared; exclusive for cut dates, rebuilds and large
 *   imports) → pupils in ascending key order → school units in ascending key order.
 *
 * On PGlite a transaction runs alone (runsAlone), so none of these is taken there: four statements
 * fewer per registration on a single-process server whose every statement costs CPU time.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, runsAlone, type Tx } from './client.js';
import { textArray } from './sql.js';

const ROLLUPS_KEY_PREFIX = 'narvaro.rollups:';

/**
 * Registrations refresh the roll-ups under a shared lock; adding or dropping a cut date takes it
 * exclusively, so a cut is never built from pupil days a concurrent registration is changing.
 */
export async function lockRollups(tx: Tx, organiserId: string, mode: 'shared' | 'exclusive'): Promise<void> {
  if (runsAlone(tx)) return;
  const key = `${ROLLUPS_KEY_PREFIX}${organiserId}`;
  await tx.execute(
    mode === 'shared'
      ? sql`select pg_advisory_xact_lock_shared(hashtext(${key}))`
      : sql`select pg_advisory_xact_lock(hashtext(${key}))`,
  );
}

/** Advisory-lock namespaces (the two-int form, apart from single-key locks such as the migration's). */
const PUPIL_NAMESPACE = 14_001;
const UNIT_NAMESPACE = 14_002;
const LESSON_NAMESPACE = 14_003;

/**
 * Above this many pupils one transaction takes the organiser's roll-up lock exclusively instead of
 * one lock per pupil (an import of a whole school: the lock table holds a few thousand entries).
 */
export const EXCLUSIVE_ABOVE_PUPILS = 400;

/** Locks keys of a namespace in ascending order of the lock key itself (hash collisions only make two keys one lock). */
async function lockKeys(tx: Tx, namespace: number, organiserId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0 || runsAlone(tx)) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${namespace}::int, k) from (
    select distinct hashtext(${organiserId} || ':' || id) as k from unnest(${textArray(new Set(ids))}) id order by k) s`);
}

/**
 * Takes what a recomputation of the pupils' days needs, before anything derived is read: the
 * roll-up lock shared and each pupil's lock, or the roll-up lock exclusively for many pupils.
 * Call it once with every pupil the transaction will recompute (taking more later could break
 * the order); taking a lock the transaction holds already is free.
 */
export async function lockPupilDays(tx: Tx, organiserId: string, personIds: readonly string[]): Promise<void> {
  const unique = [...new Set(personIds)];
  if (unique.length === 0) return;
  if (unique.length > EXCLUSIVE_ABOVE_PUPILS) {
    await lockRollups(tx, organiserId, 'exclusive');
    return;
  }
  await lockRollups(tx, organiserId, 'shared');
  await lockKeys(tx, PUPIL_NAMESPACE, organiserId, unique);
}

/**
 * Locks the school units whose unit sums the transaction rewrites (after its pupils' locks), found
 * by `unitIds` (a query of one uuid column) in the same statement. The query must read only rows
 * the transaction's pupil locks protect: its snapshot may be older than the lock grant.
 */
export async function lockUnits(tx: Tx, organiserId: string, unitIds: SQL): Promise<void> {
  const locks = unitLocks(tx, organiserId, unitIds);
  if (locks) await tx.execute(locks);
}

/**
 * lockUnits as a scalar query (the number of locks) to run inside a larger statement, so the
 * locks cost no statement of their own; null where none is taken. That statement's snapshot is
 * older than the grant, so it may read only rows its pupils' locks protect, and it may change a
 * unit's rows only by UPDATE or upsert of rows that exist in its snapshot, made to wait for the
 * locks (a condition on this count): READ COMMITTED applies those to the latest committed version.
 */
export function unitLocks(tx: Tx, organiserId: string, unitIds: SQL): SQL | null {
  if (runsAlone(tx)) return null;
  return sql`select count(pg_advisory_xact_lock(${UNIT_NAMESPACE}::int, k)) from (
    select distinct hashtext(${organiserId} || ':' || u.id::text) as k from (${unitIds}) u(id) order by k) s`;
}

/** Serialises registrations of one lesson: each reads the marks it changes (and writes their history) after the previous one committed. */
export async function lockLesson(tx: Tx, organiserId: string, lessonId: string): Promise<void> {
  await lockKeys(tx, LESSON_NAMESPACE, organiserId, [lessonId]);
}

/**
 * A registration's locks in one statement and in the global order: the lesson's, the roll-up lock
 * shared, then (lockPupilDays' meaning) the pupils found by `pupils`, one uuid column, so a
 * registration locks its roster before reading it. Each step waits for the one before it (a
 * condition on its count, checked before the next is taken); three round trips were a tenth of a
 * registration's time. Returns the pupils locked, or 'alone' on PGlite. The statement's snapshot is
 * older than every grant: whoever reads under these locks must check that the pupils it read are
 * among those returned (a membership may have come since).
 */
export async function lockLessonAndPupilsOf(
  tx: Tx,
  organiserId: string,
  lessonId: string,
  pupils: SQL,
): Promise<Set<string> | 'alone'> {
  if (runsAlone(tx)) return 'alone';
  const locked = await queryRows<{ id: string }>(
    tx,
    sql`with lesson(n) as materialized (select count(pg_advisory_xact_lock(${LESSON_NAMESPACE}::int, hashtext(${organiserId} || ':' || ${lessonId})))),
    rollups(n) as materialized (select count(pg_advisory_xact_lock_shared(hashtext(${ROLLUPS_KEY_PREFIX} || ${organiserId}))) from lesson where lesson.n >= 0)
    select p.id, pg_advisory_xact_lock(${PUPIL_NAMESPACE}::int, p.k) from (
      select distinct id, hashtext(${organiserId} || ':' || id::text) as k from (${pupils}) s(id) where (select n from rollups) >= 0 order by k) p`,
  );
  return new Set(locked.map((r) => r.id));
}
