// docs/domain/measures.md, 'Worked example': week 2 of 2026, pupil P in 7A, five 60-minute lessons a day from 08:00.
import { describe, expect, it } from 'vitest';
import { dayFigures, lastEndedSchoolWeeks, lessonOutcome, measurePupil, schoolWeeks, sumDays } from './index';
import { cover, schoolDay } from './test-fixtures';

const lessons = [
  ...schoolDay('2026-01-05', { 1: { mark: { kind: 'late', minutes: 15 } } }),
  // 6 January (trettondedag jul) is a holiday: nothing scheduled.
  ...schoolDay('2026-01-07', Object.fromEntries([1, 2, 3, 4, 5].map((i) => [i, { mark: { kind: 'absent' } }]))),
  ...schoolDay('2026-01-08', { 3: { mark: { kind: 'absent' } }, 4: { isConfirmed: false }, 5: { isConfirmed: false } }),
  ...schoolDay('2026-01-09', { 5: { mark: { kind: 'other' } } }),
];
// Reported the evening before, for the whole of Wednesday.
const covers = [cover('2026-01-07', '00:00', '2026-01-08', '00:00')];

describe('worked example (docs/domain/measures.md)', () => {
  const days = dayFigures(lessons.map((l) => lessonOutcome(l, covers)));
  const week = sumDays(days, '2026-01-05', '2026-01-09');

  it('reproduces every listed figure', () => {
    expect(week).toMatchObject({
      scheduled: 1200,
      known: 1080,
      valid: 300,
      invalid: 75,
      other: 60,
      absent: 375,
      attended: 1080 - 300 - 75 - 60,
      lateCount: 1,
      lateMinutes: 15,
      absentDays: 1,
      absenceOccasions: 3,
      longestRun: 1,
      schoolDays: 4,
    });
    expect(week.scheduled - week.known).toBe(120); // unknown
    expect((week.absentRate! * 100).toFixed(1)).toBe('34.7');
    expect((week.invalidRate! * 100).toFixed(1)).toBe('6.9');
    expect((week.coverage! * 100).toFixed(1)).toBe('90.0');
  });

  it('counts absent days and occasions on the right dates', () => {
    const byDate = Object.fromEntries(days.map((d) => [d.date, d]));
    expect(Object.keys(byDate)).toEqual(['2026-01-05', '2026-01-07', '2026-01-08', '2026-01-09']);
    expect(byDate['2026-01-07']).toMatchObject({ scheduled: 300, known: 300, valid: 300 });
    expect(byDate['2026-01-08']).toMatchObject({ scheduled: 300, known: 180, invalid: 60 });
  });

  it('marks the week incomplete once it has ended', () => {
    expect(schoolWeeks(days)).toEqual([
      {
        weekKey: '2026-W02',
        monday: '2026-01-05',
        sunday: '2026-01-11',
        scheduled: 1200,
        known: 1080,
        absent: 375,
        isIncomplete: true,
        hasNoRegistration: false,
      },
    ]);
    expect(lastEndedSchoolWeeks(days, '2026-01-10', 4)).toEqual([]);
    expect(lastEndedSchoolWeeks(days, '2026-01-11', 4).map((w) => w.isIncomplete)).toEqual([true]);
  });

  it('gives the same figures straight from lessons', () => {
    expect(measurePupil(lessons, covers, '2026-01-05', '2026-01-09')).toEqual(week);
  });
});
