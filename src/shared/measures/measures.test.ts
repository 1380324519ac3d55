import { describe, expect, it } from 'vitest';
import {
  dayFigures,
  hasMonthToDateMinimum,
  lessonOutcome,
  measurePupil,
  monthFigures,
  sumDays,
  trend,
  type AttendanceMark,
  type PupilLesson,
  type ValidCover,
} from './index';
import { cover, day, lesson, schoolDay } from './test-fixtures';

const D = '2026-01-12'; // a Monday
const sixty = (extra: Partial<PupilLesson> = {}) => lesson(D, '08:00', '09:00', extra);
const marked = (mark: AttendanceMark, extra: Partial<PupilLesson> = {}) => sixty({ mark, ...extra });
const report = (from: string, to: string, kind: ValidCover['kind'] = 'guardianReport') => cover(D, from, D, to, kind);
const minutes = (l: PupilLesson, covers: ValidCover[] = []) => {
  const { attended, valid, invalid, other, known, scheduled } = lessonOutcome(l, covers);
  return { attended, valid, invalid, other, known, scheduled };
};

describe('one lesson, one pupil (docs/domain/measures.md, "One state per pupil and lesson")', () => {
  it('present: a confirmed lesson without a mark is attended in full', () => {
    expect(minutes(sixty())).toEqual({ attended: 60, valid: 0, invalid: 0, other: 0, known: 60, scheduled: 60 });
  });

  it('late m: m invalid minutes, counted as lateness', () => {
    expect(lessonOutcome(marked({ kind: 'late', minutes: 15 }), [])).toMatchObject({
      attended: 45,
      invalid: 15,
      lateCount: 1,
      lateMinutes: 15,
    });
  });

  it('late m: valid only where a reason covers the first m minutes (seed 001)', () => {
    expect(minutes(marked({ kind: 'late', minutes: 20 }), [report('08:10', '08:30')])).toMatchObject({
      attended: 40,
      valid: 10,
      invalid: 10,
    });
    // A cover later in the lesson does not touch the late minutes.
    expect(minutes(marked({ kind: 'late', minutes: 20 }), [report('08:30', '09:00')])).toMatchObject({
      valid: 0,
      invalid: 20,
    });
  });

  it('left m: the last m minutes are absence', () => {
    expect(minutes(marked({ kind: 'left', minutes: 20 }), [report('08:50', '10:00')])).toMatchObject({
      attended: 40,
      valid: 10,
      invalid: 10,
    });
    expect(minutes(marked({ kind: 'left', minutes: 20 }), [report('08:00', '08:40')])).toMatchObject({
      valid: 0,
      invalid: 20,
    });
  });

  it('absent: every minute is absence', () => {
    expect(minutes(marked({ kind: 'absent' }))).toMatchObject({ attended: 0, invalid: 60, known: 60 });
  });

  it('other activity: other minutes, never absence even when covered', () => {
    expect(minutes(marked({ kind: 'other' }), [report('07:00', '10:00')])).toMatchObject({
      other: 60,
      valid: 0,
      invalid: 0,
      known: 60,
    });
  });

  it('unknown: an unconfirmed lesson without a covering report is excluded, and its mark ignored', () => {
    expect(minutes(sixty({ isConfirmed: false }))).toMatchObject({ known: 0, scheduled: 60 });
    expect(minutes(marked({ kind: 'absent' }, { isConfirmed: false }))).toMatchObject({ known: 0, invalid: 0 });
  });

  it('clamps minutes to [0, teaching length]', () => {
    expect(lessonOutcome(marked({ kind: 'late', minutes: 90 }), [])).toMatchObject({
      attended: 0,
      invalid: 60,
      lateMinutes: 60,
    });
    expect(lessonOutcome(marked({ kind: 'late', minutes: -5 }), [])).toMatchObject({
      attended: 60,
      lateCount: 0,
      lateMinutes: 0,
    });
    expect(minutes(marked({ kind: 'left', minutes: Number.NaN }))).toMatchObject({ attended: 60, invalid: 0 });
  });

  it('counts overlapping covers once', () => {
    expect(
      minutes(marked({ kind: 'absent' }), [report('08:00', '08:40'), report('08:20', '09:00', 'leave')]),
    ).toMatchObject({ valid: 60, invalid: 0 });
    expect(minutes(marked({ kind: 'absent' }), [report('08:00', '08:30'), report('08:10', '08:20')])).toMatchObject({
      valid: 30,
      invalid: 30,
    });
  });
});

describe('decisions on the finer points (docs/domain/measures.md)', () => {
  it('1. every rate is over known minutes, and "no data" is null, not 0', () => {
    const figures = measurePupil(
      [marked({ kind: 'absent' }), lesson(D, '09:00', '10:00', { isConfirmed: false })],
      [],
      D,
      D,
    );
    expect(figures).toMatchObject({
      scheduled: 120,
      known: 60,
      absentRate: 1,
      invalidRate: 1,
      validRate: 0,
      coverage: 0.5,
    });
    expect(measurePupil([sixty({ isConfirmed: false })], [], D, D)).toMatchObject({
      coverage: 0,
      absentRate: null,
      validRate: null,
      invalidRate: null,
    });
    expect(measurePupil([], [], D, D)).toMatchObject({ scheduled: 0, coverage: null, absentRate: null });
  });

  it('2. a later report turns covered absence valid but never turns presence into absence', () => {
    const absent = marked({ kind: 'absent' });
    expect(minutes(absent)).toMatchObject({ invalid: 60 });
    expect(minutes(absent, [report('07:00', '16:00')])).toMatchObject({ valid: 60, invalid: 0 });
    expect(minutes(absent, [report('08:00', '09:00', 'staffReason')])).toMatchObject({ valid: 60 });
    expect(minutes(sixty(), [report('07:00', '16:00')])).toMatchObject({ attended: 60, valid: 0, invalid: 0 });
  });

  it('2. imported attendance is taken as given, reports do not re-derive it', () => {
    const imported = marked({ kind: 'imported', isReported: true, attended: 20, valid: 10, invalid: 30, other: 0 });
    expect(minutes(imported, [report('07:00', '16:00')])).toEqual({
      attended: 20,
      valid: 10,
      invalid: 30,
      other: 0,
      known: 60,
      scheduled: 60,
    });
  });

  it('3. a partly covered unconfirmed lesson: covered minutes known valid, the rest unknown', () => {
    expect(minutes(sixty({ isConfirmed: false }), [report('07:30', '08:20')])).toEqual({
      attended: 0,
      valid: 20,
      invalid: 0,
      other: 0,
      known: 20,
      scheduled: 60,
    });
    expect(minutes(sixty({ isConfirmed: false }), [report('08:00', '09:00', 'leave')])).toMatchObject({
      valid: 60,
      known: 60,
    });
  });

  it('3. only guardian reports and leave make unregistered minutes known (a staff reason needs a registration)', () => {
    expect(minutes(sixty({ isConfirmed: false }), [report('08:00', '09:00', 'staffReason')])).toMatchObject({
      known: 0,
    });
  });

  it('3. an import decides registration by isReported, whatever the lesson confirmation says', () => {
    const given = { attended: 0, valid: 0, invalid: 60, other: 0 };
    expect(minutes(marked({ kind: 'imported', isReported: true, ...given }, { isConfirmed: false }))).toMatchObject({
      invalid: 60,
      known: 60,
    });
    expect(minutes(marked({ kind: 'imported', isReported: false, ...given }))).toMatchObject({ known: 0 });
    expect(
      minutes(marked({ kind: 'imported', isReported: false, ...given }), [report('08:00', '08:30')]),
    ).toMatchObject({ valid: 30, known: 30 });
  });

  describe("3. isReported belongs to one pupil's Attendance record, not to the lesson (issue 13)", () => {
    // Lesson 08:10–09:00 confirmed by an SS12000 import because some pupil's record was reported.
    const imported = (extra: Partial<PupilLesson> = {}) =>
      lesson(D, '08:10', '09:00', { confirmedBy: 'import', ...extra });
    const record = (
      isReported: boolean,
      given: Partial<{ attended: number; valid: number; invalid: number; other: number }>,
    ): AttendanceMark => ({ kind: 'imported', isReported, attended: 0, valid: 0, invalid: 0, other: 0, ...given });

    it("the issue's example: P1 reported 50 attended, P2 covered by a guardian report, P3 unknown", () => {
      const p1 = minutes(imported({ mark: record(true, { attended: 50 }) }));
      const p2 = minutes(imported(), [report('07:45', '17:00')]);
      const p3 = minutes(imported());
      expect(p1).toEqual({ attended: 50, valid: 0, invalid: 0, other: 0, known: 50, scheduled: 50 });
      expect(p2).toEqual({ attended: 0, valid: 50, invalid: 0, other: 0, known: 50, scheduled: 50 });
      expect(p3).toEqual({ attended: 0, valid: 0, invalid: 0, other: 0, known: 0, scheduled: 50 });
      // P3 lowers the lesson's coverage: 100 of 150 minutes known.
      expect(measurePupil([imported({ mark: record(true, { attended: 50 }) })], [], D, D).coverage).toBe(1);
      expect(measurePupil([imported()], [], D, D).coverage).toBe(0);
    });

    it('isReported false: preliminary minutes are ignored, covers decide', () => {
      const preliminary = record(false, { attended: 10, invalid: 40 });
      expect(minutes(imported({ mark: preliminary }))).toMatchObject({ known: 0, attended: 0, invalid: 0 });
      expect(minutes(imported({ mark: preliminary }), [report('08:00', '12:00', 'leave')])).toMatchObject({
        valid: 50,
        known: 50,
        invalid: 0,
      });
    });

    it('a partly covering report: covered minutes valid, the rest unknown', () => {
      expect(minutes(imported(), [report('08:40', '10:00')])).toEqual({
        attended: 0,
        valid: 20,
        invalid: 0,
        other: 0,
        known: 20,
        scheduled: 50,
      });
    });

    it('two absences of either type cover the lesson together (their union)', () => {
      const covers = [report('08:00', '08:30'), report('08:20', '09:30', 'leave')];
      expect(minutes(imported(), covers)).toMatchObject({ valid: 50, known: 50 });
      // Without the second, only the first 20 minutes.
      expect(minutes(imported(), covers.slice(0, 1))).toMatchObject({ valid: 20, known: 20 });
    });

    it('a staff reason alone makes nothing known for a pupil without a reported record', () => {
      expect(minutes(imported(), [report('08:00', '09:00', 'staffReason')])).toMatchObject({ known: 0 });
    });

    it('a reported record is taken as given even when a report covers the lesson', () => {
      expect(minutes(imported({ mark: record(true, { attended: 50 }) }), [report('07:45', '17:00')])).toMatchObject({
        attended: 50,
        valid: 0,
      });
    });

    it('a mark registered in Närvaro on an imported lesson registers that pupil', () => {
      expect(minutes(imported({ mark: { kind: 'absent' } }), [report('08:10', '08:30')])).toMatchObject({
        valid: 20,
        invalid: 30,
        known: 50,
      });
    });

    it('a lesson confirmed in Närvaro keeps present by default', () => {
      expect(minutes(imported({ confirmedBy: 'narvaro' }))).toMatchObject({ attended: 50, known: 50 });
      expect(minutes(imported({ confirmedBy: undefined }))).toMatchObject({ attended: 50, known: 50 });
    });
  });

  it('4. clock overlap maps onto teaching minutes proportionally, rounded once', () => {
    // 80 clock minutes hold 60 teaching minutes: one clock minute is 0.75 teaching minutes.
    const long = (mark: AttendanceMark) => lesson(D, '08:00', '09:20', { teachingMinutes: 60, mark });
    expect(minutes(long({ kind: 'absent' }), [report('08:00', '08:10')])).toMatchObject({ valid: 8, invalid: 52 }); // 7.5 → 8
    expect(minutes(long({ kind: 'absent' }), [report('08:00', '08:40')])).toMatchObject({ valid: 30, invalid: 30 });
    // Late 15 teaching minutes = the first 20 clock minutes; the cover overlaps 10 of them.
    expect(minutes(long({ kind: 'late', minutes: 15 }), [report('08:10', '08:40')])).toMatchObject({
      attended: 45,
      valid: 8,
      invalid: 7,
    });
    // Two 1.5-minute pieces make 3 minutes, not 2 + 2.
    expect(minutes(long({ kind: 'absent' }), [report('08:00', '08:02'), report('08:04', '08:06')])).toMatchObject({
      valid: 3,
    });
  });

  it('5. an absent day needs every scheduled minute known and absent; runs skip non-school days', () => {
    const allAbsent = Object.fromEntries([1, 2, 3, 4, 5].map((i) => [i, { mark: { kind: 'absent' } as const }]));
    const lessons = [
      ...schoolDay('2026-01-09', allAbsent), // Friday
      ...schoolDay('2026-01-12', allAbsent), // Monday: the weekend does not break the run
      ...schoolDay('2026-01-13', { ...allAbsent, 5: { isConfirmed: false } }), // unknown lesson: not an absent day
      ...schoolDay('2026-01-14', allAbsent),
      ...schoolDay('2026-01-15', { ...allAbsent, 5: { mark: { kind: 'other' } } }), // other activity: not an absent day
    ];
    expect(measurePupil(lessons, [], '2026-01-09', '2026-01-15')).toMatchObject({
      schoolDays: 5,
      absentDays: 3,
      absenceOccasions: 5,
      longestRun: 2,
    });
  });

  it('8. the per-pupil teaching length is the scheduled time, not the clock time', () => {
    expect(minutes(marked({ kind: 'absent' }, { teachingMinutes: 40 }))).toMatchObject({ scheduled: 40, invalid: 40 });
  });

  it('9. month-to-date needs five distinct days with known minutes in the month', () => {
    const known = (date: string) => day(date, { scheduled: 300, attended: 300 });
    const unknown = (date: string) => day(date, { scheduled: 300 });
    const days = [
      known('2026-01-30'),
      known('2026-02-02'),
      known('2026-02-03'),
      known('2026-02-04'),
      unknown('2026-02-05'),
      known('2026-02-06'),
    ];
    expect(hasMonthToDateMinimum(days, '2026-02-06')).toBe(false);
    expect(hasMonthToDateMinimum([...days, known('2026-02-09')], '2026-02-09')).toBe(true);
    expect(hasMonthToDateMinimum([...days, known('2026-02-09')], '2026-02-06')).toBe(false);
  });

  it('10. imported minutes count as absence but never as lateness', () => {
    const outcome = lessonOutcome(
      marked({ kind: 'imported', isReported: true, attended: 45, valid: 0, invalid: 15, other: 0 }),
      [],
    );
    expect(outcome).toMatchObject({ invalid: 15, lateCount: 0, lateMinutes: 0 });
  });

  it('10. imported minutes beyond the teaching length are cut, absence kept first', () => {
    const outcome = lessonOutcome(
      marked({ kind: 'imported', isReported: true, attended: 10, valid: 50, invalid: 30, other: 5 }),
      [],
    );
    expect(outcome).toMatchObject({ valid: 50, invalid: 10, other: 0, attended: 0, known: 60 });
  });

  it('11. a period is exactly its inclusive dates, across New Year too', () => {
    const absentDay = (date: string) => day(date, { scheduled: 300, invalid: 300 });
    const days = [
      day('2025-12-18', { scheduled: 300, attended: 300 }),
      absentDay('2025-12-19'), // last day before the Christmas holiday
      day('2025-12-22'), // a roll-up row with nothing scheduled is not a school day
      absentDay('2026-01-08'), // first day after it
      day('2026-01-09', { scheduled: 300, attended: 240, invalid: 60 }),
    ];
    expect(sumDays(days, '2025-12-19', '2026-01-08')).toMatchObject({
      scheduled: 600,
      schoolDays: 2,
      absentDays: 2,
      longestRun: 2,
    });
    expect(sumDays(days, '2025-12-01', '2026-01-31')).toMatchObject({
      scheduled: 1200,
      invalid: 660,
      absenceOccasions: 3,
      longestRun: 2,
    });
    expect(sumDays(days, '2025-12-20', '2026-01-07')).toMatchObject({ scheduled: 0, schoolDays: 0, coverage: null });
  });
});

describe('days and periods', () => {
  it('groups outcomes by date, sorted, and merges duplicate day rows', () => {
    const outcomes = [...schoolDay('2026-01-13'), ...schoolDay('2026-01-12', { 2: { mark: { kind: 'absent' } } })].map(
      (l) => lessonOutcome(l, []),
    );
    const days = dayFigures(outcomes);
    expect(days.map((d) => [d.date, d.scheduled, d.invalid])).toEqual([
      ['2026-01-12', 300, 60],
      ['2026-01-13', 300, 0],
    ]);
    // Two rows for one date are one school day: 300 of 300 absent.
    expect(
      sumDays([day(D, { scheduled: 120, invalid: 120 }), day(D, { scheduled: 180, valid: 180 })], D, D),
    ).toMatchObject({ absentDays: 1, schoolDays: 1 });
  });

  it('sums one calendar month', () => {
    const days = [
      day('2026-01-31', { scheduled: 60, invalid: 60 }),
      day('2026-02-01', { scheduled: 60, attended: 60 }),
      day('2026-02-28', { scheduled: 60, valid: 60 }),
    ];
    expect(monthFigures(days, '2026-02')).toMatchObject({
      from: '2026-02-01',
      to: '2026-02-28',
      scheduled: 120,
      absent: 60,
      absentRate: 0.5,
    });
  });

  it('trend compares the last 28 days with the 28 before', () => {
    const days = [
      day('2026-01-04', { scheduled: 100, attended: 100 }), // 56 days back: outside both windows
      day('2026-01-05', { scheduled: 100, attended: 90, invalid: 10 }), // first day of "previous"
      day('2026-02-01', { scheduled: 100, attended: 90, valid: 10 }), // last day of "previous"
      day('2026-02-02', { scheduled: 100, attended: 50, invalid: 50 }), // first day of "recent"
      day('2026-03-01', { scheduled: 100, attended: 90, invalid: 10 }), // the date itself
    ];
    const { recent, previous, change } = trend(days, '2026-03-01');
    expect([recent.from, recent.to, previous.from, previous.to]).toEqual([
      '2026-02-02',
      '2026-03-01',
      '2026-01-05',
      '2026-02-01',
    ]);
    expect([recent.absentRate, previous.absentRate]).toEqual([0.3, 0.1]);
    expect(change).toBeCloseTo(0.2);
    expect(trend(days, '2026-01-10').change).toBeNull(); // nothing before: no data
  });
});
