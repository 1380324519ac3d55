/** The organiser (huvudman) side of case work: the notice inbox, the case overview, settings and catalogues. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { forbidden, notFound } from '../../errors.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import { hasRole, type Actor } from '../../policies/actor.js';
import { ErrorResponse, Uuid } from '../../../shared/schemas/common.js';
import {
  CaseSettingsRequest,
  CatalogueEntryRequest,
  CatalogueResponse,
  NoticesQuery,
  NoticesResponse,
  OrganiserOverviewResponse,
  OverviewQuery,
} from '../../../shared/schemas/cases.js';
import { findCaseSettings, findCatalogue } from './cases.repo.js';
import { writeAuditEvent } from '../../audit/write-audit-event.js';
import { isOrganiserOfficial } from './cases.policy.js';
import {
  countCasesPerSchool,
  countCauses,
  countConcernReports,
  countInterventionOutcomes,
  countMeetings,
  countNotices,
  findNotices,
} from './organiser-view.repo.js';
import { acknowledgeNotice } from './commands/acknowledge-notice.js';
import { updateCaseSettings } from './commands/update-case-settings.js';
import { saveCatalogueEntry } from './commands/save-catalogue-entry.js';
import { saveMappingTemplate } from './commands/save-mapping-template.js';
import { MappingTemplateDefinition } from '../../../shared/cases/index.js';
import { PROTECTED_MARKINGS } from '../../../shared/protected-identity.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

function requireOrganiser(actor: Actor): void {
  if (!isOrganiserOfficial(actor)) throw forbidden('Det här är huvudmannens vy.');
}

export async function organiserCaseRoutes(fastify: FastifyInstance, { database, clock }: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = database.db;

  app.get(
    '/api/organiser/notices',
    {
      schema: {
        tags: ['cases'],
        summary: "The organiser's inbox of notices (investigations opened) with deadlines and status",
        querystring: NoticesQuery,
        response: { 200: NoticesResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireOrganiser(actor);
      const today = clock.today();
      const rows = await db.transaction(async (tx) => {
        const found = await findNotices(tx, actor.organiserId, request.query.status ?? 'all');
        for (const n of found)
          await writeAuditEvent(tx, auditContextOf(request), {
            type: 'case.read',
            caseId: n.case_id,
            pupilId: n.pupil_id,
            data: { view: 'inbox' },
          });
        return found;
      });
      return {
        notices: rows.map((n) => ({
          id: n.id,
          kind: n.kind,
          recipient: n.recipient,
          // The home municipality of a pupil with protected identity is location data.
          municipalityCode: PROTECTED_MARKINGS.has(n.security_marking) ? null : n.municipality_code,
          caseId: n.case_id,
          pupilId: n.pupil_id,
          pupilName: `${n.given_name} ${n.family_name}`,
          schoolUnitId: n.school_unit_id,
          schoolUnitName: n.school_unit_name,
          status: n.status,
          createdAt: new Date(n.created_at).toISOString(),
          acknowledgedAt: n.acknowledged_at === null ? null : new Date(n.acknowledged_at).toISOString(),
          acknowledgedByName: n.acknowledged_by_name,
          investigationDeadline: n.deadline,
          isInvestigationOverdue: n.deadline !== null && n.completed_on === null && n.deadline < today,
        })),
      };
    },
  );

  app.post(
    '/api/organiser/notices/:id/acknowledge',
    {
      schema: {
        tags: ['cases'],
        summary: 'Acknowledge a notice',
        params: Type.Object({ id: Uuid }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await db.transaction(async (tx) => {
        const notice = (await findNotices(tx, actor.organiserId, 'all')).find((n) => n.id === request.params.id);
        if (!notice || !isOrganiserOfficial(actor)) throw notFound('NOTICE_NOT_FOUND', 'Anmälan hittades inte.');
        await acknowledgeNotice(
          tx,
          auditContextOf(request),
          { id: notice.id, caseId: notice.case_id, pupilId: notice.pupil_id, status: notice.status },
          clock.now(),
        );
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/organiser/cases',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Case work counted: investigations per school, notices, concern reports, causes, interventions and their outcomes, meetings',
        querystring: OverviewQuery,
        response: { 200: OrganiserOverviewResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireOrganiser(actor);
      const { from, to } = request.query;
      const today = clock.today();
      const settings = await findCaseSettings(db, actor.organiserId);
      const catalogue = await findCatalogue(db, actor.organiserId);
      const label = (list: { code: string; label: string }[], code: string) =>
        list.find((x) => x.code === code)?.label ?? code;
      const schools = await countCasesPerSchool(db, actor.organiserId, from, to, today);
      const notices = await countNotices(db, actor.organiserId, from, to);
      const concern = await countConcernReports(
        db,
        actor.organiserId,
        from,
        to,
        settings.concernFeedbackReminderDays,
        today,
      );
      const causes = await countCauses(db, actor.organiserId, from, to);
      const interventions = await countInterventionOutcomes(db, actor.organiserId, from, to);
      const meetings = await countMeetings(db, actor.organiserId, from, to);
      return {
        from,
        to,
        schools: schools.map((s) => ({
          schoolUnitId: s.school_unit_id,
          schoolUnitName: s.school_unit_name,
          openCases: s.open_cases,
          investigationsOpened: s.investigations_opened,
          investigationsCompleted: s.investigations_completed,
          investigationsOverdue: s.investigations_overdue,
          concernReportsWithoutFeedback: s.concern_reports_without_feedback,
        })),
        notices,
        concernReports: {
          registered: concern.registered,
          withFeedback: concern.with_feedback,
          withoutFeedback: concern.without_feedback,
          overdue: concern.overdue,
        },
        causes: causes.map((c) => ({
          code: c.code,
          label: label(catalogue.causes, c.code),
          cases: c.cases,
          asPrimary: c.as_primary,
        })),
        interventions: interventions.map((i) => ({
          code: i.code,
          label: label(catalogue.interventions, i.code),
          count: i.count,
          schools: i.schools,
          followUps: i.follow_ups,
          meanBeforeRate: i.mean_before === null ? null : Number(i.mean_before),
          meanSinceRate: i.mean_since === null ? null : Number(i.mean_since),
          improved: i.improved,
          worsened: i.worsened,
        })),
        meetings: {
          total: meetings.total,
          sip: meetings.sip,
          ratings: meetings.ratings,
          meanRating: meetings.mean_rating === null ? null : Number(meetings.mean_rating),
        },
      };
    },
  );

  app.get(
    '/api/cases/catalogue',
    {
      schema: {
        tags: ['cases'],
        summary: "The organiser's causes and interventions and the case settings",
        response: { 200: CatalogueResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!hasRole(actor, 'mentor', 'studentHealth', 'principal', 'organiserAdmin')) throw forbidden();
      return {
        ...(await findCatalogue(db, actor.organiserId)),
        settings: await findCaseSettings(db, actor.organiserId),
      };
    },
  );

  app.put(
    '/api/cases/settings',
    {
      schema: {
        tags: ['cases'],
        summary: 'Investigation deadline and concern-report reminder (huvudman)',
        body: CaseSettingsRequest,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      requireOrganiser(actorOf(request));
      await db.transaction((tx) => updateCaseSettings(tx, auditContextOf(request), request.body, clock.now()));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/cases/templates',
    {
      schema: {
        tags: ['cases'],
        summary: 'Save a new version of a mapping template (huvudman); new mappings use it',
        body: Type.Omit(MappingTemplateDefinition, ['version']),
        response: { 201: Type.Object({ version: Type.Integer() }), ...errors },
      },
    },
    async (request, reply) => {
      requireOrganiser(actorOf(request));
      return reply
        .status(201)
        .send(await db.transaction((tx) => saveMappingTemplate(tx, auditContextOf(request), request.body)));
    },
  );

  app.put(
    '/api/cases/catalogue',
    {
      schema: {
        tags: ['cases'],
        summary: 'Rename, retire or add a cause or intervention (huvudman)',
        body: CatalogueEntryRequest,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      requireOrganiser(actorOf(request));
      await db.transaction((tx) => saveCatalogueEntry(tx, auditContextOf(request), request.body));
      return reply.status(204).send(null);
    },
  );
}
