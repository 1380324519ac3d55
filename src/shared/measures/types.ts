/** Types of the absence-accounting module; the rules are in `docs/domain/measures.md`. */

/** What was registered for one pupil at one lesson beyond plain presence. */
export type AttendanceMark =
  /** Absent for the whole lesson. */
  | { kind: 'absent' }
  /** Arrived `minutes` teaching minutes after the start. */
  | { kind: 'late'; minutes: number }
  /** Left the lesson with `minutes` teaching minutes remaining. */
  | { kind: 'left'; minutes: number }
  /** At another school-approved activity (prao, study visit, competition). */
  | { kind: 'other' }
  /** SS12000 `Attendance`, taken as given (docs/domain/measures.md D2 and D10). */
  | { kind: 'imported'; isReported: boolean; attended: number; valid: number; invalid: number; other: number };

/** One scheduled lesson for one pupil, already resolved by the caller (membership, cancellation, study plan). */
export interface PupilLesson {
  lessonId: string;
  /** Local date (Europe/Stockholm) of the lesson start, `YYYY-MM-DD`. */
  date: string;
  /** Clock start, epoch ms. */
  start: number;
  /** Clock end, epoch ms. */
  end: number;
  /** Per-pupil teaching length in minutes (may differ from clock time, measures D4 and D8). */
  teachingMinutes: number;
  /** The teacher confirmed the lesson (kvittens). */
  isConfirmed: boolean;
  /**
   * Where the confirmation came from (default 'narvaro'). A kvittens in Närvaro covers the whole
   * roster: an unmarked pupil is present. An SS12000 import confirms pupil by pupil, since
   * `isReported` belongs to each pupil's own Attendance: a pupil without an imported record (or
   * a mark registered here) is not registered at that lesson.
   */
  confirmedBy?: 'narvaro' | 'import';
  /** No mark on a confirmed lesson means present. */
  mark?: AttendanceMark;
  /** First lesson of the pupil's day (patterns); derived from start times when absent. */
  isFirstOfDay?: boolean;
  /** Subject (patterns). */
  subject?: string;
  /** Teachers on duty (patterns). */
  teacherIds?: string[];
  /** First school day after a weekend or holiday (patterns); derived from the pupil's school days when absent. */
  isAfterBreak?: boolean;
}

/** A time range that makes absence valid: guardian report, granted leave or a staff-registered reason. */
export interface ValidCover {
  /** Epoch ms. */
  start: number;
  /** Epoch ms. */
  end: number;
  kind: 'guardianReport' | 'leave' | 'staffReason';
}

/** The minute columns shared by lessons, days and periods. */
export interface MinuteFigures {
  /** Scheduled teaching minutes. */
  scheduled: number;
  /** Scheduled minutes that are not unknown; always `attended + valid + invalid + other`. */
  known: number;
  attended: number;
  /** Valid (excused) absence minutes. */
  valid: number;
  /** Invalid (unexcused) absence minutes. */
  invalid: number;
  /** Other school-approved activity minutes. */
  other: number;
  /** Number of late arrivals registered in Närvaro. */
  lateCount: number;
  /** Minutes of late arrival registered in Närvaro (also counted in valid/invalid). */
  lateMinutes: number;
}

/** The state of one pupil at one lesson, in minutes. */
export interface LessonOutcome extends MinuteFigures {
  lessonId: string;
  date: string;
}

/** One pupil's figures for one date; exactly the shape of the pupil × day roll-up row. */
export interface DayFigures extends MinuteFigures {
  date: string;
}

/** One pupil's figures over an inclusive date range (docs/domain/measures.md, 'Figures for a pupil and an inclusive date range'). */
export interface PeriodFigures extends MinuteFigures {
  from: string;
  to: string;
  /** `valid + invalid`. */
  absent: number;
  /** `known / scheduled`; null when nothing was scheduled. */
  coverage: number | null;
  /** `absent / known`; null ("no data") when `known` is 0. */
  absentRate: number | null;
  /** `valid / known`; null when `known` is 0. */
  validRate: number | null;
  /** `invalid / known`; null when `known` is 0. */
  invalidRate: number | null;
  /** School days on which every scheduled minute was known and absent. */
  absentDays: number;
  /** School days with any absent minutes (frånvarotillfällen). */
  absenceOccasions: number;
  /** Most consecutive absent days among the pupil's school days. */
  longestRun: number;
  /** Days with at least one scheduled minute. */
  schoolDays: number;
}
