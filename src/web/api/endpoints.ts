/** One typed function per API endpoint the web app uses (the contract is src/shared/schemas). */
import type { Static } from 'typebox';
import type { LoginRequest, Me } from '@shared/schemas/auth';
import type { LessonDetail, MyLessonsResponse, RegisterLessonRequest } from '@shared/schemas/lessons';
import type { PupilListResponse, PupilPage, RegisterAbsenceRequest } from '@shared/schemas/pupils';
import type { CompletenessResponse, SchoolUnitsResponse } from '@shared/schemas/reports';
import type { AbsenceRow } from '@shared/schemas/pupils';
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

  importsPath: () => '/api/imports',
  uploadImport: (form: FormData, onProgress: (share: number) => void) =>
    uploadForm<ImportReport>('/api/imports/ss12000', form, onProgress),
};

/** Response types for the GET paths above, so pages name them once. */
export type {
  CompletenessResponse, LessonDetail, Me, MyLessonsResponse, PupilListResponse, PupilPage, SchoolUnitsResponse,
};
