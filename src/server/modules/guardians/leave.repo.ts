/** Leave requests as the guardian and the deciding staff see them. */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import type { Actor } from '../../policies/actor.js';
import { guardianChildrenSql } from '../../policies/scope.js';
import { uuidArray } from '../../db/sql.js';

export interface LeaveRow {
  id: string;
  pupil_id: string;
  pupil_name: string;
  from_date: string;
  to_date: string;
  reason: string;
  school_days: number;
  decided_by_role: string;
  status: string;
  decision_reason: string | null;
  details: { leaveDaysBefore?: number; pendingDaysBefore?: number };
  created_at: Date | string;
  school_unit_id: string | null;
  requested_by_person_id: string;
}

/** `where` uses `lr` (leave_requests). */
export async function findLeaveRequests(tx: Tx, organiserId: string, where: SQL): Promise<LeaveRow[]> {
  return queryRows<LeaveRow>(
    tx,
    sql`select lr.id, lr.pupil_id, p.given_name || ' ' || p.family_name as pupil_name, lr.from_date::text as from_date, lr.to_date::text as to_date,
      lr.reason, lr.school_days, lr.decided_by_role, lr.status, lr.decision_reason, lr.details, lr.created_at, lr.school_unit_id, lr.requested_by_person_id
    from leave_requests lr join persons p on p.organiser_id = lr.organiser_id and p.id = lr.pupil_id
    where lr.organiser_id = ${organiserId} and ${where}
    order by lr.created_at desc limit 200`,
  );
}

/** One leave request by id (no scope: the caller has the actor's relation to it checked). */
export async function findLeaveRequest(tx: Tx, organiserId: string, id: string): Promise<LeaveRow | undefined> {
  return (await findLeaveRequests(tx, organiserId, sql`lr.id = ${id}`))[0];
}

/** Leave requests for the guardian's own children. */
export const findGuardianLeaveRequests = (tx: Tx, actor: Actor) =>
  findLeaveRequests(tx, actor.organiserId, sql`lr.pupil_id in (${guardianChildrenSql(actor)})`);

/** One leave request, only when it is for one of the guardian's own children. */
export const findGuardianLeaveRequest = async (tx: Tx, actor: Actor, id: string): Promise<LeaveRow | undefined> =>
  (
    await findLeaveRequests(
      tx,
      actor.organiserId,
      sql`lr.id = ${id} and lr.pupil_id in (${guardianChildrenSql(actor)})`,
    )
  )[0];

/**
 * Leave requests within `scope` (conditions on `lr`) with status `status` ('all': any).
 */
export const findLeaveRequestsIn = (tx: Tx, organiserId: string, scope: SQL, status: string) =>
  findLeaveRequests(tx, organiserId, sql`${scope} and (${status === 'all'} or lr.status = ${status})`);

/** The open case of each pupil that has one. */
export async function findOpenCaseIds(tx: Tx, organiserId: string, pupilIds: string[]): Promise<Map<string, string>> {
  const rows = await queryRows<{ pupil_id: string; id: string }>(
    tx,
    sql`select pupil_id, id from cases
    where organiser_id = ${organiserId} and status = 'open' and pupil_id = any(${uuidArray(pupilIds)})`,
  );
  return new Map(rows.map((c) => [c.pupil_id, c.id]));
}

/** More than this many leave days in a school year gets a warning (the common guideline). */
export const LEAVE_WARNING_DAYS = 10;

export const presentLeave = (r: LeaveRow) => {
  const leaveDaysBefore = r.details.leaveDaysBefore ?? 0;
  // The year's total counts the other requests pending when this one was made (leave-rule.ts).
  const pendingDaysBefore = r.details.pendingDaysBefore ?? 0;
  return {
    id: r.id,
    pupilId: r.pupil_id,
    pupilName: r.pupil_name,
    fromDate: r.from_date,
    toDate: r.to_date,
    reason: r.reason,
    schoolDays: r.school_days,
    decidedByRole: r.decided_by_role,
    status: r.status,
    decisionReason: r.decision_reason,
    leaveDaysBefore,
    isOverTenDays: leaveDaysBefore + pendingDaysBefore + r.school_days > LEAVE_WARNING_DAYS,
    createdAt: new Date(r.created_at).toISOString(),
  };
};
