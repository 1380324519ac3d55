import { describe, expect, it } from 'vitest';
import { BASELINE_DAYS, comparablePeriods, plannedFollowUps } from './follow-up.js';
import { addMonths } from '../dates/index.js';
import { DEFAULT_CAUSES, DEFAULT_INTERVENTIONS } from './catalogue.js';

describe('follow-up rules', () => {
  it('plans Norrköping’s start, 3 months and 1 year, and Stockholm’s 4 and 6 weeks', () => {
    expect(plannedFollowUps('norrkoping', '2026-11-30').map((p) => p.plannedOn)).toEqual([
      '2026-11-30',
      '2027-02-28',
      '2027-11-30',
    ]);
    expect(plannedFollowUps('stockholm', '2026-03-20').map((p) => p.plannedOn)).toEqual(['2026-04-17', '2026-05-01']);
  });

  it('adds calendar months clamped to the month end, across New Year and leap years', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-12-15', 2)).toBe('2028-02-15');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('compares "since the start" with the same number of days before it', () => {
    expect(comparablePeriods('2026-02-02', '2026-02-13')).toEqual({
      before: { from: '2026-01-21', to: '2026-02-01' },
      since: { from: '2026-02-02', to: '2026-02-13' },
    });
    // Over the DST switch (29 March) periods are counted in calendar days.
    expect(comparablePeriods('2026-03-30', '2026-03-31')).toEqual({
      before: { from: '2026-03-28', to: '2026-03-29' },
      since: { from: '2026-03-30', to: '2026-03-31' },
    });
  });

  it('has only the four-week baseline on the start day', () => {
    expect(comparablePeriods('2026-02-02', '2026-02-02')).toEqual({
      before: { from: '2026-01-05', to: '2026-02-01' },
      since: null,
    });
    expect(BASELINE_DAYS).toBe(28);
  });

  it('keeps catalogue codes unique (statistics count by them)', () => {
    for (const list of [DEFAULT_CAUSES, DEFAULT_INTERVENTIONS])
      expect(new Set(list.map((e) => e.code)).size).toBe(list.length);
  });
});
