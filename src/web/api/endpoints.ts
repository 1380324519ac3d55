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
import type { RetentionPolicyBody, RetentionPolicyResponse, RetentionPreviewResponse } from '@shared/schemas/retention';
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
import type { ApiTokenListResponse, CreateApiTokenBody, CreatedApiTokenResponse } from '@shared/schemas/api-tokens';
import { apiDelete, apiGet, apiPath, apiPost, apiPut, uploadForm } from './client';

/** A period `from..to`, both inclusive, as YYYY-MM-DD. */
export interface Period {
  from: string;
  to: string;
}

/** One problem in an SS12000 import. */
export interface ImportProblem {
  file: string;
  index: number | null;
  id: string | null;
  field: string | null;
  code: string;
  message: string;
}

/** Result of an SS12000 import (also in `details` of a 422 when rejected). */
export interface ImportReport {
  importId: string;
  status: 'applied' | 'rejected';
  counts: Record<string, number>;
  problems: ImportProblem[];
  durationMs: number;
}

/** One earlier import. */
/** One SS12000 sync run's report (see docs/ss12000-sync.md). */
export interface SyncRunReport {
  status: 'applied' | 'rejected' | 'failed';
  mode: 'full' | 'incremental';
  startedAt: string;
  fetched: Record<string, number>;
  import: ImportReport | null;
  error: { code: string; message: string } | null;
}

/** The SS12000 sync connection as the server shows it (never the secret). */
export interface SyncSettings {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  authMethod: 'body' | 'basic';
  scheduleTime: string | null;
  hasSecret: boolean;
  lastRunAt: string | null;
  lastStatus: string | null;
  lastReport: SyncRunReport | null;
}

export interface SaveSyncSettings {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  authMethod: 'body' | 'basic';
  scheduleTime: string | null;
  clientSecret?: string;
}

export interface ImportRun {
  id: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  report: ImportReport | null;
}

/** Early-warning scope: the mentor's pupils, a school, or the whole organiser. */
export type EarlyWarningScope = 'mine' | 'school' | 'organiser';

/** Query of the early-warning list and its CSV. */
export interface EarlyWarningParams {
  scope: EarlyWarningScope;
  schoolUnitId?: string;
  minStep?: number;
}

/** What an evaluation run did. */
export interface EvaluationSummary {
  pupils: number;
  onStep: number;
  changes: number;
  tasks: number;
  outbox: number;
  /** State rows rewritten (the others only had their evaluation date moved). */
  written: number;
}

/** Which tasks to list. */
export type TaskStatusFilter = 'open' | 'done' | 'all';

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
/** The organiser's guardian settings (GET/PUT /api/messages/settings). */
export interface GuardianSettings {
  noticeEmail: string | null;
  leaveMentorLimitDays: number;
  reportPastDays: number;
  /** When the same-day notice goes out: at a set time, or when the lesson is confirmed (after the grace minutes). */
  sameDayNoticePolicy: 'atTime' | 'immediate';
  sameDayNoticeTime: string;
  sameDayNoticeGraceMinutes: number;
}
/** Filters of the message log. */
export interface MessageLogFilters {
  status?: string;
  channel?: string;
  from?: string;
  to?: string;
}

/** The API calls: functions for writes, `…Path` builders for GETs (loaded with useApiQuery). */
export const api = {
  login: (body: LoginRequest) => apiPost<Me>('/api/auth/login', body),
  logout: () => apiPost<void>('/api/auth/logout'),
  logOutOtherSessions: () => apiPost<{ ended: number }>('/api/auth/sessions/log-out-others'),
  me: (signal?: AbortSignal) => apiGet<Me>('/api/auth/me', signal),

  myLessonsPath: (date: string) => apiPath('/api/lessons/mine', { date }),
  myUnconfirmedLessonsPath: '/api/lessons/mine/unconfirmed',
  lessonPath: (id: string) => `/api/lessons/${encodeURIComponent(id)}`,
  registerLesson: (id: string, body: RegisterLessonRequest) =>
    apiPut<LessonDetail>(`/api/lessons/${encodeURIComponent(id)}/registration`, body),

  pupilsPath: (period: Period, schoolUnitId?: string, groupId?: string) =>
    apiPath('/api/pupils', { ...period, schoolUnitId, groupId }),
  pupilPath: (id: string, period: Period) => apiPath(`/api/pupils/${encodeURIComponent(id)}`, { ...period }),
  registerAbsence: (pupilId: string, body: RegisterAbsenceRequest) =>
    apiPost<{ id: string }>(`/api/pupils/${encodeURIComponent(pupilId)}/absences`, body),
  withdrawAbsence: (absenceId: string) => apiDelete(`/api/absences/${encodeURIComponent(absenceId)}`),

  completenessPath: (period: Period, schoolUnitId?: string) =>
    apiPath('/api/completeness', { ...period, schoolUnitId }),
  schoolUnitsPath: () => '/api/school-units',

  laddersPath: () => '/api/ladders',
  saveLadderVersion: (body: SaveLadderVersionRequest) =>
    apiPost<{ id: string; version: number }>('/api/ladders/versions', body),
  publishLadderVersion: (id: string, effectiveFrom?: string) =>
    apiPost<void>(`/api/ladders/versions/${encodeURIComponent(id)}/publish`, effectiveFrom ? { effectiveFrom } : {}),
  /** Changes a draft in place (the same version number); published versions answer 409. */
  updateLadderDraft: (id: string, body: { definition: unknown; effectiveFrom: string }) =>
    apiPut<void>(`/api/ladders/versions/${encodeURIComponent(id)}`, body),
  /** Discards a draft. */
  deleteLadderDraft: (id: string) => apiDelete(`/api/ladders/versions/${encodeURIComponent(id)}`),
  /**
   * Starts the preview of a version as a background job: as of `date` (default today), optionally
   * as if it applied from another date (the editor's, unsaved). The result is a PreviewResponse.
   */
  startLadderPreview: (id: string, body: { effectiveFrom?: string; date?: string }) =>
    apiPost<{ jobId: string }>(`/api/ladders/versions/${encodeURIComponent(id)}/preview`, body),
  /** A plain link (download): the version as a ladder file. */
  ladderExportUrl: (id: string) => `/api/ladders/versions/${encodeURIComponent(id)}/export`,
  /** Starts an evaluation as a background job; the result is an EvaluationSummary. */
  startLadderEvaluation: (body: { schoolUnitId?: string; personId?: string }) =>
    apiPost<{ jobId: string }>('/api/ladders/evaluate', body),
  /** A background job's status, progress and result (only for the user who started it). */
  jobPath: (id: string) => `/api/jobs/${encodeURIComponent(id)}`,

  earlyWarningPath: (params: EarlyWarningParams) => apiPath('/api/early-warning', { ...params }),
  /** A plain link (download): the same list as CSV. */
  earlyWarningCsvUrl: (params: EarlyWarningParams) => apiPath('/api/early-warning.csv', { ...params }),

  tasksPath: (status: TaskStatusFilter, personId?: string) => apiPath('/api/tasks', { status, personId }),
  completeTask: (id: string, note?: string) =>
    apiPost<void>(`/api/tasks/${encodeURIComponent(id)}/complete`, note ? { note } : {}),
  taskAssigneesPath: (id: string) => `/api/tasks/${encodeURIComponent(id)}/assignees`,
  reassignTask: (id: string, userId: string) =>
    apiPost<void>(`/api/tasks/${encodeURIComponent(id)}/reassign`, { userId }),

  pupilLadderPath: (id: string) => `/api/pupils/${encodeURIComponent(id)}/ladder`,
  decideLadderStep: (pupilId: string, body: { stepIndex: number; reason: string }) =>
    apiPost<void>(`/api/pupils/${encodeURIComponent(pupilId)}/ladder-decisions`, body),
  closeLadderStep: (pupilId: string, reason: string) =>
    apiPost<void>(`/api/pupils/${encodeURIComponent(pupilId)}/ladder-step/close`, { reason }),
  setConcernFlag: (pupilId: string, note?: string) =>
    apiPost<void>(`/api/pupils/${encodeURIComponent(pupilId)}/concern-flag`, note ? { note } : {}),
  clearConcernFlag: (pupilId: string) => apiDelete(`/api/pupils/${encodeURIComponent(pupilId)}/concern-flag`),

  /** `withClasses: false` leaves out the class breakdown (many units' classes are thousands of rows). */
  schoolStatisticsPath: (period: Period, schoolUnitId?: string, withClasses = true) =>
    apiPath('/api/statistics/school', { ...period, schoolUnitId, withClasses: withClasses ? undefined : 'false' }),
  /** A plain link (download): the school statistics as CSV. */
  schoolStatisticsCsvUrl: (period: Period, schoolUnitId?: string) =>
    apiPath('/api/statistics/school.csv', { ...period, schoolUnitId }),
  organiserStatisticsPath: (period: Period) => apiPath('/api/statistics/organiser', { ...period }),
  /** A plain link (download): the organiser statistics as CSV. */
  organiserStatisticsCsvUrl: (period: Period) => apiPath('/api/statistics/organiser.csv', { ...period }),
  /** A plain link (download): the board report PDF with the administrator's text. */
  boardReportUrl: (period: Period, text?: string) => apiPath('/api/statistics/board-report.pdf', { ...period, text }),
  monthlyStatisticsPath: (period: Period, schoolUnitId?: string) =>
    apiPath('/api/statistics/months', { ...period, schoolUnitId }),
  /** A plain link (download): the monthly statistics as CSV. */
  monthlyStatisticsCsvUrl: (period: Period, schoolUnitId?: string) =>
    apiPath('/api/statistics/months.csv', { ...period, schoolUnitId }),
  regionalStatisticsPath: (period: Period) => apiPath('/api/statistics/region', { ...period }),
  /** The pupils behind one school figure (rektor and elevhälsa of the unit). */
  statisticsPupilsPath: (cell: CellPupilsQuery) => apiPath('/api/statistics/pupils', { ...cell }),
  /** A plain link (download): the regional statistics as CSV. */
  regionalStatisticsCsvUrl: (period: Period) => apiPath('/api/statistics/region.csv', { ...period }),
  boardReportSchedulePath: () => '/api/statistics/board-report-schedule',
  setBoardReportSchedule: (body: BoardReportSchedule) =>
    apiPut<BoardReportSchedule>('/api/statistics/board-report-schedule', body),
  boardReportsPath: () => '/api/statistics/board-reports',
  /** A plain link (download): a stored board report. */
  storedBoardReportUrl: (id: string) => `/api/statistics/board-reports/${encodeURIComponent(id)}`,
  statisticsSharingPath: () => '/api/statistics/sharing',
  retentionPolicyPath: () => '/api/retention/policy',
  saveRetentionPolicy: (policy: RetentionPolicyBody) =>
    apiPut<RetentionPolicyResponse>('/api/retention/policy', policy),
  retentionPreviewPath: () => '/api/retention/preview',
  runRetention: () => apiPost<RetentionPreviewResponse>('/api/retention/run'),
  setStatisticsSharing: (isShared: boolean) => apiPost<SharingResponse>('/api/statistics/sharing', { isShared }),

  guardianOverviewPath: () => '/api/guardian/overview',
  reportGuardianAbsence: (body: GuardianReportRequest) => apiPost<{ ids: string[] }>('/api/guardian/absences', body),
  changeGuardianReport: (id: string, body: ChangeReportRequest) =>
    apiPut<{ id: string }>(`/api/guardian/absences/${encodeURIComponent(id)}`, body),
  withdrawGuardianReport: (id: string) => apiDelete(`/api/guardian/absences/${encodeURIComponent(id)}`),
  requestLeave: (body: LeaveRequestInput) =>
    apiPost<{ id: string; decidedByRole: string; schoolDays: number; leaveDaysBefore: number; isOverTenDays: boolean }>(
      '/api/guardian/leave-requests',
      body,
    ),
  withdrawLeaveRequest: (id: string) =>
    apiPost<void>(`/api/guardian/leave-requests/${encodeURIComponent(id)}/withdraw`, {}),
  setGuardianLocale: (locale: 'sv' | 'en') => apiPut<void>('/api/guardian/locale', { locale }),

  leaveRequestsPath: (status: 'pending' | 'all') => apiPath('/api/leave-requests', { status }),
  decideLeave: (id: string, body: LeaveDecisionInput) =>
    apiPost<void>(`/api/leave-requests/${encodeURIComponent(id)}/decision`, body),
  pupilMessagesPath: (pupilId: string) => `/api/pupils/${encodeURIComponent(pupilId)}/messages`,
  messageLogPath: (filters: MessageLogFilters) => apiPath('/api/messages', { ...filters }),
  unreachableGuardiansPath: () => '/api/messages/unreachable-guardians',
  messageTemplatesPath: () => '/api/messages/templates',
  saveMessageTemplate: (templateKey: string, locale: string, body: { subject: string; body: string }) =>
    apiPut<void>(`/api/messages/templates/${encodeURIComponent(templateKey)}/${encodeURIComponent(locale)}`, body),
  messageSettingsPath: () => '/api/messages/settings',
  saveMessageSettings: (
    body: Pick<GuardianSettings, 'noticeEmail' | 'leaveMentorLimitDays' | 'reportPastDays'> & Partial<GuardianSettings>,
  ) => apiPut<void>('/api/messages/settings', body),

  importsPath: () => '/api/imports',
  uploadImport: (form: FormData, onProgress: (share: number) => void) =>
    uploadForm<ImportReport>('/api/imports/ss12000', form, onProgress),

  apiTokensPath: () => '/api/api-tokens',
  createApiToken: (body: CreateApiTokenBody) => apiPost<CreatedApiTokenResponse>('/api/api-tokens', body),
  revokeApiToken: (id: string) => apiPost<ApiTokenListResponse>(`/api/api-tokens/${encodeURIComponent(id)}/revoke`),
  /** Starts the full export as a background job; the result is an ExportResult. */
  startExport: (body: { includeCases: boolean }) => apiPost<{ jobId: string }>('/api/exports', body),
  syncSettingsPath: () => '/api/imports/ss12000-sync',
  saveSyncSettings: (body: SaveSyncSettings) => apiPut<{ settings: SyncSettings }>('/api/imports/ss12000-sync', body),
  startSync: () => apiPost<{ isStarted: boolean }>('/api/imports/ss12000-sync/run'),
};

/** Result of a finished full export job. */
export interface ExportResult {
  fileName: string;
  bytes: number;
  files: Record<string, number>;
  downloadPath: string;
}

/** Response types for the GET paths above, so pages name them once. */
export type {
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
