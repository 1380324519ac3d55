/**
 * How a demo pupil attends: a stateful day-by-day model per pupil.
 *
 * Every pupil gets the baseline (illness episodes that guardians mostly report, the odd dentist
 * visit, a little lateness and a rare skipped lesson — about 3–6 % absence, mostly valid). A
 * planted scenario adds its pattern on top. The model is run for every school day of the year
 * whatever `today` is, so the past never changes when the demo date moves; the generator only
 * decides which of the results are already visible.
 *
 * Patterns that tests and demos rely on (a month over 40 %, two months over 20 %, mostly Mondays)
 * use quotas — a fixed share of the eligible days, chosen at random — rather than per-day
 * probabilities, so that they hold for every seed, not just on average.
 */
import { daysBetween, isoWeekday, termOf } from './calendar.js';
import { type Rng, normal, randInt, shuffled } from './prng.js';

/** Names of the planted patterns, as listed in `DemoData.scenarios`. */
export type ScenarioPattern =
  | 'monthOver40Percent'
  | 'twoConsecutiveMonthsOver20Percent'
  | 'risingAbsence'
  | 'mondayAbsence'
  | 'firstLessonAbsence'
  | 'subjectAbsence'
  | 'nearHomeStayer'
  | 'scatteredInvalidAbsence'
  | 'protectedIdentityConcerningAbsence'
  | 'adjustedStudyPlan'
  | 'classChange'
  | 'newArrival'
  | 'leftSchool'
  | 'longGrantedLeave';

/** A planted pattern with its parameters. */
export interface ScenarioSpec {
  pattern: ScenarioPattern;
  /** twoConsecutiveMonthsOver20Percent: the two months, 'YYYY-MM'. */
  months?: [string, string];
  /** subjectAbsence: the avoided subject. */
  subject?: string;
}

/** A scheduled, non-cancelled lesson of the pupil on the day, in time order. */
export interface LessonInfo {
  subject: string;
  /** Minutes after local midnight. */
  start: number;
  end: number;
}

/** Minutes of one lesson by SS12000 Attendance column; they sum to the lesson length. */
export interface LessonMinutes {
  attended: number;
  valid: number;
  invalid: number;
  other: number;
}

/** The pupil's day: one entry per lesson, and the guardian report (local minutes) if any. */
export interface DayResult {
  lessons: LessonMinutes[];
  report: { start: number; end: number } | null;
}

/** A granted leave over school days `first`..`last`. */
export interface LeaveSpan {
  first: string;
  last: string;
}

type WholeDay = 'reported' | 'unreported';
type Mark = { kind: 'present' } | { kind: 'absent'; valid: boolean } | { kind: 'late'; minutes: number };

interface DayCtx {
  date: string;
  weekday: number;
  month: string;
  /** 0 at the first school day of the term, 1 at the last. */
  termProgress: number;
}

/** Scenario hooks; `null` falls through to the baseline. */
interface Behaviour {
  illnessFactor: number;
  wholeDay(ctx: DayCtx): WholeDay | null;
  lesson(ctx: DayCtx, lesson: LessonInfo, position: number): Mark | null;
}

const BASE = {
  // Tuned with the ladder's exits so that about one pupil in eight is on a Stockholm step (issue 16 item 6).
  illnessStartPerDay: 0.012,
  /** Chance that an illness goes on another day (up to five): most colds are one or two days. */
  illnessContinues: 0.4,
  illnessReportedShare: 0.93,
  partialReportPerDay: 0.004,
  staffValidPerLesson: 0.001,
  invalidPerLesson: 0.002,
  lateFirstLesson: 0.012,
  lateOtherLesson: 0.003,
};

/**
 * Colds peak in winter: relative illness rate per calendar month. Low at the start of the school
 * year: August has only about ten school days, so one sick day is already 10 % of the month.
 */
const SEASON: Record<number, number> = {
  1: 1.6,
  2: 1.7,
  3: 1.4,
  4: 0.9,
  5: 0.8,
  6: 0.6,
  8: 0.35,
  9: 0.6,
  10: 0.7,
  11: 1.5,
  12: 1.5,
};

/** Whole-day report window: covers every lesson of both units. */
export const WHOLE_DAY_REPORT = { start: 8 * 60, end: 17 * 60 };

const PRESENT: Mark = { kind: 'present' };
const ABSENT_INVALID: Mark = { kind: 'absent', valid: false };
const ABSENT_VALID: Mark = { kind: 'absent', valid: true };

/** Day-by-day attendance of one pupil. Call `day` once per school day, in date order. */
export class PupilAbsenceModel {
  private illnessDaysLeft = 0;
  private readonly behaviour: Behaviour;
  private readonly progress = new Map<string, number>();

  /**
   * @param scenario planted pattern, or undefined for a baseline pupil
   * @param schoolDays the school days of the pupil's unit, in order
   * @param rng the pupil's own stream
   */
  constructor(
    scenario: ScenarioSpec | undefined,
    schoolDays: readonly string[],
    private readonly rng: Rng,
  ) {
    for (const term of new Set(schoolDays.map((d) => termOf(d)!))) {
      const days = schoolDays.filter((d) => termOf(d) === term);
      for (const [i, d] of days.entries()) this.progress.set(d, days.length > 1 ? i / (days.length - 1) : 0);
    }
    this.behaviour = behaviourFor(scenario, schoolDays, rng);
  }

  /** Outcome of one school day for the given lessons. */
  day(date: string, lessons: readonly LessonInfo[], classOnOtherActivity: boolean): DayResult {
    const rng = this.rng;
    const ctx: DayCtx = {
      date,
      weekday: isoWeekday(date),
      month: date.slice(0, 7),
      termProgress: this.progress.get(date) ?? 0,
    };
    const whole = this.wholeDay(ctx);
    if (whole) {
      const report = whole === 'reported' ? WHOLE_DAY_REPORT : null;
      return {
        lessons: lessons.map((l) => minutesFor(l, whole === 'reported' ? ABSENT_VALID : ABSENT_INVALID, report)),
        report,
      };
    }

    let report: DayResult['report'] = null;
    if (lessons.length >= 2 && rng() < BASE.partialReportPerDay) {
      // An appointment (dentist, BUP…) reported in advance, covering one or two lessons.
      const first = randInt(rng, 0, lessons.length - 2);
      const last = first + randInt(rng, 0, 1);
      report = { start: lessons[first].start - 5, end: lessons[last].end + 5 };
    }
    return {
      report,
      lessons: lessons.map((lesson, position) => {
        if (report && overlap(lesson, report) > 0) return minutesFor(lesson, PRESENT, report);
        if (classOnOtherActivity) return { attended: 0, valid: 0, invalid: 0, other: lesson.end - lesson.start };
        return minutesFor(lesson, this.behaviour.lesson(ctx, lesson, position) ?? this.baseMark(position), null);
      }),
    };
  }

  private wholeDay(ctx: DayCtx): WholeDay | null {
    const rng = this.rng;
    if (this.illnessDaysLeft > 0) {
      this.illnessDaysLeft--;
      return rng() < BASE.illnessReportedShare ? 'reported' : 'unreported';
    }
    const planted = this.behaviour.wholeDay(ctx);
    if (planted) return planted;
    const startRate =
      BASE.illnessStartPerDay * (SEASON[Number(ctx.month.slice(5))] ?? 1) * this.behaviour.illnessFactor;
    if (rng() >= startRate) return null;
    let length = 1;
    while (length < 5 && rng() < BASE.illnessContinues) length++;
    this.illnessDaysLeft = length - 1;
    return rng() < BASE.illnessReportedShare ? 'reported' : 'unreported';
  }

  private baseMark(position: number): Mark {
    const rng = this.rng;
    const r = rng();
    if (r < BASE.staffValidPerLesson) return ABSENT_VALID; // e.g. a visit to the school nurse
    if (r < BASE.staffValidPerLesson + BASE.invalidPerLesson) return ABSENT_INVALID;
    const lateRate = position === 0 ? BASE.lateFirstLesson : BASE.lateOtherLesson;
    return rng() < lateRate ? { kind: 'late', minutes: randInt(rng, 3, 15) } : PRESENT;
  }
}

/** Minutes of `lesson` inside `window` (both in local minutes). */
function overlap(lesson: LessonInfo, window: { start: number; end: number }): number {
  return Math.max(0, Math.min(lesson.end, window.end) - Math.max(lesson.start, window.start));
}

/**
 * Attendance columns of one lesson. Minutes covered by a guardian report are valid absence
 * whatever the teacher saw; the rest follows the mark (late minutes are invalid, seed 001).
 */
function minutesFor(lesson: LessonInfo, mark: Mark, report: DayResult['report']): LessonMinutes {
  const length = lesson.end - lesson.start;
  const covered = report ? overlap(lesson, report) : 0;
  const rest = length - covered;
  switch (mark.kind) {
    case 'present':
      return { attended: rest, valid: covered, invalid: 0, other: 0 };
    case 'absent':
      return mark.valid
        ? { attended: 0, valid: length, invalid: 0, other: 0 }
        : { attended: 0, valid: covered, invalid: rest, other: 0 };
    case 'late': {
      const late = Math.min(mark.minutes, rest - 1);
      return { attended: rest - late, valid: covered, invalid: late, other: 0 };
    }
  }
}

/** A share of `days`, picked at random; the basis of the robust patterns. */
function quota(rng: Rng, days: readonly string[], share: number): Set<string> {
  return new Set(shuffled(rng, days).slice(0, Math.round(days.length * share)));
}

const either = (rng: Rng, reportedShare: number): WholeDay => (rng() < reportedShare ? 'reported' : 'unreported');

function behaviourFor(scenario: ScenarioSpec | undefined, schoolDays: readonly string[], rng: Rng): Behaviour {
  const none = () => null;
  // Baseline variation: most pupils are rarely ill, a few often (log-normal, mean 1; σ = 0.7 so
  // that bad months gather in fewer pupils, as in a real school).
  const frailty = Math.exp(normal(rng) * 0.7 - 0.245);
  const base: Behaviour = { illnessFactor: frailty, wholeDay: none, lesson: none };
  const inMonth = (m: string) => schoolDays.filter((d) => d.startsWith(m));

  switch (scenario?.pattern) {
    case 'monthOver40Percent': {
      const absentDays = quota(rng, inMonth('2026-01'), 0.6);
      return {
        ...base,
        // Rarely ill otherwise, so that January stands out as the one bad month.
        illnessFactor: 0.4,
        wholeDay: (c) => (absentDays.has(c.date) ? either(rng, 0.5) : null),
        lesson: (c) => {
          const rate = c.month === '2026-01' ? 0.12 : 0.03;
          return rng() < rate ? ABSENT_INVALID : null;
        },
      };
    }
    case 'twoConsecutiveMonthsOver20Percent': {
      const [first, second] = scenario.months ?? ['2026-02', '2026-03'];
      const absentDays = new Set([...quota(rng, inMonth(first), 0.33), ...quota(rng, inMonth(second), 0.33)]);
      return { ...base, wholeDay: (c) => (absentDays.has(c.date) ? either(rng, 0.5) : null) };
    }
    case 'risingAbsence':
      return {
        ...base,
        wholeDay: (c) => (rng() < 0.02 + 0.55 * c.termProgress ** 1.6 ? either(rng, 0.4) : null),
        lesson: (c) => (rng() < 0.01 + 0.08 * c.termProgress ? ABSENT_INVALID : null),
      };
    case 'mondayAbsence': {
      const absentMondays = quota(
        rng,
        schoolDays.filter((d) => isoWeekday(d) === 1),
        0.55,
      );
      return { ...base, illnessFactor: 0.7, wholeDay: (c) => (absentMondays.has(c.date) ? either(rng, 0.3) : null) };
    }
    case 'firstLessonAbsence':
      return {
        ...base,
        lesson: (_c, _l, position) => {
          if (position !== 0 || rng() >= 0.45) return null;
          return rng() < 0.55 ? ABSENT_INVALID : { kind: 'late', minutes: randInt(rng, 10, 35) };
        },
      };
    case 'subjectAbsence': {
      const subject = scenario.subject;
      return { ...base, lesson: (_c, l) => (l.subject === subject && rng() < 0.92 ? ABSENT_INVALID : null) };
    }
    case 'nearHomeStayer':
      return {
        ...base,
        wholeDay: (c) => {
          const rate = c.date < '2026-04-01' ? 0.12 : c.date < '2026-08-01' ? 0.3 : c.date < '2026-09-14' ? 0.5 : 0.9;
          return rng() < rate ? either(rng, 0.55) : null;
        },
        lesson: () => (rng() < 0.15 ? ABSENT_INVALID : null),
      };
    case 'scatteredInvalidAbsence':
      return {
        ...base,
        lesson: () => {
          const r = rng();
          if (r < 0.035) return ABSENT_INVALID;
          return r < 0.11 ? { kind: 'late', minutes: randInt(rng, 3, 20) } : null;
        },
      };
    case 'protectedIdentityConcerningAbsence':
      return {
        ...base,
        wholeDay: (c) => (rng() < (c.date < '2026-08-01' ? 0.1 : 0.22) ? either(rng, 0.35) : null),
        lesson: (_c, _l, position) =>
          position === 0 && rng() < 0.15 ? { kind: 'late', minutes: randInt(rng, 5, 25) } : null,
      };
    default:
      return base;
  }
}

/**
 * Granted leaves of a pupil. About one pupil in ten has a few days' leave next to a school
 * break (the typical family trip); the 'longGrantedLeave' pupil has two weeks in September.
 */
export function planLeaves(scenario: ScenarioSpec | undefined, schoolDays: readonly string[], rng: Rng): LeaveSpan[] {
  if (scenario?.pattern === 'longGrantedLeave') {
    const start = schoolDays.findIndex((d) => d >= '2026-09-21');
    return start >= 0
      ? [{ first: schoolDays[start], last: schoolDays[Math.min(start + 9, schoolDays.length - 1)] }]
      : [];
  }
  if (rng() >= 0.1) return [];
  // Index i is the last school day before a break longer than a weekend.
  const beforeBreak = schoolDays
    .map((_, i) => i)
    .filter((i) => i + 1 < schoolDays.length && daysBetween(schoolDays[i], schoolDays[i + 1]) > 3);
  if (beforeBreak.length === 0) return [];
  const i = beforeBreak[Math.floor(rng() * beforeBreak.length)];
  const length = randInt(rng, 2, 4);
  const [first, last] = rng() < 0.7 ? [i - length + 1, i] : [i + 1, i + length];
  return [{ first: schoolDays[Math.max(0, first)], last: schoolDays[Math.min(last, schoolDays.length - 1)] }];
}
