/**
 * Case management over HTTP: list, open, the case page (every read audited), one route per
 * command, the PDF for the pupil's record, handovers for the receiving school and the audit trail.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../app-context.js';
import { queryRows, type Tx } from '../../db/client.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import { type Actor, schoolUnitsWith } from '../../policies/actor.js';
import { canReadPupil, menteesSql } from '../../policies/scope.js';
import { assertAssignableStaff, findAssignableStaff } from '../../policies/assignable-staff.js';
import { writeAuditEvent, type AuditContext } from '../../audit/write-audit-event.js';
import { ErrorResponse, Uuid } from '../../../shared/schemas/common.js';
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
  HandoversResponse,
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
import {
  findAuditTrail,
  findCaseSections,
  findCaseSettings,
  findCaseSummaries,
  findCatalogue,
  findCurrentTemplate,
  findOpenCase,
  findVisibleCase,
} from './cases.repo.js';
import { findPupilSchoolUnit } from '../../db/placements.js';
import {
  type CaseAccess,
  caseAbilities,
  canCloseCase,
  canInvestigate,
  canOpenCase,
  canReadAuditTrail,
  canWorkOnCase,
  memberRoleFor,
} from './cases.policy.js';
import { concernRemindOn, presentCaseDetail, presentCaseSummary } from './cases.presenter.js';
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
import { PROTECTED_MARKINGS } from '../../../shared/protected-identity.js';
import { uuidArray } from '../../db/sql.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };
const IdParams = Type.Object({ id: Uuid });
const Created = Type.Object({ id: Uuid });
const created = { 201: Created, ...errors };
const noContent = { 204: Type.Null(), ...errors };

/** The case through the scoped repository. @throws CASE_NOT_FOUND when the actor has no relationship to it */
export async function loadCase(tx: Tx, actor: Actor, caseId: string): Promise<CaseAccess> {
  const c = await findVisibleCase(tx, actor, caseId);
  if (!c) throw notFound('CASE_NOT_FOUND', 'Ärendet hittades inte.');
  return c;
}

type Check = (actor: Actor, c: CaseAccess) => boolean;

export async function caseRoutes(fastify: FastifyInstance, { database, clock }: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = database.db;

  /** Load → authorize → command, in one transaction. */
  const onCase = <T>(
    request: FastifyRequest,
    caseId: string,
    check: Check,
    run: (tx: Tx, ctx: AuditContext, c: CaseAccess) => Promise<T>,
  ) =>
    db.transaction(async (tx) => {
      const actor = actorOf(request);
      const c = await loadCase(tx, actor, caseId);
      if (!check(actor, c)) throw forbidden('Du kan inte ändra det här ärendet.');
      return run(tx, auditContextOf(request), c);
    });

  /** The full case page for the actor (also used by the PDF). */
  const caseDetail = async (tx: Tx, actor: Actor, c: CaseAccess) => {
    const today = clock.today();
    const [summaryRow] = await findCaseSummaries(tx, actor, sql`c.id = ${c.id}`);
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
      abilities: caseAbilities(actor, c),
      isPupilProtected: PROTECTED_MARKINGS.has(summaryRow.security_marking),
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
      const conditions = [status === 'all' ? sql`true` : sql`c.status = ${status}`];
      if (scope === 'mine')
        conditions.push(
          sql`exists (select 1 from case_members m where m.organiser_id = c.organiser_id and m.case_id = c.id and m.user_id = ${actor.userId})`,
        );
      if (pupilId) conditions.push(sql`c.pupil_id = ${pupilId}`);
      return db.transaction(async (tx) => {
        const rows = await findCaseSummaries(tx, actor, sql.join(conditions, sql` and `));
        for (const r of rows)
          await writeAuditEvent(tx, auditContextOf(request), {
            type: 'case.read',
            caseId: r.id,
            pupilId: r.pupil_id,
            data: { view: 'list' },
          });
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
        if (!(await canReadPupil(tx, actor, pupilId))) throw notFound('PUPIL_NOT_FOUND', 'Eleven hittades inte.');
        const schoolUnitId = await findPupilSchoolUnit(tx, actor.organiserId, pupilId, clock.today());
        if (!schoolUnitId)
          throw new AppError('VALIDATION_FAILED', 'Eleven har ingen placering i dag.', [
            { path: '/pupilId', message: 'Ingen skolenhet.' },
          ]);
        const mentees = actor.personId
          ? await queryRows<{ ok: number }>(tx, sql`select 1 as ok where ${pupilId}::uuid in (${menteesSql(actor)})`)
          : [];
        if (!canOpenCase(actor, schoolUnitId, mentees.length > 0))
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
        await writeAuditEvent(tx, auditContextOf(request), {
          type: 'case.read',
          caseId: c.id,
          pupilId: c.pupilId,
          data: { view: 'case' },
        });
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
        if (!canWorkOnCase(actor, c)) throw forbidden('Akten är för dem som arbetar med ärendet.');
        await writeAuditEvent(tx, auditContextOf(request), {
          type: 'case.read',
          caseId: c.id,
          pupilId: c.pupilId,
          data: { view: 'pdf' },
        });
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
        const [c] = await queryRows<{ id: string; pupil_id: string; school_unit_id: string }>(
          tx,
          sql`select id, pupil_id, school_unit_id from cases
      where organiser_id = ${actor.organiserId} and id = ${request.params.id}`,
        );
        if (!c || !canReadAuditTrail(actor, c.school_unit_id))
          throw notFound('CASE_NOT_FOUND', 'Ärendet hittades inte.');
        const events = await findAuditTrail(
          tx,
          actor.organiserId,
          sql`a.subject_type = 'case' and a.subject_id = ${c.id}`,
        );
        await writeAuditEvent(tx, auditContextOf(request), {
          type: 'case.read-audit',
          caseId: c.id,
          pupilId: c.pupil_id,
          data: { events: events.length },
        });
        return { events };
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
        const cases = await queryRows<{ id: string; school_unit_id: string }>(
          tx,
          sql`select id, school_unit_id from cases where organiser_id = ${actor.organiserId} and pupil_id = ${request.params.id}`,
        );
        if (!cases.some((c) => canReadAuditTrail(actor, c.school_unit_id)))
          throw notFound('PUPIL_NOT_FOUND', 'Eleven hittades inte.');
        const events = await findAuditTrail(tx, actor.organiserId, sql`a.pupil_id = ${request.params.id}`);
        for (const c of cases)
          await writeAuditEvent(tx, auditContextOf(request), {
            type: 'case.read-audit',
            caseId: c.id,
            pupilId: request.params.id,
            data: { events: events.length },
          });
        return { events };
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
    async (request, reply) => {
      await onCase(request, request.params.id, canWorkOnCase, async (tx, ctx, c) => {
        await assertAssignableStaff(tx, ctx.organiserId, c.schoolUnitId, request.body.userId, '/userId');
        await addCaseMember(tx, ctx, c, request.body);
      });
      return reply.status(204).send(null);
    },
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
      reply
        .status(201)
        .send(
          await onCase(request, request.params.id, canWorkOnCase, async (tx, ctx, c) =>
            saveMapping(tx, ctx, c, await findCurrentTemplate(tx, ctx.organiserId), request.body),
          ),
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
    async (request, reply) => {
      await onCase(request, request.params.id, canWorkOnCase, async (tx, ctx, c) =>
        saveMapping(tx, ctx, c, await findCurrentTemplate(tx, ctx.organiserId), request.body, request.params.mappingId),
      );
      return reply.status(204).send(null);
    },
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
    async (request, reply) => {
      await onCase(request, request.params.id, canWorkOnCase, (tx, ctx, c) =>
        completeMapping(tx, ctx, c, request.params.mappingId, clock.now()),
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/cases/:id/investigation',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Open an investigation (7 kap. 19 a §); notifies the organiser (and the home municipality when it differs)',
        params: IdParams,
        response: { 201: Type.Object({ id: Uuid, deadline: Type.String() }), ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await onCase(request, request.params.id, canInvestigate, (tx, ctx, c) =>
            openInvestigation(tx, ctx, c, { openedOn: clock.today(), byLadder: false }),
          ),
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
    async (request, reply) => {
      await onCase(request, request.params.id, canInvestigate, (tx, ctx, c) =>
        completeInvestigation(tx, ctx, c, { conclusion: request.body.conclusion, completedOn: clock.today() }),
      );
      return reply.status(204).send(null);
    },
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
    async (request, reply) => {
      await onCase(request, request.params.id, canWorkOnCase, async (tx, ctx, c) =>
        setCauses(tx, ctx, c, await findCatalogue(tx, ctx.organiserId), request.body),
      );
      return reply.status(204).send(null);
    },
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
      reply.status(201).send(
        await onCase(request, request.params.id, canWorkOnCase, async (tx, ctx, c) => {
          if (request.body.responsibleUserId)
            await assertAssignableStaff(
              tx,
              ctx.organiserId,
              c.schoolUnitId,
              request.body.responsibleUserId,
              '/responsibleUserId',
            );
          return addIntervention(tx, ctx, c, await findCatalogue(tx, ctx.organiserId), request.body);
        }),
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
        response: { 200: Type.Object({ before: Type.Unknown(), since: Type.Unknown() }), ...errors },
      },
    },
    async (request) =>
      onCase(request, request.params.id, canWorkOnCase, (tx, ctx, c) =>
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
      reply
        .status(201)
        .send(
          await onCase(request, request.params.id, canWorkOnCase, (tx, ctx, c) =>
            registerConcernReport(tx, ctx, c, request.body),
          ),
        ),
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
    async (request, reply) => {
      await onCase(request, request.params.id, canWorkOnCase, (tx, ctx, c) =>
        recordConcernFeedback(tx, ctx, c, request.params.reportId, request.body),
      );
      return reply.status(204).send(null);
    },
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
      reply
        .status(201)
        .send(
          await onCase(request, request.params.id, canWorkOnCase, (tx, ctx, c) =>
            recordMeeting(tx, ctx, c, request.body),
          ),
        ),
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
    async (request, reply) => {
      await onCase(request, request.params.id, canWorkOnCase, (tx, ctx, c) =>
        rateMeeting(tx, ctx, c, request.params.meetingId, request.body.ratings),
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/cases/:id/handover-targets',
    {
      schema: {
        tags: ['cases'],
        summary: "The organiser's school units a handover can go to",
        params: IdParams,
        response: {
          200: Type.Object({ schoolUnits: Type.Array(Type.Object({ id: Uuid, name: Type.String() })) }),
          ...errors,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const c = await loadCase(db, actor, request.params.id);
      if (!canCloseCase(actor, c)) throw forbidden();
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
      reply.status(201).send(
        await onCase(request, request.params.id, canCloseCase, async (tx, ctx, c) => {
          const [unit] = await queryRows<{ id: string }>(
            tx,
            sql`select id from organisations where organiser_id = ${ctx.organiserId} and id = ${request.body.toSchoolUnitId} and organisation_type = 'Skolenhet'`,
          );
          if (!unit || unit.id === c.schoolUnitId)
            throw new AppError('VALIDATION_FAILED', 'Välj en annan skolenhet.', [
              { path: '/toSchoolUnitId', message: 'Okänd eller samma skolenhet.' },
            ]);
          return prepareHandover(tx, ctx, c, { ...request.body, preparedOn: clock.today() });
        }),
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
    async (request, reply) => {
      await onCase(request, request.params.id, canCloseCase, (tx, ctx, c) =>
        closeCase(tx, ctx, c, request.body, clock.now()),
      );
      return reply.status(204).send(null);
    },
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
    async (request, reply) => {
      await onCase(request, request.params.id, canCloseCase, (tx, ctx, c) =>
        reopenCase(tx, ctx, c, request.body.reason),
      );
      return reply.status(204).send(null);
    },
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
        const units = schoolUnitsWith(actor, 'principal', 'studentHealth');
        if (units !== 'all' && units.length === 0) return { handovers: [] };
        const today = clock.today();
        const unitFilter = units === 'all' ? sql`true` : sql`h.to_school_unit_id = any(${uuidArray(units)})`;
        const rows = await queryRows<{
          id: string;
          case_id: string;
          pupil_id: string;
          given_name: string;
          family_name: string;
          from_name: string | null;
          to_school_unit_id: string;
          summary: string;
          prepared_on: string;
          prepared_by_name: string | null;
        }>(
          tx,
          sql`
      select h.id, h.case_id, h.pupil_id, p.given_name, p.family_name, fu.display_name as from_name, h.to_school_unit_id, h.summary, h.prepared_on::text as prepared_on,
        u.display_name as prepared_by_name
      from case_handovers h join persons p on p.organiser_id = h.organiser_id and p.id = h.pupil_id
      left join organisations fu on fu.organiser_id = h.organiser_id and fu.id = h.from_school_unit_id
      left join users u on u.organiser_id = h.organiser_id and u.id = h.prepared_by_user_id
      where h.organiser_id = ${actor.organiserId} and ${unitFilter}
        and exists (select 1 from enrolments e where e.organiser_id = h.organiser_id and e.person_id = h.pupil_id and e.school_unit_id = h.to_school_unit_id
          and e.start_date <= ${today} and (e.end_date is null or e.end_date >= ${today}))
      order by h.prepared_on desc`,
        );
        for (const r of rows)
          await writeAuditEvent(tx, auditContextOf(request), {
            type: 'case.read',
            caseId: r.case_id,
            pupilId: r.pupil_id,
            data: { view: 'handover' },
          });
        return {
          handovers: rows.map((r) => ({
            id: r.id,
            caseId: r.case_id,
            pupilId: r.pupil_id,
            pupilName: `${r.given_name} ${r.family_name}`,
            fromSchoolUnitName: r.from_name,
            toSchoolUnitId: r.to_school_unit_id,
            summary: r.summary,
            preparedOn: r.prepared_on,
            preparedByName: r.prepared_by_name,
          })),
        };
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
    async (request) => {
      const actor = actorOf(request);
      const today = clock.today();
      const settings = await findCaseSettings(db, actor.organiserId);
      const visible = await findCaseSummaries(db, actor, sql`c.status = 'open'`);
      const names = new Map(visible.map((c) => [c.id, `${c.given_name} ${c.family_name}`]));
      const ids = uuidArray([...names.keys()]);
      const reports = await queryRows<{
        id: string;
        case_id: string;
        reported_on: string;
        social_services_office: string;
      }>(
        db,
        sql`
      select id, case_id, reported_on::text as reported_on, social_services_office from case_concern_reports
      where organiser_id = ${actor.organiserId} and case_id = any(${ids}) and feedback_on is null order by reported_on`,
      );
      const followUps = await queryRows<{ id: string; case_id: string; planned_on: string; code: string }>(
        db,
        sql`
      select f.id, f.case_id, f.planned_on::text as planned_on, i.code from case_follow_ups f join case_interventions i on i.organiser_id = f.organiser_id and i.id = f.intervention_id
      where f.organiser_id = ${actor.organiserId} and f.case_id = any(${ids}) and f.recorded_on is null and f.planned_on <= ${today} order by f.planned_on`,
      );
      const catalogue = await findCatalogue(db, actor.organiserId);
      const shown = new Set([
        ...reports.map((r) => r.case_id),
        ...followUps.map((f) => f.case_id),
        ...visible
          .filter((c) => c.investigation_deadline !== null && c.investigation_deadline < today)
          .map((c) => c.id),
      ]);
      await db.transaction(async (tx) => {
        for (const c of visible.filter((v) => shown.has(v.id)))
          await writeAuditEvent(tx, auditContextOf(request), {
            type: 'case.read',
            caseId: c.id,
            pupilId: c.pupil_id,
            data: { view: 'reminders' },
          });
      });
      return {
        concernReports: reports
          .map((r) => ({
            caseId: r.case_id,
            pupilName: names.get(r.case_id)!,
            concernReportId: r.id,
            reportedOn: r.reported_on,
            remindOn: concernRemindOn(r.reported_on, settings),
            socialServicesOffice: r.social_services_office,
          }))
          .filter((r) => r.remindOn <= today),
        investigations: visible
          .filter((c) => c.investigation_deadline !== null && c.investigation_deadline < today)
          .map((c) => ({ caseId: c.id, pupilName: names.get(c.id)!, deadline: c.investigation_deadline! })),
        followUps: followUps.map((f) => ({
          caseId: f.case_id,
          pupilName: names.get(f.case_id)!,
          followUpId: f.id,
          plannedOn: f.planned_on,
          interventionLabel: catalogue.interventions.find((i) => i.code === f.code)?.label ?? f.code,
        })),
      };
    },
  );
}
