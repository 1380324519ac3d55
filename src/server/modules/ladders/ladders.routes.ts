/** Ladders (presets, versions, preview, publish), evaluation on demand, early warning and tasks. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import type { Tx } from '../../db/client.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import type { Actor } from '../../policies/actor.js';
import { canReadPupil } from '../../policies/scope.js';
import { ErrorResponse, Uuid } from '../../../shared/schemas/common.js';
import {
  AssigneesResponse,
  CloseLadderStepRequest,
  CompleteTaskRequest,
  ConcernFlagRequest,
  EarlyWarningQuery,
  EarlyWarningResponse,
  EvaluateRequest,
  LadderDecisionRequest,
  LaddersResponse,
  LadderVersionCreated,
  PreviewRequest,
  PupilLadderResponse,
  ReassignTaskRequest,
  SaveLadderVersionRequest,
  TasksQuery,
  TasksResponse,
  UpdateDraftRequest,
} from '../../../shared/schemas/ladders.js';
import { LadderDefinitionSchema } from '../../../shared/ladders/index.js';
import { LADDER_PRESETS, isLadderPresetId } from '../../../shared/ladders/presets/index.js';
import {
  findLadderDeciders,
  findLadderVersions,
  findOpenConcernFlag,
  findStates,
  findStepChanges,
} from './ladders.repo.js';
import { findPupilTasks, findVisibleTask, findVisibleTasks } from './early-warning.repo.js';
import { buildEarlyWarning, type EarlyWarningQueryInput } from './early-warning.js';
import { presentPupilLadder, presentTask, presentVersion } from './ladders.presenter.js';
import { canCloseStep, canOnLadder, type LadderAction } from './ladders.policy.js';
import { recordPupilReads } from '../../audit/record-pupil-reads.js';
import { saveLadderVersion } from './commands/save-ladder-version.js';
import { publishLadderVersion } from './commands/publish-ladder-version.js';
import { deleteLadderDraft, updateLadderDraft } from './commands/update-ladder-draft.js';
import { evaluateLadders } from './commands/evaluate-ladders.js';
import { completeTask } from './commands/complete-task.js';
import { reassignTask } from './commands/reassign-task.js';
import { findAssignableStaff } from '../../policies/assignable-staff.js';
import { decideLadderStep } from './commands/decide-ladder-step.js';
import { closeLadderStep } from './commands/close-ladder-step.js';
import { setConcernFlag } from './commands/set-concern-flag.js';
import { startBackgroundJob } from '../../jobs/background-jobs.js';
import { JobStarted } from '../../../shared/schemas/jobs.js';
import type { EvaluateJobInput, PreviewJobInput } from './ladder-jobs.js';
import { EARLY_WARNING_CSV_COLUMNS } from './csv.js';
import { toCsv } from '../../lib/csv.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const IdParams = Type.Object({ id: Uuid });

/**
 * The version, if the actor may read it and do `action` on its ladder.
 * @throws NOT_FOUND when the actor may not read the version; FORBIDDEN when it may read but not do `action`
 */
async function loadVersion(tx: Tx, actor: Actor, id: string, action: LadderAction = 'read') {
  const version = (await findLadderVersions(tx, actor.organiserId)).find((v) => v.id === id);
  const schoolUnitKey = version?.school_unit_key || null;
  if (!version || !canOnLadder(actor, 'read', schoolUnitKey))
    throw notFound('NOT_FOUND', 'Trappversionen hittades inte.');
  if (!canOnLadder(actor, action, schoolUnitKey)) throw forbidden();
  return version;
}

async function loadTask(tx: Tx, actor: Actor, id: string, today: string) {
  const task = await findVisibleTask(tx, actor, id, today);
  if (!task) throw notFound('TASK_NOT_FOUND', 'Uppgiften hittades inte.');
  return task;
}

/** The early warning for the actor; the organiser's overview is the huvudman's (403). */
function loadEarlyWarning(db: Tx, actor: Actor, query: EarlyWarningQueryInput, today: string) {
  if (query.scope === 'organiser' && !canOnLadder(actor, 'oversee', null))
    throw forbidden('Huvudmannens översikt är för huvudmannen.');
  return buildEarlyWarning(db, actor, query, today);
}

/** The pupil through the relationship scope today. @throws PUPIL_NOT_FOUND when the actor may not read the pupil */
async function loadPupil(tx: Tx, actor: Actor, pupilId: string, today: string): Promise<string> {
  if (!(await canReadPupil(tx, actor, pupilId, today))) throw notFound('PUPIL_NOT_FOUND', 'Eleven hittades inte.');
  return pupilId;
}

export async function ladderRoutes(fastify: FastifyInstance, { database, clock, jobs }: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = database.db;

  app.get(
    '/api/ladders',
    {
      schema: {
        tags: ['ladders'],
        summary: 'Ladder presets, the versions in scope and the format schema',
        response: { 200: LaddersResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!canOnLadder(actor, 'read', null)) throw forbidden();
      const versions = (await findLadderVersions(db, actor.organiserId)).filter((v) =>
        canOnLadder(actor, 'read', v.school_unit_key || null),
      );
      return {
        presets: Object.entries(LADDER_PRESETS).map(([id, d]) => ({
          id,
          name: d.name,
          description: d.description,
          definition: d as unknown as Record<string, unknown>,
        })),
        versions: versions.map(presentVersion),
        formatSchema: LadderDefinitionSchema as unknown as Record<string, unknown>,
      };
    },
  );

  app.post(
    '/api/ladders/versions',
    {
      schema: {
        tags: ['ladders'],
        summary: 'Save a ladder version (from a preset or a definition) as draft or published',
        body: SaveLadderVersionRequest,
        response: { 201: LadderVersionCreated, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { schoolUnitId, presetId, definition, effectiveFrom, publish } = request.body;
      if (!canOnLadder(actor, 'manage', schoolUnitId))
        throw forbidden('Du kan inte ändra trappan för den här enheten.');
      if (presetId !== undefined && !isLadderPresetId(presetId))
        throw new AppError('VALIDATION_FAILED', 'Okänd förinställning.', [
          { path: '/presetId', message: 'Välj en förinställning i listan.' },
        ]);
      const chosen = definition ?? (presetId ? LADDER_PRESETS[presetId as keyof typeof LADDER_PRESETS] : undefined);
      if (!chosen)
        throw new AppError('VALIDATION_FAILED', 'Ange en förinställning eller en trappa.', [
          { path: '/definition', message: 'Saknas.' },
        ]);
      const saved = await db.transaction((tx) =>
        saveLadderVersion(
          tx,
          { ...auditContextOf(request), actorUserId: actor.userId },
          { schoolUnitId, definition: chosen, presetId: presetId ?? null, effectiveFrom, isPublished: publish },
        ),
      );
      return reply.status(201).send(saved);
    },
  );

  app.post(
    '/api/ladders/versions/:id/publish',
    {
      schema: {
        tags: ['ladders'],
        summary: 'Publish a draft version',
        params: IdParams,
        body: Type.Object({ effectiveFrom: Type.Optional(Type.String({ format: 'date' })) }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await db.transaction(async (tx) => {
        const v = await loadVersion(tx, actor, request.params.id, 'manage');
        await publishLadderVersion(
          tx,
          auditContextOf(request),
          {
            id: v.id,
            status: v.status,
            schoolUnitKey: v.school_unit_key,
            presetId: v.preset_id,
            effectiveFrom: v.effective_from,
            version: v.version,
          },
          request.body.effectiveFrom,
        );
      });
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/ladders/versions/:id',
    {
      schema: {
        tags: ['ladders'],
        summary: 'Change a draft (definition and effective date)',
        params: IdParams,
        body: UpdateDraftRequest,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await db.transaction(async (tx) => {
        const v = await loadVersion(tx, actor, request.params.id, 'manage');
        await updateLadderDraft(
          tx,
          auditContextOf(request),
          { id: v.id, status: v.status, version: v.version },
          request.body,
        );
      });
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/ladders/versions/:id',
    {
      schema: {
        tags: ['ladders'],
        summary: 'Discard a draft',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await db.transaction(async (tx) => {
        const v = await loadVersion(tx, actor, request.params.id, 'manage');
        await deleteLadderDraft(tx, auditContextOf(request), { id: v.id, status: v.status, version: v.version });
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/ladders/versions/:id/export',
    {
      schema: {
        tags: ['ladders'],
        summary: 'The version as a ladder file (JSON); a version the actor may not read is 404',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const v = await loadVersion(db, actorOf(request), request.params.id);
      reply.header('content-disposition', `attachment; filename="trappa-${v.definition.id}-v${v.version}.json"`);
      return v.definition;
    },
  );

  app.post(
    '/api/ladders/versions/:id/preview',
    {
      schema: {
        tags: ['ladders'],
        summary:
          'Start a preview job: who would be on which step on a date under this version (optionally from another effective date), next to the current states. The result (PreviewResponse) is at GET /api/jobs/:id',
        params: IdParams,
        body: PreviewRequest,
        response: { 202: JobStarted, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const today = clock.today();
      const v = await loadVersion(db, actor, request.params.id, 'evaluate');
      const date = request.body.date ?? today;
      if (date > today)
        throw new AppError('VALIDATION_FAILED', 'Förhandsvisningen kan inte gälla ett datum efter idag.', [
          { path: '/date', message: 'Välj idag eller ett tidigare datum.' },
        ]);
      const input: PreviewJobInput = { versionId: v.id, effectiveFrom: request.body.effectiveFrom ?? null, date };
      const jobId = await startBackgroundJob(db, jobs, actor, 'ladder.preview', input);
      return reply.status(202).send({ jobId });
    },
  );

  app.post(
    '/api/ladders/evaluate',
    {
      schema: {
        tags: ['ladders'],
        summary:
          'Start an evaluation job for a school unit or one pupil (the nightly job does all); the summary is at GET /api/jobs/:id',
        body: EvaluateRequest,
        response: { 202: JobStarted, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { schoolUnitId, personId } = request.body;
      if (personId) await loadPupil(db, actor, personId, clock.today());
      else if (!canOnLadder(actor, 'evaluate', schoolUnitId ?? null)) throw forbidden();
      const input: EvaluateJobInput = {
        date: clock.today(),
        ...(schoolUnitId ? { schoolUnitId } : {}),
        ...(personId ? { personId } : {}),
      };
      const jobId = await startBackgroundJob(db, jobs, actor, 'ladder.evaluate', input);
      return reply.status(202).send({ jobId });
    },
  );

  app.get(
    '/api/early-warning',
    {
      schema: {
        tags: ['ladders'],
        summary: 'Pupils per ladder step with trend, coverage, open tasks and the "without measure" KPI',
        querystring: EarlyWarningQuery,
        response: { 200: EarlyWarningResponse, ...errors },
      },
    },
    async (request) => {
      const result = await loadEarlyWarning(db, actorOf(request), request.query, clock.today());
      await recordPupilReads(
        db,
        auditContextOf(request),
        'early-warning',
        result.rows.map((r) => r.personId),
      );
      return result;
    },
  );

  app.get(
    '/api/early-warning.csv',
    {
      schema: {
        tags: ['ladders'],
        summary: 'The early-warning list as CSV (semicolon-separated, UTF-8 with BOM for Excel)',
        querystring: EarlyWarningQuery,
      },
    },
    async (request, reply) => {
      const result = await loadEarlyWarning(db, actorOf(request), request.query, clock.today());
      await recordPupilReads(
        db,
        auditContextOf(request),
        'early-warning-csv',
        result.rows.map((r) => r.personId),
      );
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="tidiga-signaler-${result.date}.csv"`);
      return toCsv(EARLY_WARNING_CSV_COLUMNS, result.rows);
    },
  );

  app.get(
    '/api/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Tasks the signed-in user may see (own, role at own school, mentees)',
        querystring: TasksQuery,
        response: { 200: TasksResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await findVisibleTasks(db, actor, request.query, clock.today());
      await recordPupilReads(
        db,
        auditContextOf(request),
        'tasks',
        rows.map((r) => r.person_id),
      );
      return { tasks: rows.map((r) => presentTask(r, clock.today())) };
    },
  );

  app.post(
    '/api/tasks/:id/complete',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Mark a task done with a note',
        params: IdParams,
        body: CompleteTaskRequest,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await db.transaction(async (tx) =>
        completeTask(
          tx,
          { ...auditContextOf(request), actorUserId: actor.userId },
          await loadTask(tx, actor, request.params.id, clock.today()),
          request.body.note ?? null,
          clock.now(),
        ),
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/tasks/:id/reassign',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Give a task to another member of staff at its school unit (the assignee list)',
        params: IdParams,
        body: ReassignTaskRequest,
        response: { 204: Type.Null(), 422: ErrorResponse, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await db.transaction(async (tx) =>
        reassignTask(
          tx,
          auditContextOf(request),
          await loadTask(tx, actor, request.params.id, clock.today()),
          request.body.userId,
        ),
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/tasks/:id/assignees',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Staff who can take the task: roles at its school unit and organiser-wide',
        params: IdParams,
        response: { 200: AssigneesResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const task = await loadTask(db, actor, request.params.id, clock.today());
      const users = await findAssignableStaff(db, actor.organiserId, task.schoolUnitId);
      return { users };
    },
  );

  app.get(
    '/api/pupils/:id/ladder',
    {
      schema: {
        tags: ['ladders'],
        summary: "The pupil's ladder step, why, its history, concern flag and tasks",
        params: IdParams,
        response: { 200: PupilLadderResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const pupilId = await loadPupil(db, actor, request.params.id, clock.today());
      const state = (await findStates(db, actor.organiserId, [pupilId])).get(pupilId);
      const version = state
        ? (await findLadderVersions(db, actor.organiserId)).find((v) => v.id === state.ladder_version_id)
        : undefined;
      const changes = await findStepChanges(db, actor.organiserId, pupilId);
      const deciders = await findLadderDeciders(db, actor.organiserId, pupilId);
      const flag = await findOpenConcernFlag(db, actor.organiserId, pupilId);
      const tasks = await findPupilTasks(db, actor.organiserId, pupilId);
      await recordPupilReads(db, auditContextOf(request), 'ladder', [pupilId]);
      return presentPupilLadder({ actor, state, version, changes, deciders, flag, tasks, today: clock.today() });
    },
  );

  app.post(
    '/api/pupils/:id/ladder-decisions',
    {
      schema: {
        tags: ['ladders'],
        summary: 'Move the pupil to a step (0 = off the ladder) with a reason',
        params: IdParams,
        body: LadderDecisionRequest,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await db.transaction(async (tx) => {
        // Whoever reads the pupil (mentor, rektor or elevhälsa of the pupil's school) decides a step.
        await loadPupil(tx, actor, request.params.id, clock.today());
        await decideLadderStep(tx, { ...auditContextOf(request), actorUserId: actor.userId }, request.params.id, {
          ...request.body,
          date: clock.today(),
        });
        await evaluateLadders(tx, auditContextOf(request), { date: clock.today(), personIds: [request.params.id] });
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/pupils/:id/ladder-step/close',
    {
      schema: {
        tags: ['ladders'],
        summary: "Close the pupil's current step with a reason (an exit: back to no step until newly qualifying)",
        params: IdParams,
        body: CloseLadderStepRequest,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const pupilId = request.params.id;
      await db.transaction(async (tx) => {
        const today = clock.today();
        await loadPupil(tx, actor, pupilId, today);
        // Bring the state up to today first, so the step closed is the one the pupil is on now.
        await evaluateLadders(tx, auditContextOf(request), { date: today, personIds: [pupilId] });
        const state = (await findStates(tx, actor.organiserId, [pupilId])).get(pupilId);
        const noStep = () => new AppError('LADDER_NO_STEP', 'Eleven är inte på något steg i trappan.');
        // Who may close comes before whether there is a step (403 before 409).
        if (!canCloseStep(actor, state))
          throw forbidden('Bara rektor och elevhälsan på elevens skola kan avsluta ett steg.');
        if (!state || state.step_index === 0) throw noStep();
        await closeLadderStep(tx, { ...auditContextOf(request), actorUserId: actor.userId }, pupilId, {
          reason: request.body.reason.trim(),
          date: today,
          current: { stepIndex: state.step_index, stepKey: state.step_key },
        });
        await evaluateLadders(tx, auditContextOf(request), { date: today, personIds: [pupilId] });
      });
      return reply.status(204).send(null);
    },
  );

  for (const isSet of [true, false]) {
    app.route({
      method: isSet ? 'POST' : 'DELETE',
      url: '/api/pupils/:id/concern-flag',
      schema: {
        tags: ['ladders'],
        summary: isSet ? 'Set the concern ("oro") flag' : 'Clear the concern flag',
        params: IdParams,
        ...(isSet ? { body: ConcernFlagRequest } : {}),
        response: { 204: Type.Null(), ...errors },
      },
      handler: async (request, reply) => {
        const actor = actorOf(request);
        const { id } = request.params as { id: string };
        await db.transaction(async (tx) => {
          await loadPupil(tx, actor, id, clock.today());
          await setConcernFlag(tx, { ...auditContextOf(request), actorUserId: actor.userId }, id, {
            isSet,
            date: clock.today(),
            note: (request.body as { note?: string } | undefined)?.note,
          });
          await evaluateLadders(tx, auditContextOf(request), { date: clock.today(), personIds: [id] });
        });
        return reply.status(204).send(null);
      },
    });
  }
}
