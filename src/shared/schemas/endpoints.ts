/**
 * Every endpoint the web client calls: method, path template and the schemas of its body and its
 * JSON answer, taken from this folder. The client derives its types from these entries, and a test
 * (src/server/contract.test.ts) checks each against the server's OpenAPI document.
 */
import type { TSchema } from 'typebox';
import { LoginRequest, Me, SessionsEnded, SignInMethods } from './auth.js';
import { Created } from './common.js';
import {
  LessonDetail,
  LessonHistoryPage,
  MyLessonsResponse,
  RegisterLessonRequest,
  UnconfirmedLessonsResponse,
} from './lessons.js';
import { PupilListResponse, PupilPage, RegisterAbsenceRequest } from './pupils.js';
import { CompletenessResponse, SchoolUnitsResponse } from './reports.js';
import {
  AssigneesResponse,
  CloseLadderStepRequest,
  CompleteTaskRequest,
  ConcernFlagRequest,
  EarlyWarningResponse,
  EvaluateRequest,
  LadderDecisionRequest,
  PreviewRequest,
  PublishVersionRequest,
  ReassignTaskRequest,
  UpdateDraftRequest,
  LadderVersionCreated,
  LaddersResponse,
  PupilLadderResponse,
  SaveLadderVersionRequest,
  TasksResponse,
} from './ladders.js';
import { JobResponse, JobStarted } from './jobs.js';
import {
  BoardReportList,
  BoardReportSchedule,
  CellPupilsResponse,
  MonthlyStatisticsResponse,
  OrganiserStatisticsResponse,
  RegionalStatisticsResponse,
  SchoolStatisticsResponse,
  SharingRequest,
  SharingResponse,
} from './statistics.js';
import { RetentionPolicyBody, RetentionPolicyResponse, RetentionPreviewResponse } from './retention.js';
import {
  ChangeReportRequest,
  GuardianOverview,
  GuardianReportRequest,
  GuardianReportsCreated,
  GuardianSettings,
  LeaveDecisionInput,
  LeaveRequestCreated,
  LeaveRequestInput,
  LeaveRequestsResponse,
  LocaleRequest,
  MessageLogResponse,
  SaveGuardianSettings,
  SaveTemplateRequest,
  TemplatesResponse,
  UnreachableResponse,
} from './guardians.js';
import {
  ImportList,
  ImportReport,
  SavedSyncSettings,
  SaveSyncSettingsBody,
  SyncSettingsResponse,
  SyncStarted,
} from './imports.js';
import { StartExportRequest } from './exports.js';
import { ApiTokenListResponse, CreateApiTokenBody, CreatedApiTokenResponse } from './api-tokens.js';
import {
  AddInterventionRequest,
  AddMemberRequest,
  AuditTrailResponse,
  CandidatesResponse,
  CaseDetail,
  CaseListResponse,
  CaseSettingsRequest,
  CatalogueResponse,
  CloseCaseRequest,
  CompleteInvestigationRequest,
  ConcernFeedbackRequest,
  FollowUpRecorded,
  HandoversResponse,
  HandoverTargetsResponse,
  InvestigationOpened,
  NoticesResponse,
  OpenCaseRequest,
  OrganiserOverviewResponse,
  PrepareHandoverRequest,
  RateMeetingRequest,
  RecordFollowUpRequest,
  RecordMeetingRequest,
  RegisterConcernReportRequest,
  RemindersResponse,
  ReopenCaseRequest,
  SaveMappingRequest,
  SetCausesRequest,
} from './cases.js';
import {
  Account,
  AccountAudit,
  AccountList,
  AuthSettings,
  GrantRoleBody,
  ResetPasswordBody,
  RevokeRoleBody,
  RoleMapping,
} from './users.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * One endpoint. `response` is the schema of the 2xx JSON answer; without it the answer is empty
 * (204) or, for `isFile`, a download the browser opens itself.
 */
export interface Endpoint {
  method: HttpMethod;
  /** Express-style template, `/api/lessons/:id`. */
  path: string;
  body?: TSchema;
  response?: TSchema;
  isFile?: boolean;
}

const get = <const P extends string, R extends TSchema>(path: P, response: R) =>
  ({ method: 'GET', path, response }) as const;
const file = <const P extends string>(path: P) => ({ method: 'GET', path, isFile: true }) as const;
const send = <
  const M extends Exclude<HttpMethod, 'GET'>,
  const P extends string,
  B extends TSchema | undefined = undefined,
  R extends TSchema | undefined = undefined,
>(
  method: M,
  path: P,
  schemas: { body?: B; response?: R } = {},
) => ({ method, path, body: schemas.body as B, response: schemas.response as R });

export const endpoints = {
  login: send('POST', '/api/auth/login', { body: LoginRequest, response: Me }),
  logout: send('POST', '/api/auth/logout'),
  logOutOtherSessions: send('POST', '/api/auth/sessions/log-out-others', { response: SessionsEnded }),
  me: get('/api/auth/me', Me),
  signInMethods: get('/api/auth/oidc/providers', SignInMethods),

  myLessons: get('/api/lessons/mine', MyLessonsResponse),
  myUnconfirmedLessons: get('/api/lessons/mine/unconfirmed', UnconfirmedLessonsResponse),
  lesson: get('/api/lessons/:id', LessonDetail),
  lessonHistory: get('/api/lessons/:id/history', LessonHistoryPage),
  registerLesson: send('PUT', '/api/lessons/:id/registration', { body: RegisterLessonRequest, response: LessonDetail }),

  pupils: get('/api/pupils', PupilListResponse),
  pupil: get('/api/pupils/:id', PupilPage),
  registerAbsence: send('POST', '/api/pupils/:id/absences', { body: RegisterAbsenceRequest, response: Created }),
  withdrawAbsence: send('DELETE', '/api/absences/:id'),

  completeness: get('/api/completeness', CompletenessResponse),
  schoolUnits: get('/api/school-units', SchoolUnitsResponse),

  ladders: get('/api/ladders', LaddersResponse),
  saveLadderVersion: send('POST', '/api/ladders/versions', {
    body: SaveLadderVersionRequest,
    response: LadderVersionCreated,
  }),
  publishLadderVersion: send('POST', '/api/ladders/versions/:id/publish', { body: PublishVersionRequest }),
  updateLadderDraft: send('PUT', '/api/ladders/versions/:id', { body: UpdateDraftRequest }),
  deleteLadderDraft: send('DELETE', '/api/ladders/versions/:id'),
  startLadderPreview: send('POST', '/api/ladders/versions/:id/preview', { body: PreviewRequest, response: JobStarted }),
  ladderExport: file('/api/ladders/versions/:id/export'),
  startLadderEvaluation: send('POST', '/api/ladders/evaluate', { body: EvaluateRequest, response: JobStarted }),
  job: get('/api/jobs/:id', JobResponse),

  earlyWarning: get('/api/early-warning', EarlyWarningResponse),
  earlyWarningCsv: file('/api/early-warning.csv'),

  tasks: get('/api/tasks', TasksResponse),
  completeTask: send('POST', '/api/tasks/:id/complete', { body: CompleteTaskRequest }),
  taskAssignees: get('/api/tasks/:id/assignees', AssigneesResponse),
  reassignTask: send('POST', '/api/tasks/:id/reassign', { body: ReassignTaskRequest }),

  pupilLadder: get('/api/pupils/:id/ladder', PupilLadderResponse),
  decideLadderStep: send('POST', '/api/pupils/:id/ladder-decisions', { body: LadderDecisionRequest }),
  closeLadderStep: send('POST', '/api/pupils/:id/ladder-step/close', { body: CloseLadderStepRequest }),
  setConcernFlag: send('POST', '/api/pupils/:id/concern-flag', { body: ConcernFlagRequest }),
  clearConcernFlag: send('DELETE', '/api/pupils/:id/concern-flag'),

  schoolStatistics: get('/api/statistics/school', SchoolStatisticsResponse),
  schoolStatisticsCsv: file('/api/statistics/school.csv'),
  organiserStatistics: get('/api/statistics/organiser', OrganiserStatisticsResponse),
  organiserStatisticsCsv: file('/api/statistics/organiser.csv'),
  boardReport: file('/api/statistics/board-report.pdf'),
  monthlyStatistics: get('/api/statistics/months', MonthlyStatisticsResponse),
  monthlyStatisticsCsv: file('/api/statistics/months.csv'),
  regionalStatistics: get('/api/statistics/region', RegionalStatisticsResponse),
  regionalStatisticsCsv: file('/api/statistics/region.csv'),
  statisticsPupils: get('/api/statistics/pupils', CellPupilsResponse),
  boardReportSchedule: get('/api/statistics/board-report-schedule', BoardReportSchedule),
  setBoardReportSchedule: send('PUT', '/api/statistics/board-report-schedule', {
    body: BoardReportSchedule,
    response: BoardReportSchedule,
  }),
  boardReports: get('/api/statistics/board-reports', BoardReportList),
  storedBoardReport: file('/api/statistics/board-reports/:id'),
  statisticsSharing: get('/api/statistics/sharing', SharingResponse),
  setStatisticsSharing: send('POST', '/api/statistics/sharing', { body: SharingRequest, response: SharingResponse }),

  retentionPolicy: get('/api/retention/policy', RetentionPolicyResponse),
  saveRetentionPolicy: send('PUT', '/api/retention/policy', {
    body: RetentionPolicyBody,
    response: RetentionPolicyResponse,
  }),
  retentionPreview: get('/api/retention/preview', RetentionPreviewResponse),
  runRetention: send('POST', '/api/retention/run', { response: RetentionPreviewResponse }),

  guardianOverview: get('/api/guardian/overview', GuardianOverview),
  reportGuardianAbsence: send('POST', '/api/guardian/absences', {
    body: GuardianReportRequest,
    response: GuardianReportsCreated,
  }),
  changeGuardianReport: send('PUT', '/api/guardian/absences/:id', { body: ChangeReportRequest, response: Created }),
  withdrawGuardianReport: send('DELETE', '/api/guardian/absences/:id'),
  requestLeave: send('POST', '/api/guardian/leave-requests', {
    body: LeaveRequestInput,
    response: LeaveRequestCreated,
  }),
  withdrawLeaveRequest: send('POST', '/api/guardian/leave-requests/:id/withdraw'),
  setGuardianLocale: send('PUT', '/api/guardian/locale', { body: LocaleRequest }),

  leaveRequests: get('/api/leave-requests', LeaveRequestsResponse),
  decideLeave: send('POST', '/api/leave-requests/:id/decision', { body: LeaveDecisionInput }),
  pupilMessages: get('/api/pupils/:id/messages', MessageLogResponse),
  messageLog: get('/api/messages', MessageLogResponse),
  unreachableGuardians: get('/api/messages/unreachable-guardians', UnreachableResponse),
  messageTemplates: get('/api/messages/templates', TemplatesResponse),
  saveMessageTemplate: send('PUT', '/api/messages/templates/:templateKey/:locale', { body: SaveTemplateRequest }),
  messageSettings: get('/api/messages/settings', GuardianSettings),
  saveMessageSettings: send('PUT', '/api/messages/settings', { body: SaveGuardianSettings }),

  imports: get('/api/imports', ImportList),
  uploadImport: send('POST', '/api/imports/ss12000', { response: ImportReport }),
  apiTokens: get('/api/api-tokens', ApiTokenListResponse),
  createApiToken: send('POST', '/api/api-tokens', { body: CreateApiTokenBody, response: CreatedApiTokenResponse }),
  revokeApiToken: send('POST', '/api/api-tokens/:id/revoke', { response: ApiTokenListResponse }),
  startExport: send('POST', '/api/exports', { body: StartExportRequest, response: JobStarted }),
  syncSettings: get('/api/imports/ss12000-sync', SyncSettingsResponse),
  saveSyncSettings: send('PUT', '/api/imports/ss12000-sync', {
    body: SaveSyncSettingsBody,
    response: SavedSyncSettings,
  }),
  startSync: send('POST', '/api/imports/ss12000-sync/run', { response: SyncStarted }),

  users: get('/api/users', AccountList),
  disableUser: send('POST', '/api/users/:id/disable', { response: Account }),
  enableUser: send('POST', '/api/users/:id/enable', { response: Account }),
  grantRole: send('POST', '/api/users/:id/roles', { body: GrantRoleBody, response: Account }),
  revokeRole: send('POST', '/api/users/:id/roles/revoke', { body: RevokeRoleBody, response: Account }),
  setPassword: send('POST', '/api/users/:id/password', { body: ResetPasswordBody, response: Account }),
  userAudit: get('/api/users/:id/audit', AccountAudit),
  roleMapping: get('/api/users/role-mapping', RoleMapping),
  saveRoleMapping: send('PUT', '/api/users/role-mapping', { body: RoleMapping, response: RoleMapping }),
  signInSettings: get('/api/users/sign-in-settings', AuthSettings),
  saveSignInSettings: send('PUT', '/api/users/sign-in-settings', { body: AuthSettings, response: AuthSettings }),

  cases: get('/api/cases', CaseListResponse),
  case: get('/api/cases/:id', CaseDetail),
  casePdf: file('/api/cases/:id/pdf'),
  caseAudit: get('/api/cases/:id/audit', AuditTrailResponse),
  caseStaff: get('/api/cases/:id/staff', CandidatesResponse),
  handoverTargets: get('/api/cases/:id/handover-targets', HandoverTargetsResponse),
  caseCatalogue: get('/api/cases/catalogue', CatalogueResponse),
  caseReminders: get('/api/cases/reminders', RemindersResponse),
  handovers: get('/api/handovers', HandoversResponse),
  notices: get('/api/organiser/notices', NoticesResponse),
  caseOverview: get('/api/organiser/cases', OrganiserOverviewResponse),
  openCase: send('POST', '/api/cases', { body: OpenCaseRequest, response: Created }),
  addCaseMember: send('POST', '/api/cases/:id/members', { body: AddMemberRequest }),
  createMapping: send('POST', '/api/cases/:id/mappings', { body: SaveMappingRequest, response: Created }),
  updateMapping: send('PUT', '/api/cases/:id/mappings/:mappingId', { body: SaveMappingRequest }),
  completeMapping: send('POST', '/api/cases/:id/mappings/:mappingId/complete'),
  openInvestigation: send('POST', '/api/cases/:id/investigation', { response: InvestigationOpened }),
  completeInvestigation: send('POST', '/api/cases/:id/investigation/complete', { body: CompleteInvestigationRequest }),
  setCauses: send('PUT', '/api/cases/:id/causes', { body: SetCausesRequest }),
  addIntervention: send('POST', '/api/cases/:id/interventions', { body: AddInterventionRequest, response: Created }),
  recordFollowUp: send('POST', '/api/cases/:id/follow-ups/:followUpId', {
    body: RecordFollowUpRequest,
    response: FollowUpRecorded,
  }),
  registerConcernReport: send('POST', '/api/cases/:id/concern-reports', {
    body: RegisterConcernReportRequest,
    response: Created,
  }),
  recordConcernFeedback: send('POST', '/api/cases/:id/concern-reports/:reportId/feedback', {
    body: ConcernFeedbackRequest,
  }),
  recordMeeting: send('POST', '/api/cases/:id/meetings', { body: RecordMeetingRequest, response: Created }),
  rateMeeting: send('POST', '/api/cases/:id/meetings/:meetingId/ratings', { body: RateMeetingRequest }),
  prepareHandover: send('POST', '/api/cases/:id/handovers', { body: PrepareHandoverRequest, response: Created }),
  closeCase: send('POST', '/api/cases/:id/close', { body: CloseCaseRequest }),
  reopenCase: send('POST', '/api/cases/:id/reopen', { body: ReopenCaseRequest }),
  saveCaseSettings: send('PUT', '/api/cases/settings', { body: CaseSettingsRequest }),
  acknowledgeNotice: send('POST', '/api/organiser/notices/:id/acknowledge'),
} satisfies Record<string, Endpoint>;
