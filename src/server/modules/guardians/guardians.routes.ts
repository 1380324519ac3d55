/** The guardian portal API: own children only (404 for any other pupil), rate-limited writes. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../app-context.js';
import { schema, type Tx } from '../../db/client.js';
import { AppError, notFound } from '../../errors.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import { isGuardianOf } from '../../policies/scope.js';
import { writeAuditEvent } from '../../audit/write-audit-event.js';
import type { Actor } from '../../policies/actor.js';
import { ErrorResponse, Uuid } from '../../../shared/schemas/common.js';
import {
  ChangeReportRequest,
  GuardianOverview,
  GuardianReportRequest,
  LeaveRequestInput,
  LocaleRequest,
} from '../../../shared/schemas/guardians.js';
import { addDays } from '../../../shared/dates/index.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import { noticeTimingOf } from '../messages/same-day-notices.js';
import { loadGuardianSettings } from '../messages/guardian-settings.js';
import { withdrawAbsence } from '../absences/commands/withdraw-absence.js';
import { findChildReports, findChildren, findMyMessages, countLeaveDays } from './guardians.repo.js';
import { findCurrentTerm } from '../../db/terms.js';
import { aggregateFigures } from '../measures/aggregate-figures.js';
import { canChangeReport, checkReportDates } from './guardians.policy.js';
import { findLeaveRequests, presentLeave } from './leave.repo.js';
import { reportAbsence } from './commands/report-absence.js';
import { requestLeave } from './commands/request-leave.js';
import { withdrawLeaveRequest } from './commands/withdraw-leave.js';
import { sql } from 'drizzle-orm';
import { guardianChildrenSql } from '../../policies/scope.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse };
const guardianOnly = { audience: 'guardian' as const };
const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

export async function guardianRoutes(fastify: FastifyInstance, { database, clock, config }: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // Counts every write per account in a sliding hour (the login throttle's window, reused).
  const writes = new LoginThrottle(config.messages.guardianRequestsPerHour, 3600_000);
  const limitWrites = (request: FastifyRequest) => {
    const key = actorOf(request).userId;
    if (writes.isBlocked(key))
      throw new AppError(
        'RATE_LIMITED',
        'Du har gjort många anmälningar på kort tid. Vänta en stund och försök igen, eller kontakta skolan.',
      );
    writes.recordFailure(key);
  };
  const requireChild = async (tx: Tx, actor: Actor, pupilId: string) => {
    if (!(await isGuardianOf(tx, actor, pupilId))) throw notFound('PUPIL_NOT_FOUND', 'Barnet hittades inte.');
  };
  const loadOwnReport = async (tx: Tx, actor: Actor, id: string) => {
    const [report] = await tx
      .select()
      .from(schema.absences)
      .where(and(eq(schema.absences.organiserId, actor.organiserId), eq(schema.absences.id, id)));
    if (!report || !(await isGuardianOf(tx, actor, report.personId)))
      throw notFound('NOT_FOUND', 'Anmälan hittades inte.');
    if (!canChangeReport(report, clock.now())) {
      throw new AppError(
        'ABSENCE_REPORT_CLOSED',
        'Anmälan har redan börjat gälla (eller är återkallad) och kan inte ändras här. Kontakta skolan.',
      );
    }
    return report;
  };

  app.get(
    '/api/guardian/overview',
    {
      config: guardianOnly,
      schema: {
        tags: ['guardian'],
        summary: "The guardian's children, their reports and leave requests, and messages sent to the guardian",
        response: { 200: GuardianOverview, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const today = clock.today();
      return database.db.transaction(async (tx) => {
        const settings = await loadGuardianSettings(tx, actor.organiserId, config.messages);
        const children = await findChildren(tx, actor, today);
        const withLeave = [];
        for (const c of children)
          withLeave.push({ ...c, leaveDays: await countLeaveDays(tx, actor.organiserId, c.id, today) });
        // Attendance this term so far: the same figures as the pupil page (the measures module's), for their own children only.
        const term = await findCurrentTerm(tx, actor.organiserId, today);
        const termTo = term && term.endDate < today ? term.endDate : today;
        const figures =
          term && children.length > 0
            ? await aggregateFigures(
                tx,
                actor.organiserId,
                sql`pd.person_id in (${sql.join(
                  children.map((c) => sql`${c.id}::uuid`),
                  sql`, `,
                )})`,
                term.startDate,
                termTo,
              )
            : new Map();
        const attendanceOf = (id: string) => {
          const f = figures.get(id);
          return term && f && f.absentRate !== null && f.validRate !== null && f.invalidRate !== null
            ? {
                from: term.startDate,
                to: termTo,
                absentRate: f.absentRate,
                validRate: f.validRate,
                invalidRate: f.invalidRate,
                coverage: f.coverage,
              }
            : null;
        };
        const reports = await findChildReports(tx, actor, addDays(today, -14));
        const leave = await findLeaveRequests(
          tx,
          actor.organiserId,
          sql`lr.pupil_id in (${guardianChildrenSql(actor)})`,
        );
        const messages = await findMyMessages(tx, actor);
        const now = clock.now();
        return {
          today,
          reportPastDays: settings.reportPastDays,
          leaveMentorLimitDays: settings.leaveMentorLimitDays,
          children: withLeave.map((c) => ({
            personId: c.id,
            givenName: c.given_name,
            familyName: c.family_name,
            className: c.class_name,
            schoolName: c.school_name,
            leaveDaysThisYear: c.leaveDays.soFar,
            leaveDaysPlanned: c.leaveDays.total - c.leaveDays.soFar,
            attendanceThisTerm: attendanceOf(c.id),
          })),
          reports: reports.map((r) => ({
            id: r.id,
            pupilId: r.person_id,
            kind: r.kind,
            reasonCode: r.reason_code,
            startsAt: iso(r.starts_at)!,
            endsAt: iso(r.ends_at)!,
            comment: r.comment,
            isWithdrawn: r.withdrawn_at !== null,
            canChange: canChangeReport(
              {
                kind: r.kind,
                startsAt: new Date(r.starts_at),
                withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at) : null,
              },
              now,
            ),
          })),
          leaveRequests: leave.map(presentLeave),
          messages: messages.map((m) => ({
            id: m.id,
            subject: m.subject,
            body: m.body,
            channel: m.channel,
            status: m.status,
            sentAt: iso(m.sent_at),
          })),
        };
      });
    },
  );

  app.post(
    '/api/guardian/absences',
    {
      config: guardianOnly,
      schema: {
        tags: ['guardian'],
        summary: 'Report absence for one or several children (whole or part of days)',
        body: GuardianReportRequest,
        response: { 201: Type.Object({ ids: Type.Array(Uuid) }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      limitWrites(request);
      const { pupilIds, ...input } = request.body;
      const ids = await database.db.transaction(async (tx) => {
        for (const id of pupilIds) await requireChild(tx, actor, id);
        const settings = await loadGuardianSettings(tx, actor.organiserId, config.messages);
        checkReportDates(input.fromDate, input.toDate, clock.today(), settings.reportPastDays);
        return reportAbsence(
          tx,
          { ...auditContextOf(request), actorUserId: actor.userId },
          pupilIds,
          input,
          noticeTimingOf(clock, config),
        );
      });
      return reply.status(201).send({ ids });
    },
  );

  app.put(
    '/api/guardian/absences/:id',
    {
      config: guardianOnly,
      schema: {
        tags: ['guardian'],
        summary: 'Change a report that has not started yet (it is replaced; the old one stays in the history)',
        params: Type.Object({ id: Uuid }),
        body: ChangeReportRequest,
        response: { 200: Type.Object({ id: Uuid }), ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      limitWrites(request);
      return database.db.transaction(async (tx) => {
        const report = await loadOwnReport(tx, actor, request.params.id);
        const settings = await loadGuardianSettings(tx, actor.organiserId, config.messages);
        checkReportDates(request.body.fromDate, request.body.toDate, clock.today(), settings.reportPastDays);
        const timing = noticeTimingOf(clock, config);
        await withdrawAbsence(tx, auditContextOf(request), report, timing);
        const [id] = await reportAbsence(
          tx,
          { ...auditContextOf(request), actorUserId: actor.userId },
          [report.personId],
          request.body,
          timing,
          report.id,
        );
        return { id };
      });
    },
  );

  app.delete(
    '/api/guardian/absences/:id',
    {
      config: guardianOnly,
      schema: {
        tags: ['guardian'],
        summary: 'Withdraw a report that has not started yet',
        params: Type.Object({ id: Uuid }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      limitWrites(request);
      await database.db.transaction(async (tx) => {
        const report = await loadOwnReport(tx, actor, request.params.id);
        await withdrawAbsence(tx, auditContextOf(request), report, noticeTimingOf(clock, config));
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/guardian/leave-requests',
    {
      config: guardianOnly,
      schema: {
        tags: ['guardian'],
        summary: 'Apply for leave (ledighet); the mentor decides up to the school limit, the rektor above it',
        body: LeaveRequestInput,
        response: {
          201: Type.Object({
            id: Uuid,
            decidedByRole: Type.String(),
            schoolDays: Type.Integer(),
            leaveDaysBefore: Type.Integer(),
            isOverTenDays: Type.Boolean(),
          }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      limitWrites(request);
      const result = await database.db.transaction(async (tx) => {
        await requireChild(tx, actor, request.body.pupilId);
        const [child] = (await findChildren(tx, actor, clock.today())).filter((c) => c.id === request.body.pupilId);
        const settings = await loadGuardianSettings(tx, actor.organiserId, config.messages);
        const id = await requestLeave(
          tx,
          { ...auditContextOf(request), actorUserId: actor.userId, guardianPersonId: actor.personId! },
          { ...request.body, schoolUnitId: child?.school_unit_id ?? null },
          { today: clock.today(), mentorLimitDays: settings.leaveMentorLimitDays },
        );
        const [row] = await findLeaveRequests(tx, actor.organiserId, sql`lr.id = ${id}`);
        return presentLeave(row);
      });
      return reply.status(201).send({
        id: result.id,
        decidedByRole: result.decidedByRole,
        schoolDays: result.schoolDays,
        leaveDaysBefore: result.leaveDaysBefore,
        isOverTenDays: result.isOverTenDays,
      });
    },
  );

  app.post(
    '/api/guardian/leave-requests/:id/withdraw',
    {
      config: guardianOnly,
      schema: {
        tags: ['guardian'],
        summary: 'Withdraw a leave request that is still waiting for a decision',
        params: Type.Object({ id: Uuid }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      limitWrites(request);
      await database.db.transaction(async (tx) => {
        const [leave] = await findLeaveRequests(
          tx,
          actor.organiserId,
          sql`lr.id = ${request.params.id} and lr.pupil_id in (${guardianChildrenSql(actor)})`,
        );
        if (!leave) throw notFound('LEAVE_REQUEST_NOT_FOUND', 'Ansökan hittades inte.');
        await withdrawLeaveRequest(tx, auditContextOf(request), leave);
      });
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/guardian/locale',
    {
      config: guardianOnly,
      schema: {
        tags: ['guardian'],
        summary: 'Language of the portal and of messages to this guardian',
        body: LocaleRequest,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await database.db.transaction(async (tx) => {
        await tx
          .update(schema.users)
          .set({ locale: request.body.locale })
          .where(and(eq(schema.users.organiserId, actor.organiserId), eq(schema.users.id, actor.userId)));
        await writeAuditEvent(tx, auditContextOf(request), {
          type: 'guardian.set-locale',
          data: { locale: request.body.locale },
        });
      });
      return reply.status(204).send(null);
    },
  );
}
