// Property tests: random schedules, marks and covers must keep the accounting invariants of docs/domain/measures.md.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, eachDate, localDateTimeToInstant } from '../dates';
import {
  dayFigures,
  lessonOutcome,
  measurePupil,
  schoolWeeks,
  sumDays,
  type AttendanceMark,
  type LessonOutcome,
  type PupilLesson,
  type ValidCover,
} from './index';

// Three weeks around the March DST switch (2026-03-29).
const FIRST = '2026-03-16';
const DATES = eachDate(FIRST, addDays(FIRST, 20));
const MINUTE = 60_000;
const at = (date: string, minute: number) => localDateTimeToInstant(date, '00:00') + minute * MINUTE;

const minutesArb = fc.integer({ min: -10, max: 150 });
const markArb: fc.Arbitrary<AttendanceMark | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant({ kind: 'absent' as const }),
  fc.constant({ kind: 'other' as const }),
  fc.record({ kind: fc.constant('late' as const), minutes: minutesArb }),
  fc.record({ kind: fc.constant('left' as const), minutes: minutesArb }),
  fc.record({
    kind: fc.constant('imported' as const),
    isReported: fc.boolean(),
    attended: minutesArb,
    valid: minutesArb,
    invalid: minutesArb,
    other: minutesArb,
  }),
);
const lessonArb: fc.Arbitrary<PupilLesson> = fc
  .record({
    date: fc.constantFrom(...DATES),
    startMinute: fc.integer({ min: 7 * 60, max: 16 * 60 }),
    clockMinutes: fc.integer({ min: 0, max: 120 }),
    teachingMinutes: fc.integer({ min: 0, max: 120 }),
    isConfirmed: fc.boolean(),
    mark: markArb,
  })
  .map(({ date, startMinute, clockMinutes, ...rest }) => ({
    lessonId: `${date}@${startMinute}`,
    date,
    start: at(date, startMinute),
    end: at(date, startMinute + clockMinutes),
    ...rest,
  }));
const coverArb: fc.Arbitrary<ValidCover> = fc
  .record({
    date: fc.constantFrom(...DATES),
    startMinute: fc.integer({ min: 6 * 60, max: 17 * 60 }),
    length: fc.integer({ min: 1, max: 24 * 60 }),
    kind: fc.constantFrom('guardianReport' as const, 'leave' as const, 'staffReason' as const),
  })
  .map(({ date, startMinute, length, kind }) => ({
    start: at(date, startMinute),
    end: at(date, startMinute + length),
    kind,
  }));
const coversArb = fc.array(coverArb, { maxLength: 4 });

/** Teaching minutes of the lesson under any cover, counted clock minute by clock minute. */
function bruteForceCovered(l: PupilLesson, covers: ValidCover[]): number {
  const clockMinutes = (l.end - l.start) / MINUTE;
  let covered = 0;
  for (let m = l.start; m < l.end; m += MINUTE) if (covers.some((c) => c.start <= m && m + MINUTE <= c.end)) covered++;
  return clockMinutes > 0 ? Math.round((covered * l.teachingMinutes) / clockMinutes) : l.teachingMinutes;
}

function expectBalanced(o: Omit<LessonOutcome, 'lessonId' | 'date'>) {
  expect(o.attended + o.valid + o.invalid + o.other).toBe(o.known);
  expect(o.known).toBeLessThanOrEqual(o.scheduled);
  for (const value of [o.attended, o.valid, o.invalid, o.other, o.lateMinutes]) {
    expect(Number.isInteger(value) && value >= 0).toBe(true);
  }
}

const ADDITIVE = [
  'scheduled',
  'known',
  'attended',
  'valid',
  'invalid',
  'other',
  'lateCount',
  'lateMinutes',
  'absent',
  'absentDays',
  'absenceOccasions',
  'schoolDays',
] as const;

describe('accounting invariants (property tests)', () => {
  it('every lesson: attended + valid + invalid + other = known ≤ scheduled; valid ≤ covered', () => {
    fc.assert(
      fc.property(lessonArb, coversArb, (l, covers) => {
        const o = lessonOutcome(l, covers);
        expectBalanced(o);
        expect(o.scheduled).toBe(l.teachingMinutes);
        if (!(l.mark?.kind === 'imported' && l.mark.isReported))
          expect(o.valid).toBeLessThanOrEqual(bruteForceCovered(l, covers));
        if (l.mark?.kind !== 'late' || !l.isConfirmed) expect(o.lateMinutes + o.lateCount).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('covers only move absence from invalid to valid, never count twice, and only ever add known minutes', () => {
    fc.assert(
      fc.property(lessonArb, coversArb, (l, covers) => {
        const bare = lessonOutcome(l, []);
        const covered = lessonOutcome(l, covers);
        expect(lessonOutcome(l, [...covers, ...covers])).toEqual(covered);
        if (l.isConfirmed && l.mark?.kind !== 'imported') {
          expect([covered.attended, covered.other, covered.valid + covered.invalid]).toEqual([
            bare.attended,
            bare.other,
            bare.valid + bare.invalid,
          ]);
        }
        expect(covered.known).toBeGreaterThanOrEqual(bare.known);
      }),
      { numRuns: 1000 },
    );
  });

  it('periods balance, rates lie in [0, 1], and a split range sums to the whole', () => {
    fc.assert(
      fc.property(
        fc.array(lessonArb, { maxLength: 40 }),
        coversArb,
        fc.integer({ min: 0, max: DATES.length - 2 }),
        (lessons, covers, split) => {
          const days = dayFigures(lessons.map((l) => lessonOutcome(l, covers)));
          const from = DATES[0];
          const to = DATES.at(-1)!;
          const whole = sumDays(days, from, to);
          expectBalanced(whole);
          expect(whole).toEqual(measurePupil(lessons, covers, from, to));
          for (const r of [whole.coverage, whole.absentRate, whole.validRate, whole.invalidRate])
            if (r !== null) expect(r >= 0 && r <= 1).toBe(true);
          expect(whole.absentDays).toBeLessThanOrEqual(whole.absenceOccasions);
          expect(whole.longestRun).toBeLessThanOrEqual(whole.absentDays);

          const left = sumDays(days, from, DATES[split]);
          const right = sumDays(days, DATES[split + 1], to);
          for (const field of ADDITIVE) expect(left[field] + right[field]).toBe(whole[field]);
          expect(whole.longestRun).toBeGreaterThanOrEqual(Math.max(left.longestRun, right.longestRun));
          expect(whole.longestRun).toBeLessThanOrEqual(left.longestRun + right.longestRun);

          const weeks = schoolWeeks(days);
          expect(weeks.reduce((s, w) => s + w.scheduled, 0)).toBe(whole.scheduled);
          expect(weeks.reduce((s, w) => s + w.absent, 0)).toBe(whole.absent);
        },
      ),
      { numRuns: 500 },
    );
  });
});
