/** Case management API calls (contract: src/shared/schemas/cases.ts). */
import type { Static } from 'typebox';
import type {
  AuditTrailResponse,
  CandidatesResponse,
  CaseDetail,
  CaseListResponse,
  CatalogueResponse,
  HandoversResponse,
  NoticesResponse,
  OrganiserOverviewResponse,
  RemindersResponse,
  SaveMappingRequest,
} from '@shared/schemas/cases';
import { endpoints as E } from '@shared/schemas/endpoints';
import { callApi, urlOf, type BodyOf } from '../../api/client';

export type CaseList = Static<typeof CaseListResponse>;
export type Catalogue = Static<typeof CatalogueResponse>;
export type Candidates = Static<typeof CandidatesResponse>;
export type Notices = Static<typeof NoticesResponse>;
export type Handovers = Static<typeof HandoversResponse>;
export type Reminders = Static<typeof RemindersResponse>;
export type AuditTrail = Static<typeof AuditTrailResponse>;
export type { CaseDetail, OrganiserOverviewResponse };
/** Choice lists of the case forms, as the contract has them. */
export type MemberRole = BodyOf<typeof E.addCaseMember>['role'];
export type GoalAttainment = BodyOf<typeof E.recordFollowUp>['goalAttainment'];
export type ConcernReasonCategory = BodyOf<typeof E.registerConcernReport>['reasonCategory'];
export type ConcernFeedbackKind = BodyOf<typeof E.recordConcernFeedback>['feedbackKind'];
export type CloseReason = BodyOf<typeof E.closeCase>['reason'];

export const casesApi = {
  listPath: (scope: 'mine' | 'school' | 'organiser', status: 'open' | 'closed' | 'all' = 'open', pupilId?: string) =>
    urlOf(E.cases, {}, { scope, status, pupilId }),
  casePath: (id: string) => urlOf(E.case, { id }),
  pdfUrl: (id: string) => urlOf(E.casePdf, { id }),
  auditPath: (id: string) => urlOf(E.caseAudit, { id }),
  staffPath: (id: string) => urlOf(E.caseStaff, { id }),
  handoverTargetsPath: (id: string) => urlOf(E.handoverTargets, { id }),
  cataloguePath: () => urlOf(E.caseCatalogue, {}),
  remindersPath: () => urlOf(E.caseReminders, {}),
  handoversPath: () => urlOf(E.handovers, {}),
  noticesPath: (status: 'received' | 'acknowledged' | 'all', from: string, to: string) =>
    urlOf(E.notices, {}, { status, from, to }),
  overviewPath: (from: string, to: string) => urlOf(E.caseOverview, {}, { from, to }),

  open: (pupilId: string) => callApi(E.openCase, {}, { pupilId }),
  addMember: (id: string, body: BodyOf<typeof E.addCaseMember>) => callApi(E.addCaseMember, { id }, body),
  createMapping: (id: string, body: SaveMappingRequest) => callApi(E.createMapping, { id }, body),
  updateMapping: (id: string, mappingId: string, body: SaveMappingRequest) =>
    callApi(E.updateMapping, { id, mappingId }, body),
  completeMapping: (id: string, mappingId: string) => callApi(E.completeMapping, { id, mappingId }),
  openInvestigation: (id: string) => callApi(E.openInvestigation, { id }),
  completeInvestigation: (id: string, conclusion: string) => callApi(E.completeInvestigation, { id }, { conclusion }),
  setCauses: (id: string, body: BodyOf<typeof E.setCauses>) => callApi(E.setCauses, { id }, body),
  addIntervention: (id: string, body: BodyOf<typeof E.addIntervention>) => callApi(E.addIntervention, { id }, body),
  recordFollowUp: (id: string, followUpId: string, body: BodyOf<typeof E.recordFollowUp>) =>
    callApi(E.recordFollowUp, { id, followUpId }, body),
  registerConcernReport: (id: string, body: BodyOf<typeof E.registerConcernReport>) =>
    callApi(E.registerConcernReport, { id }, body),
  recordConcernFeedback: (id: string, reportId: string, body: BodyOf<typeof E.recordConcernFeedback>) =>
    callApi(E.recordConcernFeedback, { id, reportId }, body),
  recordMeeting: (id: string, body: BodyOf<typeof E.recordMeeting>) => callApi(E.recordMeeting, { id }, body),
  rateMeeting: (id: string, meetingId: string, ratings: BodyOf<typeof E.rateMeeting>['ratings']) =>
    callApi(E.rateMeeting, { id, meetingId }, { ratings }),
  prepareHandover: (id: string, body: BodyOf<typeof E.prepareHandover>) => callApi(E.prepareHandover, { id }, body),
  close: (id: string, body: BodyOf<typeof E.closeCase>) => callApi(E.closeCase, { id }, body),
  reopen: (id: string, reason: string) => callApi(E.reopenCase, { id }, { reason }),
  saveSettings: (body: BodyOf<typeof E.saveCaseSettings>) => callApi(E.saveCaseSettings, {}, body),
  acknowledgeNotice: (noticeId: string) => callApi(E.acknowledgeNotice, { id: noticeId }),
};
