/** Pupil page, school pupil list and absence reports. */
import { Type, type Static } from 'typebox';
import { IsoDate, Uuid } from './common.js';

const Rate = Type.Union([Type.Number(), Type.Null()], { description: 'Share 0..1; null = no data' });

export const Figures = Type.Object({
  from: IsoDate,
  to: IsoDate,
  scheduled: Type.Integer(),
  known: Type.Integer(),
  attended: Type.Integer(),
  valid: Type.Integer(),
  invalid: Type.Integer(),
  other: Type.Integer(),
  absent: Type.Integer(),
  coverage: Rate,
  absentRate: Rate,
  validRate: Rate,
  invalidRate: Rate,
  lateCount: Type.Integer(),
  lateMinutes: Type.Integer(),
  absentDays: Type.Integer(),
  absenceOccasions: Type.Integer(),
  longestRun: Type.Integer(),
  schoolDays: Type.Integer(),
});
export type Figures = Static<typeof Figures>;

export const PupilListQuery = Type.Object({
  from: IsoDate,
  to: IsoDate,
  schoolUnitId: Type.Optional(Uuid),
  groupId: Type.Optional(Uuid),
});
export const PupilListRow = Type.Object({
  personId: Uuid,
  givenName: Type.String(),
  familyName: Type.String(),
  isProtected: Type.Boolean(),
  className: Type.Union([Type.String(), Type.Null()]),
  schoolUnitName: Type.Union([Type.String(), Type.Null()]),
  figures: Figures,
});
export type PupilListRow = Static<typeof PupilListRow>;
export const PupilListResponse = Type.Object({ from: IsoDate, to: IsoDate, pupils: Type.Array(PupilListRow) });
export type PupilListResponse = Static<typeof PupilListResponse>;

export const WeekRow = Type.Object({
  weekKey: Type.String(),
  monday: IsoDate,
  figures: Figures,
  isIncomplete: Type.Boolean(),
  hasNoRegistration: Type.Boolean(),
});
export const MonthRow = Type.Object({ monthKey: Type.String(), figures: Figures });
export const PatternRow = Type.Object({
  dimension: Type.String(),
  category: Type.String(),
  absentShare: Type.Number(),
  scheduledShare: Type.Number(),
  ratio: Type.Number(),
  occasions: Type.Integer(),
  isFlagged: Type.Boolean(),
});
export const TimelineLesson = Type.Object({
  lessonId: Uuid,
  date: IsoDate,
  startTime: Type.String(),
  endTime: Type.String(),
  activityName: Type.String(),
  /** present | absent | late | left | other | unknown | valid (covered) | notScheduled */
  state: Type.String(),
  scheduled: Type.Integer(),
  valid: Type.Integer(),
  invalid: Type.Integer(),
  other: Type.Integer(),
  known: Type.Integer(),
  lateMinutes: Type.Integer(),
});
export const GuardianRow = Type.Object({
  personId: Uuid,
  name: Type.String(),
  relationType: Type.String(),
  emails: Type.Array(Type.String()),
  phoneNumbers: Type.Array(Type.String()),
});
export const AbsenceRow = Type.Object({
  id: Uuid,
  kind: Type.String(),
  reasonCode: Type.Union([Type.String(), Type.Null()]),
  startsAt: Type.String(),
  endsAt: Type.String(),
  comment: Type.Union([Type.String(), Type.Null()]),
  source: Type.String(),
  isWithdrawn: Type.Boolean(),
});
export const PupilPage = Type.Object({
  pupil: Type.Object({
    personId: Uuid,
    givenName: Type.String(),
    familyName: Type.String(),
    isProtected: Type.Boolean(),
    birthDate: Type.Union([IsoDate, Type.Null()]),
    classNames: Type.Array(Type.String()),
    schoolUnitName: Type.Union([Type.String(), Type.Null()]),
    schoolYear: Type.Union([Type.Integer(), Type.Null()]),
  }),
  /** Hidden (empty) for pupils with protected identity. */
  guardians: Type.Array(GuardianRow),
  isGuardianInfoHidden: Type.Boolean(),
  period: Type.Object({ from: IsoDate, to: IsoDate }),
  total: Figures,
  months: Type.Array(MonthRow),
  weeks: Type.Array(WeekRow),
  patterns: Type.Array(PatternRow),
  trend: Type.Object({ recent: Figures, previous: Figures, change: Type.Union([Type.Number(), Type.Null()]) }),
  timeline: Type.Array(TimelineLesson),
  absences: Type.Array(AbsenceRow),
});
export type PupilPage = Static<typeof PupilPage>;
export const PupilPageQuery = Type.Object({ from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) });

export const ABSENCE_KINDS = ['guardianReport', 'leave', 'staffReason'] as const;
/** Staff registers a guardian's report, a granted leave or a valid reason (whole or part of days). */
export const RegisterAbsenceRequest = Type.Object({
  kind: Type.Enum(ABSENCE_KINDS),
  fromDate: IsoDate,
  toDate: IsoDate,
  /** Optional HH:MM on fromDate; absent = from the start of the day. */
  fromTime: Type.Optional(Type.String({ pattern: '^\\d{2}:\\d{2}$' })),
  /** Optional HH:MM on toDate; absent = to the end of the day. */
  toTime: Type.Optional(Type.String({ pattern: '^\\d{2}:\\d{2}$' })),
  reasonCode: Type.Optional(Type.String({ maxLength: 50 })),
  comment: Type.Optional(Type.String({ maxLength: 500 })),
});
export type RegisterAbsenceRequest = Static<typeof RegisterAbsenceRequest>;
