/** Case management: the API contract. */
import { Type, type Static } from 'typebox';
import { IsoDate, Uuid } from './common.js';
import {
  CAUSE_GIVERS,
  CLOSE_REASONS,
  CONCERN_FEEDBACK_KINDS,
  CONCERN_REASON_CATEGORIES,
  FOLLOW_UP_SCHEME_IDS,
  MEETING_KINDS,
  PARTICIPANT_ORGANISATION_TYPES,
} from '../cases/catalogue.js';
import { MAPPING_KINDS, MappingTemplateDefinition } from '../cases/mapping-template.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Text = (max = 4000) => Type.String({ minLength: 1, maxLength: max });

export const CASE_MEMBER_ROLES = ['mentor', 'studentHealth', 'principal', 'other'] as const;

export const CaseListQuery = Type.Object({
  /** mine = cases I am a member of; school = cases at my schools; organiser = all (huvudman). */
  scope: Type.Enum(['mine', 'school', 'organiser']),
  status: Type.Optional(Type.Enum(['open', 'closed', 'all'])),
  pupilId: Type.Optional(Uuid),
});

export const CaseSummary = Type.Object({
  id: Uuid,
  pupilId: Uuid,
  pupilName: Type.String(),
  isProtected: Type.Boolean(),
  className: Nullable(Type.String()),
  schoolUnitId: Uuid,
  schoolUnitName: Nullable(Type.String()),
  status: Type.String(),
  openedAt: Type.String(),
  openedOn: IsoDate,
  openedByName: Nullable(Type.String()),
  openedFromStepKey: Nullable(Type.String()),
  isMember: Type.Boolean(),
  investigationDeadline: Nullable(IsoDate),
  isInvestigationOverdue: Type.Boolean(),
  closedAt: Nullable(Type.String()),
  closeReason: Nullable(Type.String()),
  closeOutcome: Nullable(Type.String()),
});
export type CaseSummary = Static<typeof CaseSummary>;
export const CaseListResponse = Type.Object({ cases: Type.Array(CaseSummary) });

export const OpenCaseRequest = Type.Object({ pupilId: Uuid });

const Figures = Type.Object({
  from: IsoDate,
  to: IsoDate,
  scheduled: Type.Integer(),
  known: Type.Integer(),
  absent: Type.Integer(),
  valid: Type.Integer(),
  invalid: Type.Integer(),
  absentRate: Nullable(Type.Number()),
  validRate: Nullable(Type.Number()),
  invalidRate: Nullable(Type.Number()),
  coverage: Nullable(Type.Number()),
});
export type FollowUpFigures = Static<typeof Figures>;

export const CaseDetail = Type.Object({
  case: CaseSummary,
  abilities: Type.Object({
    /** Members and the school's rektor/elevhälsa work on the case. */
    canWork: Type.Boolean(),
    /** The school's rektor opens and completes investigations. */
    canInvestigate: Type.Boolean(),
    canClose: Type.Boolean(),
    /** Mapping content and every free text of the case (may hold health notes): not for the organiser (docs/permissions.md). */
    canSeeContent: Type.Boolean(),
  }),
  members: Type.Array(Type.Object({ userId: Uuid, name: Type.String(), role: Type.String(), addedAt: Type.String() })),
  template: MappingTemplateDefinition,
  mappings: Type.Array(
    Type.Object({
      id: Uuid,
      kind: Type.String(),
      templateKey: Type.String(),
      templateVersion: Type.Integer(),
      answers: Nullable(Type.Record(Type.String(), Type.String())),
      pupilVoice: Nullable(Type.String()),
      guardiansView: Nullable(Type.String()),
      hasPupilVoice: Type.Boolean(),
      createdAt: Type.String(),
      updatedAt: Type.String(),
      completedAt: Nullable(Type.String()),
      completedByName: Nullable(Type.String()),
    }),
  ),
  investigations: Type.Array(
    Type.Object({
      id: Uuid,
      openedOn: IsoDate,
      deadline: IsoDate,
      isOverdue: Type.Boolean(),
      completedOn: Nullable(IsoDate),
      conclusion: Nullable(Type.String()),
      notices: Type.Array(
        Type.Object({
          id: Uuid,
          recipient: Type.String(),
          municipalityCode: Nullable(Type.String()),
          status: Type.String(),
          acknowledgedAt: Nullable(Type.String()),
        }),
      ),
    }),
  ),
  causes: Type.Array(
    Type.Object({
      code: Type.String(),
      label: Type.String(),
      isPrimary: Type.Boolean(),
      givenBy: Type.String(),
      comment: Nullable(Type.String()),
    }),
  ),
  interventions: Type.Array(
    Type.Object({
      id: Uuid,
      code: Type.String(),
      label: Type.String(),
      responsibleUserId: Nullable(Uuid),
      responsibleName: Nullable(Type.String()),
      startDate: IsoDate,
      followUpScheme: Type.String(),
      goal: Nullable(Type.String()),
      comment: Nullable(Type.String()),
      followUps: Type.Array(
        Type.Object({
          id: Uuid,
          point: Type.String(),
          plannedOn: IsoDate,
          recordedOn: Nullable(IsoDate),
          assessment: Nullable(Type.String()),
          goalAttainment: Nullable(Type.String()),
          before: Nullable(Figures),
          since: Nullable(Figures),
        }),
      ),
    }),
  ),
  concernReports: Type.Array(
    Type.Object({
      id: Uuid,
      reportedOn: IsoDate,
      socialServicesOffice: Nullable(Type.String()),
      reportedByName: Nullable(Type.String()),
      reasonCategory: Type.String(),
      actionsTaken: Nullable(Type.String()),
      feedbackOn: Nullable(IsoDate),
      feedbackKind: Nullable(Type.String()),
      isFeedbackOverdue: Type.Boolean(),
      remindOn: IsoDate,
    }),
  ),
  meetings: Type.Array(
    Type.Object({
      id: Uuid,
      kind: Type.String(),
      heldOn: IsoDate,
      coordinatorKey: Nullable(Type.String()),
      sharedPlan: Nullable(Type.String()),
      participants: Type.Array(
        Type.Object({
          key: Type.String(),
          name: Nullable(Type.String()),
          organisationType: Type.String(),
          organisationName: Type.Optional(Nullable(Type.String())),
          rating: Nullable(Type.Integer()),
        }),
      ),
    }),
  ),
  handovers: Type.Array(
    Type.Object({
      id: Uuid,
      toSchoolUnitId: Uuid,
      toSchoolUnitName: Nullable(Type.String()),
      summary: Nullable(Type.String()),
      preparedOn: IsoDate,
      preparedByName: Nullable(Type.String()),
    }),
  ),
  timeline: Type.Array(
    Type.Object({
      at: Type.String(),
      type: Type.String(),
      actorName: Nullable(Type.String()),
      data: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
});
export type CaseDetail = Static<typeof CaseDetail>;

export const AddMemberRequest = Type.Object({ userId: Uuid, role: Type.Enum([...CASE_MEMBER_ROLES]) });
export const CandidatesResponse = Type.Object({
  users: Type.Array(Type.Object({ id: Uuid, name: Type.String(), roles: Type.Array(Type.String()) })),
});

export const SaveMappingRequest = Type.Object({
  kind: Type.Enum([...MAPPING_KINDS]),
  answers: Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 4000 })),
  pupilVoice: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  guardiansView: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
});
export type SaveMappingRequest = Static<typeof SaveMappingRequest>;

export const CompleteInvestigationRequest = Type.Object({ conclusion: Text() });

export const SetCausesRequest = Type.Object({
  causes: Type.Array(
    Type.Object({
      code: Type.String({ maxLength: 100 }),
      isPrimary: Type.Boolean(),
      givenBy: Type.Enum([...CAUSE_GIVERS]),
      comment: Type.Optional(Type.String({ maxLength: 1000 })),
    }),
    { minItems: 1, maxItems: 30 },
  ),
});
export type SetCausesRequest = Static<typeof SetCausesRequest>;

export const AddInterventionRequest = Type.Object({
  code: Type.String({ maxLength: 100 }),
  responsibleUserId: Nullable(Uuid),
  startDate: IsoDate,
  goal: Text(1000),
  followUpScheme: Type.Enum([...FOLLOW_UP_SCHEME_IDS]),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
});
export type AddInterventionRequest = Static<typeof AddInterventionRequest>;

export const RecordFollowUpRequest = Type.Object({
  assessment: Text(),
  goalAttainment: Type.Enum(['yes', 'partly', 'no']),
});

export const RegisterConcernReportRequest = Type.Object({
  reportedOn: IsoDate,
  socialServicesOffice: Text(200),
  reasonCategory: Type.Enum([...CONCERN_REASON_CATEGORIES]),
  actionsTaken: Type.Optional(Type.String({ maxLength: 4000 })),
});
export const ConcernFeedbackRequest = Type.Object({
  feedbackOn: IsoDate,
  feedbackKind: Type.Enum([...CONCERN_FEEDBACK_KINDS]),
});

export const RecordMeetingRequest = Type.Object({
  kind: Type.Enum([...MEETING_KINDS]),
  heldOn: IsoDate,
  participants: Type.Array(
    Type.Object({
      name: Text(200),
      organisationType: Type.Enum([...PARTICIPANT_ORGANISATION_TYPES]),
      organisationName: Type.Optional(Type.String({ maxLength: 200 })),
    }),
    { minItems: 1, maxItems: 30 },
  ),
  /** Index into participants of the coordinator. */
  coordinatorIndex: Type.Optional(Type.Integer({ minimum: 0 })),
  sharedPlan: Type.Optional(Type.String({ maxLength: 8000 })),
});
export type RecordMeetingRequest = Static<typeof RecordMeetingRequest>;
export const RateMeetingRequest = Type.Object({
  ratings: Type.Array(
    Type.Object({ participantKey: Type.String({ maxLength: 20 }), rating: Type.Integer({ minimum: 1, maximum: 5 }) }),
    { minItems: 1 },
  ),
});

export const PrepareHandoverRequest = Type.Object({ toSchoolUnitId: Uuid, summary: Text(8000) });
export const CloseCaseRequest = Type.Object({ reason: Type.Enum([...CLOSE_REASONS]), outcome: Text(2000) });
export const ReopenCaseRequest = Type.Object({ reason: Text(1000) });

export const CatalogueResponse = Type.Object({
  causes: Type.Array(
    Type.Object({ code: Type.String(), label: Type.String(), sphere: Type.String(), isRetired: Type.Boolean() }),
  ),
  interventions: Type.Array(
    Type.Object({
      code: Type.String(),
      label: Type.String(),
      tier: Type.Integer(),
      ownerType: Type.String(),
      isRetired: Type.Boolean(),
    }),
  ),
  settings: Type.Object({
    investigationDeadlineDays: Nullable(Type.Integer()),
    concernFeedbackReminderDays: Type.Integer(),
  }),
});
export const CaseSettingsRequest = Type.Object({
  investigationDeadlineDays: Nullable(Type.Integer({ minimum: 1, maximum: 365 })),
  concernFeedbackReminderDays: Type.Integer({ minimum: 1, maximum: 365 }),
});
export const CatalogueEntryRequest = Type.Object({
  kind: Type.Enum(['cause', 'intervention']),
  code: Type.String({ pattern: '^[a-z0-9.-]+$', maxLength: 100 }),
  label: Text(300),
  category: Type.String({ maxLength: 50 }),
  tier: Type.Optional(Type.Integer({ minimum: 1, maximum: 3 })),
  isRetired: Type.Boolean(),
});

export const NoticeRow = Type.Object({
  id: Uuid,
  kind: Type.String(),
  recipient: Type.String(),
  municipalityCode: Nullable(Type.String()),
  caseId: Uuid,
  pupilId: Uuid,
  pupilName: Type.String(),
  schoolUnitId: Uuid,
  schoolUnitName: Nullable(Type.String()),
  status: Type.String(),
  createdAt: Type.String(),
  /** The day the notice was made (its investigation's opening), not when the row was written. */
  receivedOn: IsoDate,
  acknowledgedAt: Nullable(Type.String()),
  acknowledgedByName: Nullable(Type.String()),
  investigationDeadline: Nullable(IsoDate),
  isInvestigationOverdue: Type.Boolean(),
});
export const NoticesResponse = Type.Object({ notices: Type.Array(NoticeRow) });
export const NoticesQuery = Type.Object({
  status: Type.Optional(Type.Enum(['received', 'acknowledged', 'all'])),
  /** With `to`: only notices received in the period (the overview's count for the same period). */
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
});

export const HandoverRow = Type.Object({
  id: Uuid,
  caseId: Uuid,
  pupilId: Uuid,
  pupilName: Type.String(),
  fromSchoolUnitName: Nullable(Type.String()),
  toSchoolUnitId: Uuid,
  summary: Type.String(),
  preparedOn: IsoDate,
  preparedByName: Nullable(Type.String()),
});
export const HandoversResponse = Type.Object({ handovers: Type.Array(HandoverRow) });

export const RemindersResponse = Type.Object({
  concernReports: Type.Array(
    Type.Object({
      caseId: Uuid,
      pupilName: Type.String(),
      concernReportId: Uuid,
      reportedOn: IsoDate,
      remindOn: IsoDate,
      socialServicesOffice: Type.String(),
    }),
  ),
  investigations: Type.Array(Type.Object({ caseId: Uuid, pupilName: Type.String(), deadline: IsoDate })),
  followUps: Type.Array(
    Type.Object({
      caseId: Uuid,
      pupilName: Type.String(),
      followUpId: Uuid,
      plannedOn: IsoDate,
      interventionLabel: Type.String(),
    }),
  ),
});

export const AuditTrailResponse = Type.Object({
  events: Type.Array(
    Type.Object({
      at: Type.String(),
      type: Type.String(),
      actorName: Nullable(Type.String()),
      caseId: Nullable(Type.String()),
      data: Type.Record(Type.String(), Type.Unknown()),
      ip: Nullable(Type.String()),
    }),
  ),
});

export const OverviewQuery = Type.Object({ from: IsoDate, to: IsoDate });
const Count = Type.Integer();
export const OrganiserOverviewResponse = Type.Object({
  from: IsoDate,
  to: IsoDate,
  schools: Type.Array(
    Type.Object({
      schoolUnitId: Uuid,
      schoolUnitName: Nullable(Type.String()),
      openCases: Count,
      investigationsOpened: Count,
      investigationsCompleted: Count,
      investigationsOverdue: Count,
      concernReportsWithoutFeedback: Count,
    }),
  ),
  notices: Type.Object({ received: Count, acknowledged: Count, unacknowledged: Count }),
  concernReports: Type.Object({ registered: Count, withFeedback: Count, withoutFeedback: Count, overdue: Count }),
  causes: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), cases: Count, asPrimary: Count })),
  interventions: Type.Array(
    Type.Object({
      code: Type.String(),
      label: Type.String(),
      count: Count,
      schools: Count,
      followUps: Count,
      /** Mean absence rate before the start and since, over recorded follow-ups with figures (unweighted per follow-up). */
      meanBeforeRate: Nullable(Type.Number()),
      meanSinceRate: Nullable(Type.Number()),
      improved: Count,
      worsened: Count,
    }),
  ),
  meetings: Type.Object({ total: Count, sip: Count, ratings: Count, meanRating: Nullable(Type.Number()) }),
});
export type OrganiserOverviewResponse = Static<typeof OrganiserOverviewResponse>;

/** An opened investigation and its deadline. */
export const InvestigationOpened = Type.Object({ id: Uuid, deadline: Type.String() });
/** A recorded follow-up: the attendance before the intervention and since. */
export const FollowUpRecorded = Type.Object({ before: Type.Unknown(), since: Type.Unknown() });
/** School units a case may be handed over to. */
export const HandoverTargetsResponse = Type.Object({
  schoolUnits: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
});
