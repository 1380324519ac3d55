/** The organiser's view of case work: counted, per school and per intervention type — never a pupil's content. */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import { NOTICE_RECEIVED_ON, noticesReceivedSql } from '../../db/organiser-notices.js';

const inPeriod = (column: string, from: string, to: string) => sql`${sql.raw(column)} between ${from} and ${to}`;

/** Per school unit: open cases now; investigations opened and completed in the period, overdue now; concern reports waiting for feedback. */
export async function countCasesPerSchool(tx: Tx, organiserId: string, from: string, to: string, today: string) {
  return queryRows<{
    school_unit_id: string;
    school_unit_name: string | null;
    open_cases: number;
    investigations_opened: number;
    investigations_completed: number;
    investigations_overdue: number;
    concern_reports_without_feedback: number;
  }>(
    tx,
    sql`
    select c.school_unit_id, su.display_name as school_unit_name,
      (count(distinct c.id) filter (where c.status = 'open'))::int as open_cases,
      (select count(*) from case_investigations i join cases c2 on c2.organiser_id = i.organiser_id and c2.id = i.case_id
        where i.organiser_id = ${organiserId} and c2.school_unit_id = c.school_unit_id and ${inPeriod('i.opened_on', from, to)})::int as investigations_opened,
      (select count(*) from case_investigations i join cases c2 on c2.organiser_id = i.organiser_id and c2.id = i.case_id
        where i.organiser_id = ${organiserId} and c2.school_unit_id = c.school_unit_id and ${inPeriod('i.completed_on', from, to)})::int as investigations_completed,
      (select count(*) from case_investigations i join cases c2 on c2.organiser_id = i.organiser_id and c2.id = i.case_id
        where i.organiser_id = ${organiserId} and c2.school_unit_id = c.school_unit_id and i.completed_on is null and i.deadline < ${today})::int as investigations_overdue,
      (select count(*) from case_concern_reports r join cases c2 on c2.organiser_id = r.organiser_id and c2.id = r.case_id
        where r.organiser_id = ${organiserId} and c2.school_unit_id = c.school_unit_id and r.feedback_on is null)::int as concern_reports_without_feedback
    from cases c left join organisations su on su.organiser_id = c.organiser_id and su.id = c.school_unit_id
    where c.organiser_id = ${organiserId}
    group by c.school_unit_id, su.display_name order by su.display_name`,
  );
}

/** Period filter of the notices: received (made) in the period; none = every notice. */
export interface NoticePeriod {
  from: string;
  to: string;
}

/**
 * Notices to the organiser (not the copies to a home municipality) received in the period. One
 * definition for the overview's "mottagna" and the inbox's list for the same period: the inbox
 * lists exactly these rows under "Anmälningar till huvudmannen" (a test holds both equal).
 */
export async function countNotices(tx: Tx, organiserId: string, from: string, to: string) {
  const [row] = await queryRows<{ received: number; acknowledged: number; unacknowledged: number }>(
    tx,
    sql`
    select count(*)::int as received, (count(*) filter (where n.status = 'acknowledged'))::int as acknowledged,
      (count(*) filter (where n.status <> 'acknowledged'))::int as unacknowledged
    from ${noticesReceivedSql(organiserId, from, to)}`,
  );
  return row;
}

export async function countConcernReports(
  tx: Tx,
  organiserId: string,
  from: string,
  to: string,
  reminderDays: number,
  today: string,
) {
  const [row] = await queryRows<{
    registered: number;
    with_feedback: number;
    without_feedback: number;
    overdue: number;
  }>(
    tx,
    sql`
    select count(*)::int as registered, (count(*) filter (where feedback_on is not null))::int as with_feedback,
      (count(*) filter (where feedback_on is null))::int as without_feedback,
      (count(*) filter (where feedback_on is null and reported_on + ${reminderDays}::int <= ${today}::date))::int as overdue
    from case_concern_reports where organiser_id = ${organiserId} and ${inPeriod('reported_on', from, to)}`,
  );
  return row;
}

/** Causes counted over cases opened in the period. */
export async function countCauses(tx: Tx, organiserId: string, from: string, to: string) {
  return queryRows<{ code: string; cases: number; as_primary: number }>(
    tx,
    sql`
    select cc.code, count(*)::int as cases, (count(*) filter (where cc.is_primary))::int as as_primary
    from case_causes cc join cases c on c.organiser_id = cc.organiser_id and c.id = cc.case_id
    where cc.organiser_id = ${organiserId} and ${inPeriod('c.opened_on', from, to)} group by cc.code order by cases desc, cc.code`,
  );
}

/**
 * Interventions started in the period per type, with the outcome of their recorded follow-ups:
 * the computed absence rate before the start and since (stored at the follow-up), averaged.
 */
export async function countInterventionOutcomes(tx: Tx, organiserId: string, from: string, to: string) {
  return queryRows<{
    code: string;
    count: number;
    schools: number;
    follow_ups: number;
    mean_before: number | null;
    mean_since: number | null;
    improved: number;
    worsened: number;
  }>(
    tx,
    sql`
    with i as (
      select ci.id, ci.code, c.school_unit_id from case_interventions ci join cases c on c.organiser_id = ci.organiser_id and c.id = ci.case_id
      where ci.organiser_id = ${organiserId} and ${inPeriod('ci.start_date', from, to)}),
    f as (
      select f.intervention_id, (f.before->>'absentRate')::float8 as before_rate, (f.since->>'absentRate')::float8 as since_rate
      from case_follow_ups f where f.organiser_id = ${organiserId} and f.recorded_on is not null and f.since is not null
        and f.before->>'absentRate' is not null and f.since->>'absentRate' is not null)
    select i.code, count(distinct i.id)::int as count, count(distinct i.school_unit_id)::int as schools, count(f.intervention_id)::int as follow_ups,
      avg(f.before_rate) as mean_before, avg(f.since_rate) as mean_since,
      (count(*) filter (where f.since_rate < f.before_rate))::int as improved, (count(*) filter (where f.since_rate > f.before_rate))::int as worsened
    from i left join f on f.intervention_id = i.id group by i.code order by count desc, i.code`,
  );
}

export async function countMeetings(tx: Tx, organiserId: string, from: string, to: string) {
  const [row] = await queryRows<{ total: number; sip: number; ratings: number; mean_rating: number | null }>(
    tx,
    sql`
    select count(distinct m.id)::int as total, (count(distinct m.id) filter (where m.kind = 'sip'))::int as sip, count(r.rating)::int as ratings, avg(r.rating)::float8 as mean_rating
    from case_meetings m left join case_meeting_ratings r on r.organiser_id = m.organiser_id and r.meeting_id = m.id
    where m.organiser_id = ${organiserId} and ${inPeriod('m.held_on', from, to)}`,
  );
  return row;
}

export interface NoticeDbRow {
  id: string;
  kind: string;
  recipient: string;
  municipality_code: string | null;
  case_id: string;
  pupil_id: string;
  given_name: string;
  family_name: string;
  security_marking: string;
  school_unit_id: string;
  school_unit_name: string | null;
  status: string;
  created_at: Date | string;
  /** The day the notice was made (see NOTICE_RECEIVED_ON). */
  received_on: string;
  acknowledged_at: Date | string | null;
  acknowledged_by_name: string | null;
  deadline: string | null;
  completed_on: string | null;
}

/** The organiser's inbox of notices, newest first; with a period, those received in it. */
export async function findNotices(
  tx: Tx,
  organiserId: string,
  status: 'received' | 'acknowledged' | 'all',
  period?: NoticePeriod,
) {
  return queryRows<NoticeDbRow>(
    tx,
    sql`
    select n.id, n.kind, n.recipient, n.municipality_code, n.case_id, n.pupil_id, p.given_name, p.family_name, p.security_marking, n.school_unit_id,
      su.display_name as school_unit_name, n.status, n.created_at, ${NOTICE_RECEIVED_ON}::text as received_on, n.acknowledged_at, u.display_name as acknowledged_by_name,
      i.deadline::text as deadline, i.completed_on::text as completed_on
    from organiser_notices n join persons p on p.organiser_id = n.organiser_id and p.id = n.pupil_id
    left join organisations su on su.organiser_id = n.organiser_id and su.id = n.school_unit_id
    left join users u on u.organiser_id = n.organiser_id and u.id = n.acknowledged_by_user_id
    left join case_investigations i on i.organiser_id = n.organiser_id and i.id = n.investigation_id
    where n.organiser_id = ${organiserId} and ${status === 'all' ? sql`true` : sql`n.status = ${status}`}
      and ${period ? sql`${NOTICE_RECEIVED_ON} between ${period.from} and ${period.to}` : sql`true`}
    order by n.status desc, received_on desc, n.created_at desc`,
  );
}

/** Every count of the organiser's overview for the period (sequential: one transaction, one connection). */
export async function countOrganiserOverview(
  tx: Tx,
  organiserId: string,
  period: { from: string; to: string; today: string; reminderDays: number },
) {
  const { from, to, today, reminderDays } = period;
  return {
    schools: await countCasesPerSchool(tx, organiserId, from, to, today),
    notices: await countNotices(tx, organiserId, from, to),
    concern: await countConcernReports(tx, organiserId, from, to, reminderDays, today),
    causes: await countCauses(tx, organiserId, from, to),
    interventions: await countInterventionOutcomes(tx, organiserId, from, to),
    meetings: await countMeetings(tx, organiserId, from, to),
  };
}
export type OrganiserOverviewCounts = Awaited<ReturnType<typeof countOrganiserOverview>>;
