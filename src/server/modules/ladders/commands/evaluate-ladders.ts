/**
 * Evaluates the ladder for pupils up to a date: continues each pupil's stored state day by day
 * (so a run after a gap equals the nightly runs it replaces), under the version in force on each
 * day. Step changes are recorded; entering a step creates its tasks and writes its messages and
 * notices to the outbox — all in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { schema, type Tx, inSequence } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { addDays } from '../../../../shared/dates/index.js';
import { evaluateLadder, type LadderResult, type Action, type LadderDefinition } from '../../../../shared/ladders/index.js';
import { findAssignees, findDayFigures, findFlagsAndDecisions, findLadderVersions, findPupilsForEvaluation, findStates, findTerms, type VersionRow } from '../ladders.repo.js';
import { VersionsInForce } from '../versions-in-force.js';
import { openCasesFromLadder, type LadderCaseOpening } from '../../cases/commands/open-cases-from-ladder.js';

export interface EvaluateLaddersInput {
  date: string;
  schoolUnitId?: string;
  personIds?: string[];
}

export interface EvaluationSummary { pupils: number; onStep: number; changes: number; tasks: number; outbox: number }

const ROWS_PER_INSERT = 1000;

async function insertInBatches<T extends Record<string, unknown>>(tx: Tx, rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await insert(rows.slice(i, i + ROWS_PER_INSERT));
}

export async function evaluateLadders(tx: Tx, ctx: AuditContext, input: EvaluateLaddersInput): Promise<EvaluationSummary> {
  const { organiserId } = ctx;
  const versions = new VersionsInForce(await findLadderVersions(tx, organiserId));
  const summary: EvaluationSummary = { pupils: 0, onStep: 0, changes: 0, tasks: 0, outbox: 0 };
  if (versions.isEmpty) return summary;
  const pupils = await findPupilsForEvaluation(tx, organiserId, input.date, input);
  const ids = pupils.map((p) => p.person_id);
  const firstDate = pupils.map((p) => versions.firstDate(p.school_unit_id)).filter((d): d is string => d !== null).sort()[0];
  if (!firstDate) return summary;
  const states = await findStates(tx, organiserId, ids);
  // Only the rows the ladders can look at: from the earliest date evaluated minus the longest lookback.
  const earliestStart = [...pupils.map((p) => states.get(p.person_id)?.evaluation_date ?? firstDate), input.date].sort()[0];
  const loadFrom = [firstDate, addDays(earliestStart, -versions.longestLookbackDays())].sort()[1];
  const [days, { flags, decisions }, terms, assignees] = await inSequence(
    () => findDayFigures(tx, organiserId, ids, loadFrom, input.date),
    () => findFlagsAndDecisions(tx, organiserId, ids),
    () => findTerms(tx, organiserId),
    () => findAssignees(tx, organiserId, ids, input.date),
  );
  const stateRows: (typeof schema.pupilLadderStates.$inferInsert)[] = [];
  const changeRows: (typeof schema.ladderStepChanges.$inferInsert)[] = [];
  const taskRows: (typeof schema.tasks.$inferInsert)[] = [];
  const outboxRows: (typeof schema.outbox.$inferInsert)[] = [];
  const caseOpenings: LadderCaseOpening[] = [];

  const assigneeFor = (role: string, pupilId: string, schoolUnitId: string) => {
    if (role === 'mentor') return assignees.mentorOf.get(pupilId) ?? null;
    const scoped = assignees.staff.filter((s) => s.role === role && (s.school_unit_key === schoolUnitId || s.school_unit_key === ''));
    return scoped.find((s) => s.school_unit_key === schoolUnitId)?.user_id ?? scoped[0]?.user_id ?? null;
  };
  const runActions = (actions: Action[], pupilId: string, schoolUnitId: string, version: VersionRow, stepKey: string, key: string, date: string, explanation: string) => {
    actions.forEach((action, i) => {
      const idempotencyKey = `${pupilId}:${version.id}:${key}:${i}`;
      if (action.kind === 'task') {
        taskRows.push({ organiserId, id: randomUUID(), personId: pupilId, ladderVersionId: version.id, stepKey, role: action.role, schoolUnitId,
          assigneeUserId: assigneeFor(action.role, pupilId, schoolUnitId), title: action.title, dueDate: addDays(date, action.dueDays), idempotencyKey });
      } else if (action.kind === 'guardianMessage' || action.kind === 'organiserNotice') {
        outboxRows.push({ organiserId, id: randomUUID(), kind: action.kind, personId: pupilId, templateKey: action.templateKey, idempotencyKey,
          payload: { date, stepKey, explanation, ladderVersionId: version.id } });
      } else {
        caseOpenings.push({ pupilId, schoolUnitId, caseKind: action.caseKind, ladderVersionId: version.id, stepKey, date });
      }
    });
  };

  for (const pupil of pupils) {
    const state = states.get(pupil.person_id);
    let previous = state?.result as LadderResult | undefined;
    let start = state ? addDays(state.evaluation_date, 1) : versions.firstDate(pupil.school_unit_id);
    if (state && previous && state.evaluation_date >= input.date) {
      // Already evaluated today: evaluate today again (a staff decision or flag made today must
      // apply now). Presenting the stored result as yesterday's lets today's decisions count;
      // repeated tasks and messages are absorbed by their idempotency keys.
      start = input.date;
      previous = { ...previous, evaluationDate: addDays(input.date, -1) };
    }
    if (!start || start > input.date) continue;
    let last: { result: LadderResult; version: VersionRow } | null = null;
    for (let date = start; date <= input.date; date = addDays(date, 1)) {
      const version = versions.on(pupil.school_unit_id, date);
      if (!version) continue;
      const result = evaluateLadder(version.definition as LadderDefinition, {
        evaluationDate: date, days: days.get(pupil.person_id) ?? [], terms, previous,
        concernFlags: flags.get(pupil.person_id), staffDecisions: decisions.get(pupil.person_id),
      });
      for (const change of result.changes) {
        changeRows.push({ organiserId, personId: pupil.person_id, ladderVersionId: version.id, date, fromStep: change.from, toStep: change.to,
          by: change.by, reason: 'reason' in change ? change.reason : null, explanation: result.explanation });
        const step = version.definition.steps[change.to - 1] as LadderDefinition['steps'][number] | undefined;
        if (change.to > change.from && step) runActions(step.actions, pupil.person_id, pupil.school_unit_id, version, step.key, `${step.key}:${date}`, date, result.explanation);
      }
      for (const alert of result.alerts) {
        const period = alert.fired.map((f) => `${f.period?.from ?? ''}..${f.period?.to ?? ''}`).join(',');
        runActions(alert.actions, pupil.person_id, pupil.school_unit_id, version, alert.key, `alert:${alert.key}:${period}`, date, alert.explanation);
      }
      previous = result;
      last = { result, version };
    }
    if (!last) continue;
    summary.pupils++;
    if (last.result.stepIndex > 0) summary.onStep++;
    stateRows.push({ organiserId, personId: pupil.person_id, ladderVersionId: last.version.id, schoolUnitId: pupil.school_unit_id,
      evaluationDate: last.result.evaluationDate, stepIndex: last.result.stepIndex, stepKey: last.result.stepKey, since: last.result.since,
      explanation: last.result.explanation, result: last.result as unknown as Record<string, unknown> });
  }

  await insertInBatches(tx, stateRows, (batch) => tx.insert(schema.pupilLadderStates).values(batch).onConflictDoUpdate({
    target: [schema.pupilLadderStates.organiserId, schema.pupilLadderStates.personId],
    set: { ladderVersionId: sqlExcluded('ladder_version_id'), schoolUnitId: sqlExcluded('school_unit_id'), evaluationDate: sqlExcluded('evaluation_date'),
      stepIndex: sqlExcluded('step_index'), stepKey: sqlExcluded('step_key'), since: sqlExcluded('since'), explanation: sqlExcluded('explanation'), result: sqlExcluded('result') },
  }));
  await insertInBatches(tx, changeRows, (batch) => tx.insert(schema.ladderStepChanges).values(batch));
  await insertInBatches(tx, taskRows, (batch) => tx.insert(schema.tasks).values(batch).onConflictDoNothing());
  await insertInBatches(tx, outboxRows, (batch) => tx.insert(schema.outbox).values(batch).onConflictDoNothing());
  await openCasesFromLadder(tx, ctx, caseOpenings);
  Object.assign(summary, { changes: changeRows.length, tasks: taskRows.length, outbox: outboxRows.length });
  await writeAuditEvent(tx, ctx, { type: 'ladder.evaluate', data: { date: input.date, ...summary } });
  return summary;
}

/** The proposed row's column in an ON CONFLICT DO UPDATE. */
const sqlExcluded = (column: string) => sql.raw(`excluded.${column}`);
