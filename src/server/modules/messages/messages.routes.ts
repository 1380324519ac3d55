/** Staff views of messages (pupil, admin log, unreachable guardians), templates, settings and the SMS delivery callback. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../app-context.js';
import { queryRows, schema } from '../../db/client.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import { hasOrganiserWideRole, hasRole, type Actor } from '../../policies/actor.js';
import { canReadPupil, readablePupilsSql, usableGuardianLinkSql } from '../../policies/scope.js';
import { auditPupilListRead, writeAuditEvent } from '../../audit/write-audit-event.js';
import { ErrorResponse, Uuid } from '../../../shared/schemas/common.js';
import {
  MessageLogQuery,
  MessageLogResponse,
  SaveTemplateRequest,
  SmsCallbackRequest,
  TemplatesResponse,
  UnreachableResponse,
} from '../../../shared/schemas/guardians.js';
import {
  DEFAULT_TEMPLATES,
  MESSAGE_LOCALES,
  TEMPLATE_VARIABLES,
  unknownVariables,
} from '../../../shared/messages/templates.js';
import { findDeliveries } from './messages.repo.js';
import { presentDelivery } from './messages.presenter.js';
import { recordDeliveryReport } from './commands/record-delivery-report.js';
import { loadGuardianSettings } from './guardian-settings.js';
import { PROTECTED_MARKINGS } from '../../../shared/protected-identity.js';
import { textArray, uuidArray } from '../../db/sql.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const SameDayNotice = {
  sameDayNoticePolicy: Type.Union([Type.Literal('atTime'), Type.Literal('immediate')], {
    description: "'atTime': at sameDayNoticeTime; 'immediate': when the lesson is confirmed, after the grace minutes",
  }),
  sameDayNoticeTime: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM Europe/Stockholm' }),
  sameDayNoticeGraceMinutes: Type.Integer({
    minimum: 0,
    maximum: 120,
    description: 'Minutes an immediate notice waits, so a correction withdraws it (0 = within a minute)',
  }),
};
const Settings = Type.Object({
  noticeEmail: Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null()]),
  leaveMentorLimitDays: Type.Integer({ minimum: 0, maximum: 365 }),
  reportPastDays: Type.Integer({ minimum: 0, maximum: 30 }),
  ...SameDayNotice,
});
/** Saving: the same-day fields may be left out (kept as they are). */
const SaveSettings = Type.Object({
  noticeEmail: Settings.properties.noticeEmail,
  leaveMentorLimitDays: Settings.properties.leaveMentorLimitDays,
  reportPastDays: Settings.properties.reportPastDays,
  sameDayNoticePolicy: Type.Optional(SameDayNotice.sameDayNoticePolicy),
  sameDayNoticeTime: Type.Optional(SameDayNotice.sameDayNoticeTime),
  sameDayNoticeGraceMinutes: Type.Optional(SameDayNotice.sameDayNoticeGraceMinutes),
});

/** The message log: the organiser admin sees all; rektor and elevhälsa their schools' pupils. */
function logScopeSql(actor: Actor): SQL {
  if (hasOrganiserWideRole(actor, 'organiserAdmin')) return sql`true`;
  if (!hasRole(actor, 'principal', 'studentHealth')) return sql`false`;
  return sql`o.kind = 'guardianMessage' and ${readablePupilsSql(actor, sql`o.person_id`)}`;
}

export async function messageRoutes(fastify: FastifyInstance, { database, clock, config }: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const requireOrganiserAdmin = (actor: Actor) => {
    if (!hasOrganiserWideRole(actor, 'organiserAdmin'))
      throw forbidden('Endast huvudmannen kan ändra meddelandemallar och inställningar.');
  };

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
      return database.db.transaction(async (tx) => {
        if (!(await canReadPupil(tx, actor, request.params.id)))
          throw notFound('PUPIL_NOT_FOUND', 'Eleven hittades inte.');
        const [pupil] = await queryRows<{ security_marking: string }>(
          tx,
          sql`select security_marking from persons where organiser_id = ${actor.organiserId} and id = ${request.params.id}`,
        );
        const rows = await findDeliveries(
          tx,
          actor.organiserId,
          [sql`o.person_id = ${request.params.id}`, sql`o.kind = 'guardianMessage'`],
          200,
        );
        await writeAuditEvent(tx, auditContextOf(request), {
          type: 'pupil.read',
          pupilId: request.params.id,
          data: { view: 'messages' },
        });
        // Protected identity: guardians are not named (as on the pupil page).
        return {
          messages: rows.map((r) =>
            presentDelivery(r, { hideRecipient: PROTECTED_MARKINGS.has(pupil?.security_marking ?? '') }),
          ),
        };
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
      if (!hasRole(actor, 'organiserAdmin', 'principal', 'studentHealth')) throw forbidden();
      const q = request.query;
      const where: SQL[] = [logScopeSql(actor)];
      if (q.status)
        where.push(
          sql`coalesce(case when d.status = 'sending' then 'queued' else d.status end, o.status) = ${q.status}`,
        );
      if (q.channel) where.push(sql`d.channel = ${q.channel}`);
      if (q.templateKey) where.push(sql`o.template_key = ${q.templateKey}`);
      if (q.from) where.push(sql`o.created_at >= ${q.from}::date`);
      if (q.to) where.push(sql`o.created_at < (${q.to}::date + 1)`);
      const rows = await findDeliveries(database.db, actor.organiserId, where, 500);
      const protectedPupils = new Set(
        (
          await queryRows<{ id: string }>(
            database.db,
            sql`select id from persons where organiser_id = ${actor.organiserId}
      and security_marking = any(${textArray(PROTECTED_MARKINGS)}) and id = any(${uuidArray(new Set(rows.flatMap((r) => (r.person_id ? [r.person_id] : []))))})`,
          )
        ).map((r) => r.id),
      );
      await auditPupilListRead(
        database.db,
        auditContextOf(request),
        'message-log',
        rows.map((r) => r.person_id),
      );
      return {
        messages: rows.map((r) =>
          presentDelivery(r, { hideRecipient: r.person_id !== null && protectedPupils.has(r.person_id) }),
        ),
      };
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
      const rows = await queryRows<{
        guardian_id: string;
        guardian_name: string;
        pupil_id: string;
        pupil_name: string;
        has_channel: boolean;
        last_status: string | null;
        last_error: string | null;
      }>(
        database.db,
        sql`
      select gp.id as guardian_id, gp.given_name || ' ' || gp.family_name as guardian_name, p.id as pupil_id, p.given_name || ' ' || p.family_name as pupil_name,
        (jsonb_array_length(gp.emails) > 0 or jsonb_array_length(gp.phone_numbers) > 0) as has_channel, last.status as last_status, last.last_error
      from responsibles r
      join persons p on p.organiser_id = r.organiser_id and p.id = r.pupil_id
      join persons gp on gp.organiser_id = r.organiser_id and gp.id = r.guardian_id
      left join lateral (select d.status, d.last_error from message_deliveries d where d.organiser_id = r.organiser_id and d.recipient_person_id = gp.id
        and d.channel <> 'inbox' and d.status in ('sent', 'delivered', 'failed') order by coalesce(d.sent_at, d.created_at) desc limit 1) last on true
      where r.organiser_id = ${actor.organiserId} and ${usableGuardianLinkSql} and ${readablePupilsSql(actor, sql`p.id`)}
        and (not (jsonb_array_length(gp.emails) > 0 or jsonb_array_length(gp.phone_numbers) > 0) or last.status = 'failed')
      order by p.family_name, p.given_name, gp.family_name limit 1000`,
      );
      await auditPupilListRead(
        database.db,
        auditContextOf(request),
        'unreachable-guardians',
        rows.map((r) => r.pupil_id),
      );
      return {
        guardians: rows.map((r) => ({
          guardianId: r.guardian_id,
          guardianName: r.guardian_name,
          pupilId: r.pupil_id,
          pupilName: r.pupil_name,
          problem: r.has_channel ? 'lastDeliveryFailed' : 'noChannel',
          lastError: r.has_channel ? r.last_error : null,
        })),
      };
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
      requireOrganiserAdmin(actor);
      const own = await database.db
        .select()
        .from(schema.messageTemplates)
        .where(sql`organiser_id = ${actor.organiserId}`);
      const templates = Object.entries(DEFAULT_TEMPLATES).flatMap(([templateKey, byLocale]) =>
        MESSAGE_LOCALES.map((locale) => {
          const saved = own.find((t) => t.templateKey === templateKey && t.locale === locale);
          return {
            templateKey,
            locale,
            subject: saved?.subject ?? byLocale[locale].subject,
            body: saved?.body ?? byLocale[locale].body,
            isCustom: Boolean(saved),
          };
        }),
      );
      return { templates, variables: [...TEMPLATE_VARIABLES] };
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
      const actor = actorOf(request);
      requireOrganiserAdmin(actor);
      const { templateKey, locale } = request.params;
      if (!DEFAULT_TEMPLATES[templateKey]) throw notFound('NOT_FOUND', 'Mallen finns inte.');
      const unknown = [...unknownVariables(request.body.subject), ...unknownVariables(request.body.body)];
      if (unknown.length > 0)
        throw new AppError('TEMPLATE_INVALID', `Okända fält i mallen: ${unknown.map((u) => `{{${u}}}`).join(', ')}.`, [
          { path: '/body', message: `Tillåtna fält: ${TEMPLATE_VARIABLES.join(', ')}` },
        ]);
      await database.db.transaction(async (tx) => {
        const values = {
          subject: request.body.subject,
          body: request.body.body,
          updatedByUserId: actor.userId,
          updatedAt: clock.now(),
        };
        await tx
          .insert(schema.messageTemplates)
          .values({ organiserId: actor.organiserId, templateKey, locale, ...values })
          .onConflictDoUpdate({
            target: [
              schema.messageTemplates.organiserId,
              schema.messageTemplates.templateKey,
              schema.messageTemplates.locale,
            ],
            set: values,
          });
        await writeAuditEvent(tx, auditContextOf(request), {
          type: 'message.save-template',
          data: { templateKey, locale },
        });
      });
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
      requireOrganiserAdmin(actor);
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
      const actor = actorOf(request);
      requireOrganiserAdmin(actor);
      await database.db.transaction(async (tx) => {
        const values = { ...request.body, updatedAt: clock.now() };
        await tx
          .insert(schema.guardianSettings)
          .values({ organiserId: actor.organiserId, ...values })
          .onConflictDoUpdate({ target: [schema.guardianSettings.organiserId], set: values });
        await writeAuditEvent(tx, auditContextOf(request), {
          type: 'message.save-settings',
          data: {
            noticeEmail: request.body.noticeEmail !== null,
            leaveMentorLimitDays: request.body.leaveMentorLimitDays,
            reportPastDays: request.body.reportPastDays,
            ...(request.body.sameDayNoticePolicy ? { sameDayNoticePolicy: request.body.sameDayNoticePolicy } : {}),
            ...(request.body.sameDayNoticeTime ? { sameDayNoticeTime: request.body.sameDayNoticeTime } : {}),
            ...(request.body.sameDayNoticeGraceMinutes !== undefined
              ? { sameDayNoticeGraceMinutes: request.body.sameDayNoticeGraceMinutes }
              : {}),
          },
        });
      });
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
