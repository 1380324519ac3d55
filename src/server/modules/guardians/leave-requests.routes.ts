/** Staff side of leave requests: the mentor decides up to the school's limit, the rektor above it. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { notFound } from '../../errors.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import { recordPupilReads } from '../../audit/record-pupil-reads.js';
import { canReadPupil, isMentorOf } from '../../policies/scope.js';
import { ErrorResponse, Uuid } from '../../../shared/schemas/common.js';
import { LeaveDecisionInput, LeaveRequestsQuery, LeaveRequestsResponse } from '../../../shared/schemas/guardians.js';
import { findLeaveRequest, findLeaveRequestsIn, presentLeave } from './leave.repo.js';
import { decideLeave } from './commands/decide-leave.js';
import { loadLeaveDecisionContext } from './leave-context.js';
import { noticeTimingOf } from '../messages/same-day-notices.js';
import { loadGuardianSettings } from '../messages/guardian-settings.js';
import { assertMayDecideLeave } from './leave-rule.js';
import { decidableLeaveSql } from './guardians.policy.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

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
        const today = clock.today();
        const rows = await findLeaveRequestsIn(tx, actor.organiserId, decidableLeaveSql(actor, today), status);
        const context = await loadLeaveDecisionContext(
          tx,
          actor.organiserId,
          rows.map((r) => r.pupil_id),
          today,
        );
        await recordPupilReads(
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
        const today = clock.today();
        const row = await findLeaveRequest(tx, actor.organiserId, request.params.id);
        if (!row || !(await canReadPupil(tx, actor, row.pupil_id, today)))
          throw notFound('LEAVE_REQUEST_NOT_FOUND', 'Ansökan hittades inte.');
        const settings = await loadGuardianSettings(tx, actor.organiserId, config.messages);
        await assertMayDecideLeave(
          tx,
          actor,
          {
            pupilId: row.pupil_id,
            schoolUnitId: row.school_unit_id,
            fromDate: row.from_date,
            toDate: row.to_date,
            mentorLimitDays: settings.leaveMentorLimitDays,
            requestId: row.id,
            decidedByRole: row.decided_by_role,
          },
          await isMentorOf(tx, actor, row.pupil_id, today),
          'Du kan inte besluta om den här ansökan.',
        );
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
