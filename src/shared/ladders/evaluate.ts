/**
 * The ladder engine: which step a pupil is on at evaluation date D, since when and why. Pure:
 * day rows, concern flags and staff decisions in, one result out. Implements docs/domain/ladders.md, 'Evaluation
 * presets are evaluated"; the state carried from the previous day (`previous`) is what makes
 * steps persist, so replaying a date range day by day gives what the nightly run gave.
 */
import { addDays, eachDate } from '../dates';
import { sumDays, type DayFigures, type PeriodFigures } from '../measures';
import { isoWeekSunday } from '../dates';
import type { Action, Exit, LadderDefinition, Step } from './format';
import type { TermRange } from './periods';
import { joinAnd, thresholdPercent } from './text';
import { ladderLookbackDays } from './lookback';
import {
  dayAfterIsoWeek,
  evaluateTriggerGroup,
  laterDate,
  type ConcernFlag,
  type FiredTrigger,
  type TriggerContext,
} from './triggers';

/**
 * A staff decision with the reason recorded: a move to a step (0 = off the ladder), or with
 * `kind: 'close'` the closing of the pupil's step (an exit): the pupil goes back to no step and
 * stays there until they newly qualify, i.e. a step's triggers fire on periods that begin after
 * the close date (ladders D7). `stepIndex` is 0 for a close.
 */
export interface StaffDecision {
  date: string;
  stepIndex: number;
  reason: string;
  kind?: 'move' | 'close';
}

/** How the pupil came to be on the current step. */
export type StepEntry =
  | { by: 'triggers' }
  | { by: 'staff'; fromStep: number; reason: string }
  | { by: 'deEscalation'; fromStep: number; weeks: number }
  /** The automatic exit: `weeks` complete weeks after the week of `quietSince` with no trigger firing; `reason` is the Swedish clause. */
  | { by: 'exit'; fromStep: number; weeks: number; quietSince: string; reason: string }
  /** A staff close of the step with its reason. */
  | { by: 'staffClose'; fromStep: number; reason: string };

/** One move on the evaluation date (a staff decision and an escalation can both happen on one day). */
export type StepChange = { from: number; to: number } & StepEntry;

/** The state carried from one evaluation to the next. */
export interface LadderState {
  /** 0 = no step; steps are numbered from 1 in ladder order (ladders D8). */
  stepIndex: number;
  stepKey: string | null;
  /** When the pupil entered the current step (for step 0: left the last step); null = never on a step. */
  since: string | null;
  /** The triggers and figures that put the pupil on the current step; empty for staff and de-escalation moves. */
  fired: FiredTrigger[];
  entry: StepEntry | null;
  /** Last date the current step's own triggers fired (tracked only for de-escalating ladders). */
  lastFiredOn: string | null;
  /** Last move down (staff or de-escalation): higher steps then need evidence from after that ISO week. */
  movedDownOn: string | null;
  /**
   * Last date any step's triggers fired for the pupil (windows ignored) while on a step; tracked
   * only when the ladder has an automatic exit. Absent in results stored before exits existed.
   */
  lastTriggeredOn?: string | null;
  /** Last exit (automatic or staff close): a step is then entered only on periods that begin after this date. */
  endedOn?: string | null;
}

/** A ladder alert that fired on the evaluation date. */
export interface FiredAlert {
  key: string;
  name: string;
  actions: Action[];
  fired: FiredTrigger[];
  /** One Swedish sentence, e.g. "Månadsfrånvaro över 20 %: frånvaro 23,0 % i januari 2026 (gräns över 20 %)." */
  explanation: string;
}

/** The outcome for one pupil on one date; store it whole and pass it back as `previous` the next day. */
export interface LadderResult extends LadderState {
  evaluationDate: string;
  /** Moves made on `evaluationDate`, in order; empty when the pupil stayed. */
  changes: StepChange[];
  /** Alerts that fired on `evaluationDate` (each once per period of evidence). */
  alerts: FiredAlert[];
  /** One Swedish sentence with numbers: "Steg 3 (Utredning + anmälan) sedan 2026-02-01: frånvaro 43,2 % i januari 2026 (gräns 40 %)." */
  explanation: string;
}

/**
 * The previous result. The minimal `{ stepIndex, stepKey, since }` is accepted; pass the whole
 * stored result so move-downs, de-escalation and explanations carry over exactly.
 */
export type PreviousLadderState = Pick<LadderState, 'stepIndex' | 'stepKey' | 'since'> &
  Partial<Omit<LadderState, 'stepIndex' | 'stepKey' | 'since'>> & { evaluationDate?: string };

/** Everything the evaluation reads for one pupil. */
export interface LadderInput {
  evaluationDate: string;
  /** The pupil's day rows; rows dated after `evaluationDate` are ignored (ladders D1). */
  days: readonly DayFigures[];
  /** Needed when the ladder has `term` periods. */
  terms?: readonly TermRange[];
  concernFlags?: readonly ConcernFlag[];
  /** The result of the previous evaluation; without it the pupil starts on no step. */
  previous?: PreviousLadderState;
  /** Decisions dated after the previous evaluation and on or before D are applied, oldest first. */
  staffDecisions?: readonly StaffDecision[];
  /** Override of the ladder's lookback (tests compare against the whole history). */
  lookbackDays?: number;
}

const NO_STEP: LadderState = {
  stepIndex: 0,
  stepKey: null,
  since: null,
  fired: [],
  entry: null,
  lastFiredOn: null,
  movedDownOn: null,
};

const stepAt = (ladder: LadderDefinition, index: number): Step | undefined =>
  index >= 1 ? ladder.steps[index - 1] : undefined;
const keyAt = (ladder: LadderDefinition, index: number): string | null => stepAt(ladder, index)?.key ?? null;

/** The state to start from; the step is found by key first, so a reordered ladder version still finds it. */
function startState(ladder: LadderDefinition, previous: PreviousLadderState | undefined): LadderState {
  if (!previous) return NO_STEP;
  const byKey = previous.stepKey === null ? 0 : ladder.steps.findIndex((s) => s.key === previous.stepKey) + 1;
  const stepIndex = byKey > 0 ? byKey : Math.min(Math.max(0, Math.trunc(previous.stepIndex)), ladder.steps.length);
  return {
    stepIndex,
    stepKey: keyAt(ladder, stepIndex),
    since: previous.since,
    fired: previous.fired ?? [],
    entry: previous.entry ?? null,
    lastFiredOn: previous.lastFiredOn ?? null,
    movedDownOn: previous.movedDownOn ?? null,
    ...(previous.lastTriggeredOn ? { lastTriggeredOn: previous.lastTriggeredOn } : {}),
    ...(previous.endedOn ? { endedOn: previous.endedOn } : {}),
  };
}

/** Move to another step on `date`; a move down makes higher steps wait for new evidence. */
function moveTo(
  ladder: LadderDefinition,
  state: LadderState,
  to: number,
  date: string,
  entry: StepEntry,
  fired: FiredTrigger[] = [],
): LadderState {
  const isExit = entry.by === 'exit' || entry.by === 'staffClose';
  const next: LadderState = {
    stepIndex: to,
    stepKey: keyAt(ladder, to),
    since: date,
    fired,
    entry,
    lastFiredOn: entry.by === 'triggers' ? date : null,
    // An exit has its own, day-exact freshness rule (endedOn), not the ISO-week rule of a move down.
    movedDownOn: to < state.stepIndex && !isExit ? date : state.movedDownOn,
  };
  const endedOn = isExit ? date : state.endedOn;
  if (endedOn) next.endedOn = endedOn;
  if (entry.by === 'triggers' && hasAutomaticExit(ladder)) next.lastTriggeredOn = date;
  return next;
}

/** The exit that applies to a pupil on step `index`: the step's own, else the ladder's, else none. */
export function exitOf(ladder: LadderDefinition, index: number): Exit {
  return stepAt(ladder, index)?.exit ?? ladder.exit ?? { kind: 'none' };
}

/** Whether any step can be left automatically (only then is `lastTriggeredOn` tracked). */
function hasAutomaticExit(ladder: LadderDefinition): boolean {
  return (
    ladder.exit?.kind === 'weeksWithoutTrigger' || ladder.steps.some((s) => s.exit?.kind === 'weeksWithoutTrigger')
  );
}

/** The state with `lastTriggeredOn` moved to D when any step's triggers fire today (pupils on a step, ladders with an exit). */
function trackTriggers(ladder: LadderDefinition, state: LadderState, base: TriggerContext): LadderState {
  if (state.stepIndex === 0 || !hasAutomaticExit(ladder) || !anyStepTriggers(ladder, base)) return state;
  return { ...state, lastTriggeredOn: base.date };
}

/** Whether any automatic step's conditions hold on D on figures alone (windows and earlier steps ignored). */
function anyStepTriggers(ladder: LadderDefinition, base: TriggerContext): boolean {
  return ladder.steps.some(
    (s) =>
      s.entry === 'automatic' &&
      evaluateTriggerGroup(s.triggers, { ...base, notBefore: null, previousStepWindow: null, ignoreWindows: true }) !==
        null,
  );
}

/**
 * What "quiet" means for the explanation: "under 10 % frånvaro" when every automatic trigger is a
 * rate of all absence (the lowest threshold), otherwise "inget av trappans villkor uppfyllt".
 */
function quietText(ladder: LadderDefinition): string {
  const leaves = ladder.steps
    .filter((s) => s.entry === 'automatic')
    .flatMap((s) => s.triggers.triggers.flatMap((t) => (t.kind === 'group' ? t.triggers : [t])));
  const rates = leaves.flatMap((t) => (t.kind === 'rate' && t.measure === 'absent' ? [t] : []));
  if (rates.length === 0 || rates.length !== leaves.length) return 'inget av trappans villkor uppfyllt';
  const lowest = rates.reduce((a, b) =>
    b.threshold < a.threshold || (b.threshold === a.threshold && b.comparator === 'gte') ? b : a,
  );
  return `${lowest.comparator === 'gt' ? 'högst' : 'under'} ${thresholdPercent(lowest.threshold)} frånvaro`;
}

/**
 * The automatic exit (ladders D7): track the last day any step's triggers fired, and move the pupil
 * back to no step once `weeks` complete ISO weeks have passed after the week of that day (or of
 * entering the step, if later) without any firing.
 */
function automaticExit(ladder: LadderDefinition, state: LadderState, base: TriggerContext): LadderState | null {
  const rule = exitOf(ladder, state.stepIndex);
  if (state.stepIndex === 0 || rule.kind !== 'weeksWithoutTrigger' || state.lastTriggeredOn === base.date) return null;
  const quietSince = laterDate(state.lastTriggeredOn ?? null, state.since) ?? base.date;
  if (base.date < addDays(isoWeekSunday(quietSince), 7 * rule.weeks)) return null;
  const reason = `${quietText(ladder)} i ${rule.weeks} veckor`;
  return moveTo(ladder, state, 0, base.date, {
    by: 'exit',
    fromStep: state.stepIndex,
    weeks: rule.weeks,
    quietSince,
    reason,
  });
}

/**
 * The triggers that would put the pupil on step `index` today, or null. A step with
 * `requiresPrevious` needs the pupil on that step (or above it) since before D — so steps never
 * cascade within one day — and reads only fresh evidence when it asks for a fresh window.
 */
function stepFires(
  ladder: LadderDefinition,
  index: number,
  state: LadderState,
  base: TriggerContext,
): FiredTrigger[] | null {
  const step = ladder.steps[index - 1];
  const enteredBeforeToday = state.stepIndex >= 1 && state.since !== null && state.since < base.date;
  const previousStepWindow = enteredBeforeToday ? dayAfterIsoWeek(state.since!) : null;
  // After an exit only periods beginning after the exit date count: the pupil must newly qualify.
  let notBefore = laterDate(
    state.movedDownOn === null ? null : dayAfterIsoWeek(state.movedDownOn),
    state.endedOn ? addDays(state.endedOn, 1) : null,
  );
  const requires = step.requiresPrevious;
  if (requires) {
    const required =
      requires.stepKey === undefined ? index - 1 : ladder.steps.findIndex((s) => s.key === requires.stepKey) + 1;
    if (!enteredBeforeToday || state.stepIndex < required) return null;
    if (
      requires.weeksAfterPreviousStep !== undefined &&
      base.date < addDays(state.since!, 7 * requires.weeksAfterPreviousStep)
    )
      return null;
    if (requires.freshWindow) notBefore = laterDate(notBefore, previousStepWindow);
  }
  return evaluateTriggerGroup(step.triggers, { ...base, notBefore, previousStepWindow });
}

/** The highest automatic step above the current one whose conditions hold today (Stockholm's "whatever came before"). */
function escalation(
  ladder: LadderDefinition,
  state: LadderState,
  base: TriggerContext,
): { index: number; fired: FiredTrigger[] } | null {
  for (let index = ladder.steps.length; index > state.stepIndex; index--) {
    if (ladder.steps[index - 1].entry !== 'automatic') continue; // manual steps only by staff decision (ladders D6)
    const fired = stepFires(ladder, index, state, base);
    if (fired) return { index, fired };
  }
  return null;
}

/** Track when the current step's thresholds last held and move down one step after N weeks below them. */
function deEscalate(ladder: LadderDefinition, state: LadderState, base: TriggerContext): LadderState {
  const rule = ladder.deEscalation;
  const step = stepAt(ladder, state.stepIndex);
  if (rule.kind !== 'weeksBelow' || !step || step.entry === 'manual') return state;
  if (
    evaluateTriggerGroup(step.triggers, { ...base, notBefore: null, previousStepWindow: null, ignoreWindows: true })
  ) {
    return { ...state, lastFiredOn: base.date };
  }
  const reference = state.lastFiredOn ?? state.since ?? base.date;
  if (base.date < addDays(reference, 7 * rule.weeks)) return state;
  return moveTo(ladder, state, state.stepIndex - 1, base.date, {
    by: 'deEscalation',
    fromStep: state.stepIndex,
    weeks: rule.weeks,
  });
}

/** Alerts whose triggers hold today on evidence they did not hold on yesterday: each fires once per period. */
function firingAlerts(ladder: LadderDefinition, base: TriggerContext): FiredAlert[] {
  const alerts = ladder.alerts ?? [];
  if (alerts.length === 0) return [];
  const yesterday = addDays(base.date, -1);
  const before: TriggerContext = { ...base, date: yesterday, days: base.days.filter((d) => d.date <= yesterday) };
  const signature = (fired: readonly FiredTrigger[] | null) =>
    fired?.map((f) => `${f.kind}:${f.period.from}:${f.period.to}`).join('|') ?? '';
  return alerts.flatMap((alert) => {
    const fired = evaluateTriggerGroup(alert.triggers, base);
    if (!fired || signature(fired) === signature(evaluateTriggerGroup(alert.triggers, before))) return [];
    return [
      {
        key: alert.key,
        name: alert.name,
        actions: alert.actions,
        fired,
        explanation: `${alert.name}: ${joinAnd(fired.map((f) => f.text))}.`,
      },
    ];
  });
}

/** Why the pupil is where they are, as the clause after the colon. */
function entryReason(state: LadderState): string {
  switch (state.entry?.by) {
    case 'staff':
      return `beslut av personal (${state.entry.reason.trim().replace(/[.!]+$/, '')})`;
    case 'deEscalation':
      return `nedflyttad från steg ${state.entry.fromStep} efter ${state.entry.weeks} veckor utan att stegets villkor uppfyllts`;
    case 'exit':
    case 'staffClose':
      return state.entry.reason.trim().replace(/[.!]+$/, '');
    default:
      return joinAnd(state.fired.map((f) => f.text));
  }
}

/** The one-sentence explanation shown on the pupil page. */
function explain(ladder: LadderDefinition, state: LadderState, date: string): string {
  if (state.since === null) return `Inget steg den ${date}: inget av trappans villkor är uppfyllt.`;
  if (state.stepIndex === 0 && (state.entry?.by === 'exit' || state.entry?.by === 'staffClose')) {
    // "Avslutat 2026-11-02: under 10 % frånvaro i 8 veckor (steg 1, Uppmärksamma)."
    const ended = stepAt(ladder, state.entry.fromStep);
    const by = state.entry.by === 'staffClose' ? ' av personal' : '';
    return `Avslutat ${state.since}${by}: ${entryReason(state)} (steg ${state.entry.fromStep}${ended ? `, ${ended.name}` : ''}).`;
  }
  const step = stepAt(ladder, state.stepIndex);
  const subject = step ? `Steg ${state.stepIndex} (${step.name})` : 'Inget steg';
  const reason = entryReason(state);
  return `${subject} sedan ${state.since}${reason ? `: ${reason}` : ''}.`;
}

/** The rows in [from, to], sorted; rows before the ladder's lookback cannot change a result. */
function daysInWindow(days: readonly DayFigures[], from: string, to: string): DayFigures[] {
  return days
    .filter((d) => d.date >= from && d.date <= to)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Period sums per pupil history. A replay sums the same months every day, and one evaluation sums
 * them several times (escalation, exit tracking, alerts today and yesterday): the demo's first
 * start spent most of its ladder time there. A sum over [from, to] that lies inside the evaluated
 * window and ends by the context's date reads exactly the history's rows in [from, to], whatever
 * the evaluation date, so it is kept per history array and its length (callers do not change a
 * history in place between evaluations, as `sumDays` already assumes).
 */
const sumsByHistory = new WeakMap<readonly DayFigures[], { length: number; sums: Map<string, PeriodFigures> }>();

function historySums(history: readonly DayFigures[], windowFrom: string): TriggerContext['sumPeriod'] {
  let entry = sumsByHistory.get(history);
  if (!entry || entry.length !== history.length) {
    entry = { length: history.length, sums: new Map() };
    sumsByHistory.set(history, entry);
  }
  const { sums } = entry;
  return (ctx, from, to) => {
    if (from < windowFrom || to > ctx.date) return sumDays(ctx.days, from, to);
    const key = `${from}|${to}`;
    let figures = sums.get(key);
    if (!figures) sums.set(key, (figures = sumDays(ctx.days, from, to)));
    return figures;
  };
}

/**
 * Evaluate a ladder for one pupil on `input.evaluationDate` (D): apply staff decisions, escalate
 * to the highest step whose conditions hold (steps persist otherwise, ladders D7), apply the
 * de-escalation rule, and report alerts and a one-sentence explanation.
 */
export function evaluateLadder(ladder: LadderDefinition, input: LadderInput): LadderResult {
  const date = input.evaluationDate;
  addDays(date, 0); // throws on a malformed date before anything is compared as text
  const windowFrom = addDays(date, -(input.lookbackDays ?? ladderLookbackDays(ladder)));
  const base: TriggerContext = {
    date,
    days: daysInWindow(input.days, windowFrom, date),
    sumPeriod: historySums(input.days, windowFrom),
    terms: input.terms,
    concernFlags: input.concernFlags ?? [],
    notBefore: null,
    previousStepWindow: null,
  };
  let state = startState(ladder, input.previous);
  const changes: StepChange[] = [];
  const record = (next: LadderState) => {
    if (next.stepIndex !== state.stepIndex) changes.push({ from: state.stepIndex, to: next.stepIndex, ...next.entry! });
    state = next;
  };

  const appliedUpTo = input.previous?.evaluationDate ?? input.previous?.since ?? null;
  const decisions = (input.staffDecisions ?? [])
    .filter((d) => d.date <= date && (appliedUpTo === null || d.date > appliedUpTo))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const decision of decisions) {
    if (decision.kind === 'close') {
      if (state.stepIndex > 0)
        record(
          moveTo(ladder, state, 0, decision.date, {
            by: 'staffClose',
            fromStep: state.stepIndex,
            reason: decision.reason,
          }),
        );
      continue;
    }
    if (!Number.isInteger(decision.stepIndex) || decision.stepIndex < 0 || decision.stepIndex > ladder.steps.length) {
      throw new RangeError(
        `Staff decision ${decision.date} names step ${decision.stepIndex}; the ladder has steps 0–${ladder.steps.length}.`,
      );
    }
    if (decision.stepIndex === state.stepIndex) continue;
    record(
      moveTo(ladder, state, decision.stepIndex, decision.date, {
        by: 'staff',
        fromStep: state.stepIndex,
        reason: decision.reason,
      }),
    );
  }

  const up = escalation(ladder, state, base);
  if (up) record(moveTo(ladder, state, up.index, date, { by: 'triggers' }, up.fired));
  else {
    state = trackTriggers(ladder, state, base);
    record(automaticExit(ladder, state, base) ?? deEscalate(ladder, state, base));
  }

  // A pupil stored with only {stepIndex, stepKey, since} still gets an explanation with figures.
  const step = stepAt(ladder, state.stepIndex);
  if (step?.entry === 'automatic' && state.entry === null && state.fired.length === 0) {
    state = {
      ...state,
      entry: { by: 'triggers' },
      fired: evaluateTriggerGroup(step.triggers, { ...base, ignoreWindows: true }) ?? [],
    };
  }
  return {
    ...state,
    evaluationDate: date,
    changes,
    alerts: firingAlerts(ladder, base),
    explanation: explain(ladder, state, date),
  };
}

/**
 * Evaluate every date from `from` to `to` (inclusive), each with the previous day's result as
 * `previous` — exactly what the nightly run does (ladders D1).
 */
export function replayLadder(
  ladder: LadderDefinition,
  input: Omit<LadderInput, 'evaluationDate' | 'previous'>,
  from: string,
  to: string,
): LadderResult[] {
  const results: LadderResult[] = [];
  for (const date of eachDate(from, to)) {
    results.push(evaluateLadder(ladder, { ...input, evaluationDate: date, previous: results.at(-1) }));
  }
  return results;
}
