/** Staff side of leave requests: the mentor decides up to the school's limit, the rektor above it. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../app-context.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import { auditPupilListRead } from '../../audit/write-audit-event.js';
import { hasRole, schoolUnitsWith, type Actor } from '../../policies/actor.js';
import { menteesSql, readablePupilsSql } from '../../policies/scope.js';
import { ErrorResponse, Uuid } from '../../../shared/schemas/common.js';
import { LeaveDecisionInput, LeaveRequestsQuery, LeaveRequestsResponse } from '../../../shared/schemas/guardians.js';
import { findLeaveRequests, presentLeave, type LeaveRow } from './leave.repo.js';
import { decideLeave } from './commands/decide-leave.js';
import { loadLeaveDecisionContext } from './leave-context.js';
import { noticeTimingOf } from '../messages/same-day-notices.js';
import { loadGuardianSettings } from '../messages/guardian-settings.js';
import { isPrincipalFor, leaveDecider, LEAVE_NEEDS_PRINCIPAL_MESSAGE } from './leave-rule.js';
import { uuidArray } from '../../db/sql.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** Requests the actor decides: all at schools where they are rektor; their mentees' requests within the mentor limit. */
function decidableSql(actor: Actor): SQL {
  const parts: SQL[] = [];
  const units = schoolUnitsWith(actor, 'principal');
  if (units === 'all') parts.push(sql`true`);
  else if (units.length > 0) parts.push(sql`lr.school_unit_id = any(${uuidArray(units)})`);
  if (hasRole(actor, 'mentor') && actor.personId)
    parts.push(sql`(lr.decided_by_role = 'mentor' and lr.pupil_id in (${menteesSql(actor)}))`);
  return parts.length > 0 ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

export function canDecideLeave(actor: Actor, request: LeaveRow, isMentee: boolean): boolean {
  if (isPrincipalFor(actor, request.school_unit_id)) return true;
  return request.decided_by_role === 'mentor' && isMentee;
}

export async function leaveRequestRoutes(
  fastify: FastifyInstance,
  { database, clock, config }: AppContext,
): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/leave-requests',
    {
      schema: {
        tags: ['leave'],
        summary: 'Leave requests the actor decides (default: pending)',
        querystring: LeaveRequestsQuery,
        response: { 200: LeaveRequestsResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const status = request.query.status ?? 'pending';
      return database.db.transaction(async (tx) => {
        const rows = await findLeaveRequests(
          tx,
          actor.organiserId,
          sql`${decidableSql(actor)} and (${status === 'all'} or lr.status = ${status})`,
        );
        const context = await loadLeaveDecisionContext(
          tx,
          actor.organiserId,
          rows.map((r) => r.pupil_id),
          clock.today(),
        );
        await auditPupilListRead(
          tx,
          auditContextOf(request),
          'leave-requests',
          rows.map((r) => r.pupil_id),
        );
        return { leaveRequests: rows.map((r) => ({ ...presentLeave(r), context: context.get(r.pupil_id)! })) };
      });
    },
  );

  app.post(
    '/api/leave-requests/:id/decision',
    {
      schema: {
        tags: ['leave'],
        summary: 'Grant or reject a leave request with a reason (sent to the guardian)',
        params: Type.Object({ id: Uuid }),
        body: LeaveDecisionInput,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await database.db.transaction(async (tx) => {
        const [row] = await findLeaveRequests(
          tx,
          actor.organiserId,
          sql`lr.id = ${request.params.id} and ${readablePupilsSql(actor, sql`lr.pupil_id`)}`,
        );
        if (!row) throw notFound('LEAVE_REQUEST_NOT_FOUND', 'Ansökan hittades inte.');
        const [mentee] = await findLeaveRequests(
          tx,
          actor.organiserId,
          sql`lr.id = ${row.id} and ${actor.personId ? sql`lr.pupil_id in (${menteesSql(actor)})` : sql`false`}`,
        );
        if (!canDecideLeave(actor, row, Boolean(mentee))) {
          if (row.decided_by_role === 'principal')
            throw new AppError('LEAVE_NEEDS_PRINCIPAL', LEAVE_NEEDS_PRINCIPAL_MESSAGE);
          throw forbidden('Du kan inte besluta om den här ansökan.');
        }
        if (!isPrincipalFor(actor, row.school_unit_id)) {
          // The mentor's decision applies the rule again: leave granted or requested since may take the year past 10 days.
          const settings = await loadGuardianSettings(tx, actor.organiserId, config.messages);
          const now = await leaveDecider(tx, actor.organiserId, {
            pupilId: row.pupil_id,
            schoolUnitId: row.school_unit_id,
            fromDate: row.from_date,
            toDate: row.to_date,
            mentorLimitDays: settings.leaveMentorLimitDays,
            requestId: row.id,
          });
          if (now.decidedByRole === 'principal')
            throw new AppError('LEAVE_NEEDS_PRINCIPAL', LEAVE_NEEDS_PRINCIPAL_MESSAGE);
        }
        await decideLeave(
          tx,
          { ...auditContextOf(request), actorUserId: actor.userId },
          row,
          request.body,
          noticeTimingOf(clock, config),
        );
      });
      return reply.status(204).send(null);
    },
  );
}
