/** Staff register guardian reports, granted leave and valid reasons on the guardian's behalf. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../app-context.js';
import { schema } from '../../db/client.js';
import { forbidden, notFound } from '../../errors.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import { hasRole } from '../../policies/actor.js';
import { canReadPupil } from '../../policies/scope.js';
import { ErrorResponse, Uuid } from '../../../shared/schemas/common.js';
import { RegisterAbsenceRequest } from '../../../shared/schemas/pupils.js';
import { registerAbsence } from './commands/register-absence.js';
import { withdrawAbsence } from './commands/withdraw-absence.js';
import { noticeTimingOf } from '../messages/same-day-notices.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export async function absenceRoutes(fastify: FastifyInstance, { database, clock, config }: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/pupils/:id/absences', {
    schema: {
      tags: ['absences'], summary: "Register a guardian's absence report, a granted leave or a staff-registered valid reason",
      params: Type.Object({ id: Uuid }), body: RegisterAbsenceRequest, response: { 201: Type.Object({ id: Uuid }), ...errors },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const id = await database.db.transaction(async (tx) => {
      if (!(await canReadPupil(tx, actor, request.params.id))) throw notFound('PUPIL_NOT_FOUND', 'Eleven hittades inte.');
      // Leave is decided by the principal (or a mentor within the school's limit, later); reports by any responsible staff.
      if (request.body.kind === 'leave' && !hasRole(actor, 'principal', 'mentor')) throw forbidden('Endast rektor eller mentor kan registrera beviljad ledighet.');
      return registerAbsence(tx, { ...auditContextOf(request), actorUserId: actor.userId }, request.params.id, request.body, noticeTimingOf(clock, config));
    });
    return reply.status(201).send({ id });
  });

  app.delete('/api/absences/:id', {
    schema: { tags: ['absences'], summary: 'Withdraw an absence report or leave', params: Type.Object({ id: Uuid }), response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await database.db.transaction(async (tx) => {
      const [absence] = await tx.select().from(schema.absences)
        .where(and(eq(schema.absences.organiserId, actor.organiserId), eq(schema.absences.id, request.params.id)));
      if (!absence || !(await canReadPupil(tx, actor, absence.personId))) throw notFound('NOT_FOUND', 'Frånvaroanmälan hittades inte.');
      await withdrawAbsence(tx, auditContextOf(request), absence, noticeTimingOf(clock, config));
    });
    return reply.status(204).send(null);
  });
}
