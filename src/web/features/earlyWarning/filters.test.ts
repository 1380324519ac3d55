import { describe, expect, it } from 'vitest';
import type { EarlyWarningRow } from '@shared/schemas/ladders';
import { filterRows, trendDirection } from './filters';

const row = (personId: string, over: Partial<EarlyWarningRow>): EarlyWarningRow => ({
  personId,
  givenName: 'A',
  familyName: personId,
  isProtected: false,
  className: '7A',
  schoolUnitId: 's1',
  schoolUnitName: 'Skola',
  stepIndex: 1,
  stepKey: 'a',
  stepName: 'A',
  since: '2026-11-23',
  explanation: '',
  isNewThisWeek: false,
  recentAbsentRate: null,
  previousAbsentRate: null,
  coverage: null,
  openTasks: 0,
  overdueTasks: 0,
  daysSinceLastMeasure: null,
  isWithoutMeasure: false,
  patterns: [],
  ...over,
});

describe('early-warning filters', () => {
  const rows = [
    row('a', { stepIndex: 1, isNewThisWeek: true }),
    row('b', { stepIndex: 3, isWithoutMeasure: true }),
    row('c', { stepIndex: 3, schoolUnitId: 's2' }),
  ];
  const none = { step: null, isNewOnly: false, isWithoutMeasureOnly: false, schoolUnitId: null };
  it('keeps every row without filters and combines filters with "and"', () => {
    expect(filterRows(rows, none).map((r) => r.personId)).toEqual(['a', 'b', 'c']);
    expect(filterRows(rows, { ...none, step: 3 }).map((r) => r.personId)).toEqual(['b', 'c']);
    expect(filterRows(rows, { ...none, step: 3, isWithoutMeasureOnly: true }).map((r) => r.personId)).toEqual(['b']);
    expect(filterRows(rows, { ...none, isNewOnly: true }).map((r) => r.personId)).toEqual(['a']);
    expect(filterRows(rows, { ...none, schoolUnitId: 's2' }).map((r) => r.personId)).toEqual(['c']);
  });
  it('reads the trend in words, half a percentage point counting as unchanged', () => {
    expect(trendDirection(0.2, 0.1)).toBe('up');
    expect(trendDirection(0.1, 0.2)).toBe('down');
    expect(trendDirection(0.102, 0.1)).toBe('same');
    expect(trendDirection(0.1, null)).toBeNull();
  });
});
