import type { AttendanceMark, LessonOutcome, PupilLesson, ValidCover } from './types';

/**
 * Cover kinds that make minutes of an unregistered lesson known valid absence. docs/domain/measures.md
 * names only guardian reports and granted leave here; a staff reason counts as valid only
 * against absence a teacher (or an import) registered.
 */
export const COVERS_KNOWN_WITHOUT_REGISTRATION: ReadonlySet<ValidCover['kind']> = new Set(['guardianReport', 'leave']);

/** Whole minutes in `[0, max]`; garbage counts as 0. */
function clampMinutes(minutes: number, max: number): number {
  return Number.isFinite(minutes) ? Math.min(max, Math.max(0, Math.round(minutes))) : 0;
}

/**
 * Teaching minutes within `[from, to]` (teaching-minute offsets from the lesson start) that the
 * union of `covers` overlaps. Clock time maps onto teaching time proportionally and the total is
 * rounded once (measures D4); taking the union means overlapping covers never count twice.
 */
export function coveredTeachingMinutes(
  lesson: PupilLesson,
  covers: readonly ValidCover[],
  from: number,
  to: number,
): number {
  const clockMs = lesson.end - lesson.start;
  if (clockMs <= 0) {
    // A lesson without clock length is covered when a cover contains its start.
    return covers.some((c) => c.start <= lesson.start && lesson.start < c.end) ? to - from : 0;
  }
  const scale = clampMinutes(lesson.teachingMinutes, Infinity) / clockMs;
  const spans = covers
    .map((c) => [Math.max(from, (c.start - lesson.start) * scale), Math.min(to, (c.end - lesson.start) * scale)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let reached = from;
  for (const [a, b] of spans) {
    if (b > reached) {
      total += b - Math.max(a, reached);
      reached = b;
    }
  }
  return Math.round(total);
}

/**
 * The state of one pupil at one lesson in minutes (docs/domain/measures.md, 'One state per pupil and lesson').
 * Validity is derived from `covers` at call time, so a report that arrives after the teacher
 * confirmed the lesson still turns the covered absent minutes valid (measures D2).
 * @param lesson the pupil's scheduled lesson
 * @param covers the pupil's guardian reports, leave and staff reasons (any range; only overlap matters)
 * @returns minutes with `attended + valid + invalid + other = known ≤ scheduled`
 */
export function lessonOutcome(lesson: PupilLesson, covers: readonly ValidCover[]): LessonOutcome {
  const len = clampMinutes(lesson.teachingMinutes, Infinity);
  const outcome: LessonOutcome = {
    lessonId: lesson.lessonId,
    date: lesson.date,
    scheduled: len,
    known: 0,
    attended: 0,
    valid: 0,
    invalid: 0,
    other: 0,
    lateCount: 0,
    lateMinutes: 0,
  };
  const finish = (): LessonOutcome => {
    outcome.known = outcome.attended + outcome.valid + outcome.invalid + outcome.other;
    return outcome;
  };
  // Absence over teaching minutes [from, to]: valid as far as covered, the rest invalid; the rest of the lesson attended.
  const absentOver = (from: number, to: number): LessonOutcome => {
    outcome.valid = Math.min(to - from, coveredTeachingMinutes(lesson, covers, from, to));
    outcome.invalid = to - from - outcome.valid;
    outcome.attended = len - (to - from);
    return finish();
  };
  const mark: AttendanceMark | undefined = lesson.mark;

  if (mark?.kind === 'imported' && mark.isReported) {
    // Taken as given (measures D2, D10). If the source's minutes exceed the pupil's teaching length,
    // absence keeps its minutes first and attendance gets what is left.
    let room = len;
    for (const field of ['valid', 'invalid', 'other', 'attended'] as const) {
      outcome[field] = clampMinutes(mark[field], room);
      room -= outcome[field];
    }
    return finish();
  }
  // A lesson confirmed by an import registers only the pupils with their own Attendance record.
  const isRegisteredForPupil = lesson.isConfirmed && !(lesson.confirmedBy === 'import' && mark === undefined);
  if (!isRegisteredForPupil || mark?.kind === 'imported') {
    // Unregistered (unconfirmed lesson, a pupil without an imported record, or an import saying "not
    // reported", whose preliminary minutes are ignored): only guardian reports and leave make minutes
    // known, as valid absence; the rest stays unknown (measures D3).
    const knownCovers = covers.filter((c) => COVERS_KNOWN_WITHOUT_REGISTRATION.has(c.kind));
    outcome.valid = coveredTeachingMinutes(lesson, knownCovers, 0, len);
    return finish();
  }
  switch (mark?.kind) {
    case undefined:
      outcome.attended = len;
      return finish();
    case 'other':
      outcome.other = len;
      return finish();
    case 'absent':
      return absentOver(0, len);
    case 'late': {
      // Late minutes are absence whatever the reason; valid only where a cover overlaps the first m minutes.
      const m = clampMinutes(mark.minutes, len);
      outcome.lateCount = m > 0 ? 1 : 0;
      outcome.lateMinutes = m;
      return absentOver(0, m);
    }
    case 'left': {
      const m = clampMinutes(mark.minutes, len);
      return absentOver(len - m, len);
    }
  }
}
