/** The organiser's case views → API shapes: counts and notices, never a pupil's case content. */
import type { Static } from 'typebox';
import type { NoticesResponse, OrganiserOverviewResponse } from '../../../shared/schemas/cases.js';
import { PROTECTED_MARKINGS } from '../../../shared/protected-identity.js';
import type { Catalogue } from './cases.repo.js';
import type { NoticeDbRow, OrganiserOverviewCounts } from './organiser-view.repo.js';

const iso = (v: Date | string) => new Date(v).toISOString();

export function presentNotice(n: NoticeDbRow, today: string): Static<typeof NoticesResponse>['notices'][number] {
  return {
    id: n.id,
    kind: n.kind,
    recipient: n.recipient,
    // The home municipality of a pupil with protected identity is location data.
    municipalityCode: PROTECTED_MARKINGS.has(n.security_marking) ? null : n.municipality_code,
    caseId: n.case_id,
    pupilId: n.pupil_id,
    pupilName: `${n.given_name} ${n.family_name}`,
    schoolUnitId: n.school_unit_id,
    schoolUnitName: n.school_unit_name,
    status: n.status,
    createdAt: iso(n.created_at),
    receivedOn: n.received_on,
    acknowledgedAt: n.acknowledged_at === null ? null : iso(n.acknowledged_at),
    acknowledgedByName: n.acknowledged_by_name,
    investigationDeadline: n.deadline,
    isInvestigationOverdue: n.deadline !== null && n.completed_on === null && n.deadline < today,
  };
}

export function presentOrganiserOverview(input: {
  from: string;
  to: string;
  counts: OrganiserOverviewCounts;
  catalogue: Catalogue;
}): OrganiserOverviewResponse {
  const { from, to, catalogue } = input;
  const { schools, notices, concern, causes, interventions, meetings } = input.counts;
  const label = (list: { code: string; label: string }[], code: string) =>
    list.find((x) => x.code === code)?.label ?? code;
  const numberOrNull = (v: string | number | null) => (v === null ? null : Number(v));
  return {
    from,
    to,
    schools: schools.map((s) => ({
      schoolUnitId: s.school_unit_id,
      schoolUnitName: s.school_unit_name,
      openCases: s.open_cases,
      investigationsOpened: s.investigations_opened,
      investigationsCompleted: s.investigations_completed,
      investigationsOverdue: s.investigations_overdue,
      concernReportsWithoutFeedback: s.concern_reports_without_feedback,
    })),
    notices,
    concernReports: {
      registered: concern.registered,
      withFeedback: concern.with_feedback,
      withoutFeedback: concern.without_feedback,
      overdue: concern.overdue,
    },
    causes: causes.map((c) => ({
      code: c.code,
      label: label(catalogue.causes, c.code),
      cases: c.cases,
      asPrimary: c.as_primary,
    })),
    interventions: interventions.map((i) => ({
      code: i.code,
      label: label(catalogue.interventions, i.code),
      count: i.count,
      schools: i.schools,
      followUps: i.follow_ups,
      meanBeforeRate: numberOrNull(i.mean_before),
      meanSinceRate: numberOrNull(i.mean_since),
      improved: i.improved,
      worsened: i.worsened,
    })),
    meetings: {
      total: meetings.total,
      sip: meetings.sip,
      ratings: meetings.ratings,
      meanRating: numberOrNull(meetings.mean_rating),
    },
  };
}
