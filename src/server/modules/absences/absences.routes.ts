/** Staff register guardian reports, granted leave and valid reasons on the guardian's behalf. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import type { MessageConfig } from '../../config.js';
import type { Tx } from '../../db/client.js';
import type { Actor } from '../../policies/actor.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import { Created, ErrorResponse, Uuid } from '../../../shared/schemas/common.js';
import { RegisterAbsenceRequest } from '../../../shared/schemas/pupils.js';
import { registerAbsence } from './commands/register-absence.js';
import { withdrawAbsence } from './commands/withdraw-absence.js';
import { noticeTimingOf } from '../messages/same-day-notices.js';
import { findAbsence } from './absences.repo.js';
import { absenceNotFound, assertAbsenceAllowed, pupilNotFound } from './absences.policy.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/**
 * Rules these routes apply that belong to modules built on this one. They are handed in by
 * modules/index.ts: importing them would make a module cycle (guardians uses absences' commands).
 */
export interface AbsenceRouteHooks {
  /**
   * Granted leave is a leave decision (guardians/leave-rule.ts).
   * @throws LEAVE_NEEDS_PRINCIPAL or FORBIDDEN unless the actor may register this leave
   */
  assertMayRegisterLeave: (
    tx: Tx,
    actor: Actor,
    leave: { pupilId: string; fromDate: string; toDate: string },
    config: MessageConfig,
    today: string,
  ) => Promise<void>;
}

export async function absenceRoutes(
  fastify: FastifyInstance,
  { database, clock, config }: AppContext,
  { assertMayRegisterLeave }: AbsenceRouteHooks,
): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/pupils/:id/absences',
    {
      schema: {
        tags: ['absences'],
        summary: "Register a guardian's absence report, a granted leave or a staff-registered valid reason",
        params: Type.Object({ id: Uuid }),
        body: RegisterAbsenceRequest,
        response: { 201: Created, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await database.db.transaction(async (tx) => {
        const pupilId = request.params.id;
        const today = clock.today();
        await assertAbsenceAllowed(tx, actor, 'register', pupilId, today, pupilNotFound);
        // Leave is the rektor's decision, or the pupil's mentor's within the leave rule; reports by any responsible staff.
        if (request.body.kind === 'leave') {
          const { fromDate, toDate } = request.body;
          await assertMayRegisterLeave(tx, actor, { pupilId, fromDate, toDate }, config.messages, today);
        }
        return registerAbsence(
          tx,
          { ...auditContextOf(request), actorUserId: actor.userId },
          request.params.id,
          request.body,
          noticeTimingOf(clock, config),
        );
      });
      return reply.status(201).send({ id });
    },
  );

  app.delete(
    '/api/absences/:id',
    {
      schema: {
        tags: ['absences'],
        summary: 'Withdraw an absence report or leave',
        params: Type.Object({ id: Uuid }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await database.db.transaction(async (tx) => {
        const absence = await findAbsence(tx, actor.organiserId, request.params.id);
        if (!absence) throw absenceNotFound();
        await assertAbsenceAllowed(tx, actor, 'withdraw', absence.personId, clock.today(), absenceNotFound);
        await withdrawAbsence(tx, auditContextOf(request), absence, noticeTimingOf(clock, config));
      });
      return reply.status(204).send(null);
    },
  );
}
