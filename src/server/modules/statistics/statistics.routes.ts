/** Statistics: school view, organiser view, CSV, regional sharing and the regional view. Aggregates only. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import { ErrorResponse, DateRangeQuery, Uuid } from '../../../shared/schemas/common.js';
import {
  BoardReportList,
  BoardReportSchedule,
  CellPupilsQuery,
  CellPupilsResponse,
  MonthlyStatisticsResponse,
  OrganiserStatisticsResponse,
  RegionalStatisticsResponse,
  SchoolStatisticsQuery,
  SchoolStatisticsResponse,
  SharingRequest,
  SharingResponse,
  StatisticsQuery,
} from '../../../shared/schemas/statistics.js';
import {
  assertOrganiserView,
  canListPupils,
  pupilListUnit,
  regionOf,
  schoolStatisticsUnits,
} from './statistics.policy.js';
import { cellKeyLabel, listCellPupils } from './cell-pupils.js';
import {
  buildMonthlyStatistics,
  buildOrganiserStatistics,
  buildRegionalStatistics,
  buildSchoolStatistics,
} from './statistics.service.js';
import { findSharing } from './statistics.repo.js';
import { findSchoolUnits } from '../../db/organisations.js';
import {
  monthlyStatisticsCsv,
  organiserStatisticsCsv,
  regionalStatisticsCsv,
  schoolStatisticsCsv,
} from './statistics.csv.js';
import { setSharing } from './commands/set-sharing.js';
import { writeAuditEvent } from '../../audit/write-audit-event.js';
import { buildBoardReportPdf } from './commands/generate-board-report.js';
import { setBoardReportSchedule } from './commands/set-board-report-schedule.js';
import { findBoardReport, findBoardReportSchedule, listBoardReports } from './statistics.repo.js';
import { notFound } from '../../errors.js';
import { assertDateRange } from '../../http/date-range.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse };

const sendCsv = (reply: FastifyReply, filename: string, csv: string) =>
  reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(csv);
const BoardReportQuery = Type.Object({
  ...StatisticsQuery.properties,
  text: Type.Optional(Type.String({ maxLength: 4000 })),
});
const RegionQuery = Type.Object({
  ...DateRangeQuery.properties,
  minCoverage: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
});

export async function statisticsRoutes(fastify: FastifyInstance, { database, clock }: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = database.db;

  const school = async (request: { query: SchoolStatisticsQuery } & Parameters<typeof actorOf>[0]) => {
    const actor = actorOf(request);
    const { from, to, schoolUnitId, minCoverage, listRuleShare, withClasses = true } = request.query;
    assertDateRange(from, to);
    const units = schoolStatisticsUnits(actor, schoolUnitId);
    const result = await buildSchoolStatistics(db, actor.organiserId, units, {
      from,
      to,
      minCoverage,
      listRuleShare,
      withClasses,
    });
    return {
      ...result,
      schoolUnits: result.schoolUnits.map((u) => ({ ...u, canListPupils: canListPupils(actor, u.schoolUnitId) })),
    };
  };
  const organiser = async (request: { query: StatisticsQuery } & Parameters<typeof actorOf>[0]) => {
    const actor = actorOf(request);
    const { from, to, minCoverage, listRuleShare } = request.query;
    assertDateRange(from, to);
    assertOrganiserView(actor);
    return buildOrganiserStatistics(db, actor.organiserId, {
      from,
      to,
      minCoverage,
      listRuleShare,
      today: clock.today(),
    });
  };

  app.get(
    '/api/statistics/school',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Absence per school unit, year, class and sex with the year before, bands, ladder steps and coverage',
        querystring: SchoolStatisticsQuery,
        response: { 200: SchoolStatisticsResponse, ...errors },
      },
    },
    school,
  );

  app.get(
    '/api/statistics/school.csv',
    {
      schema: {
        tags: ['statistics'],
        summary: 'The school statistics as CSV (semicolon-separated, UTF-8 with BOM)',
        querystring: SchoolStatisticsQuery,
      },
    },
    async (request, reply) => {
      const result = await school(request);
      return sendCsv(reply, `statistik-skola-${result.from}-${result.to}.csv`, schoolStatisticsCsv(result));
    },
  );

  const months = async (request: { query: StatisticsQuery } & Parameters<typeof actorOf>[0]) => {
    const actor = actorOf(request);
    const { from, to, schoolUnitId, minCoverage } = request.query;
    assertDateRange(from, to);
    return buildMonthlyStatistics(db, actor.organiserId, schoolStatisticsUnits(actor, schoolUnitId), {
      from,
      to,
      minCoverage,
    });
  };

  app.get(
    '/api/statistics/pupils',
    {
      schema: {
        tags: ['statistics'],
        summary:
          'The pupils behind one school figure (unit, breakdown key, band): rektor and elevhälsa of the unit only, audited',
        querystring: CellPupilsQuery,
        response: { 200: CellPupilsResponse, ...errors, 404: ErrorResponse },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { from, to, schoolUnitId, breakdown = 'none', key = '', band } = request.query;
      assertDateRange(from, to);
      pupilListUnit(actor, schoolUnitId);
      return db.transaction(async (tx) => {
        const [unit] = await findSchoolUnits(tx, actor.organiserId, [schoolUnitId]);
        if (!unit) throw notFound('NOT_FOUND', 'Skolenheten finns inte.');
        const pupils = await listCellPupils(tx, actor.organiserId, { schoolUnitId, from, to, breakdown, key, band });
        await writeAuditEvent(tx, auditContextOf(request), {
          type: 'statistics.read-pupils',
          data: { schoolUnitId, from, to, breakdown, key, band: band ?? null, pupils: pupils.length },
        });
        return {
          from,
          to,
          schoolUnitId,
          schoolUnitName: unit.name,
          breakdown,
          key,
          keyLabel: await cellKeyLabel(tx, actor.organiserId, breakdown, key),
          band: band ?? null,
          pupils,
        };
      });
    },
  );

  app.get(
    '/api/statistics/months',
    {
      schema: {
        tags: ['statistics'],
        summary:
          'Absence per calendar month of the period per school unit and in total, with the same month a year earlier (trend)',
        querystring: StatisticsQuery,
        response: { 200: MonthlyStatisticsResponse, ...errors },
      },
    },
    months,
  );

  app.get(
    '/api/statistics/months.csv',
    {
      schema: { tags: ['statistics'], summary: 'The monthly statistics as CSV', querystring: StatisticsQuery },
    },
    async (request, reply) => {
      const result = await months(request);
      return sendCsv(reply, `statistik-manad-${result.from}-${result.to}.csv`, monthlyStatisticsCsv(result));
    },
  );

  app.get(
    '/api/statistics/organiser',
    {
      schema: {
        tags: ['statistics'],
        summary:
          "The organiser's school units side by side, KPIs, list rule, measures and outbox counts (aggregates only)",
        querystring: StatisticsQuery,
        response: { 200: OrganiserStatisticsResponse, ...errors },
      },
    },
    organiser,
  );

  app.get(
    '/api/statistics/organiser.csv',
    {
      schema: { tags: ['statistics'], summary: 'The organiser statistics as CSV', querystring: StatisticsQuery },
    },
    async (request, reply) => {
      const result = await organiser(request);
      return sendCsv(reply, `statistik-huvudman-${result.from}-${result.to}.csv`, organiserStatisticsCsv(result));
    },
  );

  app.get(
    '/api/statistics/board-report.pdf',
    {
      schema: {
        tags: ['statistics'],
        summary: 'The board report (nämndrapport) as a tagged, accessible PDF in Swedish',
        querystring: BoardReportQuery,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { from, to, minCoverage, listRuleShare, text } = request.query;
      assertDateRange(from, to);
      assertOrganiserView(actor);
      const pdf = await buildBoardReportPdf(
        db,
        actor.organiserId,
        { from, to, minCoverage, listRuleShare, text },
        clock.today(),
      );
      reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="namndrapport-${from}-${to}.pdf"`);
      return reply.send(pdf);
    },
  );

  app.get(
    '/api/statistics/board-report-schedule',
    {
      schema: {
        tags: ['statistics'],
        summary: 'How often the board report is generated and stored, and its text',
        response: { 200: BoardReportSchedule, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertOrganiserView(actor);
      const row = await findBoardReportSchedule(db, actor.organiserId);
      return { frequency: row?.frequency ?? 'off', text: row?.text ?? '' };
    },
  );

  app.put(
    '/api/statistics/board-report-schedule',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Set the board report schedule (monthly, termly or off) and its text (audited)',
        body: BoardReportSchedule,
        response: { 200: BoardReportSchedule, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertOrganiserView(actor);
      await db.transaction((tx) => setBoardReportSchedule(tx, auditContextOf(request), request.body, clock.now()));
      return request.body;
    },
  );

  app.get(
    '/api/statistics/board-reports',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Stored board reports, newest first',
        response: { 200: BoardReportList, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertOrganiserView(actor);
      return {
        reports: (await listBoardReports(db, actor.organiserId)).map((r) => ({
          id: r.id,
          from: r.period_from,
          to: r.period_to,
          origin: r.origin,
          createdAt: new Date(r.created_at).toISOString(),
        })),
      };
    },
  );

  app.get(
    '/api/statistics/board-reports/:id',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Download a stored board report (PDF)',
        params: Type.Object({ id: Uuid }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      assertOrganiserView(actor);
      const report = await findBoardReport(db, actor.organiserId, request.params.id);
      if (!report) throw notFound('NOT_FOUND', 'Rapporten finns inte.');
      reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="namndrapport-${report.period_from}-${report.period_to}.pdf"`,
        );
      return reply.send(Buffer.from(report.pdf_base64, 'base64'));
    },
  );

  app.get(
    '/api/statistics/sharing',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Whether the organiser shares its aggregates with the region',
        response: { 200: SharingResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertOrganiserView(actor);
      const row = await findSharing(db, actor.organiserId);
      return { isShared: row?.is_shared ?? false, changedAt: row ? new Date(row.changed_at).toISOString() : null };
    },
  );

  app.post(
    '/api/statistics/sharing',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Opt in to or out of regional statistics (audited)',
        body: SharingRequest,
        response: { 200: SharingResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertOrganiserView(actor);
      const now = clock.now();
      await db.transaction((tx) => setSharing(tx, auditContextOf(request), request.body.isShared, now));
      return { isShared: request.body.isShared, changedAt: now.toISOString() };
    },
  );

  const region = async (request: { query: Static<typeof RegionQuery> } & Parameters<typeof actorOf>[0]) => {
    const regionId = regionOf(actorOf(request));
    const { from, to, minCoverage } = request.query;
    assertDateRange(from, to);
    return db.transaction(async (tx) => {
      const result = await buildRegionalStatistics(tx, regionId, { from, to, minCoverage });
      await writeAuditEvent(tx, auditContextOf(request), {
        type: 'statistics.view-region',
        data: { from, to, organiserIds: result.organisers.map((o) => o.organiserId) },
      });
      return result;
    });
  };

  app.get(
    '/api/statistics/region',
    {
      config: { allowRegion: true },
      schema: {
        tags: ['statistics'],
        summary:
          "Aggregates of the region's member organisers that share, small cells suppressed (region role only; never a pupil)",
        querystring: RegionQuery,
        response: { 200: RegionalStatisticsResponse, ...errors },
      },
    },
    region,
  );

  app.get(
    '/api/statistics/region.csv',
    {
      config: { allowRegion: true },
      schema: {
        tags: ['statistics'],
        summary: 'The regional statistics as CSV (suppressed cells empty)',
        querystring: RegionQuery,
      },
    },
    async (request, reply) => {
      const result = await region(request);
      return sendCsv(reply, `statistik-region-${result.from}-${result.to}.csv`, regionalStatisticsCsv(result));
    },
  );
}
