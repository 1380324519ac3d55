import { describe, expect, it } from 'vitest';
import { reportFields, weekdaysBetween } from './portalDates';

describe('weekdaysBetween', () => {
  it('counts Monday to Friday only, both ends included', () => {
    expect(weekdaysBetween('2026-11-30', '2026-12-18')).toBe(15);
    expect(weekdaysBetween('2026-11-28', '2026-11-29')).toBe(0);
    expect(weekdaysBetween('2026-11-23', '2026-11-23')).toBe(1);
  });
  it('is 0 for an empty or reversed range', () => {
    expect(weekdaysBetween('', '2026-11-23')).toBe(0);
    expect(weekdaysBetween('2026-11-24', '2026-11-23')).toBe(0);
  });
});

describe('reportFields', () => {
  it('reads whole days ending at local midnight as ending the day before', () => {
    // 2026-11-23 00:00 to 2026-11-25 00:00 Stockholm (UTC+1 in winter).
    expect(reportFields('2026-11-22T23:00:00.000Z', '2026-11-24T23:00:00.000Z'))
      .toEqual({ fromDate: '2026-11-23', toDate: '2026-11-24', fromTime: '', toTime: '' });
  });
  it('keeps the local times of part of a day', () => {
    expect(reportFields('2026-11-23T07:00:00.000Z', '2026-11-23T11:30:00.000Z'))
      .toEqual({ fromDate: '2026-11-23', toDate: '2026-11-23', fromTime: '08:00', toTime: '12:30' });
  });
});
