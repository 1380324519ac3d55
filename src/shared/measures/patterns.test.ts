import { describe, expect, it } from 'vitest';
import { addDays, eachDate, weekdayOf } from '../dates';
import { afterBreakDays, findPatterns, type PupilLesson } from './index';
import { lesson, schoolDay } from './test-fixtures';

const SUBJECTS = ['math', 'swedish', 'english', 'sports', 'music'];
const weekdays = (from: string, to: string) => eachDate(from, to).filter((d) => weekdayOf(d) <= 5);

/** Five lessons a weekday, one subject and teacher per slot, with the first lesson on the given dates absent. */
function term(from: string, to: string, absentFirstLessonOn: string[]): PupilLesson[] {
  return weekdays(from, to).flatMap((date) =>
    schoolDay(date).map((l, i) => ({
      ...l,
      subject: SUBJECTS[i],
      teacherIds: [`t-${SUBJECTS[i]}`],
      mark: i === 0 && absentFirstLessonOn.includes(date) ? { kind: 'absent' as const } : undefined,
    })),
  );
}

const flagged = (lessons: PupilLesson[], from: string, to: string) =>
  findPatterns(lessons, [], from, to)
    .filter((f) => f.isFlagged)
    .map((f) => `${f.dimension}:${f.category}`);

describe('patterns (docs/domain/measures.md)', () => {
  const from = '2026-01-12';
  const to = '2026-02-06'; // four full weeks
  const mondays = weekdays(from, to).filter((d) => weekdayOf(d) === 1);

  it('flags every dimension where absence concentrates, with shares and ratio', () => {
    const findings = findPatterns(term(from, to, mondays), [], from, to);
    expect(flagged(term(from, to, mondays), from, to)).toEqual([
      'weekday:1',
      'firstLesson:true',
      'subject:math',
      'teacher:t-math',
      'afterBreak:true',
    ]);
    expect(findings.find((f) => f.dimension === 'weekday' && f.category === '1')).toEqual({
      dimension: 'weekday',
      category: '1',
      absentShare: 1,
      scheduledShare: 0.2,
      ratio: 5,
      occasions: 4,
      isFlagged: true,
    });
    expect(findings.find((f) => f.dimension === 'weekday' && f.category === '2')).toMatchObject({
      absentShare: 0,
      ratio: 0,
      occasions: 0,
    });
  });

  it('needs at least three absence occasions in the category', () => {
    expect(flagged(term(from, to, mondays.slice(0, 2)), from, to)).toEqual([]);
    expect(flagged(term(from, to, mondays.slice(0, 3)), from, to)).toContain('weekday:1');
  });

  it('flags at a ratio of exactly 2, not below', () => {
    // Three weeks, one 60-minute lesson a weekday: Mondays hold 1/5 of scheduled time.
    const days = weekdays('2026-01-12', '2026-01-30');
    const single = (date: string, extra: Partial<PupilLesson> = {}) =>
      lesson(date, '08:00', '09:00', { lessonId: date, ...extra });
    // Absent on three Mondays (180) and four other days (240) plus 30 late: Monday holds 180/450 = 0.4 = 2 × 0.2.
    const absentOn = new Set([
      ...days.filter((d) => weekdayOf(d) === 1),
      '2026-01-13',
      '2026-01-14',
      '2026-01-15',
      '2026-01-16',
    ]);
    const build = (lateMinutes: number) =>
      days.map((d) =>
        single(
          d,
          absentOn.has(d)
            ? { mark: { kind: 'absent' } }
            : d === '2026-01-20'
              ? { mark: { kind: 'late', minutes: lateMinutes } }
              : {},
        ),
      );
    const monday = (lateMinutes: number) =>
      findPatterns(build(lateMinutes), [], days[0], days.at(-1)!).find(
        (f) => f.dimension === 'weekday' && f.category === '1',
      )!;
    expect(monday(30)).toMatchObject({ ratio: 2, occasions: 3, isFlagged: true });
    expect(monday(31).ratio).toBeLessThan(2);
    expect(monday(31).isFlagged).toBe(false);
  });

  it('derives first lesson and after-break when the caller leaves them out, and respects them when given', () => {
    // Monday 2026-01-19 is a holiday, so Tuesday is after a break; lessons arrive in any order.
    const dates = weekdays('2026-01-12', '2026-01-30').filter((d) => d !== '2026-01-19');
    const lessons = dates.flatMap((d) => [
      lesson(d, '10:00', '11:00'),
      lesson(d, '08:00', '09:00', { mark: { kind: 'absent' } }),
    ]);
    const findings = findPatterns(lessons, [], '2026-01-12', '2026-01-30');
    expect(findings.find((f) => f.dimension === 'firstLesson')).toMatchObject({
      scheduledShare: 0.5,
      absentShare: 1,
      ratio: 2,
      occasions: 14,
    });
    expect(findings.find((f) => f.dimension === 'afterBreak')).toMatchObject({ occasions: 3, scheduledShare: 3 / 14 });
    const explicit = lessons.map((l) => ({ ...l, isFirstOfDay: false, isAfterBreak: false }));
    expect(
      findPatterns(explicit, [], '2026-01-12', '2026-01-30').filter(
        (f) => f.dimension === 'firstLesson' || f.dimension === 'afterBreak',
      ),
    ).toEqual([]);
  });

  it('counts a lesson for each of its teachers and only lessons inside the period', () => {
    const lessons = [
      lesson('2026-01-12', '08:00', '09:00', { teacherIds: ['a', 'b'], mark: { kind: 'absent' } }),
      lesson('2026-01-13', '08:00', '09:00', { teacherIds: ['b'] }),
      lesson('2026-01-14', '08:00', '09:00', { teacherIds: ['c'], mark: { kind: 'absent' } }),
    ];
    const teachers = findPatterns(lessons, [], '2026-01-12', '2026-01-13').filter((f) => f.dimension === 'teacher');
    expect(teachers.map((f) => [f.category, f.scheduledShare, f.absentShare])).toEqual([
      ['a', 0.5, 1],
      ['b', 1, 1],
    ]);
  });

  it('afterBreakDays: school days whose previous calendar day was not a school day', () => {
    const friday = '2026-01-02';
    const days = [friday, addDays(friday, 3), addDays(friday, 5), addDays(friday, 6)]; // Fri, Mon, Wed, Thu
    expect(afterBreakDays(days)).toEqual(new Set([friday, addDays(friday, 3), addDays(friday, 5)]));
  });
});
