/**
 * SS12000 sums of the measures (AggregatedAttendance): the same lesson outcomes as every other
 * figure, so summed over a pupil's activities they equal the pupil's figures for the period.
 */
import { lessonOutcome } from './lesson';
import type { PupilLesson, ValidCover } from './types';

/** Minutes of one pupil at one activity over a period, in SS12000 AggregatedAttendance terms. */
export interface AttendanceSums {
  /** offeredSum: scheduled teaching minutes. */
  offered: number;
  /** reportedSum: minutes of lessons registered for the pupil (see `isReportedForPupil`). */
  reported: number;
  /** attendanceSum. */
  attended: number;
  /** validAbsenceSum (including minutes made valid by a guardian report or leave on an unregistered lesson). */
  valid: number;
  /** invalidAbsenceSum. */
  invalid: number;
  /** otherAttendanceSum. */
  other: number;
}

export const emptyAttendanceSums = (): AttendanceSums => ({
  offered: 0,
  reported: 0,
  attended: 0,
  valid: 0,
  invalid: 0,
  other: 0,
});

/**
 * Whether the pupil's lesson is registered (SS12000 `isReported`): an imported record's own flag,
 * otherwise the lesson's confirmation in Närvaro. The same split as `lessonOutcome` makes between
 * registered lessons and lessons whose minutes are only known through reports and leave.
 */
export function isReportedForPupil(lesson: PupilLesson): boolean {
  return lesson.mark?.kind === 'imported' ? lesson.mark.isReported : lesson.isConfirmed;
}

/** Adds one scheduled lesson of the pupil to `sums` (mutates and returns it). */
export function addLessonSums(
  sums: AttendanceSums,
  lesson: PupilLesson,
  covers: readonly ValidCover[],
): AttendanceSums {
  const outcome = lessonOutcome(lesson, covers);
  sums.offered += outcome.scheduled;
  if (isReportedForPupil(lesson)) sums.reported += outcome.scheduled;
  sums.attended += outcome.attended;
  sums.valid += outcome.valid;
  sums.invalid += outcome.invalid;
  sums.other += outcome.other;
  return sums;
}
