import { describe, expect, it } from 'vitest';
import { customPeriod, parsePreset, presetPeriod, termOf } from './periods';

describe('period presets', () => {
  it('runs the current month and term up to today', () => {
    expect(presetPeriod('thisMonth', '2026-11-23')).toEqual({ from: '2026-11-01', to: '2026-11-23' });
    expect(presetPeriod('thisTerm', '2026-11-23')).toEqual({ from: '2026-08-17', to: '2026-11-23' });
    expect(presetPeriod('thisTerm', '2026-03-02')).toEqual({ from: '2026-01-08', to: '2026-03-02' });
  });
  it('gives the whole previous month, across a new year', () => {
    expect(presetPeriod('lastMonth', '2026-11-23')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(presetPeriod('lastMonth', '2027-01-10')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
  it('uses the term that just ended during a holiday', () => {
    expect(termOf('2026-07-01')).toEqual({ from: '2026-01-08', to: '2026-06-12' });
    expect(termOf('2027-01-03')).toEqual({ from: '2026-08-17', to: '2026-12-18' });
  });
  it('accepts only complete, ordered custom periods', () => {
    expect(customPeriod('2026-11-01', '2026-11-30')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(customPeriod('2026-11-30', '2026-11-01')).toBeNull();
    expect(customPeriod('', '2026-11-01')).toBeNull();
    expect(parsePreset('bogus', 'thisMonth')).toBe('thisMonth');
  });
});
