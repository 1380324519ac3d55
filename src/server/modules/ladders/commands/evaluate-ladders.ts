/**
 * Evaluates the ladder for pupils up to a date: continues each pupil's stored state day by day
 * (so a run after a gap equals the nightly runs it replaces), under the version in force on each
 * day. Step changes are recorded; entering a step creates its tasks and writes its messages and
 * notices to the outbox — all in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { schema, type Tx, inSequence } from '../../../db/client.js';
import { writeInBatches } from '../../../db/batched-write.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { addDays } from '../../../../shared/dates/index.js';
import {
  evaluateLadder,
  type LadderResult,
  type LadderState,
  type Action,
  type LadderDefinition,
  type TermRange,
  type FiredTrigger,
} from '../../../../shared/ladders/index.js';
import { ladderMessage } from '../../messages/ladder-messages.js';
import {
  findAssignees,
  findDayFigures,
  findFlagsAndDecisions,
  findLadderVersions,
  findStates,
  findTerms,
  chunksBySchoolUnit,
  type VersionRow,
} from '../ladders.repo.js';
import { VersionsInForce } from '../versions-in-force.js';
import { openCasesFromLadder, type LadderCaseOpening } from '../../cases/commands/open-cases-from-ladder.js';
import { uuidArray } from '../../../db/sql.js';
import { findPupilPlacements, type PupilPlacement } from '../../../db/placements.js';

export interface EvaluateLaddersInput {
  date: string;
  schoolUnitId?: string;
  personIds?: string[];
}

export interface EvaluationSummary {
  pupils: number;
  onStep: number;
  changes: number;
  tasks: number;
  outbox: number;
  /** State rows rewritten; the others only had their evaluation date moved. */
  written: number;
}

/** Rows per drizzle insert: a dozen columns each keeps the statement far below the bind-parameter limit. */
const ROWS_PER_INSERT = 1000;
/** Pupils evaluated together (whole school units): one load of their rows, one round of writes. */
const PUPILS_PER_CHUNK = 10_000;

export interface EvaluationOptions {
  /**
   * Commit each chunk on its own (a background job given the whole database): progress is visible
   * between chunks and PGlite can answer other requests. Each chunk is complete in itself.
   */
  isCommittedPerChunk?: boolean;
  /** Called after each chunk with pupils done and in all. */
  onProgress?: (done: number, total: number) => Promise<void>;
}

export async function evaluateLadders(
  tx: Tx,
  ctx: AuditContext,
  input: EvaluateLaddersInput,
  options: EvaluationOptions = {},
): Promise<EvaluationSummary> {
  const { organiserId } = ctx;
  const versions = new VersionsInForce(await findLadderVersions(tx, organiserId));
  const summary: EvaluationSummary = { pupils: 0, onStep: 0, changes: 0, tasks: 0, outbox: 0, written: 0 };
  if (versions.isEmpty) return summary;
  const pupils = await findPupilPlacements(tx, organiserId, input.date, input);
  const terms = await findTerms(tx, organiserId);
  let done = 0;
  // One school unit (or a slice of a large one) at a time keeps memory bounded at any organiser size.
  for (const chunk of chunksBySchoolUnit(pupils, PUPILS_PER_CHUNK)) {
    const work = (chunkTx: Tx) => evaluateChunk(chunkTx, ctx, input.date, versions, terms, chunk, summary);
    if (options.isCommittedPerChunk) await tx.transaction(work);
    else await work(tx);
    done += chunk.length;
    await options.onProgress?.(done, pupils.length);
  }
  await writeAuditEvent(tx, ctx, { type: 'ladder.evaluate', data: { date: input.date, ...summary } });
  return summary;
}

async function evaluateChunk(
  tx: Tx,
  ctx: AuditContext,
  date: string,
  versions: VersionsInForce,
  terms: TermRange[],
  pupils: PupilPlacement[],
  summary: EvaluationSummary,
) {
  const { organiserId } = ctx;
  const ids = pupils.map((p) => p.person_id);
  const firstDate = pupils
    .map((p) => versions.firstDate(p.school_unit_id))
    .filter((d): d is string => d !== null)
    .sort()[0];
  if (!firstDate) return;
  const states = await findStates(tx, organiserId, ids);
  // Only the rows the ladders can look at: from the earliest date evaluated minus the longest lookback.
  const earliestStart = [...pupils.map((p) => states.get(p.person_id)?.evaluation_date ?? firstDate), date].sort()[0];
  const loadFrom = [firstDate, addDays(earliestStart, -versions.longestLookbackDays())].sort()[1];
  const [days, { flags, decisions }, assignees] = await inSequence(
    () => findDayFigures(tx, organiserId, ids, loadFrom, date),
    () => findFlagsAndDecisions(tx, organiserId, ids),
    () => findAssignees(tx, organiserId, ids, date),
  );
  const stateRows: (typeof schema.pupilLadderStates.$inferInsert)[] = [];
  /** Pupils whose carried state did not change: only their evaluation date (and a dated explanation) moves. */
  const unchanged = new Map<string, string[]>();
  const changeRows: (typeof schema.ladderStepChanges.$inferInsert)[] = [];
  const taskRows: (typeof schema.tasks.$inferInsert)[] = [];
  const outboxRows: (typeof schema.outbox.$inferInsert)[] = [];
  const caseOpenings: LadderCaseOpening[] = [];

  const assigneeFor = (role: string, pupilId: string, schoolUnitId: string) => {
    if (role === 'mentor') return assignees.mentorOf.get(pupilId) ?? null;
    const scoped = assignees.staff.filter(
      (s) => s.role === role && (s.school_unit_key === schoolUnitId || s.school_unit_key === ''),
    );
    return scoped.find((s) => s.school_unit_key === schoolUnitId)?.user_id ?? scoped[0]?.user_id ?? null;
  };
  const runActions = (
    actions: Action[],
    pupilId: string,
    schoolUnitId: string,
    version: VersionRow,
    step: { key: string; name: string },
    key: string,
    date: string,
    explanation: string,
    fired: readonly FiredTrigger[],
    isReplay: boolean,
  ) => {
    actions.forEach((action, i) => {
      const idempotencyKey = `${pupilId}:${version.id}:${key}:${i}`;
      if (action.kind === 'task') {
        taskRows.push({
          organiserId,
          id: randomUUID(),
          personId: pupilId,
          ladderVersionId: version.id,
          stepKey: step.key,
          role: action.role,
          schoolUnitId,
          assigneeUserId: assigneeFor(action.role, pupilId, schoolUnitId),
          title: action.title,
          dueDate: addDays(date, action.dueDays),
          idempotencyKey,
        });
      } else if (action.kind === 'guardianMessage' || action.kind === 'organiserNotice') {
        const message = ladderMessage(action, {
          date,
          step,
          explanation,
          fired,
          isReplay,
          ladderVersionId: version.id,
        });
        if (message)
          outboxRows.push({
            organiserId,
            id: randomUUID(),
            kind: action.kind,
            personId: pupilId,
            templateKey: action.templateKey,
            idempotencyKey,
            payload: message,
          });
      } else {
        caseOpenings.push({
          pupilId,
          schoolUnitId,
          caseKind: action.caseKind,
          ladderVersionId: version.id,
          stepKey: step.key,
          date,
        });
      }
    });
  };

  for (const pupil of pupils) {
    const state = states.get(pupil.person_id);
    // The stored result may be older than the row's evaluation date (unchanged states only move the date).
    let previous = state
      ? { ...(state.result as unknown as LadderResult), evaluationDate: state.evaluation_date }
      : undefined;
    let start = state ? addDays(state.evaluation_date, 1) : versions.firstDate(pupil.school_unit_id);
    if (state && previous && state.evaluation_date >= date) {
      // Already evaluated today: evaluate today again (a staff decision or flag made today must
      // apply now). Presenting the stored result as yesterday's lets today's decisions count;
      // repeated tasks and messages are absorbed by their idempotency keys.
      start = date;
      previous = { ...previous, evaluationDate: addDays(date, -1) };
    }
    if (!start || start > date) continue;
    // A pupil evaluated for the first time (first start, an import, a new ladder with an earlier
    // effective date) replays past days: what they produce is history, not news for a family.
    const isReplay = (day: string) => !state && day < date;
    let last: { result: LadderResult; version: VersionRow } | null = null;
    for (let day = start; day <= date; day = addDays(day, 1)) {
      const version = versions.on(pupil.school_unit_id, day);
      if (!version) continue;
      const result = evaluateLadder(version.definition as LadderDefinition, {
        evaluationDate: day,
        days: days.get(pupil.person_id) ?? [],
        terms,
        previous,
        concernFlags: flags.get(pupil.person_id),
        staffDecisions: decisions.get(pupil.person_id),
      });
      for (const change of result.changes) {
        changeRows.push({
          organiserId,
          personId: pupil.person_id,
          ladderVersionId: version.id,
          date: day,
          fromStep: change.from,
          toStep: change.to,
          by: change.by,
          reason: 'reason' in change ? change.reason : null,
          explanation: result.explanation,
        });
        const step = version.definition.steps[change.to - 1] as LadderDefinition['steps'][number] | undefined;
        if (change.to > change.from && step)
          runActions(
            step.actions,
            pupil.person_id,
            pupil.school_unit_id,
            version,
            step,
            `${step.key}:${day}`,
            day,
            result.explanation,
            result.fired,
            isReplay(day),
          );
      }
      for (const alert of result.alerts) {
        const period = alert.fired.map((f) => `${f.period?.from ?? ''}..${f.period?.to ?? ''}`).join(',');
        runActions(
          alert.actions,
          pupil.person_id,
          pupil.school_unit_id,
          version,
          alert,
          `alert:${alert.key}:${period}`,
          day,
          alert.explanation,
          alert.fired,
          isReplay(day),
        );
      }
      previous = result;
      last = { result, version };
    }
    if (!last) continue;
    summary.pupils++;
    if (last.result.stepIndex > 0) summary.onStep++;
    const { result, version } = last;
    if (
      state &&
      state.ladder_version_id === version.id &&
      state.school_unit_id === pupil.school_unit_id &&
      result.evaluationDate === date &&
      sameCarriedState(state.result as unknown as LadderState, result)
    ) {
      const sameText = state.explanation === result.explanation ? '' : result.explanation;
      unchanged.set(sameText, [...(unchanged.get(sameText) ?? []), pupil.person_id]);
      continue;
    }
    stateRows.push({
      organiserId,
      personId: pupil.person_id,
      ladderVersionId: version.id,
      schoolUnitId: pupil.school_unit_id,
      evaluationDate: result.evaluationDate,
      stepIndex: result.stepIndex,
      stepKey: result.stepKey,
      since: result.since,
      explanation: result.explanation,
      result: result as unknown as Record<string, unknown>,
    });
  }

  await writeInBatches(stateRows, ROWS_PER_INSERT, (batch) =>
    tx
      .insert(schema.pupilLadderStates)
      .values(batch)
      .onConflictDoUpdate({
        target: [schema.pupilLadderStates.organiserId, schema.pupilLadderStates.personId],
        set: {
          ladderVersionId: sqlExcluded('ladder_version_id'),
          schoolUnitId: sqlExcluded('school_unit_id'),
          evaluationDate: sqlExcluded('evaluation_date'),
          stepIndex: sqlExcluded('step_index'),
          stepKey: sqlExcluded('step_key'),
          since: sqlExcluded('since'),
          explanation: sqlExcluded('explanation'),
          result: sqlExcluded('result'),
        },
      }),
  );
  for (const [explanation, personIds] of unchanged) {
    await tx.execute(sql`update pupil_ladder_states set evaluation_date = ${date}${explanation ? sql`, explanation = ${explanation}` : sql``}
      where organiser_id = ${organiserId} and person_id = any(${uuidArray(personIds)})`);
  }
  await writeInBatches(changeRows, ROWS_PER_INSERT, (batch) => tx.insert(schema.ladderStepChanges).values(batch));
  await writeInBatches(taskRows, ROWS_PER_INSERT, (batch) =>
    tx.insert(schema.tasks).values(batch).onConflictDoNothing(),
  );
  await writeInBatches(outboxRows, ROWS_PER_INSERT, (batch) =>
    tx.insert(schema.outbox).values(batch).onConflictDoNothing(),
  );
  await openCasesFromLadder(tx, ctx, caseOpenings);
  summary.written += stateRows.length;
  summary.changes += changeRows.length;
  summary.tasks += taskRows.length;
  summary.outbox += outboxRows.length;
}

/** The fields one evaluation hands to the next; equal means tomorrow's evaluation cannot tell the two apart. */
const CARRIED: readonly (keyof LadderState)[] = [
  'stepIndex',
  'stepKey',
  'since',
  'fired',
  'entry',
  'lastFiredOn',
  'movedDownOn',
  'lastTriggeredOn',
  'endedOn',
];

function sameCarriedState(stored: Partial<LadderState>, next: LadderState): boolean {
  return CARRIED.every((key) => canonicalJson(stored[key] ?? null) === canonicalJson(next[key] ?? null));
}

/** JSON with object keys sorted: jsonb does not keep the order they were written in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The proposed row's column in an ON CONFLICT DO UPDATE. */
const sqlExcluded = (column: string) => sql.raw(`excluded.${column}`);
