/** The guardian portal API: own children only (404 for any other pupil), rate-limited writes. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import type { Tx } from '../../db/client.js';
import type { Actor } from '../../policies/actor.js';
import { AppError, notFound } from '../../errors.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import { Created, ErrorResponse, Uuid } from '../../../shared/schemas/common.js';
import {
  ChangeReportRequest,
  GuardianOverview,
  GuardianReportRequest,
  GuardianReportsCreated,
  LeaveRequestCreated,
  LeaveRequestInput,
  LocaleRequest,
} from '../../../shared/schemas/guardians.js';
import { addDays } from '../../../shared/dates/index.js';
import { SlidingLimit } from '../auth/login-throttle.js';
import { noticeTimingOf } from '../messages/same-day-notices.js';
import { loadGuardianSettings } from '../messages/guardian-settings.js';
import { withdrawAbsence } from '../absences/commands/withdraw-absence.js';
import { findChildReports, findChildren, findMyMessages, findOwnReport, countLeaveDays } from './guardians.repo.js';
import { assertGuardianMay, assertReportChangeable, checkReportDates } from './guardians.policy.js';
import { presentOverview } from './guardians.presenter.js';
import { findGuardianLeaveRequest, findGuardianLeaveRequests, findLeaveRequest, presentLeave } from './leave.repo.js';
import { loadTermAttendance } from './term-attendance.js';
import { reportAbsence } from './commands/report-absence.js';
import { requestLeave } from './commands/request-leave.js';
import { setGuardianLocale } from './commands/set-guardian-locale.js';
import { withdrawLeaveRequest } from './commands/withdraw-leave.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse };
const guardianOnly = { audience: 'guardian' as const };

export async function guardianRoutes(fastify: FastifyInstance, { database, clock, config }: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // Counts every write per account in a sliding hour (the login throttle's window, reused).
  const writes = new SlidingLimit(database.db, 'guardian-writes', config.messages.guardianRequestsPerHour, 3600_000);
  const limitWrites = async (request: FastifyRequest) => {
    if (!(await writes.take(actorOf(request).userId, Date.now())))
      throw new AppError(
        'RATE_LIMITED',
        'Du har gjort många anmälningar på kort tid. Vänta en stund och försök igen, eller kontakta skolan.',
      );
  };
  /** The guardian's own report that has not started yet; 404 for any other. */
  const loadOwnReport = async (tx: Tx, actor: Actor, id: string) => {
    const report = await findOwnReport(tx, actor, id);
    if (!report) throw notFound('NOT_FOUND', 'Anmälan hittades inte.');
    assertReportChangeable(report, clock.now());
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
        const children = [];
        for (const c of await findChildren(tx, actor, today))
          children.push({ ...c, leaveDays: await countLeaveDays(tx, actor.organiserId, c.id, today) });
        // Attendance this term so far, for their own children only.
        const attendance = await loadTermAttendance(
          tx,
          actor.organiserId,
          children.map((c) => c.id),
          today,
        );
        const reports = await findChildReports(tx, actor, addDays(today, -14));
        const leave = await findGuardianLeaveRequests(tx, actor);
        const messages = await findMyMessages(tx, actor);
        return presentOverview({ today, now: clock.now(), settings, children, attendance, reports, leave, messages });
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
        response: { 201: GuardianReportsCreated, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await limitWrites(request);
      const { pupilIds, ...input } = request.body;
      const ids = await database.db.transaction(async (tx) => {
        for (const id of pupilIds) await assertGuardianMay(tx, actor, 'reportAbsence', id);
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
        response: { 200: Created, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await limitWrites(request);
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
      await limitWrites(request);
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
          201: LeaveRequestCreated,
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await limitWrites(request);
      const result = await database.db.transaction(async (tx) => {
        await assertGuardianMay(tx, actor, 'requestLeave', request.body.pupilId);
        const [child] = (await findChildren(tx, actor, clock.today())).filter((c) => c.id === request.body.pupilId);
        const settings = await loadGuardianSettings(tx, actor.organiserId, config.messages);
        const id = await requestLeave(
          tx,
          { ...auditContextOf(request), actorUserId: actor.userId, guardianPersonId: actor.personId! },
          { ...request.body, schoolUnitId: child?.school_unit_id ?? null },
          { today: clock.today(), mentorLimitDays: settings.leaveMentorLimitDays },
        );
        return presentLeave((await findLeaveRequest(tx, actor.organiserId, id))!);
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
      await limitWrites(request);
      await database.db.transaction(async (tx) => {
        const leave = await findGuardianLeaveRequest(tx, actor, request.params.id);
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
      await database.db.transaction((tx) => setGuardianLocale(tx, auditContextOf(request), request.body.locale));
      return reply.status(204).send(null);
    },
  );
}
