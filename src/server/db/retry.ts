/**
 * Transactions that lose a race are run again inside the server (docs/concurrency.md): a
 * serialization failure (40001), a deadlock (40P01) or a unique violation between two inserts of
 * the same new key (23505) roll the whole transaction back, so running it again from the start is
 * safe. Bounded, with jittered backoff; what still fails is a genuine conflict, answered 409.
 * Connection errors are not retried: a COMMIT whose answer was lost may have happened.
 */
import { AppError } from '../errors.js';

const RACE_STATES = new Set(['40001', '40P01', '23505']);
export const TRANSACTION_ATTEMPTS = 5;

/** The SQLSTATE of a driver error, also when drizzle wraps it (`cause`). */
export function sqlStateOf(error: unknown): string | undefined {
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

/** Whether this is a lost race worth running again. */
export const isRace = (error: unknown): boolean => RACE_STATES.has(sqlStateOf(error) ?? '');

/** Counts of retried races since start (the bench and the soak harness read them from the log). */
export const raceRetries = { retried: 0, exhausted: 0 };

/**
 * Runs `attempt` until it does not lose a race, at most {@link TRANSACTION_ATTEMPTS} times.
 * @throws AppError WRITE_CONFLICT (409) after the last lost serialization race or deadlock; a
 *   unique violation that persists is rethrown (a genuine duplicate: 409 CONFLICT by the handler).
 */
export async function retryRaces<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isRace(error)) throw error;
      if (n >= TRANSACTION_ATTEMPTS) {
        raceRetries.exhausted++;
        if (sqlStateOf(error) === '23505') throw error;
        throw new AppError('WRITE_CONFLICT', 'Uppgifterna ändrades samtidigt av någon annan. Försök igen.');
      }
      raceRetries.retried++;
      // Full jitter, 0–5, 0–10, 0–20, 0–40 ms: racing transactions spread out instead of colliding again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * 2 ** (n - 1)));
    }
  }
}
