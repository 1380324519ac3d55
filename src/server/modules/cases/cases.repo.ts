/** Case data: scoped loads (relationship conditions in SQL), sections of a case, settings and catalogues. */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import type { Actor } from '../../policies/actor.js';
import {
  DEFAULT_CAUSES,
  DEFAULT_INTERVENTIONS,
  DEFAULT_MAPPING_TEMPLATE,
  type MappingTemplateDefinition,
} from '../../../shared/cases/index.js';
import { type CaseAccess, visibleCasesSql } from './cases.policy.js';
import { uuidArray } from '../../db/sql.js';
import { mentorshipsSql } from '../../policies/scope.js';

/** The case if the actor may see it (null otherwise: the caller answers 404). */
export async function findVisibleCase(tx: Tx, actor: Actor, caseId: string): Promise<CaseAccess | null> {
  const [row] = await queryRows<{
    id: string;
    pupil_id: string;
    school_unit_id: string;
    status: string;
    is_member: boolean;
  }>(
    tx,
    sql`
    select c.id, c.pupil_id, c.school_unit_id, c.status,
      exists (select 1 from case_members m where m.organiser_id = c.organiser_id and m.case_id = c.id and m.user_id = ${actor.userId}) as is_member
    from cases c where c.organiser_id = ${actor.organiserId} and c.id = ${caseId} and ${visibleCasesSql(actor)}`,
  );
  return row
    ? {
        id: row.id,
        pupilId: row.pupil_id,
        schoolUnitId: row.school_unit_id,
        status: row.status,
        isMember: row.is_member,
      }
    : null;
}

export interface CaseSummaryRow {
  id: string;
  pupil_id: string;
  given_name: string;
  family_name: string;
  security_marking: string;
  class_name: string | null;
  school_unit_id: string;
  school_unit_name: string | null;
  status: string;
  opened_at: Date | string;
  opened_on: string;
  opened_by_name: string | null;
  opened_from_step_key: string | null;
  is_member: boolean;
  investigation_deadline: string | null;
  closed_at: Date | string | null;
  close_reason: string | null;
  close_outcome: string | null;
}

/** Which visible cases a list shows. */
export interface CaseFilter {
  status?: 'open' | 'closed' | 'all';
  /** Only cases the actor is a member of. */
  isMine?: boolean;
  pupilId?: string;
  caseId?: string;
}

function caseFilterSql(actor: Actor, filter: CaseFilter): SQL {
  const conditions = [!filter.status || filter.status === 'all' ? sql`true` : sql`c.status = ${filter.status}`];
  if (filter.isMine)
    conditions.push(
      sql`exists (select 1 from case_members m where m.organiser_id = c.organiser_id and m.case_id = c.id and m.user_id = ${actor.userId})`,
    );
  if (filter.pupilId) conditions.push(sql`c.pupil_id = ${filter.pupilId}`);
  if (filter.caseId) conditions.push(sql`c.id = ${filter.caseId}`);
  return sql.join(conditions, sql` and `);
}

/** Case list rows visible to the actor and matching the filter. */
export async function findCaseSummaries(tx: Tx, actor: Actor, filter: CaseFilter): Promise<CaseSummaryRow[]> {
  const condition = caseFilterSql(actor, filter);
  return queryRows<CaseSummaryRow>(
    tx,
    sql`
    select c.id, c.pupil_id, p.given_name, p.family_name, p.security_marking, cls.display_name as class_name, c.school_unit_id,
      su.display_name as school_unit_name, c.status, c.opened_at, c.opened_on::text as opened_on, u.display_name as opened_by_name, c.opened_from_step_key,
      exists (select 1 from case_members m where m.organiser_id = c.organiser_id and m.case_id = c.id and m.user_id = ${actor.userId}) as is_member,
      (select i.deadline::text from case_investigations i where i.organiser_id = c.organiser_id and i.case_id = c.id and i.completed_on is null limit 1) as investigation_deadline,
      c.closed_at, c.close_reason, c.close_outcome
    from cases c
    join persons p on p.organiser_id = c.organiser_id and p.id = c.pupil_id
    left join organisations su on su.organiser_id = c.organiser_id and su.id = c.school_unit_id
    left join users u on u.organiser_id = c.organiser_id and u.id = c.opened_by_user_id
    left join lateral (select g.display_name from group_memberships gm join groups g on g.organiser_id = gm.organiser_id and g.id = gm.group_id
      where gm.organiser_id = c.organiser_id and gm.person_id = c.pupil_id and g.group_type = 'Klass' order by gm.start_date desc limit 1) cls on true
    where c.organiser_id = ${actor.organiserId} and ${visibleCasesSql(actor)} and ${condition}
    order by c.status desc, c.opened_on desc, c.opened_at desc`,
  );
}

/** The pupil's open case, if any (unscoped: used by commands after the access check). */
export async function findOpenCase(
  tx: Tx,
  organiserId: string,
  pupilId: string,
): Promise<{ id: string; school_unit_id: string } | null> {
  const [row] = await queryRows<{ id: string; school_unit_id: string }>(
    tx,
    sql`select id, school_unit_id from cases
    where organiser_id = ${organiserId} and pupil_id = ${pupilId} and status = 'open'`,
  );
  return row ?? null;
}

/** Active user accounts of the pupils' mentors on `date` (former mentors are not given the case). */
export async function findMentorUserIds(
  tx: Tx,
  organiserId: string,
  pupilIds: string[],
  date: string,
): Promise<Map<string, string[]>> {
  const byPupil = new Map<string, string[]>();
  if (pupilIds.length === 0) return byPupil;
  const rows = await queryRows<{ pupil_id: string; user_id: string }>(
    tx,
    sql`
    select distinct m.pupil_id, u.id as user_id from (${mentorshipsSql(organiserId, date)}) m
    join users u on u.organiser_id = ${organiserId} and u.person_id = m.mentor_id and u.is_active
    where m.pupil_id = any(${uuidArray(pupilIds)})`,
  );
  for (const r of rows) byPupil.set(r.pupil_id, [...(byPupil.get(r.pupil_id) ?? []), r.user_id]);
  return byPupil;
}

/** The pupil's home municipality (folkbokföring) and the school unit's municipality (or its organiser's). */
export async function findMunicipalities(
  tx: Tx,
  organiserId: string,
  pupilId: string,
  schoolUnitId: string,
): Promise<{ home: string | null; school: string | null; isProtected: boolean }> {
  const [row] = await queryRows<{ home: string | null; school: string | null; security_marking: string }>(
    tx,
    sql`
    select p.home_municipality_code as home, p.security_marking,
      coalesce(su.municipality_code, (select o.municipality_code from organisations o where o.organiser_id = ${organiserId} and o.organisation_type = 'Huvudman' limit 1)) as school
    from persons p left join organisations su on su.organiser_id = p.organiser_id and su.id = ${schoolUnitId}
    where p.organiser_id = ${organiserId} and p.id = ${pupilId}`,
  );
  return {
    home: row?.home ?? null,
    school: row?.school ?? null,
    isProtected: (row?.security_marking ?? 'Ingen') !== 'Ingen',
  };
}

export interface CaseSettings {
  investigationDeadlineDays: number | null;
  concernFeedbackReminderDays: number;
}

export async function findCaseSettings(tx: Tx, organiserId: string): Promise<CaseSettings> {
  const [row] = await queryRows<{ investigation_deadline_days: number | null; concern_feedback_reminder_days: number }>(
    tx,
    sql`
    select investigation_deadline_days, concern_feedback_reminder_days from case_settings where organiser_id = ${organiserId}`,
  );
  return {
    investigationDeadlineDays: row?.investigation_deadline_days ?? null,
    concernFeedbackReminderDays: row?.concern_feedback_reminder_days ?? 30,
  };
}

export interface Catalogue {
  causes: { code: string; label: string; sphere: string; isRetired: boolean }[];
  interventions: { code: string; label: string; tier: number; ownerType: string; isRetired: boolean }[];
}

/** The built-in catalogues with the organiser's renamed, retired and added entries. */
export async function findCatalogue(tx: Tx, organiserId: string): Promise<Catalogue> {
  const entries = await queryRows<{
    kind: string;
    code: string;
    label: string;
    category: string;
    tier: number | null;
    is_retired: boolean;
  }>(
    tx,
    sql`
    select kind, code, label, category, tier, is_retired from case_catalogue_entries where organiser_id = ${organiserId} order by code`,
  );
  const own = (kind: string) => new Map(entries.filter((e) => e.kind === kind).map((e) => [e.code, e]));
  const causes = own('cause');
  const interventions = own('intervention');
  return {
    causes: [
      ...DEFAULT_CAUSES.map((c) => ({
        code: c.code,
        label: causes.get(c.code)?.label ?? c.label,
        sphere: c.sphere,
        isRetired: causes.get(c.code)?.is_retired ?? false,
      })),
      ...[...causes.values()]
        .filter((e) => !DEFAULT_CAUSES.some((c) => c.code === e.code))
        .map((e) => ({ code: e.code, label: e.label, sphere: e.category, isRetired: e.is_retired })),
    ],
    interventions: [
      ...DEFAULT_INTERVENTIONS.map((i) => ({
        code: i.code,
        label: interventions.get(i.code)?.label ?? i.label,
        tier: i.tier,
        ownerType: i.ownerType,
        isRetired: interventions.get(i.code)?.is_retired ?? false,
      })),
      ...[...interventions.values()]
        .filter((e) => !DEFAULT_INTERVENTIONS.some((i) => i.code === e.code))
        .map((e) => ({
          code: e.code,
          label: e.label,
          tier: e.tier ?? 2,
          ownerType: e.category,
          isRetired: e.is_retired,
        })),
    ],
  };
}

/** The organiser's newest mapping template, or the built-in default. */
export async function findCurrentTemplate(tx: Tx, organiserId: string): Promise<MappingTemplateDefinition> {
  const [row] = await queryRows<{ definition: MappingTemplateDefinition }>(
    tx,
    sql`select definition from case_mapping_templates
    where organiser_id = ${organiserId} order by created_at desc, version desc limit 1`,
  );
  return row?.definition ?? DEFAULT_MAPPING_TEMPLATE;
}

/** True when a mapping of the case records the pupil's own voice. */
export async function hasPupilVoice(tx: Tx, organiserId: string, caseId: string): Promise<boolean> {
  const rows = await queryRows<{ ok: number }>(
    tx,
    sql`select 1 as ok from case_mappings where organiser_id = ${organiserId} and case_id = ${caseId}
    and coalesce(btrim(pupil_voice), '') <> '' limit 1`,
  );
  return rows.length > 0;
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

/** Everything on a case page, section by section (in sequence: one transaction, no Promise.all). */
export async function findCaseSections(tx: Tx, organiserId: string, caseId: string) {
  const q = <T>(query: SQL) => queryRows<T>(tx, query);
  const members = await q<{
    user_id: string;
    name: string;
    role: string;
    added_at: Date | string;
  }>(sql`select m.user_id, u.display_name as name, m.role, m.added_at
    from case_members m join users u on u.organiser_id = m.organiser_id and u.id = m.user_id where m.organiser_id = ${organiserId} and m.case_id = ${caseId} order by m.added_at`);
  const mappings = await q<{
    id: string;
    kind: string;
    template_key: string;
    template_version: number;
    answers: Record<string, string>;
    pupil_voice: string | null;
    guardians_view: string | null;
    created_at: Date | string;
    updated_at: Date | string;
    completed_at: Date | string | null;
    completed_by_name: string | null;
  }>(sql`
    select m.id, m.kind, m.template_key, m.template_version, m.answers, m.pupil_voice, m.guardians_view, m.created_at, m.updated_at, m.completed_at, u.display_name as completed_by_name
    from case_mappings m left join users u on u.organiser_id = m.organiser_id and u.id = m.completed_by_user_id
    where m.organiser_id = ${organiserId} and m.case_id = ${caseId} order by m.created_at`);
  const investigations = await q<{
    id: string;
    opened_on: string;
    deadline: string;
    completed_on: string | null;
    conclusion: string | null;
  }>(sql`
    select id, opened_on::text as opened_on, deadline::text as deadline, completed_on::text as completed_on, conclusion from case_investigations
    where organiser_id = ${organiserId} and case_id = ${caseId} order by opened_on, deadline`);
  const notices = await q<{
    id: string;
    investigation_id: string | null;
    recipient: string;
    municipality_code: string | null;
    status: string;
    acknowledged_at: Date | string | null;
  }>(sql`
    select id, investigation_id, recipient, municipality_code, status, acknowledged_at from organiser_notices where organiser_id = ${organiserId} and case_id = ${caseId} order by created_at`);
  const causes = await q<{ code: string; is_primary: boolean; given_by: string; comment: string | null }>(sql`
    select code, is_primary, given_by, comment from case_causes where organiser_id = ${organiserId} and case_id = ${caseId} order by is_primary desc, code`);
  const interventions = await q<{
    id: string;
    code: string;
    responsible_user_id: string | null;
    responsible_name: string | null;
    start_date: string;
    follow_up_scheme: string;
    goal: string | null;
    comment: string | null;
  }>(sql`
    select i.id, i.code, i.responsible_user_id, u.display_name as responsible_name, i.start_date::text as start_date, i.follow_up_scheme, i.goal, i.comment
    from case_interventions i left join users u on u.organiser_id = i.organiser_id and u.id = i.responsible_user_id
    where i.organiser_id = ${organiserId} and i.case_id = ${caseId} order by i.start_date, i.created_at`);
  const followUps = await q<{
    id: string;
    intervention_id: string;
    point: string;
    planned_on: string;
    recorded_on: string | null;
    assessment: string | null;
    goal_attainment: string | null;
    before: Record<string, unknown> | null;
    since: Record<string, unknown> | null;
  }>(sql`
    select id, intervention_id, point, planned_on::text as planned_on, recorded_on::text as recorded_on, assessment, goal_attainment, before, since
    from case_follow_ups where organiser_id = ${organiserId} and case_id = ${caseId} order by planned_on`);
  const concernReports = await q<{
    id: string;
    reported_on: string;
    social_services_office: string;
    reported_by_name: string | null;
    reason_category: string;
    actions_taken: string | null;
    feedback_on: string | null;
    feedback_kind: string | null;
  }>(sql`
    select r.id, r.reported_on::text as reported_on, r.social_services_office, u.display_name as reported_by_name, r.reason_category, r.actions_taken,
      r.feedback_on::text as feedback_on, r.feedback_kind
    from case_concern_reports r left join users u on u.organiser_id = r.organiser_id and u.id = r.reported_by_user_id
    where r.organiser_id = ${organiserId} and r.case_id = ${caseId} order by r.reported_on`);
  const meetings = await q<{
    id: string;
    kind: string;
    held_on: string;
    coordinator_key: string | null;
    shared_plan: string | null;
    participants: { key: string; name: string; organisationType: string; organisationName?: string }[];
    ratings: Record<string, number> | null;
  }>(sql`
    select mt.id, mt.kind, mt.held_on::text as held_on, mt.coordinator_key, mt.shared_plan, mt.participants,
      (select jsonb_object_agg(r.participant_key, r.rating) from case_meeting_ratings r where r.organiser_id = mt.organiser_id and r.meeting_id = mt.id) as ratings
    from case_meetings mt where mt.organiser_id = ${organiserId} and mt.case_id = ${caseId} order by mt.held_on`);
  const handovers = await q<{
    id: string;
    to_school_unit_id: string;
    to_school_unit_name: string | null;
    summary: string;
    prepared_on: string;
    prepared_by_name: string | null;
  }>(sql`
    select h.id, h.to_school_unit_id, su.display_name as to_school_unit_name, h.summary, h.prepared_on::text as prepared_on, u.display_name as prepared_by_name
    from case_handovers h left join organisations su on su.organiser_id = h.organiser_id and su.id = h.to_school_unit_id
    left join users u on u.organiser_id = h.organiser_id and u.id = h.prepared_by_user_id
    where h.organiser_id = ${organiserId} and h.case_id = ${caseId} order by h.prepared_on`);
  const timeline = await findAuditRows(
    tx,
    organiserId,
    sql`a.subject_type = 'case' and a.subject_id = ${caseId} and a.type not in ('case.read', 'case.read-audit')`,
  );
  return {
    members,
    mappings,
    investigations,
    notices,
    causes,
    interventions,
    followUps,
    concernReports,
    meetings,
    handovers,
    timeline,
  };
}
export type CaseSections = Awaited<ReturnType<typeof findCaseSections>>;

export interface AuditRow {
  at: string;
  type: string;
  actorName: string | null;
  caseId: string | null;
  data: Record<string, unknown>;
  ip: string | null;
}

/** The audit trail of a case, or of everything about a pupil, oldest first. */
export function findAuditTrail(
  tx: Tx,
  organiserId: string,
  about: { caseId: string } | { pupilId: string },
): Promise<AuditRow[]> {
  return findAuditRows(
    tx,
    organiserId,
    'caseId' in about
      ? sql`a.subject_type = 'case' and a.subject_id = ${about.caseId}`
      : sql`a.pupil_id = ${about.pupilId}`,
  );
}

/** Audit rows matching a condition on `audit_events a`, oldest first, with the actor's name. */
async function findAuditRows(tx: Tx, organiserId: string, condition: SQL): Promise<AuditRow[]> {
  const rows = await queryRows<{
    occurred_at: Date | string;
    type: string;
    actor_name: string | null;
    subject_type: string | null;
    subject_id: string | null;
    data: Record<string, unknown>;
    ip: string | null;
  }>(
    tx,
    sql`
    select a.occurred_at, a.type, u.display_name as actor_name, a.subject_type, a.subject_id, a.data, a.ip from audit_events a
    left join users u on u.organiser_id = a.organiser_id and u.id = a.actor_user_id
    where a.organiser_id = ${organiserId} and ${condition} order by a.occurred_at, a.id`,
  );
  return rows.map((r) => ({
    at: iso(r.occurred_at)!,
    type: r.type,
    actorName: r.actor_name,
    caseId: r.subject_type === 'case' ? r.subject_id : null,
    data: r.data,
    ip: r.ip,
  }));
}

/** A case's pupil and school unit whatever the actor's relationship (the audit trail has readers of its own). */
export async function findCaseUnit(
  tx: Tx,
  organiserId: string,
  caseId: string,
): Promise<{ id: string; pupilId: string; schoolUnitId: string } | null> {
  const [row] = await queryRows<{ id: string; pupil_id: string; school_unit_id: string }>(
    tx,
    sql`select id, pupil_id, school_unit_id from cases where organiser_id = ${organiserId} and id = ${caseId}`,
  );
  return row ? { id: row.id, pupilId: row.pupil_id, schoolUnitId: row.school_unit_id } : null;
}

/** Every case of a pupil, with the school unit (the pupil's audit trail checks each). */
export async function findPupilCaseUnits(
  tx: Tx,
  organiserId: string,
  pupilId: string,
): Promise<{ id: string; pupilId: string; schoolUnitId: string }[]> {
  const rows = await queryRows<{ id: string; school_unit_id: string }>(
    tx,
    sql`select id, school_unit_id from cases where organiser_id = ${organiserId} and pupil_id = ${pupilId}`,
  );
  return rows.map((r) => ({ id: r.id, pupilId, schoolUnitId: r.school_unit_id }));
}

/** True when the id is one of the organiser's school units (a handover's receiving school). */
export async function isSchoolUnit(tx: Tx, organiserId: string, id: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select id from organisations where organiser_id = ${organiserId} and id = ${id} and organisation_type = 'Skolenhet'`,
  );
  return rows.length > 0;
}

export interface HandoverRow {
  id: string;
  case_id: string;
  pupil_id: string;
  given_name: string;
  family_name: string;
  from_name: string | null;
  to_school_unit_id: string;
  summary: string;
  prepared_on: string;
  prepared_by_name: string | null;
}

/** Handovers to the school units (or all) for pupils enrolled at the receiving school on the date. */
export async function findHandovers(
  tx: Tx,
  organiserId: string,
  toSchoolUnits: string[] | 'all',
  today: string,
): Promise<HandoverRow[]> {
  const unitFilter = toSchoolUnits === 'all' ? sql`true` : sql`h.to_school_unit_id = any(${uuidArray(toSchoolUnits)})`;
  return queryRows<HandoverRow>(
    tx,
    sql`
      select h.id, h.case_id, h.pupil_id, p.given_name, p.family_name, fu.display_name as from_name, h.to_school_unit_id, h.summary, h.prepared_on::text as prepared_on,
        u.display_name as prepared_by_name
      from case_handovers h join persons p on p.organiser_id = h.organiser_id and p.id = h.pupil_id
      left join organisations fu on fu.organiser_id = h.organiser_id and fu.id = h.from_school_unit_id
      left join users u on u.organiser_id = h.organiser_id and u.id = h.prepared_by_user_id
      where h.organiser_id = ${organiserId} and ${unitFilter}
        and exists (select 1 from enrolments e where e.organiser_id = h.organiser_id and e.person_id = h.pupil_id and e.school_unit_id = h.to_school_unit_id
          and e.start_date <= ${today} and (e.end_date is null or e.end_date >= ${today}))
      order by h.prepared_on desc`,
  );
}

/** Concern reports of the cases still waiting for feedback from social services, oldest first. */
export function findConcernReportsWithoutFeedback(tx: Tx, organiserId: string, caseIds: string[]) {
  return queryRows<{ id: string; case_id: string; reported_on: string; social_services_office: string }>(
    tx,
    sql`
      select id, case_id, reported_on::text as reported_on, social_services_office from case_concern_reports
      where organiser_id = ${organiserId} and case_id = any(${uuidArray(caseIds)}) and feedback_on is null order by reported_on`,
  );
}

/** Follow-ups of the cases planned on or before the date and not yet recorded, oldest first. */
export function findDueFollowUps(tx: Tx, organiserId: string, caseIds: string[], today: string) {
  return queryRows<{ id: string; case_id: string; planned_on: string; code: string }>(
    tx,
    sql`
      select f.id, f.case_id, f.planned_on::text as planned_on, i.code from case_follow_ups f join case_interventions i on i.organiser_id = f.organiser_id and i.id = f.intervention_id
      where f.organiser_id = ${organiserId} and f.case_id = any(${uuidArray(caseIds)}) and f.recorded_on is null and f.planned_on <= ${today} order by f.planned_on`,
  );
}
