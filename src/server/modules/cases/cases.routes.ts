/**
 * Case management over HTTP: list, open, the case page (every read audited), one route per
 * command, the PDF for the pupil's record, handovers for the receiving school and the audit trail.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import type { Tx } from '../../db/client.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import type { Actor } from '../../policies/actor.js';
import { canReadPupil, isMentorOf } from '../../policies/scope.js';
import { findAssignableStaff } from '../../policies/assignable-staff.js';
import type { AuditContext } from '../../audit/write-audit-event.js';
import { Created, ErrorResponse, Uuid } from '../../../shared/schemas/common.js';
import {
  AddInterventionRequest,
  AddMemberRequest,
  AuditTrailResponse,
  CandidatesResponse,
  CaseDetail,
  CaseListQuery,
  CaseListResponse,
  CloseCaseRequest,
  CompleteInvestigationRequest,
  ConcernFeedbackRequest,
  FollowUpRecorded,
  HandoversResponse,
  HandoverTargetsResponse,
  InvestigationOpened,
  OpenCaseRequest,
  PrepareHandoverRequest,
  RateMeetingRequest,
  RecordFollowUpRequest,
  RecordMeetingRequest,
  RegisterConcernReportRequest,
  RemindersResponse,
  ReopenCaseRequest,
  SaveMappingRequest,
  SetCausesRequest,
} from '../../../shared/schemas/cases.js';
import { findSchoolUnits } from '../../db/organisations.js';
import { findPupilSchoolUnit } from '../../db/placements.js';
import {
  findAuditTrail,
  findCaseSections,
  findCaseSettings,
  findCaseSummaries,
  findCaseUnit,
  findCatalogue,
  findConcernReportsWithoutFeedback,
  findCurrentTemplate,
  findDueFollowUps,
  findHandovers,
  findOpenCase,
  findPupilCaseUnits,
  findVisibleCase,
} from './cases.repo.js';
import {
  type CaseAccess,
  type CaseAction,
  canOnCase,
  canOpenCase,
  handoverSchoolUnits,
  memberRoleFor,
} from './cases.policy.js';
import {
  presentAuditTrail,
  presentCaseDetail,
  presentCaseSummary,
  presentHandover,
  presentReminders,
} from './cases.presenter.js';
import { recordCaseReads } from './commands/record-case-reads.js';
import { recordAuditTrailReads } from './commands/record-audit-trail-reads.js';
import { renderCasePdf } from './case-pdf.js';
import { openCase } from './commands/open-case.js';
import { addCaseMember } from './commands/add-case-member.js';
import { saveMapping } from './commands/save-mapping.js';
import { completeMapping } from './commands/complete-mapping.js';
import { openInvestigation } from './commands/open-investigation.js';
import { completeInvestigation } from './commands/complete-investigation.js';
import { setCauses } from './commands/set-causes.js';
import { addIntervention } from './commands/add-intervention.js';
import { recordFollowUp } from './commands/record-follow-up.js';
import { registerConcernReport } from './commands/register-concern-report.js';
import { recordConcernFeedback } from './commands/record-concern-feedback.js';
import { recordMeeting } from './commands/record-meeting.js';
import { rateMeeting } from './commands/rate-meeting.js';
import { prepareHandover } from './commands/prepare-handover.js';
import { closeCase } from './commands/close-case.js';
import { reopenCase } from './commands/reopen-case.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };
const IdParams = Type.Object({ id: Uuid });
const created = { 201: Created, ...errors };
const noContent = { 204: Type.Null(), ...errors };
/** A request on the case in the path's `:id`. */
type CaseRequest = FastifyRequest & { params: { id: string } };

/** The case through the scoped repository. @throws CASE_NOT_FOUND when the actor has no relationship to it */
async function loadCase(tx: Tx, actor: Actor, caseId: string): Promise<CaseAccess> {
  const c = await findVisibleCase(tx, actor, caseId);
  if (!c) throw notFound('CASE_NOT_FOUND', 'Ärendet hittades inte.');
  return c;
}

/**
 * The audit trail's subjects: cases the actor may read the trail of. Readable cases without that
 * right answer 403, cases the actor cannot see at all answer 404 (docs/architecture.md, "Access").
 */
async function loadAuditTrailCases<T extends { id: string; schoolUnitId: string }>(
  tx: Tx,
  actor: Actor,
  cases: T[],
  notFoundError: AppError,
): Promise<T[]> {
  const allowed = cases.filter((c) => canOnCase(actor, 'readAudit', { schoolUnitId: c.schoolUnitId, isMember: false }));
  if (allowed.length > 0) return allowed;
  for (const c of cases)
    if (await findVisibleCase(tx, actor, c.id)) throw forbidden('Loggen är för rektor och huvudman.');
  throw notFoundError;
}

/** Whether the actor sees the content (free text) of every one of the cases. */
const canSeeContentOfAll = (actor: Actor, cases: { schoolUnitId: string }[]) =>
  cases.every((c) => canOnCase(actor, 'seeContent', { schoolUnitId: c.schoolUnitId, isMember: false }));

export async function caseRoutes(fastify: FastifyInstance, { database, clock }: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = database.db;

  /** Load → authorize → command, in one transaction. */
  const onCase = <T>(
    request: FastifyRequest,
    caseId: string,
    action: CaseAction,
    run: (tx: Tx, ctx: AuditContext, c: CaseAccess) => Promise<T>,
  ) =>
    db.transaction(async (tx) => {
      const actor = actorOf(request);
      const c = await loadCase(tx, actor, caseId);
      if (!canOnCase(actor, action, c)) throw forbidden('Du kan inte ändra det här ärendet.');
      return run(tx, auditContextOf(request), c);
    });

  /** A command on the case `:id` (see onCase), answered 201 with the row it created. */
  const createOnCase = async <T extends { id: string }>(
    request: CaseRequest,
    reply: FastifyReply,
    action: CaseAction,
    run: (tx: Tx, ctx: AuditContext, c: CaseAccess) => Promise<T>,
  ) => reply.status(201).send(await onCase(request, request.params.id, action, run));

  /** A command on the case `:id` (see onCase), answered 204. */
  const changeOnCase = async (
    request: CaseRequest,
    reply: FastifyReply,
    action: CaseAction,
    run: (tx: Tx, ctx: AuditContext, c: CaseAccess) => Promise<unknown>,
  ) => {
    await onCase(request, request.params.id, action, run);
    return reply.status(204).send(null);
  };

  /** The full case page for the actor (also used by the PDF). */
  const caseDetail = async (tx: Tx, actor: Actor, c: CaseAccess) => {
    const today = clock.today();
    const [summaryRow] = await findCaseSummaries(tx, actor, { caseId: c.id });
    const sections = await findCaseSections(tx, actor.organiserId, c.id);
    const settings = await findCaseSettings(tx, actor.organiserId);
    const catalogue = await findCatalogue(tx, actor.organiserId);
    const template = await findCurrentTemplate(tx, actor.organiserId);
    return presentCaseDetail({
      summary: presentCaseSummary(summaryRow, today),
      sections,
      template,
      catalogue,
      settings,
      actor,
      access: c,
      today,
    });
  };

  app.get(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Cases the signed-in user may see: mine (member), school, organiser',
        querystring: CaseListQuery,
        response: { 200: CaseListResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { scope, status = 'open', pupilId } = request.query;
      return db.transaction(async (tx) => {
        const rows = await findCaseSummaries(tx, actor, { status, isMine: scope === 'mine', pupilId });
        await recordCaseReads(
          tx,
          auditContextOf(request),
          rows.map((r) => ({ id: r.id, pupilId: r.pupil_id })),
          'list',
        );
        return { cases: rows.map((r) => presentCaseSummary(r, clock.today())) };
      });
    },
  );

  app.post(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: "Open a case for a pupil (rektor or elevhälsa of the pupil's school, or the pupil's mentor)",
        body: OpenCaseRequest,
        response: created,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { pupilId } = request.body;
      const result = await db.transaction(async (tx) => {
        if (!(await canReadPupil(tx, actor, pupilId, clock.today())))
          throw notFound('PUPIL_NOT_FOUND', 'Eleven hittades inte.');
        const schoolUnitId = await findPupilSchoolUnit(tx, actor.organiserId, pupilId, clock.today());
        if (!schoolUnitId)
          throw new AppError('VALIDATION_FAILED', 'Eleven har ingen placering i dag.', [
            { path: '/pupilId', message: 'Ingen skolenhet.' },
          ]);
        if (!canOpenCase(actor, schoolUnitId, await isMentorOf(tx, actor, pupilId, clock.today())))
          throw forbidden('Du kan inte öppna ärenden för den här eleven.');
        const existing = await findOpenCase(tx, actor.organiserId, pupilId);
        if (existing)
          throw new AppError('CASE_ALREADY_OPEN', 'Eleven har redan ett öppet ärende.', { caseId: existing.id });
        return openCase(tx, auditContextOf(request), {
          pupilId,
          schoolUnitId,
          openedOn: clock.today(),
          openedBy: { userId: actor.userId, role: memberRoleFor(actor, schoolUnitId) },
        });
      });
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'The case page: sections, timeline and abilities (the read is audited)',
        params: IdParams,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) =>
      db.transaction(async (tx) => {
        const actor = actorOf(request);
        const c = await loadCase(tx, actor, request.params.id);
        await recordCaseReads(tx, auditContextOf(request), [c], 'case');
        return caseDetail(tx, actor, c);
      }),
  );

  app.get(
    '/api/cases/:id/pdf',
    {
      schema: {
        tags: ['cases'],
        summary: "The case as a tagged PDF for the pupil's record (the read is audited)",
        params: IdParams,
      },
    },
    async (request, reply) => {
      const detail = await db.transaction(async (tx) => {
        const actor = actorOf(request);
        const c = await loadCase(tx, actor, request.params.id);
        if (!canOnCase(actor, 'work', c)) throw forbidden('Akten är för dem som arbetar med ärendet.');
        await recordCaseReads(tx, auditContextOf(request), [c], 'pdf');
        return caseDetail(tx, actor, c);
      });
      const pdf = await renderCasePdf(detail, clock.today());
      reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="arende-${detail.case.id.slice(0, 8)}.pdf"`);
      return reply.send(pdf);
    },
  );

  app.get(
    '/api/cases/:id/audit',
    {
      schema: {
        tags: ['cases'],
        summary: 'The audit trail of a case: every read and change, who and when',
        params: IdParams,
        response: { 200: AuditTrailResponse, ...errors },
      },
    },
    async (request) =>
      db.transaction(async (tx) => {
        const actor = actorOf(request);
        const c = await findCaseUnit(tx, actor.organiserId, request.params.id);
        const cases = await loadAuditTrailCases(
          tx,
          actor,
          c ? [c] : [],
          notFound('CASE_NOT_FOUND', 'Ärendet hittades inte.'),
        );
        const events = await findAuditTrail(tx, actor.organiserId, { caseId: request.params.id });
        await recordAuditTrailReads(tx, auditContextOf(request), cases, events.length);
        return { events: presentAuditTrail(events, canSeeContentOfAll(actor, cases)) };
      }),
  );

  app.get(
    '/api/pupils/:id/case-audit',
    {
      schema: {
        tags: ['cases'],
        summary: 'The audit trail of everything about a pupil (for a pupil with a case): reads and changes',
        params: IdParams,
        response: { 200: AuditTrailResponse, ...errors },
      },
    },
    async (request) =>
      db.transaction(async (tx) => {
        const actor = actorOf(request);
        const cases = await findPupilCaseUnits(tx, actor.organiserId, request.params.id);
        const allowed = await loadAuditTrailCases(
          tx,
          actor,
          cases,
          notFound('PUPIL_NOT_FOUND', 'Eleven hittades inte.'),
        );
        const events = await findAuditTrail(tx, actor.organiserId, { pupilId: request.params.id });
        await recordAuditTrailReads(tx, auditContextOf(request), cases, events.length);
        return { events: presentAuditTrail(events, canSeeContentOfAll(actor, allowed)) };
      }),
  );

  app.get(
    '/api/cases/:id/staff',
    {
      schema: {
        tags: ['cases'],
        summary: "Staff who can be members or responsible: roles at the case's school unit and organiser-wide",
        params: IdParams,
        response: { 200: CandidatesResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const c = await loadCase(db, actor, request.params.id);
      const users = await findAssignableStaff(db, actor.organiserId, c.schoolUnitId);
      return { users };
    },
  );

  app.post(
    '/api/cases/:id/members',
    {
      schema: {
        tags: ['cases'],
        summary: 'Add a staff member to the case',
        params: IdParams,
        body: AddMemberRequest,
        response: noContent,
      },
    },
    async (request, reply) =>
      changeOnCase(request, reply, 'work', (tx, ctx, c) => addCaseMember(tx, ctx, c, request.body)),
  );

  app.post(
    '/api/cases/:id/mappings',
    {
      schema: {
        tags: ['cases'],
        summary: 'Start a mapping (simple or in-depth) from the current template',
        params: IdParams,
        body: SaveMappingRequest,
        response: created,
      },
    },
    async (request, reply) =>
      createOnCase(request, reply, 'work', async (tx, ctx, c) =>
        saveMapping(tx, ctx, c, await findCurrentTemplate(tx, ctx.organiserId), request.body),
      ),
  );

  app.put(
    '/api/cases/:id/mappings/:mappingId',
    {
      schema: {
        tags: ['cases'],
        summary: 'Change an unfinished mapping',
        params: Type.Object({ id: Uuid, mappingId: Uuid }),
        body: SaveMappingRequest,
        response: noContent,
      },
    },
    async (request, reply) =>
      changeOnCase(request, reply, 'work', async (tx, ctx, c) =>
        saveMapping(tx, ctx, c, await findCurrentTemplate(tx, ctx.organiserId), request.body, request.params.mappingId),
      ),
  );

  app.post(
    '/api/cases/:id/mappings/:mappingId/complete',
    {
      schema: {
        tags: ['cases'],
        summary: 'Mark a mapping complete',
        params: Type.Object({ id: Uuid, mappingId: Uuid }),
        response: noContent,
      },
    },
    async (request, reply) =>
      changeOnCase(request, reply, 'work', (tx, ctx, c) =>
        completeMapping(tx, ctx, c, request.params.mappingId, clock.now()),
      ),
  );

  app.post(
    '/api/cases/:id/investigation',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Open an investigation (7 kap. 19 a §); notifies the organiser (and the home municipality when it differs)',
        params: IdParams,
        response: { 201: InvestigationOpened, ...errors },
      },
    },
    async (request, reply) =>
      createOnCase(request, reply, 'investigate', (tx, ctx, c) =>
        openInvestigation(tx, ctx, c, { openedOn: clock.today(), byLadder: false }),
      ),
  );

  app.post(
    '/api/cases/:id/investigation/complete',
    {
      schema: {
        tags: ['cases'],
        summary: "Complete the investigation (requires the pupil's own voice in a mapping)",
        params: IdParams,
        body: CompleteInvestigationRequest,
        response: noContent,
      },
    },
    async (request, reply) =>
      changeOnCase(request, reply, 'investigate', (tx, ctx, c) =>
        completeInvestigation(tx, ctx, c, { conclusion: request.body.conclusion, completedOn: clock.today() }),
      ),
  );

  app.put(
    '/api/cases/:id/causes',
    {
      schema: {
        tags: ['cases'],
        summary: 'Set the structured causes (exactly one primary)',
        params: IdParams,
        body: SetCausesRequest,
        response: noContent,
      },
    },
    async (request, reply) =>
      changeOnCase(request, reply, 'work', async (tx, ctx, c) =>
        setCauses(tx, ctx, c, await findCatalogue(tx, ctx.organiserId), request.body),
      ),
  );

  app.post(
    '/api/cases/:id/interventions',
    {
      schema: {
        tags: ['cases'],
        summary: 'Add an intervention to the action plan (with follow-up points)',
        params: IdParams,
        body: AddInterventionRequest,
        response: created,
      },
    },
    async (request, reply) =>
      createOnCase(request, reply, 'work', async (tx, ctx, c) =>
        addIntervention(tx, ctx, c, await findCatalogue(tx, ctx.organiserId), request.body),
      ),
  );

  app.post(
    '/api/cases/:id/follow-ups/:followUpId',
    {
      schema: {
        tags: ['cases'],
        summary: 'Record a follow-up: assessment plus computed absence before and since the start',
        params: Type.Object({ id: Uuid, followUpId: Uuid }),
        body: RecordFollowUpRequest,
        response: { 200: FollowUpRecorded, ...errors },
      },
    },
    async (request) =>
      onCase(request, request.params.id, 'work', (tx, ctx, c) =>
        recordFollowUp(tx, ctx, c, request.params.followUpId, { ...request.body, recordedOn: clock.today() }),
      ),
  );

  app.post(
    '/api/cases/:id/concern-reports',
    {
      schema: {
        tags: ['cases'],
        summary: 'Register a concern report (orosanmälan) to social services',
        params: IdParams,
        body: RegisterConcernReportRequest,
        response: created,
      },
    },
    async (request, reply) =>
      createOnCase(request, reply, 'work', (tx, ctx, c) => registerConcernReport(tx, ctx, c, request.body)),
  );

  app.post(
    '/api/cases/:id/concern-reports/:reportId/feedback',
    {
      schema: {
        tags: ['cases'],
        summary: 'Record feedback from social services',
        params: Type.Object({ id: Uuid, reportId: Uuid }),
        body: ConcernFeedbackRequest,
        response: noContent,
      },
    },
    async (request, reply) =>
      changeOnCase(request, reply, 'work', (tx, ctx, c) =>
        recordConcernFeedback(tx, ctx, c, request.params.reportId, request.body),
      ),
  );

  app.post(
    '/api/cases/:id/meetings',
    {
      schema: {
        tags: ['cases'],
        summary: 'Record a collaboration meeting (SIP or other)',
        params: IdParams,
        body: RecordMeetingRequest,
        response: created,
      },
    },
    async (request, reply) =>
      createOnCase(request, reply, 'work', (tx, ctx, c) => recordMeeting(tx, ctx, c, request.body)),
  );

  app.post(
    '/api/cases/:id/meetings/:meetingId/ratings',
    {
      schema: {
        tags: ['cases'],
        summary: 'Record participants’ ratings of a meeting (1–5)',
        params: Type.Object({ id: Uuid, meetingId: Uuid }),
        body: RateMeetingRequest,
        response: noContent,
      },
    },
    async (request, reply) =>
      changeOnCase(request, reply, 'work', (tx, ctx, c) =>
        rateMeeting(tx, ctx, c, request.params.meetingId, request.body.ratings),
      ),
  );

  app.get(
    '/api/cases/:id/handover-targets',
    {
      schema: {
        tags: ['cases'],
        summary: "The organiser's school units a handover can go to",
        params: IdParams,
        response: {
          200: HandoverTargetsResponse,
          ...errors,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const c = await loadCase(db, actor, request.params.id);
      if (!canOnCase(actor, 'close', c)) throw forbidden();
      return {
        schoolUnits: (await findSchoolUnits(db, actor.organiserId, 'all')).filter((u) => u.id !== c.schoolUnitId),
      };
    },
  );

  app.post(
    '/api/cases/:id/handovers',
    {
      schema: {
        tags: ['cases'],
        summary: 'Prepare a handover to the receiving school (3 kap. 12 j §)',
        params: IdParams,
        body: PrepareHandoverRequest,
        response: created,
      },
    },
    async (request, reply) =>
      createOnCase(request, reply, 'close', (tx, ctx, c) =>
        prepareHandover(tx, ctx, c, { ...request.body, preparedOn: clock.today() }),
      ),
  );

  app.post(
    '/api/cases/:id/close',
    {
      schema: {
        tags: ['cases'],
        summary: 'Close the case with reason and outcome',
        params: IdParams,
        body: CloseCaseRequest,
        response: noContent,
      },
    },
    async (request, reply) =>
      changeOnCase(request, reply, 'close', (tx, ctx, c) => closeCase(tx, ctx, c, request.body, clock.now())),
  );

  app.post(
    '/api/cases/:id/reopen',
    {
      schema: {
        tags: ['cases'],
        summary: 'Reopen a closed case (history is kept)',
        params: IdParams,
        body: ReopenCaseRequest,
        response: noContent,
      },
    },
    async (request, reply) =>
      changeOnCase(request, reply, 'close', (tx, ctx, c) => reopenCase(tx, ctx, c, request.body.reason)),
  );

  app.get(
    '/api/handovers',
    {
      schema: {
        tags: ['cases'],
        summary: "Handovers to the actor's schools for pupils enrolled there now (rektor, elevhälsa; reads audited)",
        response: { 200: HandoversResponse, ...errors },
      },
    },
    async (request) =>
      db.transaction(async (tx) => {
        const actor = actorOf(request);
        const units = handoverSchoolUnits(actor);
        if (units !== 'all' && units.length === 0) return { handovers: [] };
        const rows = await findHandovers(tx, actor.organiserId, units, clock.today());
        await recordCaseReads(
          tx,
          auditContextOf(request),
          rows.map((r) => ({ id: r.case_id, pupilId: r.pupil_id })),
          'handover',
        );
        return { handovers: rows.map(presentHandover) };
      }),
  );

  app.get(
    '/api/cases/reminders',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Dashboard items: concern reports without feedback past the reminder, overdue investigations and follow-ups',
        response: { 200: RemindersResponse, ...errors },
      },
    },
    async (request) =>
      db.transaction(async (tx) => {
        const actor = actorOf(request);
        const today = clock.today();
        const settings = await findCaseSettings(tx, actor.organiserId);
        const visible = await findCaseSummaries(tx, actor, { status: 'open' });
        const ids = visible.map((c) => c.id);
        const reports = await findConcernReportsWithoutFeedback(tx, actor.organiserId, ids);
        const followUps = await findDueFollowUps(tx, actor.organiserId, ids, today);
        const catalogue = await findCatalogue(tx, actor.organiserId);
        const reminders = presentReminders({ visible, reports, followUps, catalogue, settings, today });
        await recordCaseReads(tx, auditContextOf(request), reminders.shownCases, 'reminders');
        return reminders.response;
      }),
  );
}
