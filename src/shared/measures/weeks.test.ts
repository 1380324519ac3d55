import { describe, expect, it } from 'vitest';
import { addDays } from '../dates';
import { incompleteWeekCount, lastEndedSchoolWeeks, schoolWeeks } from './index';
import { day } from './test-fixtures';

// Mondays of five consecutive weeks, 2026-W02 … W06; W04 is left without lessons (a holiday week).
const MONDAYS = ['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26', '2026-02-02'];
const present = (date: string) => day(date, { scheduled: 300, attended: 300 });

describe('incomplete weeks (docs/domain/measures.md)', () => {
  const days = [
    day(MONDAYS[0], { scheduled: 300, attended: 299, invalid: 1 }), // W02: one minute is enough
    present(addDays(MONDAYS[0], 1)),
    present(MONDAYS[1]), // W03: all present
    day(MONDAYS[3], { scheduled: 300 }), // W05: scheduled, nothing registered
    day(addDays(MONDAYS[4], 4), { scheduled: 300, attended: 240, valid: 60 }), // W06: valid absence on Friday
  ];

  it('lists ISO weeks with scheduled minutes only, oldest first', () => {
    expect(schoolWeeks(days).map((w) => [w.weekKey, w.scheduled, w.known, w.absent, w.isIncomplete])).toEqual([
      ['2026-W02', 600, 600, 1, true],
      ['2026-W03', 300, 300, 0, false],
      ['2026-W05', 300, 0, 0, false],
      ['2026-W06', 300, 300, 60, true],
    ]);
  });

  it('6. a week without known minutes is not incomplete and says it had no registration', () => {
    const w05 = schoolWeeks(days).find((w) => w.weekKey === '2026-W05')!;
    expect(w05).toMatchObject({
      hasNoRegistration: true,
      isIncomplete: false,
      monday: '2026-01-26',
      sunday: '2026-02-01',
    });
  });

  it('counts k of the last n school weeks that ended by the evaluation date', () => {
    const friday = addDays(MONDAYS[4], 4);
    // On Friday and Saturday W06 is still running: the last four ended school weeks are W02, W03, W05 (only three exist).
    expect(lastEndedSchoolWeeks(days, addDays(friday, 1), 4).map((w) => w.weekKey)).toEqual([
      '2026-W02',
      '2026-W03',
      '2026-W05',
    ]);
    // On its Sunday it has ended.
    const onSunday = lastEndedSchoolWeeks(days, addDays(friday, 2), 3);
    expect(onSunday.map((w) => w.weekKey)).toEqual(['2026-W03', '2026-W05', '2026-W06']);
    expect(incompleteWeekCount(onSunday)).toBe(1);
    expect(incompleteWeekCount(lastEndedSchoolWeeks(days, '2026-12-31', 4))).toBe(2);
    expect(lastEndedSchoolWeeks(days, '2026-12-31', 0)).toEqual([]);
  });

  it('takes the preset options: threshold, without valid absence, without lateness', () => {
    const w = (options: Parameters<typeof schoolWeeks>[1], ...rows: ReturnType<typeof day>[]) =>
      schoolWeeks(rows, options)[0];
    const late = day(MONDAYS[0], { scheduled: 300, attended: 285, invalid: 15, lateCount: 1, lateMinutes: 15 });
    const lateAndMore = day(MONDAYS[0], { scheduled: 300, attended: 265, invalid: 35, lateCount: 1, lateMinutes: 15 });
    const valid = day(MONDAYS[0], { scheduled: 300, attended: 240, valid: 60 });
    expect(w({}, late).isIncomplete).toBe(true); // lateness included by default
    expect(w({ minAbsentMinutes: 30 }, late).isIncomplete).toBe(false);
    expect(w({ excludeLateness: true }, late)).toMatchObject({ absent: 0, isIncomplete: false });
    expect(w({ excludeValid: true }, valid)).toMatchObject({ absent: 0, isIncomplete: false });
    expect(
      w({ excludeValid: true, excludeLateness: true }, valid, { ...lateAndMore, date: addDays(MONDAYS[0], 1) }),
    ).toMatchObject({ absent: 20 });
    expect(w({ minAbsentMinutes: 0 }, present(MONDAYS[0])).isIncomplete).toBe(false); // threshold is at least one minute
  });
});
