/** Lesson registration contract (teacher's "Mina lektioner idag" and the register view). */
import { Type, type Static } from 'typebox';
import { IsoDate, Uuid } from './common.js';

export const MARK_KINDS = ['absent', 'late', 'left', 'other'] as const;
export const MarkKind = Type.Enum(MARK_KINDS);
export type MarkKind = (typeof MARK_KINDS)[number];

export const LessonSummary = Type.Object({
  id: Uuid,
  activityName: Type.String(),
  groupNames: Type.Array(Type.String()),
  schoolUnitName: Type.String(),
  date: IsoDate,
  startTime: Type.String({ description: 'HH:MM local' }),
  endTime: Type.String({ description: 'HH:MM local' }),
  teachingMinutes: Type.Integer(),
  isCancelled: Type.Boolean(),
  isConfirmed: Type.Boolean(),
  confirmedAt: Type.Union([Type.String(), Type.Null()]),
  pupilCount: Type.Integer(),
  /** The actor teaches this lesson as a substitute. */
  isSubstitute: Type.Boolean(),
});
export type LessonSummary = Static<typeof LessonSummary>;

export const MyLessonsQuery = Type.Object({ date: Type.Optional(IsoDate) });
export const MyLessonsResponse = Type.Object({ date: IsoDate, lessons: Type.Array(LessonSummary) });
export type MyLessonsResponse = Static<typeof MyLessonsResponse>;

/** The signed-in teacher's past lessons still without a kvittens (the last `days` days, today included). */
export const UnconfirmedLessonsResponse = Type.Object({
  from: IsoDate,
  to: IsoDate,
  lessons: Type.Array(LessonSummary),
});
export type UnconfirmedLessonsResponse = Static<typeof UnconfirmedLessonsResponse>;

/** A guardian report, leave or staff reason covering (part of) the lesson. */
export const CoveringAbsence = Type.Object({
  id: Uuid,
  kind: Type.Union([Type.Literal('guardianReport'), Type.Literal('leave'), Type.Literal('staffReason')]),
  /** Covers the whole lesson, or only part of it. */
  isWholeLesson: Type.Boolean(),
  coveredMinutes: Type.Integer(),
});
export type CoveringAbsence = Static<typeof CoveringAbsence>;

export const RosterEntry = Type.Object({
  personId: Uuid,
  givenName: Type.String(),
  familyName: Type.String(),
  /** Skyddad folkbokföring / sekretessmarkering: show the name, never location data. */
  isProtected: Type.Boolean(),
  teachingMinutes: Type.Integer(),
  mark: Type.Union([
    Type.Null(),
    Type.Object({
      kind: Type.Enum([...MARK_KINDS, 'imported']),
      minutes: Type.Union([Type.Integer(), Type.Null()]),
      reasonCode: Type.Union([Type.String(), Type.Null()]),
      comment: Type.Union([Type.String(), Type.Null()]),
    }),
  ]),
  covering: Type.Array(CoveringAbsence),
  /** The signed-in user may change this pupil's registration (a mentor only their mentees). */
  canChange: Type.Boolean(),
});
export type RosterEntry = Static<typeof RosterEntry>;

export const MarkHistoryEntry = Type.Object({
  personId: Uuid,
  pupilName: Type.String(),
  previous: Type.Union([Type.Null(), Type.Record(Type.String(), Type.Unknown())]),
  next: Type.Union([Type.Null(), Type.Record(Type.String(), Type.Unknown())]),
  changedBy: Type.String(),
  changedAt: Type.String(),
  isCorrection: Type.Boolean(),
});
export type MarkHistoryEntry = Static<typeof MarkHistoryEntry>;

/** How many history entries the register view (and a registration's answer) carries: the newest. */
export const HISTORY_PAGE_SIZE = 50;
/** The most entries one page of older history may ask for. */
export const HISTORY_PAGE_MAX = 200;

/** Where a page of history ends: pass it as `before` to get the entries older than those shown. Opaque. */
export const HistoryCursor = Type.String({ pattern: '^[0-9]{1,18}$', maxLength: 18 });

/**
 * Part of a lesson's change history, newest first. A lesson corrected hundreds of times would
 * otherwise answer every registration with hundreds of rows.
 */
const historyPage = {
  /** The entries, newest first. */
  history: Type.Array(MarkHistoryEntry),
  /** How many entries the lesson's history holds in all. */
  historyTotal: Type.Integer({ minimum: 0 }),
  /** `before` for the next older entries; null when there are none. */
  historyCursor: Type.Union([HistoryCursor, Type.Null()]),
};

/** A page of a lesson's older history (`GET /api/lessons/:id/history`). */
export const LessonHistoryPage = Type.Object(historyPage);
export type LessonHistoryPage = Static<typeof LessonHistoryPage>;

export const LessonHistoryQuery = Type.Object({
  /** The `historyCursor` of the page shown; without it the newest entries. */
  before: Type.Optional(HistoryCursor),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: HISTORY_PAGE_MAX, default: HISTORY_PAGE_SIZE })),
});
export type LessonHistoryQuery = Static<typeof LessonHistoryQuery>;

export const LessonDetail = Type.Object({
  lesson: LessonSummary,
  roster: Type.Array(RosterEntry),
  /** The newest HISTORY_PAGE_SIZE entries; older ones from the history endpoint. */
  ...historyPage,
  /** What the actor may do: register (own lesson), correct (mentor/rektor), or only read. */
  access: Type.Union([Type.Literal('register'), Type.Literal('correct'), Type.Literal('read')]),
  confirmedBy: Type.Union([Type.String(), Type.Null()]),
});
export type LessonDetail = Static<typeof LessonDetail>;

export const MarkInput = Type.Object({
  personId: Uuid,
  /** 'present' is only needed to override an imported registration; unlisted pupils are present. */
  kind: Type.Enum([...MARK_KINDS, 'present']),
  /** Required for late (minutes after start) and left (minutes remaining). */
  minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 600 })),
  reasonCode: Type.Optional(Type.String({ maxLength: 50 })),
  comment: Type.Optional(Type.String({ maxLength: 500 })),
});
export type MarkInput = Static<typeof MarkInput>;

/** Registers and confirms the lesson in one action; pupils not listed are present. */
export const RegisterLessonRequest = Type.Object({ marks: Type.Array(MarkInput, { maxItems: 200 }) });
export type RegisterLessonRequest = Static<typeof RegisterLessonRequest>;
