import { describe, expect, it } from 'vitest';
import { reportFields, reportPeriod, weekdaysBetween } from './portalDates';

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
    expect(reportFields('2026-11-22T23:00:00.000Z', '2026-11-24T23:00:00.000Z')).toEqual({
      fromDate: '2026-11-23',
      toDate: '2026-11-24',
      fromTime: '',
      toTime: '',
    });
  });
  it('keeps the local times of part of a day', () => {
    expect(reportFields('2026-11-23T07:00:00.000Z', '2026-11-23T11:30:00.000Z')).toEqual({
      fromDate: '2026-11-23',
      toDate: '2026-11-23',
      fromTime: '08:00',
      toTime: '12:30',
    });
  });
});

describe('reportPeriod', () => {
  // Stockholm is UTC+1 in December: local midnight is 23:00 UTC the day before.
  it('reads whole days as dates, not as midnight to midnight', () => {
    expect(reportPeriod('2026-12-07T23:00:00.000Z', '2026-12-08T23:00:00.000Z')).toEqual({
      kind: 'wholeDays',
      fromDate: '2026-12-08',
      toDate: '2026-12-08',
    });
    expect(reportPeriod('2026-12-07T23:00:00.000Z', '2026-12-10T23:00:00.000Z')).toEqual({
      kind: 'wholeDays',
      fromDate: '2026-12-08',
      toDate: '2026-12-10',
    });
  });
  it('reads part of a day as the day and its times, and a span across days with both ends', () => {
    expect(reportPeriod('2026-12-08T07:00:00.000Z', '2026-12-08T11:00:00.000Z')).toEqual({
      kind: 'partOfDay',
      date: '2026-12-08',
      fromTime: '08:00',
      toTime: '12:00',
    });
    expect(reportPeriod('2026-12-08T12:00:00.000Z', '2026-12-09T09:00:00.000Z')).toEqual({
      kind: 'span',
      fromDate: '2026-12-08',
      fromTime: '13:00',
      toDate: '2026-12-09',
      toTime: '10:00',
    });
  });
});
