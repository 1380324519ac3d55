/**
 * Guardians and leave (docs/architecture.md, "Access"):
 * - a guardian acts only for their own children (custody, link usable: guardianChildrenSql), 404 otherwise;
 *   a report may be changed or withdrawn until it starts;
 * - a leave request is decided by the rektor of the pupil's school, or by the pupil's mentor when the
 *   leave rule (leave-rule.ts) leaves it to the mentor.
 */
import { sql, type SQL } from 'drizzle-orm';
import { AppError, notFound } from '../../errors.js';
import type { Tx } from '../../db/client.js';
import { type Actor, hasRole, schoolUnitsWith } from '../../policies/actor.js';
import { isGuardianOf, menteesSql } from '../../policies/scope.js';
import { allows, type PolicyTable } from '../../policies/table.js';
import { uuidArray } from '../../db/sql.js';
import { addDays } from '../../../shared/dates/index.js';

export type GuardianAction = 'readChild' | 'reportAbsence' | 'changeReport' | 'requestLeave';
/** custody: the actor is a guardian with custody of the child and a usable link. */
export type GuardianRelation = 'custody';

export const guardianPolicy = {
  readChild: { roles: [], relations: ['custody'] },
  reportAbsence: { roles: [], relations: ['custody'] },
  changeReport: { roles: [], relations: ['custody'] },
  requestLeave: { roles: [], relations: ['custody'] },
} as const satisfies PolicyTable<GuardianAction, GuardianRelation>;

export type LeaveAction = 'decideAny' | 'decideWithinMentorLimit';
/** mentor: the actor is the pupil's mentor. */
export type LeaveRelation = 'mentor';

export const leavePolicy = {
  decideAny: { roles: ['principal'] },
  decideWithinMentorLimit: { roles: ['principal'], relations: ['mentor'] },
} as const satisfies PolicyTable<LeaveAction, LeaveRelation>;

/** @throws PUPIL_NOT_FOUND (404) unless the guardian actor may act for the child. */
export async function assertGuardianMay(tx: Tx, actor: Actor, action: GuardianAction, pupilId: string): Promise<void> {
  const relations: GuardianRelation[] = (await isGuardianOf(tx, actor, pupilId)) ? ['custody'] : [];
  if (!allows(guardianPolicy, actor, action, { schoolUnitId: null, relations }))
    throw notFound('PUPIL_NOT_FOUND', 'Barnet hittades inte.');
}

/** True when the actor decides any leave at the school unit (rektor there, or organiser-wide). */
export const decidesAnyLeave = (actor: Actor, schoolUnitId: string | null) =>
  allows(leavePolicy, actor, 'decideAny', { schoolUnitId });

/** Leave requests the actor decides, conditions on `lr`: all at schools where they are rektor; their current mentees' within the mentor limit. */
export function decidableLeaveSql(actor: Actor, today: string): SQL {
  const parts: SQL[] = [];
  const units = schoolUnitsWith(actor, ...leavePolicy.decideAny.roles);
  if (units === 'all') parts.push(sql`true`);
  else if (units.length > 0) parts.push(sql`lr.school_unit_id = any(${uuidArray(units)})`);
  if (hasRole(actor, 'mentor') && actor.personId)
    parts.push(sql`(lr.decided_by_role = 'mentor' and lr.pupil_id in (${menteesSql(actor, today)}))`);
  return parts.length > 0 ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

/** @throws ABSENCE_REPORT_CLOSED when the report has started or is withdrawn. */
export function assertReportChangeable(report: { kind: string; startsAt: Date; withdrawnAt: Date | null }, now: Date) {
  if (!canChangeReport(report, now))
    throw new AppError(
      'ABSENCE_REPORT_CLOSED',
      'Anmälan har redan börjat gälla (eller är återkallad) och kan inte ändras här. Kontakta skolan.',
    );
}

/** How far ahead a guardian may report absence (longer absence is a leave request or a talk with the school). */
export const REPORT_DAYS_AHEAD = 60;

/** A guardian's own kind of report that has not started yet may be changed or withdrawn. */
export function canChangeReport(
  report: { kind: string; startsAt: Date; withdrawnAt: Date | null },
  now: Date,
): boolean {
  return report.kind === 'guardianReport' && report.withdrawnAt === null && report.startsAt.getTime() > now.getTime();
}

/** @throws AppError REPORT_DATE_TOO_EARLY / REPORT_DATE_TOO_LATE with a plain Swedish message. */
export function checkReportDates(fromDate: string, toDate: string, today: string, pastDays: number): void {
  const earliest = addDays(today, -pastDays);
  if (fromDate < earliest) {
    const message =
      pastDays === 0
        ? 'Frånvaro kan bara anmälas från och med idag. Kontakta skolan om en dag som redan har varit.'
        : `Frånvaro kan anmälas högst ${pastDays} ${pastDays === 1 ? 'dag' : 'dagar'} bakåt (från ${earliest}). Kontakta skolan om tidigare dagar.`;
    throw new AppError('REPORT_DATE_TOO_EARLY', message, [{ path: '/fromDate', message }]);
  }
  if (toDate > addDays(today, REPORT_DAYS_AHEAD)) {
    const message = `Frånvaro kan anmälas högst ${REPORT_DAYS_AHEAD} dagar framåt. Längre ledighet söker du som ledighet.`;
    throw new AppError('REPORT_DATE_TOO_LATE', message, [{ path: '/toDate', message }]);
  }
}
