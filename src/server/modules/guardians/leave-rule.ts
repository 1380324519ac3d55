/**
 * Who decides leave (ledighet), one rule for every way leave is entered (a guardian's request,
 * its decision, staff registering granted leave on the pupil page): the mentor may decide only
 * leave within the school's limit of school days that also keeps the school year's total at or
 * under LEAVE_WARNING_DAYS; anything else is the rektor's decision (issue 15, item 7). The year's
 * total counts granted leave and the pupil's other pending requests, so splitting a long leave
 * into short requests does not move the decision to the mentor.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import { countSchoolDays, leaveDaysThisSchoolYear, schoolYearOf } from './guardians.repo.js';
import { LEAVE_WARNING_DAYS } from './leave.repo.js';
import { findPupilSchoolUnit } from '../../db/placements.js';
import type { MessageConfig } from '../../config.js';
import { type Actor, hasRole } from '../../policies/actor.js';
import { isMentorOf } from '../../policies/scope.js';
import { allows } from '../../policies/table.js';
import { AppError, forbidden } from '../../errors.js';
import { loadGuardianSettings } from '../messages/guardian-settings.js';
import { decidesAnyLeave, type LeaveRelation, leavePolicy } from './guardians.policy.js';

export const LEAVE_NEEDS_PRINCIPAL_MESSAGE =
  'Ledighet över skolans gräns, eller som tar läsårets ledighet över 10 dagar, beslutas av rektor.';

export interface LeaveRuleInput {
  pupilId: string;
  /** The pupil's school unit (its days off are not school days). */
  schoolUnitId: string | null;
  fromDate: string;
  toDate: string;
  /** The school's limit for the mentor (guardian settings). */
  mentorLimitDays: number;
  /** The request being decided: not counted again among the pending ones. */
  requestId?: string;
}

export interface LeaveRuleOutcome {
  schoolDays: number;
  /** School days of granted leave in the school year of `fromDate`. */
  leaveDaysBefore: number;
  /** School days of the pupil's other pending requests starting in that school year. */
  pendingDaysBefore: number;
  decidedByRole: 'mentor' | 'principal';
}

/** Applies the leave rule to one leave. */
export async function leaveDecider(tx: Tx, organiserId: string, input: LeaveRuleInput): Promise<LeaveRuleOutcome> {
  const schoolDays = await countSchoolDays(tx, organiserId, input.schoolUnitId, input.fromDate, input.toDate);
  const leaveDaysBefore = await leaveDaysThisSchoolYear(tx, organiserId, input.pupilId, input.fromDate);
  const { from, to } = schoolYearOf(input.fromDate);
  const [pending] = await queryRows<{ n: number }>(
    tx,
    sql`select coalesce(sum(school_days), 0)::int as n from leave_requests
    where organiser_id = ${organiserId} and pupil_id = ${input.pupilId} and status = 'pending' and from_date between ${from}::date and ${to}::date
      ${input.requestId ? sql`and id <> ${input.requestId}` : sql``}`,
  );
  const pendingDaysBefore = pending.n;
  const isOverYear = leaveDaysBefore + pendingDaysBefore + schoolDays > LEAVE_WARNING_DAYS;
  return {
    schoolDays,
    leaveDaysBefore,
    pendingDaysBefore,
    decidedByRole: schoolDays > input.mentorLimitDays || isOverYear ? 'principal' : 'mentor',
  };
}

/**
 * Staff deciding leave (a guardian's request, or granted leave registered on the pupil page): the rektor
 * of the pupil's school always; the pupil's mentor only when the rule, applied again now, leaves it to
 * the mentor (leave granted or requested since may have taken the year past 10 days).
 * @param leave.decidedByRole who the request named when it was made (absent: leave registered by staff)
 * @throws LEAVE_NEEDS_PRINCIPAL for a mentor past the rule; FORBIDDEN (with `refusal`) for anyone else
 */
export async function assertMayDecideLeave(
  tx: Tx,
  actor: Actor,
  leave: LeaveRuleInput & { decidedByRole?: string },
  isMentor: boolean,
  refusal: string,
): Promise<void> {
  if (decidesAnyLeave(actor, leave.schoolUnitId)) return;
  const relations: LeaveRelation[] = isMentor ? ['mentor'] : [];
  const mayAsMentor =
    (leave.decidedByRole === undefined || leave.decidedByRole === 'mentor') &&
    allows(leavePolicy, actor, 'decideWithinMentorLimit', { schoolUnitId: leave.schoolUnitId, relations });
  if (!mayAsMentor) {
    if (leave.decidedByRole === 'principal') throw new AppError('LEAVE_NEEDS_PRINCIPAL', LEAVE_NEEDS_PRINCIPAL_MESSAGE);
    throw forbidden(refusal);
  }
  const now = await leaveDecider(tx, actor.organiserId, leave);
  if (now.decidedByRole === 'principal') throw new AppError('LEAVE_NEEDS_PRINCIPAL', LEAVE_NEEDS_PRINCIPAL_MESSAGE);
}

/**
 * Staff registering granted leave on the pupil page (POST /api/pupils/:id/absences, kind 'leave'):
 * the leave rule for the pupil's school on the leave's first day. The absences routes receive this
 * through their hooks (modules/index.ts), since guardians depends on absences and not the reverse.
 * @throws LEAVE_NEEDS_PRINCIPAL for a mentor past the rule; FORBIDDEN for staff who are neither rektor nor mentor
 */
export async function assertMayRegisterLeave(
  tx: Tx,
  actor: Actor,
  leave: { pupilId: string; fromDate: string; toDate: string },
  config: MessageConfig,
  today: string,
): Promise<void> {
  const settings = await loadGuardianSettings(tx, actor.organiserId, config);
  await assertMayDecideLeave(
    tx,
    actor,
    {
      ...leave,
      schoolUnitId: await findPupilSchoolUnit(tx, actor.organiserId, leave.pupilId, leave.fromDate),
      mentorLimitDays: settings.leaveMentorLimitDays,
    },
    // The pupil's mentor: holds the mentor role and mentors this pupil today.
    hasRole(actor, 'mentor') && (await isMentorOf(tx, actor, leave.pupilId, today)),
    'Endast rektor eller elevens mentor kan registrera beviljad ledighet.',
  );
}
