/** Staff register guardian reports, granted leave and valid reasons on the guardian's behalf. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../app-context.js';
import type { Config } from '../../config.js';
import { queryRows, schema, type Tx } from '../../db/client.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import { type Actor, hasRole } from '../../policies/actor.js';
import { canReadPupil, menteesSql } from '../../policies/scope.js';
import { findPupilSchoolUnit } from '../../db/placements.js';
import { loadGuardianSettings } from '../messages/guardian-settings.js';
import { isPrincipalFor, leaveDecider, LEAVE_NEEDS_PRINCIPAL_MESSAGE } from '../guardians/leave-rule.js';
import { ErrorResponse, Uuid } from '../../../shared/schemas/common.js';
import { RegisterAbsenceRequest } from '../../../shared/schemas/pupils.js';
import { registerAbsence } from './commands/register-absence.js';
import { withdrawAbsence } from './commands/withdraw-absence.js';
import { noticeTimingOf } from '../messages/same-day-notices.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/**
 * Staff registering granted leave: the rektor of the pupil's school, or the pupil's mentor when the
 * leave rule leaves the decision to the mentor.
 * @throws FORBIDDEN for anyone else; LEAVE_NEEDS_PRINCIPAL for a mentor past the rule
 */
async function assertMayGrantLeave(
  tx: Tx,
  actor: Actor,
  pupilId: string,
  leave: { fromDate: string; toDate: string },
  config: Config,
): Promise<void> {
  const schoolUnitId = await findPupilSchoolUnit(tx, actor.organiserId, pupilId, leave.fromDate);
  if (isPrincipalFor(actor, schoolUnitId)) return;
  const isMentee =
    hasRole(actor, 'mentor') &&
    actor.personId !== null &&
    (await queryRows(tx, sql`select 1 as ok where ${pupilId}::uuid in (${menteesSql(actor)})`)).length > 0;
  if (!isMentee) throw forbidden('Endast rektor eller elevens mentor kan registrera beviljad ledighet.');
  const settings = await loadGuardianSettings(tx, actor.organiserId, config.messages);
  const rule = await leaveDecider(tx, actor.organiserId, {
    pupilId,
    schoolUnitId,
    fromDate: leave.fromDate,
    toDate: leave.toDate,
    mentorLimitDays: settings.leaveMentorLimitDays,
  });
  if (rule.decidedByRole === 'principal') throw new AppError('LEAVE_NEEDS_PRINCIPAL', LEAVE_NEEDS_PRINCIPAL_MESSAGE);
}

export async function absenceRoutes(fastify: FastifyInstance, { database, clock, config }: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/pupils/:id/absences',
    {
      schema: {
        tags: ['absences'],
        summary: "Register a guardian's absence report, a granted leave or a staff-registered valid reason",
        params: Type.Object({ id: Uuid }),
        body: RegisterAbsenceRequest,
        response: { 201: Type.Object({ id: Uuid }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await database.db.transaction(async (tx) => {
        if (!(await canReadPupil(tx, actor, request.params.id)))
          throw notFound('PUPIL_NOT_FOUND', 'Eleven hittades inte.');
        // Leave is the rektor's decision, or the pupil's mentor's within the leave rule (leave-rule.ts); reports by any responsible staff.
        if (request.body.kind === 'leave')
          await assertMayGrantLeave(tx, actor, request.params.id, request.body, config);
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
        const [absence] = await tx
          .select()
          .from(schema.absences)
          .where(and(eq(schema.absences.organiserId, actor.organiserId), eq(schema.absences.id, request.params.id)));
        if (!absence || !(await canReadPupil(tx, actor, absence.personId)))
          throw notFound('NOT_FOUND', 'Frånvaroanmälan hittades inte.');
        await withdrawAbsence(tx, auditContextOf(request), absence, noticeTimingOf(clock, config));
      });
      return reply.status(204).send(null);
    },
  );
}
