/**
 * Counts failed logins per username and IP in a sliding window. Only failures count, so a
 * teacher who logs in and out all day is never locked out; an attacker guessing is.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly maxFailures: number,
    private readonly windowMs = 15 * 60_000,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  /** True when further attempts must be refused for now. */
  isBlocked(key: string, now = Date.now()): boolean {
    return this.recent(key, now).length >= this.maxFailures;
  }

  recordFailure(key: string, now = Date.now()): void {
    this.failures.set(key, [...this.recent(key, now), now]);
  }

  reset(key: string): void {
    this.failures.delete(key);
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
  private readonly failures = new Map<string, { count: number; last: number }>();
  constructor(
    private readonly freeFailures: number,
    private readonly baseMs = 1000,
    private readonly maxMs = 15 * 60_000,
    private readonly forgetMs = 60 * 60_000,
  ) {}

  private current(key: string, now: number) {
    const entry = this.failures.get(key);
    if (entry && now - entry.last > this.forgetMs) this.failures.delete(key);
    return this.failures.get(key);
  }

  /** Milliseconds the key must still wait before its next attempt is checked (0: now). */
  waitMs(key: string, now: number): number {
    const entry = this.current(key, now);
    if (!entry || entry.count < this.freeFailures) return 0;
    const delay = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(30, entry.count - this.freeFailures));
    return Math.max(0, entry.last + delay - now);
  }

  recordFailure(key: string, now: number): void {
    if (this.failures.size > 100_000)
      for (const [k, e] of this.failures) if (now - e.last > this.forgetMs) this.failures.delete(k);
    this.failures.set(key, { count: (this.current(key, now)?.count ?? 0) + 1, last: now });
  }

  reset(key: string): void {
    this.failures.delete(key);
  }
}
