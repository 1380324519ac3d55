/** Registration completeness and the school units / groups an actor can pick from. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app-context.js';
import { inSequence } from '../../db/client.js';
import { actorOf } from '../../plugins/authenticate.js';
import { visibleSchoolUnits } from '../../policies/scope.js';
import { ErrorResponse } from '../../../shared/schemas/common.js';
import { CompletenessQuery, CompletenessResponse, SchoolUnitsResponse } from '../../../shared/schemas/reports.js';
import { completenessBySchoolUnit, completenessByTeacher } from './completeness.js';
import { findSchoolUnitsAndGroups } from './reports.repo.js';
import { assertDateRange } from '../../http/date-range.js';
import { completenessUnits } from './reports.policy.js';
import { presentTeacherCompleteness, presentUnitCompleteness } from './reports.presenter.js';

export async function reportRoutes(fastify: FastifyInstance, { database, clock }: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/completeness',
    {
      schema: {
        tags: ['reports'],
        summary: 'Share of confirmed lessons per school unit and teacher (lessons up to today)',
        querystring: CompletenessQuery,
        response: { 200: CompletenessResponse, 400: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { from, schoolUnitId } = request.query;
      assertDateRange(from, request.query.to);
      const to = request.query.to < clock.today() ? request.query.to : clock.today();
      const units = completenessUnits(actor, schoolUnitId);
      const now = clock.now();
      const [schoolUnits, teachers] = await inSequence(
        () => completenessBySchoolUnit(database.db, actor.organiserId, from, to, units, now),
        () => completenessByTeacher(database.db, actor.organiserId, from, to, units, now),
      );
      return {
        from,
        to,
        schoolUnits: schoolUnits.map(presentUnitCompleteness),
        teachers: teachers.map(presentTeacherCompleteness),
      };
    },
  );

  app.get(
    '/api/school-units',
    {
      schema: {
        tags: ['reports'],
        summary: 'School units and classes the signed-in user can choose',
        response: { 200: SchoolUnitsResponse },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const units = await visibleSchoolUnits(database.db, actor);
      const found = await findSchoolUnitsAndGroups(database.db, actor.organiserId, units);
      return {
        schoolUnits: found.schoolUnits.map((u) => ({ id: u.id, name: u.name, schoolUnitCode: u.school_unit_code })),
        groups: found.groups.map((g) => ({ id: g.id, name: g.name, schoolUnitId: g.school_unit_id })),
      };
    },
  );
}
