/** One typed function per API endpoint the web app uses (the contract is src/shared/schemas). */
import type { Static } from 'typebox';
import type { LoginRequest, Me } from '@shared/schemas/auth';
import type { LessonDetail, MyLessonsResponse, RegisterLessonRequest } from '@shared/schemas/lessons';
import type { PupilListResponse, PupilPage, RegisterAbsenceRequest } from '@shared/schemas/pupils';
import type { CompletenessResponse, SchoolUnitsResponse } from '@shared/schemas/reports';
import type { AbsenceRow } from '@shared/schemas/pupils';
import type {
  AssigneesResponse as AssigneesResponseSchema, EarlyWarningResponse, LadderVersionSummary, LaddersResponse, PreviewResponse, PupilLadderResponse,
  SaveLadderVersionRequest, TaskRow, TasksResponse,
} from '@shared/schemas/ladders';
import type {
  BoardReportList, BoardReportSchedule, MonthlyStatisticsResponse, OrganiserStatisticsResponse, RegionalStatisticsResponse, SchoolStatisticsResponse, SharingResponse,
} from '@shared/schemas/statistics';
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
}

/** Which tasks to list. */
export type TaskStatusFilter = 'open' | 'done' | 'all';

/** Staff who can take a task (GET /api/tasks/:id/assignees). */
export type AssigneesResponse = Static<typeof AssigneesResponseSchema>;

/** An absence report, leave or staff reason as listed on the pupil page. */
export type Absence = Static<typeof AbsenceRow>;

/** The API calls: functions for writes, `…Path` builders for GETs (loaded with useApiQuery). */
export const api = {
  login: (body: LoginRequest) => apiPost<Me>('/api/auth/login', body),
  logout: () => apiPost<void>('/api/auth/logout'),
  me: (signal?: AbortSignal) => apiGet<Me>('/api/auth/me', signal),

  myLessonsPath: (date: string) => apiPath('/api/lessons/mine', { date }),
  lessonPath: (id: string) => `/api/lessons/${encodeURIComponent(id)}`,
  registerLesson: (id: string, body: RegisterLessonRequest) =>
    apiPut<LessonDetail>(`/api/lessons/${encodeURIComponent(id)}/registration`, body),

  pupilsPath: (period: Period, schoolUnitId?: string, groupId?: string) =>
    apiPath('/api/pupils', { ...period, schoolUnitId, groupId }),
  pupilPath: (id: string, period: Period) => apiPath(`/api/pupils/${encodeURIComponent(id)}`, { ...period }),
  registerAbsence: (pupilId: string, body: RegisterAbsenceRequest) =>
    apiPost<{ id: string }>(`/api/pupils/${encodeURIComponent(pupilId)}/absences`, body),
  withdrawAbsence: (absenceId: string) => apiDelete(`/api/absences/${encodeURIComponent(absenceId)}`),

  completenessPath: (period: Period, schoolUnitId?: string) => apiPath('/api/completeness', { ...period, schoolUnitId }),
  schoolUnitsPath: () => '/api/school-units',

  laddersPath: () => '/api/ladders',
  saveLadderVersion: (body: SaveLadderVersionRequest) => apiPost<{ id: string; version: number }>('/api/ladders/versions', body),
  publishLadderVersion: (id: string, effectiveFrom?: string) =>
    apiPost<void>(`/api/ladders/versions/${encodeURIComponent(id)}/publish`, effectiveFrom ? { effectiveFrom } : {}),
  /** Changes a draft in place (the same version number); published versions answer 409. */
  updateLadderDraft: (id: string, body: { definition: unknown; effectiveFrom: string }) =>
    apiPut<void>(`/api/ladders/versions/${encodeURIComponent(id)}`, body),
  /** Discards a draft. */
  deleteLadderDraft: (id: string) => apiDelete(`/api/ladders/versions/${encodeURIComponent(id)}`),
  /** Preview of a version, optionally as if it applied from another date (the editor's, unsaved). */
  ladderPreviewPath: (id: string, effectiveFrom?: string) =>
    apiPath(`/api/ladders/versions/${encodeURIComponent(id)}/preview`, { effectiveFrom }),
  /** A plain link (download): the version as a ladder file. */
  ladderExportUrl: (id: string) => `/api/ladders/versions/${encodeURIComponent(id)}/export`,
  evaluateLadders: (body: { schoolUnitId?: string; personId?: string }) => apiPost<EvaluationSummary>('/api/ladders/evaluate', body),

  earlyWarningPath: (params: EarlyWarningParams) => apiPath('/api/early-warning', { ...params }),
  /** A plain link (download): the same list as CSV. */
  earlyWarningCsvUrl: (params: EarlyWarningParams) => apiPath('/api/early-warning.csv', { ...params }),

  tasksPath: (status: TaskStatusFilter, personId?: string) => apiPath('/api/tasks', { status, personId }),
  completeTask: (id: string, note?: string) => apiPost<void>(`/api/tasks/${encodeURIComponent(id)}/complete`, note ? { note } : {}),
  taskAssigneesPath: (id: string) => `/api/tasks/${encodeURIComponent(id)}/assignees`,
  reassignTask: (id: string, userId: string) => apiPost<void>(`/api/tasks/${encodeURIComponent(id)}/reassign`, { userId }),

  pupilLadderPath: (id: string) => `/api/pupils/${encodeURIComponent(id)}/ladder`,
  decideLadderStep: (pupilId: string, body: { stepIndex: number; reason: string }) =>
    apiPost<void>(`/api/pupils/${encodeURIComponent(pupilId)}/ladder-decisions`, body),
  setConcernFlag: (pupilId: string, note?: string) =>
    apiPost<void>(`/api/pupils/${encodeURIComponent(pupilId)}/concern-flag`, note ? { note } : {}),
  clearConcernFlag: (pupilId: string) => apiDelete(`/api/pupils/${encodeURIComponent(pupilId)}/concern-flag`),

  schoolStatisticsPath: (period: Period, schoolUnitId?: string) => apiPath('/api/statistics/school', { ...period, schoolUnitId }),
  /** A plain link (download): the school statistics as CSV. */
  schoolStatisticsCsvUrl: (period: Period, schoolUnitId?: string) => apiPath('/api/statistics/school.csv', { ...period, schoolUnitId }),
  organiserStatisticsPath: (period: Period) => apiPath('/api/statistics/organiser', { ...period }),
  /** A plain link (download): the organiser statistics as CSV. */
  organiserStatisticsCsvUrl: (period: Period) => apiPath('/api/statistics/organiser.csv', { ...period }),
  /** A plain link (download): the board report PDF with the administrator's text. */
  boardReportUrl: (period: Period, text?: string) => apiPath('/api/statistics/board-report.pdf', { ...period, text }),
  monthlyStatisticsPath: (period: Period, schoolUnitId?: string) => apiPath('/api/statistics/months', { ...period, schoolUnitId }),
  /** A plain link (download): the monthly statistics as CSV. */
  monthlyStatisticsCsvUrl: (period: Period, schoolUnitId?: string) => apiPath('/api/statistics/months.csv', { ...period, schoolUnitId }),
  regionalStatisticsPath: (period: Period) => apiPath('/api/statistics/region', { ...period }),
  /** A plain link (download): the regional statistics as CSV. */
  regionalStatisticsCsvUrl: (period: Period) => apiPath('/api/statistics/region.csv', { ...period }),
  boardReportSchedulePath: () => '/api/statistics/board-report-schedule',
  setBoardReportSchedule: (body: BoardReportSchedule) => apiPut<BoardReportSchedule>('/api/statistics/board-report-schedule', body),
  boardReportsPath: () => '/api/statistics/board-reports',
  /** A plain link (download): a stored board report. */
  storedBoardReportUrl: (id: string) => `/api/statistics/board-reports/${encodeURIComponent(id)}`,
  statisticsSharingPath: () => '/api/statistics/sharing',
  setStatisticsSharing: (isShared: boolean) => apiPost<SharingResponse>('/api/statistics/sharing', { isShared }),

  importsPath: () => '/api/imports',
  uploadImport: (form: FormData, onProgress: (share: number) => void) =>
    uploadForm<ImportReport>('/api/imports/ss12000', form, onProgress),
};

/** Response types for the GET paths above, so pages name them once. */
export type {
  CompletenessResponse, EarlyWarningResponse, LadderVersionSummary, LaddersResponse, LessonDetail, Me, MyLessonsResponse, PreviewResponse,
  PupilLadderResponse, PupilListResponse, PupilPage, SchoolUnitsResponse, TaskRow, TasksResponse,
  OrganiserStatisticsResponse, SchoolStatisticsResponse, SharingResponse,
  BoardReportList, BoardReportSchedule, MonthlyStatisticsResponse, RegionalStatisticsResponse,
};
