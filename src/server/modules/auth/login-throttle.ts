/**
 * Login delays and request limits, counted in the database (throttle.repo.ts): with several web
 * processes or hosts (WEB_PROCESSES) a count kept in each process's memory would give an attacker
 * that many times the budget.
 */
import type { Tx } from '../../db/client.js';
import { addToRun, findRun, forgetKey, takeHit, type ThrottleScope } from './throttle.repo.js';

/**
 * At most `max` hits per key in a sliding window; a refused attempt is not counted. Used for
 * guardians' writes per account.
 */
export class SlidingLimit {
  constructor(
    private readonly db: Tx,
    private readonly scope: ThrottleScope,
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts a hit. @returns false (and counts nothing) when the key has had `max` within the window. */
  take(key: string, now: number): Promise<boolean> {
    return takeHit(this.db, this.scope, key, now, this.windowMs, this.max);
  }
}

/**
 * Growing delays after failed logins, never a lock: after `freeFailures` failures a key must wait
 * 1 s, then 2 s, 4 s … (at most 15 minutes) between attempts, and a right password after the wait
 * logs in. Failures are forgotten an hour after the last one. Keys are (username, IP) pairs and
 * IPs (a larger budget across all usernames), never a username alone: a per-account lock would
 * let anyone lock a colleague out from anywhere (docs/security.md, "Login throttling").
 */
export class LoginDelays {
  constructor(
    private readonly db: Tx,
    private readonly scope: ThrottleScope,
    private readonly freeFailures: number,
    private readonly baseMs = 1000,
    private readonly maxMs = 15 * 60_000,
    private readonly forgetMs = 60 * 60_000,
  ) {}

  /** Milliseconds the key must still wait before its next attempt is checked (0: now). */
  async waitMs(key: string, now: number): Promise<number> {
    const run = await findRun(this.db, this.scope, key);
    if (!run || now - run.lastMs > this.forgetMs || run.hits < this.freeFailures) return 0;
    const delay = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(30, run.hits - this.freeFailures));
    return Math.max(0, run.lastMs + delay - now);
  }

  recordFailure(key: string, now: number): Promise<void> {
    return addToRun(this.db, this.scope, key, now, this.forgetMs);
  }

  reset(key: string): Promise<void> {
    return forgetKey(this.db, this.scope, key);
  }
}
