/** Staff views of messages (pupil, admin log, unreachable guardians), templates, settings and the SMS delivery callback. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { AppError, notFound } from '../../errors.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import { canReadPupil, readablePupilsSql } from '../../policies/scope.js';
import { recordPupilReads } from '../../audit/record-pupil-reads.js';
import { ErrorResponse, Uuid } from '../../../shared/schemas/common.js';
import {
  MessageLogQuery,
  MessageLogResponse,
  SaveTemplateRequest,
  SmsCallbackRequest,
  TemplatesResponse,
  UnreachableResponse,
  GuardianSettings as Settings,
  SaveGuardianSettings as SaveSettings,
} from '../../../shared/schemas/guardians.js';
import { MESSAGE_LOCALES } from '../../../shared/messages/templates.js';
import {
  findMessageLog,
  findOwnTemplates,
  findProtectedPupils,
  findPupilMessages,
  findUnreachableGuardians,
} from './messages.repo.js';
import { presentDelivery, presentTemplates, presentUnreachable } from './messages.presenter.js';
import { assertMessagesAllowed, logScopeSql } from './messages.policy.js';
import { recordDeliveryReport } from './commands/record-delivery-report.js';
import { saveTemplate } from './commands/save-template.js';
import { saveGuardianSettings } from './commands/save-guardian-settings.js';
import { loadGuardianSettings } from './guardian-settings.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export async function messageRoutes(fastify: FastifyInstance, { database, clock, config }: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/pupils/:id/messages',
    {
      schema: {
        tags: ['messages'],
        summary: "Messages about a pupil with each delivery's status",
        params: Type.Object({ id: Uuid }),
        response: { 200: MessageLogResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const pupilId = request.params.id;
      return database.db.transaction(async (tx) => {
        if (!(await canReadPupil(tx, actor, pupilId, clock.today())))
          throw notFound('PUPIL_NOT_FOUND', 'Eleven hittades inte.');
        const rows = await findPupilMessages(tx, actor.organiserId, pupilId);
        const isProtected = (await findProtectedPupils(tx, actor.organiserId, [pupilId])).has(pupilId);
        await recordPupilReads(tx, auditContextOf(request), 'messages', [pupilId]);
        // Protected identity: guardians are not named (as on the pupil page).
        return { messages: rows.map((r) => presentDelivery(r, { hideRecipient: isProtected })) };
      });
    },
  );

  app.get(
    '/api/messages',
    {
      schema: {
        tags: ['messages'],
        summary: 'Message log with filters (status, channel, template, period)',
        querystring: MessageLogQuery,
        response: { 200: MessageLogResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertMessagesAllowed(actor, 'readLog');
      return database.db.transaction(async (tx) => {
        const rows = await findMessageLog(tx, actor.organiserId, logScopeSql(actor, clock.today()), request.query);
        const protectedPupils = await findProtectedPupils(
          tx,
          actor.organiserId,
          rows.map((r) => r.person_id),
        );
        await recordPupilReads(
          tx,
          auditContextOf(request),
          'message-log',
          rows.map((r) => r.person_id),
        );
        return {
          messages: rows.map((r) =>
            presentDelivery(r, { hideRecipient: r.person_id !== null && protectedPupils.has(r.person_id) }),
          ),
        };
      });
    },
  );

  app.get(
    '/api/messages/unreachable-guardians',
    {
      schema: {
        tags: ['messages'],
        summary:
          'Guardians with custody and no working contact channel (no e-mail or mobile, or the last delivery failed)',
        response: { 200: UnreachableResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return database.db.transaction(async (tx) => {
        const today = clock.today();
        const rows = await findUnreachableGuardians(tx, actor.organiserId, (pupilId) =>
          readablePupilsSql(actor, pupilId, today),
        );
        await recordPupilReads(
          tx,
          auditContextOf(request),
          'unreachable-guardians',
          rows.map((r) => r.pupil_id),
        );
        return { guardians: rows.map(presentUnreachable) };
      });
    },
  );

  app.get(
    '/api/messages/templates',
    {
      schema: {
        tags: ['messages'],
        summary: "Message templates per language (the organiser's own or the default)",
        response: { 200: TemplatesResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertMessagesAllowed(actor, 'editTemplates');
      return presentTemplates(await findOwnTemplates(database.db, actor.organiserId));
    },
  );

  app.put(
    '/api/messages/templates/:templateKey/:locale',
    {
      schema: {
        tags: ['messages'],
        summary: "Save the organiser's wording of a template in one language",
        params: Type.Object({
          templateKey: Type.String({ maxLength: 80 }),
          locale: Type.Union(MESSAGE_LOCALES.map((l) => Type.Literal(l))),
        }),
        body: SaveTemplateRequest,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      assertMessagesAllowed(actorOf(request), 'editTemplates');
      await database.db.transaction((tx) =>
        saveTemplate(tx, auditContextOf(request), { ...request.params, ...request.body }, clock.now()),
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/messages/settings',
    {
      schema: {
        tags: ['messages'],
        summary: 'Guardian settings: notice address, leave limit for mentors, report days back, same-day notice policy',
        response: { 200: Settings, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertMessagesAllowed(actor, 'editSettings');
      return loadGuardianSettings(database.db, actor.organiserId, config.messages);
    },
  );

  app.put(
    '/api/messages/settings',
    {
      schema: {
        tags: ['messages'],
        summary: 'Save the guardian settings',
        body: SaveSettings,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      assertMessagesAllowed(actorOf(request), 'editSettings');
      await database.db.transaction((tx) =>
        saveGuardianSettings(tx, auditContextOf(request), request.body, clock.now(), config.messages),
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/messages/sms-callback',
    {
      config: { audience: 'public' },
      schema: {
        tags: ['messages'],
        summary: 'Delivery report from the SMS provider (X-Callback-Token: SMS_CALLBACK_TOKEN)',
        security: [],
        body: SmsCallbackRequest,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const token = config.messages.smsCallbackToken;
      if (!token || request.headers['x-callback-token'] !== token)
        throw new AppError('CALLBACK_TOKEN_INVALID', 'Ogiltig callback-token.');
      const isKnown = await database.db.transaction((tx) => recordDeliveryReport(tx, request.body, clock.now()));
      if (!isKnown) throw notFound('MESSAGE_NOT_FOUND', 'Meddelandet hittades inte.');
      return reply.status(204).send(null);
    },
  );
}
