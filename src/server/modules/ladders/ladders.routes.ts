/** Ladders (presets, versions, preview, publish), evaluation on demand, early warning and tasks. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../app-context.js';
import { schema, queryRows, type Tx, inSequence } from '../../db/client.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import { auditPupilListRead, writeAuditEvent } from '../../audit/write-audit-event.js';
import { type Actor, hasOrganiserWideRole, hasRole, schoolUnitsWith } from '../../policies/actor.js';
import { canReadPupil, readablePupilsSql, menteesSql } from '../../policies/scope.js';
import { ErrorResponse, Uuid } from '../../../shared/schemas/common.js';
import {
  CompleteTaskRequest,
  ConcernFlagRequest,
  EarlyWarningQuery,
  EarlyWarningResponse,
  EvaluateRequest,
  LadderDecisionRequest,
  LaddersResponse,
  PupilLadderResponse,
  ReassignTaskRequest,
  SaveLadderVersionRequest,
  TasksQuery,
  TasksResponse,
  UpdateDraftRequest,
  PreviewRequest,
  AssigneesResponse,
  CloseLadderStepRequest,
} from '../../../shared/schemas/ladders.js';
import { LadderDefinitionSchema, type LadderDefinition } from '../../../shared/ladders/index.js';
import { LADDER_PRESETS, isLadderPresetId } from '../../../shared/ladders/presets/index.js';
import { aggregateFigures } from '../measures/aggregate-figures.js';
import { loadCovers, loadScheduledLessons } from '../measures/lesson-facts.js';
import { findPatterns } from '../../../shared/measures/index.js';
import { addDays } from '../../../shared/dates/index.js';
import { findLadderVersions, findStates } from './ladders.repo.js';
import { countOverdueWork, findEarlyWarningRows, findTasks } from './early-warning.repo.js';
import {
  PATTERN_WINDOW_DAYS,
  presentEarlyWarning,
  presentTask,
  presentVersion,
  trendWindows,
} from './ladders.presenter.js';
import { canCloseStep, canEvaluate, canManageLadder, visibleTasksSql } from './ladders.policy.js';
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
import { uuidArray } from '../../db/sql.js';
import { toCsv } from '../../lib/csv.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const IdParams = Type.Object({ id: Uuid });

/** Roles that read ladders at all (the list, a version, its export); a teacher or mentor does not (issue 15, item 10). */
const canReadLadders = (actor: Actor) => hasRole(actor, 'principal', 'studentHealth', 'organiserAdmin', 'systemAdmin');

/** Versions the actor may see: organiser-wide for huvudman, own school units (and the organiser ladder) for rektor and elevhälsa. */
function isVersionVisible(actor: Actor, schoolUnitKey: string): boolean {
  if (!canReadLadders(actor)) return false;
  if (hasOrganiserWideRole(actor, 'organiserAdmin', 'systemAdmin')) return true;
  const units = schoolUnitsWith(actor, 'principal', 'studentHealth');
  return schoolUnitKey === '' || units === 'all' || units.includes(schoolUnitKey);
}

async function loadVersion(tx: Tx, actor: Actor, id: string) {
  const version = (await findLadderVersions(tx, actor.organiserId)).find((v) => v.id === id);
  if (!version || !isVersionVisible(actor, version.school_unit_key))
    throw notFound('NOT_FOUND', 'Trappversionen hittades inte.');
  return version;
}

async function loadTask(tx: Tx, actor: Actor, id: string) {
  const [task] = await queryRows<{ id: string; person_id: string; status: string; school_unit_id: string | null }>(
    tx,
    sql`select t.id, t.person_id, t.status, t.school_unit_id from tasks t
    where t.organiser_id = ${actor.organiserId} and t.id = ${id} and ${visibleTasksSql(actor)}`,
  );
  if (!task) throw notFound('TASK_NOT_FOUND', 'Uppgiften hittades inte.');
  return { id: task.id, personId: task.person_id, status: task.status, schoolUnitId: task.school_unit_id };
}

/** Flagged patterns per pupil from the measures module, over one set-based load of the pupils' lessons. */
async function flaggedPatterns(db: Tx, organiserId: string, personIds: string[], from: string, to: string) {
  const lessons = await loadScheduledLessons(db, organiserId, personIds, from, to);
  const covers = await loadCovers(db, organiserId, personIds, from, to);
  const byPupil = new Map<string, typeof lessons>();
  for (const lesson of lessons) byPupil.set(lesson.personId, [...(byPupil.get(lesson.personId) ?? []), lesson]);
  return new Map(
    [...byPupil].map(([personId, own]) => [
      personId,
      findPatterns(own, covers.get(personId) ?? [], from, to)
        .filter((p) => p.isFlagged)
        .map((p) => ({ dimension: p.dimension, category: p.category })),
    ]),
  );
}

type EarlyWarningQueryInput = { scope: 'mine' | 'school' | 'organiser'; schoolUnitId?: string; minStep?: number };

/** The early-warning list for the actor's scope, with per-step and per-school counts. */
async function buildEarlyWarning(db: Tx, actor: Actor, query: EarlyWarningQueryInput, today: string) {
  const { scope, schoolUnitId, minStep = 1 } = query;
  let condition: SQL;
  if (scope === 'mine') condition = actor.personId ? sql`s.person_id in (${menteesSql(actor)})` : sql`false`;
  else if (scope === 'organiser') {
    if (!hasOrganiserWideRole(actor, 'organiserAdmin')) throw forbidden('Huvudmannens översikt är för huvudmannen.');
    condition = schoolUnitId ? sql`s.school_unit_id = ${schoolUnitId}` : sql`true`;
  } else {
    condition = readablePupilsSql(actor, sql`s.person_id`);
    if (schoolUnitId) condition = sql`${condition} and s.school_unit_id = ${schoolUnitId}`;
  }
  const rows = await findEarlyWarningRows(db, actor.organiserId, condition, minStep, today);
  const overdue = await countOverdueWork(db, actor.organiserId, condition, today);
  const windows = trendWindows(today);
  const ids = sql`pd.person_id = any(${uuidArray(rows.map((r) => r.person_id))})`;
  const [recent, previous] = await inSequence(
    () => aggregateFigures(db, actor.organiserId, ids, windows.recent.from, windows.recent.to),
    () => aggregateFigures(db, actor.organiserId, ids, windows.previous.from, windows.previous.to),
  );
  const patterns = await flaggedPatterns(
    db,
    actor.organiserId,
    rows.map((r) => r.person_id),
    addDays(today, -(PATTERN_WINDOW_DAYS - 1)),
    today,
  );
  const presented = rows.map((r) =>
    presentEarlyWarning(r, today, recent.get(r.person_id), previous.get(r.person_id), patterns.get(r.person_id) ?? []),
  );
  const perStep = new Map<number, { stepIndex: number; stepName: string | null; pupils: number }>();
  const perSchool = new Map<
    string,
    { schoolUnitId: string | null; schoolUnitName: string | null; onStep: number; withoutMeasure: number }
  >();
  for (const r of presented) {
    const step = perStep.get(r.stepIndex) ?? { stepIndex: r.stepIndex, stepName: r.stepName, pupils: 0 };
    step.pupils++;
    perStep.set(r.stepIndex, step);
    const school = perSchool.get(r.schoolUnitId ?? '') ?? {
      schoolUnitId: r.schoolUnitId,
      schoolUnitName: r.schoolUnitName,
      onStep: 0,
      withoutMeasure: 0,
    };
    school.onStep++;
    if (r.isWithoutMeasure) school.withoutMeasure++;
    perSchool.set(r.schoolUnitId ?? '', school);
  }
  return {
    date: today,
    rows: presented,
    perStep: [...perStep.values()].sort((a, b) => a.stepIndex - b.stepIndex),
    perSchool: [...perSchool.values()],
    withoutMeasure: presented.filter((r) => r.isWithoutMeasure).length,
    overdueTasks: overdue.tasks,
    overdueInvestigations: overdue.investigations,
  };
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
      if (!canReadLadders(actor)) throw forbidden();
      const versions = (await findLadderVersions(db, actor.organiserId)).filter((v) =>
        isVersionVisible(actor, v.school_unit_key),
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
        response: { 201: Type.Object({ id: Uuid, version: Type.Integer() }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { schoolUnitId, presetId, definition, effectiveFrom, publish } = request.body;
      if (!canManageLadder(actor, schoolUnitId)) throw forbidden('Du kan inte ändra trappan för den här enheten.');
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
        const v = await loadVersion(tx, actor, request.params.id);
        if (!canManageLadder(actor, v.school_unit_key || null)) throw forbidden();
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
        const v = await loadVersion(tx, actor, request.params.id);
        if (!canManageLadder(actor, v.school_unit_key || null)) throw forbidden();
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
        const v = await loadVersion(tx, actor, request.params.id);
        if (!canManageLadder(actor, v.school_unit_key || null)) throw forbidden();
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
      const v = await loadVersion(db, actor, request.params.id);
      if (!canEvaluate(actor, v.school_unit_key || null)) throw forbidden();
      const date = request.body.date ?? today;
      if (date > today)
        throw new AppError('VALIDATION_FAILED', 'Förhandsvisningen kan inte gälla ett datum efter idag.', [
          { path: '/date', message: 'Välj idag eller ett tidigare datum.' },
        ]);
      const input: PreviewJobInput = { versionId: v.id, effectiveFrom: request.body.effectiveFrom ?? null, date };
      const jobId = await startBackgroundJob(db, jobs, {
        organiserId: actor.organiserId,
        kind: 'ladder.preview',
        input: { ...input },
        createdByUserId: actor.userId,
      });
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
      if (personId) {
        if (!(await canReadPupil(db, actor, personId))) throw notFound('PUPIL_NOT_FOUND', 'Eleven hittades inte.');
      } else if (!canEvaluate(actor, schoolUnitId ?? null)) throw forbidden();
      const input: EvaluateJobInput = {
        date: clock.today(),
        ...(schoolUnitId ? { schoolUnitId } : {}),
        ...(personId ? { personId } : {}),
      };
      const jobId = await startBackgroundJob(db, jobs, {
        organiserId: actor.organiserId,
        kind: 'ladder.evaluate',
        input: { ...input },
        createdByUserId: actor.userId,
      });
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
      const result = await buildEarlyWarning(db, actorOf(request), request.query, clock.today());
      await auditPupilListRead(
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
      const result = await buildEarlyWarning(db, actorOf(request), request.query, clock.today());
      await auditPupilListRead(
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
      const { status = 'open', personId } = request.query;
      const conditions = [visibleTasksSql(actor)];
      if (status !== 'all') conditions.push(sql`t.status = ${status}`);
      if (personId) conditions.push(sql`t.person_id = ${personId}`);
      const rows = await findTasks(db, actor.organiserId, sql.join(conditions, sql` and `));
      await auditPupilListRead(
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
          await loadTask(tx, actor, request.params.id),
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
        reassignTask(tx, auditContextOf(request), await loadTask(tx, actor, request.params.id), request.body.userId),
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
      const task = await loadTask(db, actor, request.params.id);
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
      const pupilId = request.params.id;
      if (!(await canReadPupil(db, actor, pupilId))) throw notFound('PUPIL_NOT_FOUND', 'Eleven hittades inte.');
      const today = clock.today();
      const state = (await findStates(db, actor.organiserId, [pupilId])).get(pupilId);
      const version = state
        ? (await findLadderVersions(db, actor.organiserId)).find((v) => v.id === state.ladder_version_id)
        : undefined;
      const changes = await db
        .select()
        .from(schema.ladderStepChanges)
        .where(
          and(
            eq(schema.ladderStepChanges.organiserId, actor.organiserId),
            eq(schema.ladderStepChanges.personId, pupilId),
          ),
        );
      const deciders = await queryRows<{ date: string; step_index: number; name: string }>(
        db,
        sql`select d.date::text as date, d.step_index, u.display_name as name
      from ladder_decisions d join users u on u.organiser_id = d.organiser_id and u.id = d.decided_by_user_id
      where d.organiser_id = ${actor.organiserId} and d.person_id = ${pupilId}`,
      );
      const decidedBy = (date: string, toStep: number) =>
        deciders.filter((d) => d.date === date && d.step_index === toStep).at(-1)?.name ?? null;
      const [flag] = await queryRows<{ id: string; set_on: string; note: string | null }>(
        db,
        sql`select id, set_on::text as set_on, note from concern_flags
      where organiser_id = ${actor.organiserId} and person_id = ${pupilId} and cleared_on is null limit 1`,
      );
      const tasks = await findTasks(db, actor.organiserId, sql`t.person_id = ${pupilId}`);
      await writeAuditEvent(db, auditContextOf(request), { type: 'pupil.read', pupilId, data: { view: 'ladder' } });
      return {
        state:
          state && version
            ? {
                stepIndex: state.step_index,
                stepKey: state.step_key,
                stepName: version.definition.steps[state.step_index - 1]?.name ?? null,
                since: state.since,
                explanation: state.explanation,
                evaluationDate: state.evaluation_date,
                ladderName: version.definition.name,
                ladderVersion: version.version,
                steps: version.definition.steps.map((s, i) => ({ index: i + 1, key: s.key, name: s.name })),
                schoolUnitId: state.school_unit_id,
              }
            : null,
        changes: changes
          .sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id)
          .map((c) => ({
            date: c.date,
            fromStep: c.fromStep,
            toStep: c.toStep,
            by: c.by,
            reason: c.reason,
            explanation: c.explanation,
            decidedBy: c.by === 'staff' || c.by === 'staffClose' ? decidedBy(c.date, c.toStep) : null,
          })),
        concernFlag: flag ? { id: flag.id, setOn: flag.set_on, note: flag.note } : null,
        tasks: tasks.map((t) => presentTask(t, today)),
      };
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
      if (!hasRole(actor, 'principal', 'studentHealth', 'mentor')) throw forbidden();
      await db.transaction(async (tx) => {
        if (!(await canReadPupil(tx, actor, request.params.id)))
          throw notFound('PUPIL_NOT_FOUND', 'Eleven hittades inte.');
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
        if (!(await canReadPupil(tx, actor, pupilId))) throw notFound('PUPIL_NOT_FOUND', 'Eleven hittades inte.');
        const today = clock.today();
        // Bring the state up to today first, so the step closed is the one the pupil is on now.
        await evaluateLadders(tx, auditContextOf(request), { date: today, personIds: [pupilId] });
        const state = (await findStates(tx, actor.organiserId, [pupilId])).get(pupilId);
        const noStep = () => new AppError('LADDER_NO_STEP', 'Eleven är inte på något steg i trappan.');
        // Who may close comes before whether there is a step (403 before 409); without a state, any rektor/elevhälsa role.
        const closerUnits = schoolUnitsWith(actor, 'principal', 'studentHealth');
        const mayClose = state
          ? canCloseStep(actor, state.school_unit_id)
          : closerUnits === 'all' || closerUnits.length > 0;
        if (!mayClose) throw forbidden('Bara rektor och elevhälsan på elevens skola kan avsluta ett steg.');
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
          if (!(await canReadPupil(tx, actor, id))) throw notFound('PUPIL_NOT_FOUND', 'Eleven hittades inte.');
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
