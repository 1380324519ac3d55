/** Case rows → API shapes. Never an address or other location data (protected identity is hidden everywhere). */
import type { Static } from 'typebox';
import type {
  CaseDetail,
  CaseSummary,
  FollowUpFigures,
  HandoverRow as HandoverResponseRow,
  RemindersResponse,
} from '../../../shared/schemas/cases.js';
import type { MappingTemplateDefinition } from '../../../shared/cases/index.js';
import { addDays } from '../../../shared/dates/index.js';
import { PROTECTED_MARKINGS } from '../../../shared/protected-identity.js';
import type { Actor } from '../../policies/actor.js';
import { withoutFreeText } from '../../audit/free-text.js';
import { type CaseAccess, caseAbilitiesFor } from './cases.policy.js';
import type {
  AuditRow,
  Catalogue,
  CaseSections,
  CaseSettings,
  CaseSummaryRow,
  findConcernReportsWithoutFeedback,
  findDueFollowUps,
  HandoverRow,
} from './cases.repo.js';

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

export function presentCaseSummary(row: CaseSummaryRow, today: string): CaseSummary {
  return {
    id: row.id,
    pupilId: row.pupil_id,
    pupilName: `${row.given_name} ${row.family_name}`,
    isProtected: PROTECTED_MARKINGS.has(row.security_marking),
    className: row.class_name,
    schoolUnitId: row.school_unit_id,
    schoolUnitName: row.school_unit_name,
    status: row.status,
    openedAt: iso(row.opened_at)!,
    openedOn: row.opened_on,
    openedByName: row.opened_by_name,
    openedFromStepKey: row.opened_from_step_key,
    isMember: row.is_member,
    investigationDeadline: row.investigation_deadline,
    isInvestigationOverdue: row.investigation_deadline !== null && row.investigation_deadline < today,
    closedAt: iso(row.closed_at),
    closeReason: row.close_reason,
    closeOutcome: row.close_outcome,
  };
}

/** The abilities the case page needs, from the policy table (the server re-checks every one). */
function presentCaseAbilities(actor: Actor, access: CaseAccess): CaseDetail['abilities'] {
  const can = caseAbilitiesFor(actor, access);
  return { canWork: can.work, canInvestigate: can.investigate, canClose: can.close, canSeeContent: can.seeContent };
}

export function presentHandover(r: HandoverRow): Static<typeof HandoverResponseRow> {
  return {
    id: r.id,
    caseId: r.case_id,
    pupilId: r.pupil_id,
    pupilName: `${r.given_name} ${r.family_name}`,
    fromSchoolUnitName: r.from_name,
    toSchoolUnitId: r.to_school_unit_id,
    summary: r.summary,
    preparedOn: r.prepared_on,
    preparedByName: r.prepared_by_name,
  };
}

/**
 * The dashboard reminders of the visible open cases, and the cases they show (each read is audited).
 * @returns the response and the cases it names
 */
export function presentReminders(input: {
  visible: CaseSummaryRow[];
  reports: Awaited<ReturnType<typeof findConcernReportsWithoutFeedback>>;
  followUps: Awaited<ReturnType<typeof findDueFollowUps>>;
  catalogue: Catalogue;
  settings: CaseSettings;
  today: string;
}): { response: Static<typeof RemindersResponse>; shownCases: { id: string; pupilId: string }[] } {
  const { visible, reports, followUps, catalogue, settings, today } = input;
  const names = new Map(visible.map((c) => [c.id, `${c.given_name} ${c.family_name}`]));
  const overdue = visible.filter((c) => c.investigation_deadline !== null && c.investigation_deadline < today);
  const shown = new Set([
    ...reports.map((r) => r.case_id),
    ...followUps.map((f) => f.case_id),
    ...overdue.map((c) => c.id),
  ]);
  return {
    shownCases: visible.filter((v) => shown.has(v.id)).map((c) => ({ id: c.id, pupilId: c.pupil_id })),
    response: {
      concernReports: reports
        .map((r) => ({
          caseId: r.case_id,
          pupilName: names.get(r.case_id)!,
          concernReportId: r.id,
          reportedOn: r.reported_on,
          remindOn: concernRemindOn(r.reported_on, settings),
          socialServicesOffice: r.social_services_office,
        }))
        .filter((r) => r.remindOn <= today),
      investigations: overdue.map((c) => ({
        caseId: c.id,
        pupilName: names.get(c.id)!,
        deadline: c.investigation_deadline!,
      })),
      followUps: followUps.map((f) => ({
        caseId: f.case_id,
        pupilName: names.get(f.case_id)!,
        followUpId: f.id,
        plannedOn: f.planned_on,
        interventionLabel: catalogue.interventions.find((i) => i.code === f.code)?.label ?? f.code,
      })),
    },
  };
}

/** The date a concern report without feedback is shown as a reminder. */
export const concernRemindOn = (reportedOn: string, settings: CaseSettings) =>
  addDays(reportedOn, settings.concernFeedbackReminderDays);

export function presentCaseDetail(input: {
  summary: CaseSummary;
  sections: CaseSections;
  template: MappingTemplateDefinition;
  catalogue: Catalogue;
  settings: CaseSettings;
  actor: Actor;
  access: CaseAccess;
  today: string;
}): CaseDetail {
  const { sections: s, catalogue, today } = input;
  const abilities = presentCaseAbilities(input.actor, input.access);
  const causeLabel = new Map(catalogue.causes.map((c) => [c.code, c.label]));
  const interventionLabel = new Map(catalogue.interventions.map((i) => [i.code, i.label]));
  // A notice to the home municipality names a municipality: location data, hidden for protected identity.
  const municipality = (code: string | null) => (input.summary.isProtected ? null : code);
  // Free text may hold health notes or name people outside the school: only for those who work on
  // the case. The organiser keeps the codes, dates and counts it needs for oversight (docs/permissions.md).
  const text = <T>(value: T): T | null => (abilities.canSeeContent ? value : null);
  return {
    case: input.summary,
    abilities,
    members: s.members.map((m) => ({ userId: m.user_id, name: m.name, role: m.role, addedAt: iso(m.added_at)! })),
    template: input.template,
    mappings: s.mappings.map((m) => ({
      id: m.id,
      kind: m.kind,
      templateKey: m.template_key,
      templateVersion: m.template_version,
      // Mapping content may hold health notes: only for those who work on the case.
      answers: abilities.canSeeContent ? m.answers : null,
      pupilVoice: abilities.canSeeContent ? m.pupil_voice : null,
      guardiansView: abilities.canSeeContent ? m.guardians_view : null,
      hasPupilVoice: (m.pupil_voice ?? '').trim() !== '',
      createdAt: iso(m.created_at)!,
      updatedAt: iso(m.updated_at)!,
      completedAt: iso(m.completed_at),
      completedByName: m.completed_by_name,
    })),
    investigations: s.investigations.map((i) => ({
      id: i.id,
      openedOn: i.opened_on,
      deadline: i.deadline,
      isOverdue: i.completed_on === null ? i.deadline < today : i.completed_on > i.deadline,
      completedOn: i.completed_on,
      conclusion: text(i.conclusion),
      notices: s.notices
        .filter((n) => n.investigation_id === i.id)
        .map((n) => ({
          id: n.id,
          recipient: n.recipient,
          municipalityCode: municipality(n.municipality_code),
          status: n.status,
          acknowledgedAt: iso(n.acknowledged_at),
        })),
    })),
    causes: s.causes.map((c) => ({
      code: c.code,
      label: causeLabel.get(c.code) ?? c.code,
      isPrimary: c.is_primary,
      givenBy: c.given_by,
      comment: text(c.comment),
    })),
    interventions: s.interventions.map((i) => ({
      id: i.id,
      code: i.code,
      label: interventionLabel.get(i.code) ?? i.code,
      responsibleUserId: i.responsible_user_id,
      responsibleName: i.responsible_name,
      startDate: i.start_date,
      followUpScheme: i.follow_up_scheme,
      goal: text(i.goal),
      comment: text(i.comment),
      followUps: s.followUps
        .filter((f) => f.intervention_id === i.id)
        .map((f) => ({
          id: f.id,
          point: f.point,
          plannedOn: f.planned_on,
          recordedOn: f.recorded_on,
          assessment: text(f.assessment),
          goalAttainment: f.goal_attainment,
          before: f.before as FollowUpFigures | null,
          since: f.since as FollowUpFigures | null,
        })),
    })),
    concernReports: s.concernReports.map((r) => {
      const remindOn = concernRemindOn(r.reported_on, input.settings);
      return {
        id: r.id,
        reportedOn: r.reported_on,
        socialServicesOffice: text(r.social_services_office),
        reportedByName: r.reported_by_name,
        reasonCategory: r.reason_category,
        actionsTaken: text(r.actions_taken),
        feedbackOn: r.feedback_on,
        feedbackKind: r.feedback_kind,
        isFeedbackOverdue: r.feedback_on === null && remindOn <= today,
        remindOn,
      };
    }),
    meetings: s.meetings.map((m) => ({
      id: m.id,
      kind: m.kind,
      heldOn: m.held_on,
      coordinatorKey: m.coordinator_key,
      sharedPlan: text(m.shared_plan),
      // The organiser sees who took part by kind (and the ratings), not names of people or offices.
      participants: m.participants.map((p) => ({
        ...p,
        name: text(p.name),
        ...(p.organisationName === undefined ? {} : { organisationName: text(p.organisationName) }),
        rating: m.ratings?.[p.key] ?? null,
      })),
    })),
    handovers: s.handovers.map((h) => ({
      id: h.id,
      toSchoolUnitId: h.to_school_unit_id,
      toSchoolUnitName: h.to_school_unit_name,
      summary: text(h.summary),
      preparedOn: h.prepared_on,
      preparedByName: h.prepared_by_name,
    })),
    timeline: s.timeline.map((e) => ({
      at: e.at,
      type: e.type,
      actorName: e.actorName,
      data: abilities.canSeeContent ? e.data : {},
    })),
  };
}

/** An audit trail for its reader: the free text entered with an event only for those who see case content. */
export function presentAuditTrail(events: AuditRow[], canSeeContent: boolean): AuditRow[] {
  return canSeeContent ? events : events.map((e) => ({ ...e, data: withoutFreeText(e.type, e.data) }));
}
