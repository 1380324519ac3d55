/** Case management API calls (contract: src/shared/schemas/cases.ts). */
import type { Static } from 'typebox';
import type {
  AddInterventionRequest,
  AuditTrailResponse,
  CandidatesResponse,
  CaseDetail,
  CaseListResponse,
  CatalogueResponse,
  HandoversResponse,
  NoticesResponse,
  OrganiserOverviewResponse,
  RecordMeetingRequest,
  RemindersResponse,
  SaveMappingRequest,
  SetCausesRequest,
} from '@shared/schemas/cases';
import { apiPath, apiPost, apiPut } from '../../api/client';

const c = (id: string) => `/api/cases/${encodeURIComponent(id)}`;

export type CaseList = Static<typeof CaseListResponse>;
export type Catalogue = Static<typeof CatalogueResponse>;
export type Candidates = Static<typeof CandidatesResponse>;
export type Notices = Static<typeof NoticesResponse>;
export type Handovers = Static<typeof HandoversResponse>;
export type Reminders = Static<typeof RemindersResponse>;
export type AuditTrail = Static<typeof AuditTrailResponse>;
export type { CaseDetail, OrganiserOverviewResponse };

export const casesApi = {
  listPath: (scope: 'mine' | 'school' | 'organiser', status: 'open' | 'closed' | 'all' = 'open', pupilId?: string) =>
    apiPath('/api/cases', { scope, status, pupilId }),
  casePath: (id: string) => c(id),
  pdfUrl: (id: string) => `${c(id)}/pdf`,
  auditPath: (id: string) => `${c(id)}/audit`,
  staffPath: (id: string) => `${c(id)}/staff`,
  handoverTargetsPath: (id: string) => `${c(id)}/handover-targets`,
  cataloguePath: () => '/api/cases/catalogue',
  remindersPath: () => '/api/cases/reminders',
  handoversPath: () => '/api/handovers',
  noticesPath: (status: 'received' | 'acknowledged' | 'all', from: string, to: string) =>
    apiPath('/api/organiser/notices', { status, from, to }),
  overviewPath: (from: string, to: string) => apiPath('/api/organiser/cases', { from, to }),

  open: (pupilId: string) => apiPost<{ id: string }>('/api/cases', { pupilId }),
  addMember: (id: string, userId: string, role: string) => apiPost<void>(`${c(id)}/members`, { userId, role }),
  createMapping: (id: string, body: SaveMappingRequest) => apiPost<{ id: string }>(`${c(id)}/mappings`, body),
  updateMapping: (id: string, mappingId: string, body: SaveMappingRequest) =>
    apiPut<void>(`${c(id)}/mappings/${mappingId}`, body),
  completeMapping: (id: string, mappingId: string) => apiPost<void>(`${c(id)}/mappings/${mappingId}/complete`),
  openInvestigation: (id: string) => apiPost<{ id: string; deadline: string }>(`${c(id)}/investigation`),
  completeInvestigation: (id: string, conclusion: string) =>
    apiPost<void>(`${c(id)}/investigation/complete`, { conclusion }),
  setCauses: (id: string, body: SetCausesRequest) => apiPut<void>(`${c(id)}/causes`, body),
  addIntervention: (id: string, body: AddInterventionRequest) =>
    apiPost<{ id: string }>(`${c(id)}/interventions`, body),
  recordFollowUp: (id: string, followUpId: string, body: { assessment: string; goalAttainment: string }) =>
    apiPost<unknown>(`${c(id)}/follow-ups/${followUpId}`, body),
  registerConcernReport: (
    id: string,
    body: { reportedOn: string; socialServicesOffice: string; reasonCategory: string; actionsTaken?: string },
  ) => apiPost<{ id: string }>(`${c(id)}/concern-reports`, body),
  recordConcernFeedback: (id: string, reportId: string, body: { feedbackOn: string; feedbackKind: string }) =>
    apiPost<void>(`${c(id)}/concern-reports/${reportId}/feedback`, body),
  recordMeeting: (id: string, body: RecordMeetingRequest) => apiPost<{ id: string }>(`${c(id)}/meetings`, body),
  rateMeeting: (id: string, meetingId: string, ratings: { participantKey: string; rating: number }[]) =>
    apiPost<void>(`${c(id)}/meetings/${meetingId}/ratings`, { ratings }),
  prepareHandover: (id: string, body: { toSchoolUnitId: string; summary: string }) =>
    apiPost<{ id: string }>(`${c(id)}/handovers`, body),
  close: (id: string, body: { reason: string; outcome: string }) => apiPost<void>(`${c(id)}/close`, body),
  reopen: (id: string, reason: string) => apiPost<void>(`${c(id)}/reopen`, { reason }),
  saveSettings: (body: { investigationDeadlineDays: number | null; concernFeedbackReminderDays: number }) =>
    apiPut<void>('/api/cases/settings', body),
  acknowledgeNotice: (noticeId: string) =>
    apiPost<void>(`/api/organiser/notices/${encodeURIComponent(noticeId)}/acknowledge`),
};
