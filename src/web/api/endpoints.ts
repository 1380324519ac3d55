/** One typed function per API endpoint the web app uses (the contract is src/shared/schemas). */
import type { Static } from 'typebox';
import type { LoginRequest, Me } from '@shared/schemas/auth';
import type {
  LessonDetail,
  MyLessonsResponse,
  RegisterLessonRequest,
  UnconfirmedLessonsResponse,
} from '@shared/schemas/lessons';
import type { PupilListResponse, PupilPage, RegisterAbsenceRequest } from '@shared/schemas/pupils';
import type { CompletenessResponse, SchoolUnitsResponse } from '@shared/schemas/reports';
import type { AbsenceRow } from '@shared/schemas/pupils';
import type {
  AssigneesResponse as AssigneesResponseSchema,
  EarlyWarningResponse,
  LadderVersionSummary,
  LaddersResponse,
  PreviewResponse,
  PupilLadderResponse,
  SaveLadderVersionRequest,
  TaskRow,
  TasksResponse,
} from '@shared/schemas/ladders';
import type {
  BoardReportList,
  BoardReportSchedule,
  CellPupilsQuery,
  CellPupilsResponse,
  MonthlyStatisticsResponse,
  OrganiserStatisticsResponse,
  RegionalStatisticsResponse,
  SchoolStatisticsResponse,
  SharingResponse,
} from '@shared/schemas/statistics';
import type { RetentionPolicyBody } from '@shared/schemas/retention';
import type {
  ChangeReportRequest,
  GuardianOverview,
  GuardianReportRequest,
  LeaveDecisionInput,
  LeaveRequestInput,
  LeaveRequestRow,
  LeaveRequestsResponse as LeaveRequestsResponseSchema,
  MessageLogResponse as MessageLogResponseSchema,
  UnreachableResponse as UnreachableResponseSchema,
  TemplatesResponse as TemplatesResponseSchema,
} from '@shared/schemas/guardians';
import type { CreateApiTokenBody } from '@shared/schemas/api-tokens';
import type { DateRangeQuery } from '@shared/schemas/common';
import type { EarlyWarningQuery, TasksQuery } from '@shared/schemas/ladders';
import type { MessageLogQuery } from '@shared/schemas/guardians';
import { endpoints as E } from '@shared/schemas/endpoints';
import type { EvaluationSummary } from '@shared/schemas/ladders';
import type { ExportResult } from '@shared/schemas/exports';
import type { GuardianSettings } from '@shared/schemas/guardians';
import type { ImportProblem, ImportReport, ImportRun, SyncRunReport, SyncSettings } from '@shared/schemas/imports';
import type { AccountQuery, RoleMapping } from '@shared/schemas/users';
import { apiGet, callApi, uploadForm, urlOf, type AnswerOf, type ApiPath, type BodyOf } from './client';

/** A period `from..to`, both inclusive, as YYYY-MM-DD. */
export type Period = DateRangeQuery;

/** Query of the early-warning list and its CSV. */
export type EarlyWarningParams = Static<typeof EarlyWarningQuery>;
/** Early-warning scope: the mentor's pupils, a school, or the whole organiser. */
export type EarlyWarningScope = EarlyWarningParams['scope'];

/** The SS12000 sync settings with the last run's report read as what it is. */
export type SyncSettingsView = Omit<SyncSettings, 'lastReport'> & { lastReport: SyncRunReport | null };

/** Which tasks to list. */
export type TaskStatusFilter = NonNullable<Static<typeof TasksQuery>['status']>;

/** Staff who can take a task (GET /api/tasks/:id/assignees). */
export type AssigneesResponse = Static<typeof AssigneesResponseSchema>;

/** An absence report, leave or staff reason as listed on the pupil page. */
export type Absence = Static<typeof AbsenceRow>;

/** Leave requests a mentor or rektor decides. */
export type LeaveRequestsResponse = Static<typeof LeaveRequestsResponseSchema>;
/** Message deliveries (pupil page, admin log). */
export type MessageLogResponse = Static<typeof MessageLogResponseSchema>;
/** Guardians with custody and no working contact channel. */
export type UnreachableResponse = Static<typeof UnreachableResponseSchema>;
/** Message templates per language (the organiser's own or the default) and the fields they may use. */
export type TemplatesResponse = Static<typeof TemplatesResponseSchema>;
/** Filters of the message log. */
export type MessageLogFilters = Static<typeof MessageLogQuery>;

/** The API calls: functions for writes, `…Path` builders for GETs (loaded with useApiQuery). */
export const api = {
  login: (body: LoginRequest) => callApi(E.login, {}, body),
  logout: () => callApi(E.logout, {}),
  logOutOtherSessions: () => callApi(E.logOutOtherSessions, {}),
  me: (signal?: AbortSignal) => apiGet<AnswerOf<typeof E.me>>(urlOf(E.me, {}), signal),
  signInMethodsPath: () => urlOf(E.signInMethods, {}),

  myLessonsPath: (date: string) => urlOf(E.myLessons, {}, { date }),
  myUnconfirmedLessonsPath: urlOf(E.myUnconfirmedLessons, {}),
  lessonPath: (id: string) => urlOf(E.lesson, { id }),
  registerLesson: (id: string, body: RegisterLessonRequest) => callApi(E.registerLesson, { id }, body),
  /** The lesson's history entries older than `before` (a `historyCursor`). */
  lessonHistory: (id: string, before: string) =>
    apiGet<AnswerOf<typeof E.lessonHistory>>(urlOf(E.lessonHistory, { id }, { before })),

  pupilsPath: (period: Period, schoolUnitId?: string, groupId?: string) =>
    urlOf(E.pupils, {}, { ...period, schoolUnitId, groupId }),
  pupilPath: (id: string, period: Period) => urlOf(E.pupil, { id }, { ...period }),
  registerAbsence: (pupilId: string, body: RegisterAbsenceRequest) => callApi(E.registerAbsence, { id: pupilId }, body),
  withdrawAbsence: (absenceId: string) => callApi(E.withdrawAbsence, { id: absenceId }),

  completenessPath: (period: Period, schoolUnitId?: string) => urlOf(E.completeness, {}, { ...period, schoolUnitId }),
  schoolUnitsPath: () => urlOf(E.schoolUnits, {}),

  laddersPath: () => urlOf(E.ladders, {}),
  saveLadderVersion: (body: SaveLadderVersionRequest) => callApi(E.saveLadderVersion, {}, body),
  publishLadderVersion: (id: string, effectiveFrom?: string) =>
    callApi(E.publishLadderVersion, { id }, effectiveFrom ? { effectiveFrom } : {}),
  /** Changes a draft in place (the same version number); published versions answer 409. */
  updateLadderDraft: (id: string, body: BodyOf<typeof E.updateLadderDraft>) =>
    callApi(E.updateLadderDraft, { id }, body),
  /** Discards a draft. */
  deleteLadderDraft: (id: string) => callApi(E.deleteLadderDraft, { id }),
  /**
   * Starts the preview of a version as a background job: as of `date` (default today), optionally
   * as if it applied from another date (the editor's, unsaved). The result is a PreviewResponse.
   */
  startLadderPreview: (id: string, body: BodyOf<typeof E.startLadderPreview>) =>
    callApi(E.startLadderPreview, { id }, body),
  /** A plain link (download): the version as a ladder file. */
  ladderExportUrl: (id: string) => urlOf(E.ladderExport, { id }),
  /** Starts an evaluation as a background job; the result is an EvaluationSummary. */
  startLadderEvaluation: (body: BodyOf<typeof E.startLadderEvaluation>) => callApi(E.startLadderEvaluation, {}, body),
  /** A background job's status, progress and result (only for the user who started it). */
  jobPath: (id: string) => urlOf(E.job, { id }),

  earlyWarningPath: (params: EarlyWarningParams) => urlOf(E.earlyWarning, {}, { ...params }),
  /** A plain link (download): the same list as CSV. */
  earlyWarningCsvUrl: (params: EarlyWarningParams) => urlOf(E.earlyWarningCsv, {}, { ...params }),

  tasksPath: (status: TaskStatusFilter, personId?: string) => urlOf(E.tasks, {}, { status, personId }),
  completeTask: (id: string, note?: string) => callApi(E.completeTask, { id }, note ? { note } : {}),
  taskAssigneesPath: (id: string) => urlOf(E.taskAssignees, { id }),
  reassignTask: (id: string, userId: string) => callApi(E.reassignTask, { id }, { userId }),

  pupilLadderPath: (id: string) => urlOf(E.pupilLadder, { id }),
  decideLadderStep: (pupilId: string, body: BodyOf<typeof E.decideLadderStep>) =>
    callApi(E.decideLadderStep, { id: pupilId }, body),
  closeLadderStep: (pupilId: string, reason: string) => callApi(E.closeLadderStep, { id: pupilId }, { reason }),
  setConcernFlag: (pupilId: string, note?: string) => callApi(E.setConcernFlag, { id: pupilId }, note ? { note } : {}),
  clearConcernFlag: (pupilId: string) => callApi(E.clearConcernFlag, { id: pupilId }),

  /** `withClasses: false` leaves out the class breakdown (many units' classes are thousands of rows). */
  schoolStatisticsPath: (period: Period, schoolUnitId?: string, withClasses = true) =>
    urlOf(E.schoolStatistics, {}, { ...period, schoolUnitId, withClasses: withClasses ? undefined : 'false' }),
  /** A plain link (download): the school statistics as CSV. */
  schoolStatisticsCsvUrl: (period: Period, schoolUnitId?: string) =>
    urlOf(E.schoolStatisticsCsv, {}, { ...period, schoolUnitId }),
  organiserStatisticsPath: (period: Period) => urlOf(E.organiserStatistics, {}, { ...period }),
  /** A plain link (download): the organiser statistics as CSV. */
  organiserStatisticsCsvUrl: (period: Period) => urlOf(E.organiserStatisticsCsv, {}, { ...period }),
  /** A plain link (download): the board report PDF with the administrator's text. */
  boardReportUrl: (period: Period, text?: string) => urlOf(E.boardReport, {}, { ...period, text }),
  monthlyStatisticsPath: (period: Period, schoolUnitId?: string) =>
    urlOf(E.monthlyStatistics, {}, { ...period, schoolUnitId }),
  /** A plain link (download): the monthly statistics as CSV. */
  monthlyStatisticsCsvUrl: (period: Period, schoolUnitId?: string) =>
    urlOf(E.monthlyStatisticsCsv, {}, { ...period, schoolUnitId }),
  regionalStatisticsPath: (period: Period) => urlOf(E.regionalStatistics, {}, { ...period }),
  /** The pupils behind one school figure (rektor and elevhälsa of the unit). */
  statisticsPupilsPath: (cell: CellPupilsQuery) => urlOf(E.statisticsPupils, {}, { ...cell }),
  /** A plain link (download): the regional statistics as CSV. */
  regionalStatisticsCsvUrl: (period: Period) => urlOf(E.regionalStatisticsCsv, {}, { ...period }),
  boardReportSchedulePath: () => urlOf(E.boardReportSchedule, {}),
  setBoardReportSchedule: (body: BoardReportSchedule) => callApi(E.setBoardReportSchedule, {}, body),
  boardReportsPath: () => urlOf(E.boardReports, {}),
  /** A plain link (download): a stored board report. */
  storedBoardReportUrl: (id: string) => urlOf(E.storedBoardReport, { id }),
  statisticsSharingPath: () => urlOf(E.statisticsSharing, {}),
  retentionPolicyPath: () => urlOf(E.retentionPolicy, {}),
  saveRetentionPolicy: (policy: RetentionPolicyBody) => callApi(E.saveRetentionPolicy, {}, policy),
  retentionPreviewPath: () => urlOf(E.retentionPreview, {}),
  runRetention: () => callApi(E.runRetention, {}),
  setStatisticsSharing: (isShared: boolean) => callApi(E.setStatisticsSharing, {}, { isShared }),

  guardianOverviewPath: () => urlOf(E.guardianOverview, {}),
  reportGuardianAbsence: (body: GuardianReportRequest) => callApi(E.reportGuardianAbsence, {}, body),
  changeGuardianReport: (id: string, body: ChangeReportRequest) => callApi(E.changeGuardianReport, { id }, body),
  withdrawGuardianReport: (id: string) => callApi(E.withdrawGuardianReport, { id }),
  requestLeave: (body: LeaveRequestInput) => callApi(E.requestLeave, {}, body),
  withdrawLeaveRequest: (id: string) => callApi(E.withdrawLeaveRequest, { id }),
  setGuardianLocale: (locale: 'sv' | 'en') => callApi(E.setGuardianLocale, {}, { locale }),

  leaveRequestsPath: (status: 'pending' | 'all') => urlOf(E.leaveRequests, {}, { status }),
  decideLeave: (id: string, body: LeaveDecisionInput) => callApi(E.decideLeave, { id }, body),
  pupilMessagesPath: (pupilId: string) => urlOf(E.pupilMessages, { id: pupilId }),
  messageLogPath: (filters: MessageLogFilters) => urlOf(E.messageLog, {}, { ...filters }),
  unreachableGuardiansPath: () => urlOf(E.unreachableGuardians, {}),
  messageTemplatesPath: () => urlOf(E.messageTemplates, {}),
  saveMessageTemplate: (templateKey: string, locale: string, body: BodyOf<typeof E.saveMessageTemplate>) =>
    callApi(E.saveMessageTemplate, { templateKey, locale }, body),
  messageSettingsPath: () => urlOf(E.messageSettings, {}),
  saveMessageSettings: (body: BodyOf<typeof E.saveMessageSettings>) => callApi(E.saveMessageSettings, {}, body),

  /** The route still declares its rows as open records; they are ImportRun (src/shared/schemas/imports.ts). */
  importsPath: () => urlOf(E.imports, {}) as ApiPath<{ imports: ImportRun[] }>,
  uploadImport: (form: FormData, onProgress: (share: number) => void) =>
    uploadForm<AnswerOf<typeof E.uploadImport>>(urlOf(E.uploadImport, {}), form, onProgress),

  apiTokensPath: () => urlOf(E.apiTokens, {}),
  createApiToken: (body: CreateApiTokenBody) => callApi(E.createApiToken, {}, body),
  revokeApiToken: (id: string) => callApi(E.revokeApiToken, { id }),
  /** Starts the full export as a background job; the result is an ExportResult. */
  startExport: (body: BodyOf<typeof E.startExport>) => callApi(E.startExport, {}, body),
  /** `lastReport` is stored JSON the route declares open; it is a SyncRunReport. */
  syncSettingsPath: () => urlOf(E.syncSettings, {}) as ApiPath<{ settings: SyncSettingsView | null }>,
  saveSyncSettings: (body: BodyOf<typeof E.saveSyncSettings>) => callApi(E.saveSyncSettings, {}, body),
  startSync: () => callApi(E.startSync, {}),

  usersPath: (query: AccountQuery) => urlOf(E.users, {}, { ...query }),
  disableUser: (id: string) => callApi(E.disableUser, { id }),
  enableUser: (id: string) => callApi(E.enableUser, { id }),
  grantRole: (id: string, body: BodyOf<typeof E.grantRole>) => callApi(E.grantRole, { id }, body),
  revokeRole: (id: string, body: BodyOf<typeof E.revokeRole>) => callApi(E.revokeRole, { id }, body),
  setPassword: (id: string, password: string) => callApi(E.setPassword, { id }, { password }),
  userAudit: (id: string) => apiGet<AnswerOf<typeof E.userAudit>>(urlOf(E.userAudit, { id })),
  roleMappingPath: () => urlOf(E.roleMapping, {}),
  saveRoleMapping: (entries: RoleMapping['entries']) => callApi(E.saveRoleMapping, {}, { entries }),
  signInSettingsPath: () => urlOf(E.signInSettings, {}),
  saveSignInSettings: (body: BodyOf<typeof E.saveSignInSettings>) => callApi(E.saveSignInSettings, {}, body),
};

/** Response types for the GET paths above, so pages name them once. */
export type {
  EvaluationSummary,
  ExportResult,
  GuardianSettings,
  ImportProblem,
  ImportReport,
  ImportRun,
  SyncRunReport,
  SyncSettings,
  CompletenessResponse,
  EarlyWarningResponse,
  LadderVersionSummary,
  LaddersResponse,
  LessonDetail,
  Me,
  MyLessonsResponse,
  UnconfirmedLessonsResponse,
  PreviewResponse,
  PupilLadderResponse,
  PupilListResponse,
  PupilPage,
  SchoolUnitsResponse,
  TaskRow,
  TasksResponse,
  OrganiserStatisticsResponse,
  SchoolStatisticsResponse,
  SharingResponse,
  GuardianOverview,
  LeaveRequestRow,
  BoardReportList,
  BoardReportSchedule,
  MonthlyStatisticsResponse,
  RegionalStatisticsResponse,
  CellPupilsQuery,
  CellPupilsResponse,
};
