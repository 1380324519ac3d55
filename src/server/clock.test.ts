import { describe, expect, it } from 'vitest';
import { clockFor } from './clock.js';
import { localDateOf, localMinuteOfDay } from '../shared/dates/index.js';

describe('clock', () => {
  it('with a fixed today, now() is the current Stockholm wall-clock time on that date', () => {
    for (const today of ['2026-11-23', '2027-03-28', '2026-10-25', '2027-06-30']) {
      const clock = clockFor({ today });
      const real = Date.now();
      const now = clock.now().getTime();
      expect(clock.today()).toBe(today);
      expect(localDateOf(now)).toBe(today);
      // Same minute of the day as the real clock (or the next, had the minute turned meanwhile;
      // an hour later only when that wall time does not exist on a spring-forward day).
      const shift = localMinuteOfDay(now) - localMinuteOfDay(real);
      expect([0, 1, 60, 61].includes(((shift % 1440) + 1440) % 1440)).toBe(true);
    }
  });

  it('without a fixed today, today() and now() follow the real clock', () => {
    const clock = clockFor({});
    const before = Date.now();
    const now = clock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now - before).toBeLessThan(60_000);
    expect([localDateOf(before), localDateOf(Date.now())]).toContain(clock.today());
  });
});
