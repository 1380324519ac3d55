/** The organiser (huvudman) side of case work: the notice inbox, the case overview, settings and catalogues. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { forbidden, notFound } from '../../errors.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import type { Actor } from '../../policies/actor.js';
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
import { canOnOrganiserCases } from './cases.policy.js';
import { countOrganiserOverview, findNotices } from './organiser-view.repo.js';
import { presentNotice, presentOrganiserOverview } from './organiser-view.presenter.js';
import { recordCaseReads } from './commands/record-case-reads.js';
import { acknowledgeNotice } from './commands/acknowledge-notice.js';
import { updateCaseSettings } from './commands/update-case-settings.js';
import { saveCatalogueEntry } from './commands/save-catalogue-entry.js';
import { saveMappingTemplate } from './commands/save-mapping-template.js';
import { MappingTemplateDefinition } from '../../../shared/cases/index.js';
import { PROTECTED_MARKINGS } from '../../../shared/protected-identity.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

function requireOrganiser(actor: Actor): void {
  if (!canOnOrganiserCases(actor, 'oversee')) throw forbidden('Det här är huvudmannens vy.');
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
        const { status, from, to } = request.query;
        const found = await findNotices(tx, actor.organiserId, status ?? 'all', from && to ? { from, to } : undefined);
        await recordCaseReads(
          tx,
          auditContextOf(request),
          found.map((n) => ({ id: n.case_id, pupilId: n.pupil_id })),
          'inbox',
        );
        return found;
      });
      return { notices: rows.map((n) => presentNotice(n, today)) };
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
        if (!notice || !canOnOrganiserCases(actor, 'oversee'))
          throw notFound('NOTICE_NOT_FOUND', 'Anmälan hittades inte.');
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
      const counts = await countOrganiserOverview(db, actor.organiserId, {
        from,
        to,
        today,
        reminderDays: settings.concernFeedbackReminderDays,
      });
      return presentOrganiserOverview({ from, to, counts, catalogue });
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
      if (!canOnOrganiserCases(actor, 'readCatalogue')) throw forbidden();
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
