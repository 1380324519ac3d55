import { addDays, weekdayOf } from '../dates';
import { lessonOutcome } from './lesson';
import type { PupilLesson, ValidCover } from './types';

/** The dimensions patterns compare (docs/domain/measures.md, 'Figures for a pupil and an inclusive date range'). */
export type PatternDimension = 'weekday' | 'firstLesson' | 'subject' | 'teacher' | 'afterBreak';

/** One category of one dimension, compared with the pupil's whole period. */
export interface PatternFinding {
  dimension: PatternDimension;
  /** Weekday `1`–`7` (ISO), subject, teacher id, or `true` for the yes/no dimensions. */
  category: string;
  /** Category's absent minutes / all absent minutes (0 when there is no absence). */
  absentShare: number;
  /** Category's scheduled minutes / all scheduled minutes. */
  scheduledShare: number;
  /** `absentShare / scheduledShare`. */
  ratio: number;
  /** Distinct days with absent minutes in this category. */
  occasions: number;
  /** `ratio ≥ PATTERN_MIN_RATIO` and `occasions ≥ PATTERN_MIN_OCCASIONS`. */
  isFlagged: boolean;
}

/** A category is flagged when its absent share is at least this multiple of its scheduled share. */
export const PATTERN_MIN_RATIO = 2;
/** …and it holds at least this many absence occasions in the period. */
export const PATTERN_MIN_OCCASIONS = 3;

const DIMENSIONS: readonly PatternDimension[] = ['weekday', 'firstLesson', 'subject', 'teacher', 'afterBreak'];

/** School days whose previous calendar day was not a school day (the day after a weekend or holiday). */
export function afterBreakDays(schoolDays: readonly string[]): Set<string> {
  const days = new Set(schoolDays);
  return new Set([...days].filter((d) => !days.has(addDays(d, -1))));
}

/**
 * Categories of each dimension a lesson falls in. `isFirstOfDay` and `isAfterBreak` are derived
 * from the pupil's own lessons when the caller leaves them out.
 */
function categorizer(lessons: readonly PupilLesson[]): (l: PupilLesson) => Record<PatternDimension, string[]> {
  const firstStart = new Map<string, number>();
  for (const l of lessons) firstStart.set(l.date, Math.min(l.start, firstStart.get(l.date) ?? Infinity));
  const afterBreak = afterBreakDays([...firstStart.keys()]);
  const yes = (flag: boolean) => (flag ? ['true'] : []);
  return (l) => ({
    weekday: [String(weekdayOf(l.date))],
    firstLesson: yes(l.isFirstOfDay ?? l.start === firstStart.get(l.date)),
    subject: l.subject === undefined ? [] : [l.subject],
    teacher: [...new Set(l.teacherIds ?? [])],
    afterBreak: yes(l.isAfterBreak ?? afterBreak.has(l.date)),
  });
}

/**
 * Absence patterns over `from..to` (docs/domain/measures.md, 'Figures for a pupil and an inclusive date range'): per category, the share of the
 * pupil's absent minutes against the share of scheduled minutes.
 * @param lessons the pupil's lessons; those outside the range only help derive first lesson and after-break
 * @returns every category with scheduled minutes, by dimension, highest ratio first
 */
export function findPatterns(
  lessons: readonly PupilLesson[],
  covers: readonly ValidCover[],
  from: string,
  to: string,
): PatternFinding[] {
  const categoriesOf = categorizer(lessons);
  const totals = { scheduled: 0, absent: 0 };
  const tallies = new Map<
    string,
    { dimension: PatternDimension; category: string; scheduled: number; absent: number; days: Set<string> }
  >();
  for (const lesson of lessons) {
    if (lesson.date < from || lesson.date > to) continue;
    const outcome = lessonOutcome(lesson, covers);
    const absent = outcome.valid + outcome.invalid;
    totals.scheduled += outcome.scheduled;
    totals.absent += absent;
    const categories = categoriesOf(lesson);
    for (const dimension of DIMENSIONS) {
      for (const category of categories[dimension]) {
        const key = `${dimension}\u0000${category}`;
        let tally = tallies.get(key);
        if (!tally) tallies.set(key, (tally = { dimension, category, scheduled: 0, absent: 0, days: new Set() }));
        tally.scheduled += outcome.scheduled;
        tally.absent += absent;
        if (absent > 0) tally.days.add(lesson.date);
      }
    }
  }
  return [...tallies.values()]
    .filter((t) => t.scheduled > 0)
    .map((t) => {
      // One division of integer products, so a ratio of exactly 2 is not lost to rounding.
      const ratio = totals.absent > 0 ? (t.absent * totals.scheduled) / (totals.absent * t.scheduled) : 0;
      return {
        dimension: t.dimension,
        category: t.category,
        absentShare: totals.absent > 0 ? t.absent / totals.absent : 0,
        scheduledShare: t.scheduled / totals.scheduled,
        ratio,
        occasions: t.days.size,
        isFlagged: ratio >= PATTERN_MIN_RATIO && t.days.size >= PATTERN_MIN_OCCASIONS,
      };
    })
    .sort(
      (a, b) =>
        DIMENSIONS.indexOf(a.dimension) - DIMENSIONS.indexOf(b.dimension) ||
        b.ratio - a.ratio ||
        (a.category < b.category ? -1 : 1),
    );
}
