/** School pupil list with figures, and the pupil page. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { notFound } from '../../errors.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import { assertDateRange } from '../../http/date-range.js';
import { recordPupilReads } from '../../audit/record-pupil-reads.js';
import { ErrorResponse, Uuid } from '../../../shared/schemas/common.js';
import { PupilListQuery, PupilListResponse, PupilPage, PupilPageQuery } from '../../../shared/schemas/pupils.js';
import { addDays } from '../../../shared/dates/index.js';
import { aggregateReadablePupilFigures, findReadablePupils } from './pupils.repo.js';
import { findCurrentTerm } from '../../db/terms.js';
import { presentPupilList } from './pupils.presenter.js';
import { buildPupilPage } from './pupil-page.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
export async function pupilRoutes(fastify: FastifyInstance, { database, clock }: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/pupils',
    {
      schema: {
        tags: ['pupils'],
        summary: 'Pupils the signed-in user may follow, with absence figures for the period',
        querystring: PupilListQuery,
        response: { 200: PupilListResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { from, to, schoolUnitId, groupId } = request.query;
      assertDateRange(from, to);
      return database.db.transaction(async (tx) => {
        const today = clock.today();
        const pupils = await findReadablePupils(tx, actor, { date: to, today }, { schoolUnitId, groupId });
        const figures = await aggregateReadablePupilFigures(tx, actor, from, to, today);
        await recordPupilReads(
          tx,
          auditContextOf(request),
          'pupil-list',
          pupils.map((p) => p.id),
        );
        return presentPupilList({ from, to }, pupils, figures);
      });
    },
  );

  app.get(
    '/api/pupils/:id',
    {
      schema: {
        tags: ['pupils'],
        summary: 'Pupil page: figures per month and week, patterns, trend and lesson timeline',
        params: Type.Object({ id: Uuid }),
        querystring: PupilPageQuery,
        response: { 200: PupilPage, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const today = clock.today();
      return database.db.transaction(async (tx) => {
        const [pupil] = await findReadablePupils(tx, actor, { date: today, today }, { personId: request.params.id });
        if (!pupil) throw notFound('PUPIL_NOT_FOUND', 'Eleven hittades inte.');
        const term = await findCurrentTerm(tx, actor.organiserId, today);
        const from = request.query.from ?? term?.startDate ?? addDays(today, -120);
        const defaultTo = term && term.endDate < today ? term.endDate : today;
        const to = request.query.to ?? defaultTo;
        assertDateRange(from, to);
        // Reads of a named child's absence record are logged (who looked, when).
        await recordPupilReads(tx, auditContextOf(request), 'pupil-page', [pupil.id]);
        return buildPupilPage(tx, actor.organiserId, pupil, from, to);
      });
    },
  );
}
