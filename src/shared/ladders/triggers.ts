/**
 * Evaluation of one trigger (or group) at evaluation date D from a pupil's day rows. Each trigger
 * that fires reports the figures it fired on, so a step can be explained in one sentence.
 */
import { addDays, isoWeekSunday } from '../dates';
import {
  incompleteWeekCount,
  isAbsentDay,
  lastEndedSchoolWeeks,
  sumDays,
  type DayFigures,
  type PeriodFigures,
} from '../measures';
import type { Comparator, LeafTrigger, RateMeasure, Trigger, TriggerGroup, TriggerKind } from './format';
import { resolvePeriod, type TermRange } from './periods';
import { countLimit, percent, rateLimit, weekName, weekSpanName } from './text';

/** A concern ("oro") flag set by staff; active from `setOn` until the day before `clearedOn`. */
export interface ConcernFlag {
  setOn: string;
  clearedOn?: string;
}

/** A trigger that fired, with the figures behind it. */
export interface FiredTrigger {
  kind: Exclude<TriggerKind, 'group'>;
  /** The dates the figure covers (for a concern flag: the day it was set). */
  period: { from: string; to: string };
  /** The figure: a rate 0–1, or a count of weeks/days/occasions/late arrivals/invalid minutes; null for a concern flag. */
  value: number | null;
  threshold: number | null;
  comparator: Comparator | null;
  /** For rate triggers. */
  measure: RateMeasure | null;
  /** Swedish phrase with the numbers, e.g. "frånvaro 43,2 % i januari 2026 (gräns 40 %)". */
  text: string;
}

/** What a trigger is evaluated against. */
export interface TriggerContext {
  date: string;
  /** The pupil's day rows dated on or before `date`, sorted by date. */
  days: readonly DayFigures[];
  terms?: readonly TermRange[];
  concernFlags: readonly ConcernFlag[];
  /** Every period a trigger reads must start on or after this date (fresh windows, after a move down); null = no limit. */
  notBefore: string | null;
  /**
   * First day after the ISO week the pupil's current step was entered, for triggers with
   * `freshWindowAfterPreviousStep`; null when no step was entered before D (such triggers cannot fire).
   */
  previousStepWindow: string | null;
  /** Figures only, windows ignored: "are the step's thresholds still exceeded?" (de-escalation). */
  ignoreWindows?: boolean;
  /** `sumDays` over `days` for a period, remembered across evaluations (see evaluateLadder); without it, summed each time. */
  sumPeriod?: (ctx: TriggerContext, from: string, to: string) => PeriodFigures;
}

/** The figures of a period of the context's days. */
const periodFigures = (ctx: TriggerContext, from: string, to: string): PeriodFigures =>
  ctx.sumPeriod ? ctx.sumPeriod(ctx, from, to) : sumDays(ctx.days, from, to);

/** First day after the ISO week containing `date`: where a fresh window starts (docs/domain/ladders.md D5). */
export function dayAfterIsoWeek(date: string): string {
  return addDays(isoWeekSunday(date), 1);
}

/** The later of two optional dates. */
export function laterDate(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null ? a : a > b ? a : b;
}

const RATE_FIELDS = { absent: 'absentRate', valid: 'validRate', invalid: 'invalidRate' } as const satisfies Record<
  RateMeasure,
  keyof PeriodFigures
>;
const MEASURE_NAMES: Record<RateMeasure, string> = {
  absent: 'frånvaro',
  valid: 'giltig frånvaro',
  invalid: 'ogiltig frånvaro',
};

const compare = (value: number, comparator: Comparator, threshold: number): boolean =>
  comparator === 'gt' ? value > threshold : value >= threshold;

/** The window start this trigger must respect, or undefined when it needs a previous step that is not there. */
function windowStart(ctx: TriggerContext, afterPreviousStep?: boolean): string | null | undefined {
  if (ctx.ignoreWindows) return null;
  if (!afterPreviousStep) return ctx.notBefore;
  return ctx.previousStepWindow === null ? undefined : laterDate(ctx.notBefore, ctx.previousStepWindow);
}

/** The context's window start for triggers without their own fresh-window option. */
const commonStart = (ctx: TriggerContext): string | null => windowStart(ctx) ?? null;

/** A period may be read when it starts inside the window. */
const inWindow = (from: string, ctx: TriggerContext): boolean => {
  const start = commonStart(ctx);
  return start === null || from >= start;
};

/** A count over a period (occasions, late arrivals) compared with its threshold. */
function countTrigger(
  trigger: Extract<LeafTrigger, { kind: 'absenceOccasionsInMonth' | 'lateCount' }>,
  ctx: TriggerContext,
  figure: (f: PeriodFigures) => number,
  noun: string,
): FiredTrigger | null {
  const period =
    trigger.kind === 'lateCount' ? trigger.period : { kind: 'month' as const, monthToDate: trigger.monthToDate };
  const range = resolvePeriod(period, ctx.date, ctx.days, ctx.terms);
  if (!range || !inWindow(range.from, ctx)) return null;
  const value = figure(periodFigures(ctx, range.from, range.to));
  if (!compare(value, trigger.comparator, trigger.count)) return null;
  return {
    kind: trigger.kind,
    period: { from: range.from, to: range.to },
    value,
    threshold: trigger.count,
    comparator: trigger.comparator,
    measure: null,
    text: `${value} ${noun} ${range.label} ${countLimit(trigger.comparator, trigger.count)}`,
  };
}

/** Evaluate one leaf trigger; null when it does not fire. */
function evaluateLeaf(trigger: LeafTrigger, ctx: TriggerContext): FiredTrigger | null {
  const base = { kind: trigger.kind, measure: null } as const;
  switch (trigger.kind) {
    case 'rate': {
      const range = resolvePeriod(trigger.period, ctx.date, ctx.days, ctx.terms);
      if (!range || !inWindow(range.from, ctx)) return null;
      // null when nothing is known: "no data" never fires a rate (docs/domain/measures.md).
      const value = periodFigures(ctx, range.from, range.to)[RATE_FIELDS[trigger.measure]];
      if (value === null || !compare(value, trigger.comparator, trigger.threshold)) return null;
      return {
        ...base,
        measure: trigger.measure,
        period: { from: range.from, to: range.to },
        value,
        threshold: trigger.threshold,
        comparator: trigger.comparator,
        text: `${MEASURE_NAMES[trigger.measure]} ${percent(value)} ${range.label} ${rateLimit(trigger.comparator, trigger.threshold)}`,
      };
    }
    case 'incompleteWeeks': {
      const notBefore = windowStart(ctx, trigger.freshWindowAfterPreviousStep);
      if (notBefore === undefined) return null;
      const weeks = lastEndedSchoolWeeks(ctx.days, ctx.date, trigger.n, trigger);
      // A window that must be fresh needs all n weeks after its start (ladders D5).
      if (notBefore !== null && (weeks.length < trigger.n || weeks[0].monday < notBefore)) return null;
      const count = incompleteWeekCount(weeks);
      if (weeks.length === 0 || count < trigger.k) return null;
      const first = weeks[0].monday;
      const last = weeks[weeks.length - 1].sunday;
      const unregistered = weeks.filter((w) => w.hasNoRegistration).map((w) => weekName(w.monday));
      const notes = [
        `${weekSpanName(first, last)}, gräns ${trigger.k} av ${trigger.n}`,
        ...(notBefore !== null && !ctx.ignoreWindows ? [`alla efter ${weekName(addDays(notBefore, -1))}`] : []),
        ...(unregistered.length > 0 ? [`utan registrering: ${unregistered.join(', ')}`] : []),
      ];
      return {
        ...base,
        period: { from: first, to: last },
        value: count,
        threshold: trigger.k,
        comparator: 'gte',
        text: `${count} av de ${weeks.length} senaste skolveckorna med frånvaro (${notes.join('; ')})`,
      };
    }
    case 'consecutiveAbsentDays': {
      const notBefore = commonStart(ctx);
      const schoolDays = ctx.days.filter((d) => d.scheduled > 0);
      let run = 0;
      for (let i = schoolDays.length - 1; i >= 0; i--) {
        const day = schoolDays[i];
        if ((notBefore !== null && day.date < notBefore) || !isAbsentDay(day)) break;
        run++;
      }
      if (run === 0 || run < trigger.days) return null;
      const from = schoolDays[schoolDays.length - run].date;
      const to = schoolDays[schoolDays.length - 1].date;
      return {
        ...base,
        period: { from, to },
        value: run,
        threshold: trigger.days,
        comparator: 'gte',
        text: `${run} skoldagar i följd med hel frånvaro (${from}–${to}, gräns ${trigger.days})`,
      };
    }
    case 'absenceOccasionsInMonth':
      return countTrigger(trigger, ctx, (f) => f.absenceOccasions, 'frånvarotillfällen');
    case 'lateCount':
      return countTrigger(trigger, ctx, (f) => f.lateCount, 'sena ankomster');
    case 'anyInvalidAbsence': {
      const from = laterDate(addDays(ctx.date, 1 - (trigger.withinDays ?? 1)), commonStart(ctx))!;
      const day = ctx.days.filter((d) => d.date >= from && d.invalid > 0).at(-1);
      if (!day) return null;
      return {
        ...base,
        period: { from: day.date, to: day.date },
        value: day.invalid,
        threshold: 0,
        comparator: 'gt',
        text: `ogiltig frånvaro ${day.invalid} min ${day.date}`,
      };
    }
    case 'concernFlag': {
      const notBefore = commonStart(ctx);
      const flag = ctx.concernFlags
        .filter(
          (f) =>
            f.setOn <= ctx.date &&
            (f.clearedOn === undefined || f.clearedOn > ctx.date) &&
            (notBefore === null || f.setOn >= notBefore),
        )
        .sort((a, b) => (a.setOn < b.setOn ? -1 : 1))
        .at(-1);
      if (!flag) return null;
      // The period is the day the flag was set, so an alert on it fires once, not every day it stays set.
      return {
        ...base,
        period: { from: flag.setOn, to: flag.setOn },
        value: null,
        threshold: null,
        comparator: null,
        text: `oro markerad av personal ${flag.setOn}`,
      };
    }
  }
}

/** Combine triggers: `all` fires when every one fires, `any` when at least one does; empty never fires. */
function combine(
  mode: TriggerGroup['combine'],
  triggers: readonly Trigger[],
  ctx: TriggerContext,
): FiredTrigger[] | null {
  if (triggers.length === 0) return null;
  const fired: FiredTrigger[] = [];
  for (const trigger of triggers) {
    const result =
      trigger.kind === 'group' ? combine(trigger.combine, trigger.triggers, ctx) : evaluateLeaf(trigger, ctx);
    if (result === null) {
      if (mode === 'all') return null;
      continue;
    }
    fired.push(...(Array.isArray(result) ? result : [result]));
  }
  return fired.length > 0 ? fired : null;
}

/**
 * Evaluate a trigger group at `ctx.date`.
 * @returns the leaf triggers that fired (what the step is explained by), or null when the group does not fire
 */
export function evaluateTriggerGroup(group: TriggerGroup, ctx: TriggerContext): FiredTrigger[] | null {
  return combine(group.combine, group.triggers, ctx);
}
