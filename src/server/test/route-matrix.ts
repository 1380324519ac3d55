/**
 * The role × route matrix (issue 15): every registered route with a representative request on the
 * role's own data (ids from matrix-world.ts) and the EXACT status each role gets. The test
 * (route-matrix.test.ts) fails on a route without a row, and on any status that differs.
 *
 * Add a route: append a row `'METHOD /path': row(request, [teacher, mentor, rektor, elevhälsa,
 * huvudman, systemAdmin, guardian, region, anonymous])`. Rows run in this order, each role in its
 * own organiser; state-changing rows that end a record (close, delete, publish, logout) come last.
 */
import type { MatrixIds } from './matrix-world.js';
import { DEFAULT_MAPPING_TEMPLATE } from '../../shared/cases/mapping-template.js';
import { DEFAULT_RETENTION_POLICY } from '../../shared/retention/policy.js';

export const MATRIX_ROLES = [
  'teacher',
  'mentor',
  'principal',
  'studentHealth',
  'organiserAdmin',
  'systemAdmin',
  'guardian',
  'region',
  'anonymous',
] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];

export interface MatrixRequest {
  url: string;
  payload?: unknown;
}
export interface RouteRow {
  request: (ids: MatrixIds) => MatrixRequest;
  statuses: Record<MatrixRole, number>;
}

type Statuses = [number, number, number, number, number, number, number, number, number];
const row = (request: (ids: MatrixIds) => MatrixRequest, s: Statuses): RouteRow => ({
  request,
  statuses: Object.fromEntries(MATRIX_ROLES.map((role, i) => [role, s[i]])) as Record<MatrixRole, number>,
});
const get = (url: (i: MatrixIds) => string) => (i: MatrixIds) => ({ url: url(i) });
const send = (url: (i: MatrixIds) => string, payload: (i: MatrixIds) => unknown) => (i: MatrixIds) => ({
  url: url(i),
  payload: payload(i),
});
const PERIOD = 'from=2026-01-01&to=2026-01-31';
/** An id no record has (routes whose records the matrix world does not make). */
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

/* eslint-disable max-len */
//                                                                                                                              teach ment  rekt  elevh huvud sysad guard regio anon
export const ROUTE_MATRIX: Record<string, RouteRow> = {
  'GET /healthz': row(
    get(() => '/healthz'),
    [200, 200, 200, 200, 200, 200, 200, 200, 200],
  ),
  'GET /api/openapi.json': row(
    get(() => '/api/openapi.json'),
    [200, 200, 200, 200, 200, 200, 200, 200, 200],
  ),
  'POST /api/auth/login': row(
    send(
      () => '/api/auth/login',
      () => ({ username: 'nobody', password: 'wrong' }),
    ),
    [401, 401, 401, 401, 401, 401, 401, 401, 401],
  ),
  'GET /api/auth/me': row(
    get(() => '/api/auth/me'),
    [200, 200, 200, 200, 200, 200, 200, 200, 401],
  ),
  'GET /api/lessons/mine': row(
    get(() => '/api/lessons/mine'),
    [200, 200, 200, 200, 200, 200, 404, 404, 401],
  ),
  'GET /api/lessons/:id': row(
    get((i) => `/api/lessons/${i.lesson}`),
    [200, 200, 200, 200, 404, 404, 404, 404, 401],
  ),
  'GET /api/lessons/:id/history': row(
    get((i) => `/api/lessons/${i.lesson}/history?limit=10`),
    [200, 200, 200, 200, 404, 404, 404, 404, 401],
  ),
  'PUT /api/lessons/:id/registration': row(
    send(
      (i) => `/api/lessons/${i.lesson}/registration`,
      () => ({ marks: [] }),
    ),
    [200, 200, 200, 403, 404, 404, 404, 404, 401],
  ),
  'GET /api/pupils': row(
    get(() => `/api/pupils?${PERIOD}`),
    [200, 200, 200, 200, 200, 200, 404, 404, 401],
  ),
  'GET /api/pupils/:id': row(
    get((i) => `/api/pupils/${i.pupil}`),
    [404, 200, 200, 200, 404, 404, 404, 404, 401],
  ),
  'POST /api/pupils/:id/absences': row(
    send(
      (i) => `/api/pupils/${i.pupil}/absences`,
      () => ({ kind: 'guardianReport', fromDate: '2026-01-23', toDate: '2026-01-23' }),
    ),
    [404, 201, 201, 201, 404, 404, 404, 404, 401],
  ),
  'GET /api/pupils/:id/ladder': row(
    get((i) => `/api/pupils/${i.pupil}/ladder`),
    [404, 200, 200, 200, 404, 404, 404, 404, 401],
  ),
  'POST /api/pupils/:id/ladder-decisions': row(
    send(
      (i) => `/api/pupils/${i.pupil}/ladder-decisions`,
      () => ({ stepIndex: 0, reason: 'Närvaron är god igen.' }),
    ),
    [404, 204, 204, 204, 404, 404, 404, 404, 401],
  ),
  'POST /api/pupils/:id/concern-flag': row(
    send(
      (i) => `/api/pupils/${i.pupil}/concern-flag`,
      () => ({ note: 'Oro' }),
    ),
    [404, 204, 204, 204, 404, 404, 404, 404, 401],
  ),
  'DELETE /api/pupils/:id/concern-flag': row(
    get((i) => `/api/pupils/${i.pupil}/concern-flag`),
    [404, 204, 204, 204, 404, 404, 404, 404, 401],
  ),
  'GET /api/pupils/:id/case-audit': row(
    get((i) => `/api/pupils/${i.pupil}/case-audit`),
    [404, 403, 200, 403, 200, 200, 404, 404, 401],
  ),
  'GET /api/pupils/:id/messages': row(
    get((i) => `/api/pupils/${i.pupil}/messages`),
    [404, 200, 200, 200, 404, 404, 404, 404, 401],
  ),
  'GET /api/school-units': row(
    get(() => '/api/school-units'),
    [200, 200, 200, 200, 200, 200, 404, 404, 401],
  ),
  'GET /api/completeness': row(
    get(() => `/api/completeness?${PERIOD}`),
    [403, 403, 200, 200, 200, 403, 404, 404, 401],
  ),
  'GET /api/ladders': row(
    get(() => '/api/ladders'),
    [403, 403, 200, 200, 200, 200, 404, 404, 401],
  ),
  'POST /api/ladders/versions': row(
    send(
      () => '/api/ladders/versions',
      (i) => ({ schoolUnitId: i.schoolUnitId, presetId: 'orebro', effectiveFrom: '2026-03-01', publish: false }),
    ),
    [403, 403, 201, 403, 201, 403, 404, 404, 401],
  ),
  'PUT /api/ladders/versions/:id': row(
    send(
      (i) => `/api/ladders/versions/${i.versionId}`,
      () => ({ definition: { id: 'x', steps: 'none' }, effectiveFrom: '2026-03-01' }),
    ),
    [404, 404, 400, 403, 400, 403, 404, 404, 401],
  ),
  'GET /api/ladders/versions/:id/export': row(
    get((i) => `/api/ladders/versions/${i.versionId}/export`),
    [404, 404, 200, 200, 200, 200, 404, 404, 401],
  ),
  'POST /api/ladders/versions/:id/preview': row(
    send(
      (i) => `/api/ladders/versions/${i.versionId}/preview`,
      () => ({}),
    ),
    [404, 404, 202, 202, 202, 403, 404, 404, 401],
  ),
  'POST /api/ladders/evaluate': row(
    send(
      () => '/api/ladders/evaluate',
      (i) => ({ personId: i.pupil }),
    ),
    [404, 202, 202, 202, 404, 404, 404, 404, 401],
  ),
  'GET /api/jobs/:id': row(
    get((i) => `/api/jobs/${i.jobId}`),
    [404, 404, 200, 404, 404, 404, 404, 404, 401],
  ),
  'GET /api/early-warning': row(
    get(() => '/api/early-warning?scope=school&minStep=0'),
    [200, 200, 200, 200, 200, 200, 404, 404, 401],
  ),
  'GET /api/early-warning.csv': row(
    get(() => '/api/early-warning.csv?scope=school&minStep=0'),
    [200, 200, 200, 200, 200, 200, 404, 404, 401],
  ),
  'GET /api/tasks': row(
    get(() => '/api/tasks'),
    [200, 200, 200, 200, 200, 200, 404, 404, 401],
  ),
  'GET /api/tasks/:id/assignees': row(
    get((i) => `/api/tasks/${i.taskId}/assignees`),
    [404, 200, 200, 404, 404, 404, 404, 404, 401],
  ),
  'POST /api/tasks/:id/reassign': row(
    send(
      (i) => `/api/tasks/${i.taskId}/reassign`,
      (i) => ({ userId: i.userId }),
    ),
    [404, 204, 204, 404, 404, 404, 404, 404, 401],
  ),
  'POST /api/tasks/:id/complete': row(
    send(
      (i) => `/api/tasks/${i.taskId}/complete`,
      () => ({ note: 'Klart' }),
    ),
    [404, 204, 204, 404, 404, 404, 404, 404, 401],
  ),
  'GET /api/imports': row(
    get(() => '/api/imports'),
    [403, 403, 403, 403, 403, 200, 404, 404, 401],
  ),
  'POST /api/imports/ss12000': row(
    send(
      () => '/api/imports/ss12000',
      () => ({}),
    ),
    [403, 403, 403, 403, 403, 400, 404, 404, 401],
  ),
  'GET /api/statistics/school': row(
    get(() => `/api/statistics/school?${PERIOD}`),
    [403, 403, 200, 200, 200, 403, 404, 404, 401],
  ),
  'GET /api/statistics/school.csv': row(
    get(() => `/api/statistics/school.csv?${PERIOD}`),
    [403, 403, 200, 200, 200, 403, 404, 404, 401],
  ),
  'GET /api/statistics/pupils': row(
    get((i) => `/api/statistics/pupils?${PERIOD}&schoolUnitId=${i.schoolUnitId}`),
    [403, 403, 200, 200, 403, 403, 404, 404, 401],
  ),
  'GET /api/statistics/months': row(
    get(() => `/api/statistics/months?${PERIOD}`),
    [403, 403, 200, 200, 200, 403, 404, 404, 401],
  ),
  'GET /api/statistics/months.csv': row(
    get(() => `/api/statistics/months.csv?${PERIOD}`),
    [403, 403, 200, 200, 200, 403, 404, 404, 401],
  ),
  'GET /api/statistics/organiser': row(
    get(() => `/api/statistics/organiser?${PERIOD}`),
    [403, 403, 403, 403, 200, 403, 404, 404, 401],
  ),
  'GET /api/statistics/organiser.csv': row(
    get(() => `/api/statistics/organiser.csv?${PERIOD}`),
    [403, 403, 403, 403, 200, 403, 404, 404, 401],
  ),
  'GET /api/statistics/board-report.pdf': row(
    get(() => `/api/statistics/board-report.pdf?${PERIOD}`),
    [403, 403, 403, 403, 200, 403, 404, 404, 401],
  ),
  'GET /api/statistics/board-report-schedule': row(
    get(() => '/api/statistics/board-report-schedule'),
    [403, 403, 403, 403, 200, 403, 404, 404, 401],
  ),
  'PUT /api/statistics/board-report-schedule': row(
    send(
      () => '/api/statistics/board-report-schedule',
      () => ({ frequency: 'off', text: '' }),
    ),
    [403, 403, 403, 403, 200, 403, 404, 404, 401],
  ),
  'GET /api/statistics/board-reports': row(
    get(() => '/api/statistics/board-reports'),
    [403, 403, 403, 403, 200, 403, 404, 404, 401],
  ),
  'GET /api/statistics/board-reports/:id': row(
    get((i) => `/api/statistics/board-reports/${i.boardReportId}`),
    [403, 403, 403, 403, 200, 403, 404, 404, 401],
  ),
  'GET /api/statistics/sharing': row(
    get(() => '/api/statistics/sharing'),
    [403, 403, 403, 403, 200, 403, 404, 404, 401],
  ),
  'POST /api/statistics/sharing': row(
    send(
      () => '/api/statistics/sharing',
      () => ({ isShared: false }),
    ),
    [403, 403, 403, 403, 200, 403, 404, 404, 401],
  ),
  'GET /api/statistics/region': row(
    get(() => `/api/statistics/region?${PERIOD}`),
    [403, 403, 403, 403, 403, 403, 404, 200, 401],
  ),
  'GET /api/statistics/region.csv': row(
    get(() => `/api/statistics/region.csv?${PERIOD}`),
    [403, 403, 403, 403, 403, 403, 404, 200, 401],
  ),
  'GET /api/guardian/overview': row(
    get(() => '/api/guardian/overview'),
    [403, 403, 403, 403, 403, 403, 200, 404, 401],
  ),
  'POST /api/guardian/absences': row(
    send(
      () => '/api/guardian/absences',
      (i) => ({ pupilIds: [i.pupil], fromDate: '2026-01-26', toDate: '2026-01-26', reasonCode: 'reported' }),
    ),
    [403, 403, 403, 403, 403, 403, 201, 404, 401],
  ),
  'PUT /api/guardian/absences/:id': row(
    send(
      (i) => `/api/guardian/absences/${i.guardianAbsence}`,
      (i) => ({ pupilIds: [i.pupil], fromDate: '2026-01-21', toDate: '2026-01-22', reasonCode: 'reported' }),
    ),
    // The report starts on 21 January, after the tests' today (14 January): it may still be changed.
    [403, 403, 403, 403, 403, 403, 200, 404, 401],
  ),
  'POST /api/guardian/leave-requests': row(
    send(
      () => '/api/guardian/leave-requests',
      (i) => ({ pupilId: i.pupil, fromDate: '2026-01-27', toDate: '2026-01-27', reason: 'Tandläkare' }),
    ),
    [403, 403, 403, 403, 403, 403, 201, 404, 401],
  ),
  'PUT /api/guardian/locale': row(
    send(
      () => '/api/guardian/locale',
      () => ({ locale: 'sv' }),
    ),
    [403, 403, 403, 403, 403, 403, 204, 404, 401],
  ),
  'GET /api/leave-requests': row(
    get(() => '/api/leave-requests'),
    [200, 200, 200, 200, 200, 200, 404, 404, 401],
  ),
  'POST /api/leave-requests/:id/decision': row(
    send(
      (i) => `/api/leave-requests/${i.leaveRequestId}/decision`,
      () => ({ decision: 'granted', reason: 'Beviljas.' }),
    ),
    [404, 204, 204, 403, 404, 404, 404, 404, 401],
  ),
  // After the decision row: only the guardian's organiser still has the request pending.
  'POST /api/guardian/leave-requests/:id/withdraw': row(
    send(
      (i) => `/api/guardian/leave-requests/${i.leaveRequestId}/withdraw`,
      () => ({}),
    ),
    [403, 403, 403, 403, 403, 403, 204, 404, 401],
  ),
  'GET /api/messages': row(
    get(() => '/api/messages'),
    [403, 403, 200, 200, 200, 403, 404, 404, 401],
  ),
  'GET /api/messages/unreachable-guardians': row(
    get(() => '/api/messages/unreachable-guardians'),
    [200, 200, 200, 200, 200, 200, 404, 404, 401],
  ),
  'GET /api/messages/templates': row(
    get(() => '/api/messages/templates'),
    [403, 403, 403, 403, 200, 403, 404, 404, 401],
  ),
  'PUT /api/messages/templates/:templateKey/:locale': row(
    send(
      () => '/api/messages/templates/leave-decision/sv',
      () => ({ subject: 'Beslut om ledighet', body: 'Beslut: {{decision}}' }),
    ),
    [403, 403, 403, 403, 204, 403, 404, 404, 401],
  ),
  'GET /api/messages/settings': row(
    get(() => '/api/messages/settings'),
    [403, 403, 403, 403, 200, 403, 404, 404, 401],
  ),
  'PUT /api/messages/settings': row(
    send(
      () => '/api/messages/settings',
      () => ({ noticeEmail: null, leaveMentorLimitDays: 5, reportPastDays: 0 }),
    ),
    [403, 403, 403, 403, 204, 403, 404, 404, 401],
  ),
  'POST /api/messages/sms-callback': row(
    send(
      () => '/api/messages/sms-callback',
      () => ({ reference: 'x', status: 'delivered' }),
    ),
    [401, 401, 401, 401, 401, 401, 401, 401, 401],
  ),
  'GET /api/retention/policy': row(
    get(() => '/api/retention/policy'),
    [403, 403, 403, 403, 200, 200, 404, 404, 401],
  ),
  'PUT /api/retention/policy': row(
    send(
      () => '/api/retention/policy',
      () => DEFAULT_RETENTION_POLICY,
    ),
    [403, 403, 403, 403, 200, 200, 404, 404, 401],
  ),
  'GET /api/retention/preview': row(
    get(() => '/api/retention/preview'),
    [403, 403, 403, 403, 200, 200, 404, 404, 401],
  ),
  'GET /api/cases': row(
    get(() => '/api/cases?scope=school'),
    [200, 200, 200, 200, 200, 200, 404, 404, 401],
  ),
  'POST /api/cases': row(
    send(
      () => '/api/cases',
      (i) => ({ pupilId: i.pupil }),
    ),
    [404, 409, 409, 409, 404, 404, 404, 404, 401],
  ),
  'GET /api/cases/reminders': row(
    get(() => '/api/cases/reminders'),
    [200, 200, 200, 200, 200, 200, 404, 404, 401],
  ),
  'GET /api/cases/catalogue': row(
    get(() => '/api/cases/catalogue'),
    [403, 200, 200, 200, 200, 403, 404, 404, 401],
  ),
  'PUT /api/cases/catalogue': row(
    send(
      () => '/api/cases/catalogue',
      () => ({ kind: 'cause', code: 'school.bullying', label: 'Mobbning', category: 'school', isRetired: false }),
    ),
    [403, 403, 403, 403, 204, 403, 404, 404, 401],
  ),
  'PUT /api/cases/settings': row(
    send(
      () => '/api/cases/settings',
      () => ({ investigationDeadlineDays: null, concernFeedbackReminderDays: 14 }),
    ),
    [403, 403, 403, 403, 204, 403, 404, 404, 401],
  ),
  'POST /api/cases/templates': row(
    send(
      () => '/api/cases/templates',
      () => {
        const { version: _version, ...template } = DEFAULT_MAPPING_TEMPLATE;
        return template;
      },
    ),
    [403, 403, 403, 403, 201, 403, 404, 404, 401],
  ),
  'GET /api/cases/:id': row(
    get((i) => `/api/cases/${i.caseId}`),
    [404, 200, 200, 200, 200, 404, 404, 404, 401],
  ),
  'GET /api/cases/:id/pdf': row(
    get((i) => `/api/cases/${i.caseId}/pdf`),
    [404, 200, 200, 200, 403, 404, 404, 404, 401],
  ),
  'GET /api/cases/:id/audit': row(
    get((i) => `/api/cases/${i.caseId}/audit`),
    [404, 403, 200, 403, 200, 200, 404, 404, 401],
  ),
  'GET /api/cases/:id/staff': row(
    get((i) => `/api/cases/${i.caseId}/staff`),
    [404, 200, 200, 200, 200, 404, 404, 404, 401],
  ),
  'POST /api/cases/:id/members': row(
    send(
      (i) => `/api/cases/${i.caseId}/members`,
      (i) => ({ userId: i.teacherUserId, role: 'other' }),
    ),
    [404, 204, 204, 204, 403, 404, 404, 404, 401],
  ),
  'POST /api/cases/:id/meetings': row(
    send(
      (i) => `/api/cases/${i.caseId}/meetings`,
      () => ({ kind: 'other', heldOn: '2026-01-14', participants: [{ name: 'Kim', organisationType: 'school' }] }),
    ),
    [404, 201, 201, 201, 403, 404, 404, 404, 401],
  ),
  'POST /api/cases/:id/meetings/:meetingId/ratings': row(
    send(
      (i) => `/api/cases/${i.caseId}/meetings/${i.meetingId}/ratings`,
      () => ({ ratings: [{ participantKey: 'p1', rating: 4 }] }),
    ),
    [404, 204, 204, 204, 403, 404, 404, 404, 401],
  ),
  'POST /api/cases/:id/mappings': row(
    send(
      (i) => `/api/cases/${i.caseId}/mappings`,
      () => ({ kind: 'simple', answers: {} }),
    ),
    [404, 201, 201, 201, 403, 404, 404, 404, 401],
  ),
  'PUT /api/cases/:id/mappings/:mappingId': row(
    send(
      (i) => `/api/cases/${i.caseId}/mappings/${i.mappingId}`,
      () => ({ kind: 'simple', answers: {}, pupilVoice: 'Jag vill gå i skolan.' }),
    ),
    [404, 204, 204, 204, 403, 404, 404, 404, 401],
  ),
  'POST /api/cases/:id/mappings/:mappingId/complete': row(
    send(
      (i) => `/api/cases/${i.caseId}/mappings/${i.mappingId}/complete`,
      () => ({}),
    ),
    [404, 204, 204, 204, 403, 404, 404, 404, 401],
  ),
  'POST /api/cases/:id/investigation': row(
    send(
      (i) => `/api/cases/${i.caseId}/investigation`,
      () => ({}),
    ),
    [404, 403, 409, 403, 403, 404, 404, 404, 401],
  ),
  'POST /api/cases/:id/interventions': row(
    send(
      (i) => `/api/cases/${i.caseId}/interventions`,
      () => ({
        code: 'school.schedule-adaptation',
        responsibleUserId: null,
        startDate: '2026-01-14',
        followUpScheme: 'norrkoping',
        goal: 'Kommer i tid',
      }),
    ),
    [404, 201, 201, 201, 403, 404, 404, 404, 401],
  ),
  'PUT /api/cases/:id/causes': row(
    send(
      (i) => `/api/cases/${i.caseId}/causes`,
      () => ({ causes: [{ code: 'school.bullying', isPrimary: true, givenBy: 'pupil' }] }),
    ),
    [404, 204, 204, 204, 403, 404, 404, 404, 401],
  ),
  'POST /api/cases/:id/concern-reports': row(
    send(
      (i) => `/api/cases/${i.caseId}/concern-reports`,
      () => ({ reportedOn: '2026-01-14', socialServicesOffice: 'Socialtjänsten', reasonCategory: 'absence' }),
    ),
    [404, 201, 201, 201, 403, 404, 404, 404, 401],
  ),
  'POST /api/cases/:id/concern-reports/:reportId/feedback': row(
    send(
      (i) => `/api/cases/${i.caseId}/concern-reports/${i.reportId}/feedback`,
      () => ({ feedbackOn: '2026-01-14', feedbackKind: 'noInquiry' }),
    ),
    [404, 204, 204, 204, 403, 404, 404, 404, 401],
  ),
  'POST /api/cases/:id/follow-ups/:followUpId': row(
    send(
      (i) => `/api/cases/${i.caseId}/follow-ups/${i.followUpId}`,
      () => ({ assessment: 'Bättre.', goalAttainment: 'partly' }),
    ),
    [404, 200, 200, 200, 403, 404, 404, 404, 401],
  ),
  'POST /api/cases/:id/investigation/complete': row(
    send(
      (i) => `/api/cases/${i.caseId}/investigation/complete`,
      () => ({ conclusion: 'Utredd.' }),
    ),
    [404, 403, 204, 403, 403, 404, 404, 404, 401],
  ),
  'GET /api/cases/:id/handover-targets': row(
    get((i) => `/api/cases/${i.caseId}/handover-targets`),
    [404, 403, 200, 200, 403, 404, 404, 404, 401],
  ),
  'POST /api/cases/:id/handovers': row(
    send(
      (i) => `/api/cases/${i.caseId}/handovers`,
      (i) => ({ toSchoolUnitId: i.otherSchoolUnitId, summary: 'Sammanfattning.' }),
    ),
    [404, 403, 201, 201, 403, 404, 404, 404, 401],
  ),
  'GET /api/handovers': row(
    get(() => '/api/handovers'),
    [200, 200, 200, 200, 200, 200, 404, 404, 401],
  ),
  'GET /api/organiser/cases': row(
    get(() => `/api/organiser/cases?${PERIOD}`),
    [403, 403, 403, 403, 200, 403, 404, 404, 401],
  ),
  'GET /api/organiser/notices': row(
    get(() => '/api/organiser/notices'),
    [403, 403, 403, 403, 200, 403, 404, 404, 401],
  ),
  'POST /api/organiser/notices/:id/acknowledge': row(
    send(
      (i) => `/api/organiser/notices/${i.noticeId}/acknowledge`,
      () => ({}),
    ),
    [404, 404, 404, 404, 204, 404, 404, 404, 401],
  ),
  'POST /api/retention/run': row(
    send(
      () => '/api/retention/run',
      () => ({}),
    ),
    [403, 403, 403, 403, 200, 200, 404, 404, 401],
  ),
  // Rows that end a record or the session come last.
  'DELETE /api/guardian/absences/:id': row(
    get((i) => `/api/guardian/absences/${i.guardianAbsence}`),
    [403, 403, 403, 403, 403, 403, 409, 404, 401],
  ),
  'DELETE /api/absences/:id': row(
    get((i) => `/api/absences/${i.absence}`),
    [404, 204, 204, 204, 404, 404, 404, 404, 401],
  ),
  'POST /api/cases/:id/close': row(
    send(
      (i) => `/api/cases/${i.caseId}/close`,
      () => ({ reason: 'attendanceRestored', outcome: 'Närvaron är god.' }),
    ),
    [404, 403, 204, 204, 403, 404, 404, 404, 401],
  ),
  'POST /api/cases/:id/reopen': row(
    send(
      (i) => `/api/cases/${i.caseId}/reopen`,
      () => ({ reason: 'Frånvaron har ökat igen.' }),
    ),
    [404, 403, 204, 204, 403, 404, 404, 404, 401],
  ),
  'POST /api/ladders/versions/:id/publish': row(
    send(
      (i) => `/api/ladders/versions/${i.versionId}/publish`,
      () => ({ effectiveFrom: '2026-03-01' }),
    ),
    [404, 404, 204, 403, 204, 403, 404, 404, 401],
  ),
  'DELETE /api/ladders/versions/:id': row(
    get((i) => `/api/ladders/versions/${i.versionId}`),
    [404, 404, 409, 403, 409, 403, 404, 404, 401],
  ),
  // Added in session 5 (lesson list, ladder exits, data access, sync, users, SSO, SS12000 read API).
  'GET /api/lessons/mine/unconfirmed': row(
    get(() => '/api/lessons/mine/unconfirmed'),
    [200, 200, 200, 200, 200, 200, 404, 404, 401],
  ),
  'POST /api/pupils/:id/ladder-step/close': row(
    send(
      (i) => `/api/pupils/${i.pupil}/ladder-step/close`,
      () => ({ reason: 'Närvaron är god igen.' }),
    ),
    [404, 403, 409, 409, 404, 404, 404, 404, 401],
  ),
  'GET /api/auth/oidc/providers': row(
    get(() => '/api/auth/oidc/providers'),
    [200, 200, 200, 200, 200, 200, 200, 200, 200],
  ),
  'GET /api/api-tokens': row(
    get(() => '/api/api-tokens'),
    [403, 403, 403, 403, 200, 403, 404, 404, 401],
  ),
  'POST /api/api-tokens': row(
    send(
      () => '/api/api-tokens',
      () => ({ name: 'Matris', scopes: ['ss12000:read'] }),
    ),
    [403, 403, 403, 403, 201, 403, 404, 404, 401],
  ),
  'POST /api/api-tokens/:id/revoke': row(
    send(
      () => `/api/api-tokens/${MISSING_ID}/revoke`,
      () => ({}),
    ),
    [403, 403, 403, 403, 404, 403, 404, 404, 401],
  ),
  'POST /api/exports': row(
    send(
      () => '/api/exports',
      () => ({ includeCases: false }),
    ),
    [403, 403, 403, 403, 202, 403, 404, 404, 401],
  ),
  'GET /api/exports/:id/download': row(
    get(() => `/api/exports/${MISSING_ID}/download`),
    [403, 403, 403, 403, 404, 403, 404, 404, 401],
  ),
  'GET /api/imports/ss12000-sync': row(
    get(() => '/api/imports/ss12000-sync'),
    [403, 403, 403, 403, 403, 200, 404, 404, 401],
  ),
  'PUT /api/imports/ss12000-sync': row(
    send(
      () => '/api/imports/ss12000-sync',
      () => ({
        baseUrl: 'https://sis.example.test/v2.1',
        tokenUrl: 'https://sis.example.test/token',
        clientId: 'narvaro',
        authMethod: 'body',
        scheduleTime: null,
        clientSecret: 'hemligt',
      }),
    ),
    [403, 403, 403, 403, 403, 200, 404, 404, 401],
  ),
  'GET /api/users': row(
    get(() => '/api/users'),
    [403, 403, 403, 403, 200, 200, 404, 404, 401],
  ),
  'GET /api/users/role-mapping': row(
    get(() => '/api/users/role-mapping'),
    [403, 403, 403, 403, 200, 200, 404, 404, 401],
  ),
  'GET /api/users/sign-in-settings': row(
    get(() => '/api/users/sign-in-settings'),
    [403, 403, 403, 403, 200, 200, 404, 404, 401],
  ),
  'GET /api/users/:id/audit': row(
    get(() => `/api/users/${MISSING_ID}/audit`),
    [403, 403, 403, 403, 404, 404, 404, 404, 401],
  ),
  'POST /api/users/:id/disable': row(
    send(
      () => `/api/users/${MISSING_ID}/disable`,
      () => ({}),
    ),
    [403, 403, 403, 403, 404, 404, 404, 404, 401],
  ),
  'POST /api/users/:id/enable': row(
    send(
      () => `/api/users/${MISSING_ID}/enable`,
      () => ({}),
    ),
    [403, 403, 403, 403, 404, 404, 404, 404, 401],
  ),
  'POST /api/users/:id/roles': row(
    send(
      () => `/api/users/${MISSING_ID}/roles`,
      (i) => ({ role: 'teacher', schoolUnitId: i.schoolUnitId, endsOn: null }),
    ),
    [403, 403, 403, 403, 404, 404, 404, 404, 401],
  ),
  'POST /api/users/:id/roles/revoke': row(
    send(
      () => `/api/users/${MISSING_ID}/roles/revoke`,
      (i) => ({ role: 'teacher', schoolUnitId: i.schoolUnitId }),
    ),
    [403, 403, 403, 403, 404, 404, 404, 404, 401],
  ),
  'POST /api/users/:id/password': row(
    send(
      () => `/api/users/${MISSING_ID}/password`,
      () => ({ password: 'ett-langt-losenord-123' }),
    ),
    [403, 403, 403, 403, 404, 404, 404, 404, 401],
  ),
  // A session is no credential for the SS12000 API: every session (and none) gets 401 without a Bearer token.
  'GET /ss12000/v2.1/attendances': row(
    get(() => '/ss12000/v2.1/attendances'),
    [401, 401, 401, 401, 401, 401, 401, 401, 401],
  ),
  'GET /ss12000/v2.1/absences': row(
    get(() => '/ss12000/v2.1/absences'),
    [401, 401, 401, 401, 401, 401, 401, 401, 401],
  ),
  'GET /ss12000/v2.1/aggregatedAttendance': row(
    get(() => '/ss12000/v2.1/aggregatedAttendance?startDate=2026-01-01&endDate=2026-01-31'),
    [401, 401, 401, 401, 401, 401, 401, 401, 401],
  ),
  // Settings that change how everyone signs in, and the run that imports: last but one, before logout.
  'PUT /api/users/role-mapping': row(
    send(
      () => '/api/users/role-mapping',
      () => ({ entries: [] }),
    ),
    [403, 403, 403, 403, 200, 200, 404, 404, 401],
  ),
  'PUT /api/users/sign-in-settings': row(
    send(
      () => '/api/users/sign-in-settings',
      () => ({ localLoginEnabled: true }),
    ),
    [403, 403, 403, 403, 200, 200, 404, 404, 401],
  ),
  'POST /api/imports/ss12000-sync/run': row(
    send(
      () => '/api/imports/ss12000-sync/run',
      () => ({}),
    ),
    [403, 403, 403, 403, 403, 202, 404, 404, 401],
  ),
  'POST /api/auth/sessions/log-out-others': row(
    send(
      () => '/api/auth/sessions/log-out-others',
      () => ({}),
    ),
    [200, 200, 200, 200, 200, 200, 200, 200, 401],
  ),
  'POST /api/auth/logout': row(
    send(
      () => '/api/auth/logout',
      () => ({}),
    ),
    [204, 204, 204, 204, 204, 204, 204, 204, 401],
  ),
};
