/** Guardian portal, leave requests and messages (API contract). */
import { Type, type Static } from 'typebox';
import { IsoDate, Uuid } from './common.js';

/** Non-medical report categories a guardian chooses from (stored as the absence's reason code). */
export const GUARDIAN_REPORT_REASONS = ['reported', 'approvedAppointment'] as const;
const HHMM = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const GuardianReportRequest = Type.Object({
  pupilIds: Type.Array(Uuid, { minItems: 1, maxItems: 10, uniqueItems: true }),
  fromDate: IsoDate,
  toDate: IsoDate,
  /** Part of a day: HH:MM on fromDate / toDate; absent = whole days. */
  fromTime: Type.Optional(HHMM),
  toTime: Type.Optional(HHMM),
  reasonCode: Type.Enum(GUARDIAN_REPORT_REASONS),
  /** No health details (the portal says so). */
  comment: Type.Optional(Type.String({ maxLength: 300 })),
});
export type GuardianReportRequest = Static<typeof GuardianReportRequest>;
export const ChangeReportRequest = Type.Omit(GuardianReportRequest, ['pupilIds']);
export type ChangeReportRequest = Static<typeof ChangeReportRequest>;

export const GuardianChild = Type.Object({
  personId: Uuid,
  givenName: Type.String(),
  familyName: Type.String(),
  className: Nullable(Type.String()),
  schoolName: Nullable(Type.String()),
  /** School days of granted leave this school year up to and including today. */
  leaveDaysThisYear: Type.Integer(),
  /** School days of granted leave this school year after today. */
  leaveDaysPlanned: Type.Integer(),
  /** The child's attendance this term up to today (rates over registered time), or null before any registration. */
  attendanceThisTerm: Nullable(
    Type.Object({
      from: IsoDate,
      to: IsoDate,
      absentRate: Type.Number(),
      validRate: Type.Number(),
      invalidRate: Type.Number(),
      coverage: Nullable(Type.Number()),
    }),
  ),
});
export const GuardianReport = Type.Object({
  id: Uuid,
  pupilId: Uuid,
  kind: Type.String(),
  reasonCode: Nullable(Type.String()),
  startsAt: Type.String(),
  endsAt: Type.String(),
  comment: Nullable(Type.String()),
  isWithdrawn: Type.Boolean(),
  canChange: Type.Boolean(),
});
export const LeaveRequestRow = Type.Object({
  id: Uuid,
  pupilId: Uuid,
  pupilName: Type.String(),
  fromDate: IsoDate,
  toDate: IsoDate,
  reason: Type.String(),
  schoolDays: Type.Integer(),
  decidedByRole: Type.String(),
  status: Type.String(),
  decisionReason: Nullable(Type.String()),
  leaveDaysBefore: Type.Integer(),
  isOverTenDays: Type.Boolean(),
  createdAt: Type.String(),
});
export type LeaveRequestRow = Static<typeof LeaveRequestRow>;
export const GuardianMessage = Type.Object({
  id: Uuid,
  subject: Type.String(),
  body: Type.String(),
  channel: Type.String(),
  status: Type.String(),
  sentAt: Nullable(Type.String()),
});
export const GuardianOverview = Type.Object({
  today: IsoDate,
  reportPastDays: Type.Integer(),
  leaveMentorLimitDays: Type.Integer(),
  children: Type.Array(GuardianChild),
  reports: Type.Array(GuardianReport),
  leaveRequests: Type.Array(LeaveRequestRow),
  messages: Type.Array(GuardianMessage),
});
export type GuardianOverview = Static<typeof GuardianOverview>;

export const LeaveRequestInput = Type.Object({
  pupilId: Uuid,
  fromDate: IsoDate,
  toDate: IsoDate,
  reason: Type.String({ minLength: 1, maxLength: 500 }),
});
export type LeaveRequestInput = Static<typeof LeaveRequestInput>;
export const LeaveDecisionInput = Type.Object({
  decision: Type.Union([Type.Literal('granted'), Type.Literal('rejected')]),
  reason: Type.String({ minLength: 1, maxLength: 500 }),
});
export type LeaveDecisionInput = Static<typeof LeaveDecisionInput>;
export const LeaveRequestsQuery = Type.Object({ status: Type.Optional(Type.String({ maxLength: 20 })) });
/** For the one deciding: the pupil's absence this term so far, ladder step and open case (staff only). */
export const LeaveDecisionContext = Type.Object({
  termFrom: Nullable(IsoDate),
  termTo: Nullable(IsoDate),
  absentRate: Nullable(Type.Number()),
  invalidRate: Nullable(Type.Number()),
  ladder: Nullable(Type.Object({ stepIndex: Type.Integer(), explanation: Type.String() })),
  openCaseId: Nullable(Uuid),
});
export type LeaveDecisionContext = Static<typeof LeaveDecisionContext>;
export const StaffLeaveRequestRow = Type.Object({ ...LeaveRequestRow.properties, context: LeaveDecisionContext });
export type StaffLeaveRequestRow = Static<typeof StaffLeaveRequestRow>;
export const LeaveRequestsResponse = Type.Object({ leaveRequests: Type.Array(StaffLeaveRequestRow) });

export const LocaleRequest = Type.Object({ locale: Type.Union([Type.Literal('sv'), Type.Literal('en')]) });

/** Staff views of messages. */
export const DeliveryRow = Type.Object({
  outboxId: Uuid,
  deliveryId: Nullable(Uuid),
  kind: Type.String(),
  templateKey: Type.String(),
  pupilId: Nullable(Uuid),
  pupilName: Nullable(Type.String()),
  aboutDate: Nullable(IsoDate),
  createdAt: Type.String(),
  sendAfter: Type.String(),
  /** pending | withdrawn | queued | sent | delivered | failed (the delivery's, or the message's before delivery). */
  status: Type.String(),
  error: Nullable(Type.String()),
  channel: Nullable(Type.String()),
  recipientName: Nullable(Type.String()),
  attempts: Type.Integer(),
  sentAt: Nullable(Type.String()),
  deliveredAt: Nullable(Type.String()),
});
export type DeliveryRow = Static<typeof DeliveryRow>;
export const MessageLogQuery = Type.Object({
  status: Type.Optional(Type.String({ maxLength: 20 })),
  channel: Type.Optional(Type.String({ maxLength: 10 })),
  templateKey: Type.Optional(Type.String({ maxLength: 80 })),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
});
export const MessageLogResponse = Type.Object({ messages: Type.Array(DeliveryRow) });
export const UnreachableGuardian = Type.Object({
  guardianId: Uuid,
  /** null for a pupil with protected identity: the guardians are not named. */
  guardianName: Nullable(Type.String()),
  pupilId: Uuid,
  pupilName: Type.String(),
  /** noChannel | lastDeliveryFailed */
  problem: Type.String(),
  lastError: Nullable(Type.String()),
});
export const UnreachableResponse = Type.Object({ guardians: Type.Array(UnreachableGuardian) });
export const TemplateRow = Type.Object({
  templateKey: Type.String(),
  locale: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  isCustom: Type.Boolean(),
});
export const TemplatesResponse = Type.Object({
  templates: Type.Array(TemplateRow),
  variables: Type.Array(Type.String()),
});
export const SaveTemplateRequest = Type.Object({
  subject: Type.String({ minLength: 1, maxLength: 200 }),
  body: Type.String({ minLength: 1, maxLength: 4000 }),
});
export const SmsCallbackRequest = Type.Object({
  reference: Type.String({ maxLength: 100 }),
  status: Type.Union([Type.Literal('delivered'), Type.Literal('failed')]),
  error: Type.Optional(Type.String({ maxLength: 500 })),
});

const SameDayNotice = {
  sameDayNoticePolicy: Type.Union([Type.Literal('atTime'), Type.Literal('immediate')], {
    description: "'atTime': at sameDayNoticeTime; 'immediate': when the lesson is confirmed, after the grace minutes",
  }),
  sameDayNoticeTime: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM Europe/Stockholm' }),
  sameDayNoticeGraceMinutes: Type.Integer({
    minimum: 0,
    maximum: 120,
    description: 'Minutes an immediate notice waits, so a correction withdraws it (0 = within a minute)',
  }),
};
/** The organiser's guardian settings (GET/PUT /api/messages/settings). */
export const GuardianSettings = Type.Object({
  noticeEmail: Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null()]),
  leaveMentorLimitDays: Type.Integer({ minimum: 0, maximum: 365 }),
  reportPastDays: Type.Integer({ minimum: 0, maximum: 30 }),
  ...SameDayNotice,
});
export type GuardianSettings = Static<typeof GuardianSettings>;
/** Saving: the same-day fields may be left out (kept as they are). */
export const SaveGuardianSettings = Type.Object({
  noticeEmail: GuardianSettings.properties.noticeEmail,
  leaveMentorLimitDays: GuardianSettings.properties.leaveMentorLimitDays,
  reportPastDays: GuardianSettings.properties.reportPastDays,
  sameDayNoticePolicy: Type.Optional(SameDayNotice.sameDayNoticePolicy),
  sameDayNoticeTime: Type.Optional(SameDayNotice.sameDayNoticeTime),
  sameDayNoticeGraceMinutes: Type.Optional(SameDayNotice.sameDayNoticeGraceMinutes),
});
export type SaveGuardianSettings = Static<typeof SaveGuardianSettings>;

/** The absences a guardian's report made (one per child). */
export const GuardianReportsCreated = Type.Object({ ids: Type.Array(Uuid) });
/** A guardian's leave request as filed: who decides it and how long it is. */
export const LeaveRequestCreated = Type.Object({
  id: Uuid,
  decidedByRole: Type.String(),
  schoolDays: Type.Integer(),
  leaveDaysBefore: Type.Integer(),
  isOverTenDays: Type.Boolean(),
});
