/**
 * How far back a ladder looks: the evaluation of date D only needs day rows from D − lookback.
 * The nightly run and the engine use it so a school year of history is not re-read every day.
 * Generous on purpose: a longer window never changes a result, a shorter one would.
 */
import type { LadderDefinition, Period, Trigger } from './format';

/** A term is at most about five months; running ones need their whole length. */
const TERM_DAYS = 200;
/** Consecutive absent days can run for a whole term (a home-stayer). */
const RUN_DAYS = TERM_DAYS;

function periodDays(period: Period): number {
  switch (period.kind) {
    case 'month':
      return 62;
    case 'twoConsecutiveMonths':
      return 93;
    case 'rollingDays':
      return period.days;
    case 'week':
      return 14;
    case 'term':
      return TERM_DAYS;
  }
}

function triggerDays(trigger: Trigger): number {
  switch (trigger.kind) {
    case 'rate':
    case 'lateCount':
      return periodDays(trigger.period);
    // School weeks skip holiday weeks, so the last n can reach back over a summer break.
    case 'incompleteWeeks':
      return 7 * trigger.n + 84;
    case 'consecutiveAbsentDays':
      return RUN_DAYS;
    case 'absenceOccasionsInMonth':
      return 62;
    case 'anyInvalidAbsence':
      return (trigger.withinDays ?? 1) + 1;
    case 'concernFlag':
      return 0;
    case 'group':
      return Math.max(0, ...trigger.triggers.map(triggerDays));
  }
}

const cache = new WeakMap<LadderDefinition, number>();

/** Calendar days before D whose rows can matter to any trigger, alert or de-escalation of the ladder. */
export function ladderLookbackDays(ladder: LadderDefinition): number {
  const cached = cache.get(ladder);
  if (cached !== undefined) return cached;
  const groups = [...ladder.steps.map((s) => s.triggers), ...(ladder.alerts ?? []).map((a) => a.triggers)];
  const triggers = Math.max(0, ...groups.flatMap((g) => g.triggers.map(triggerDays)));
  const deEscalation = ladder.deEscalation.kind === 'weeksBelow' ? 7 * (ladder.deEscalation.weeks + 2) : 0;
  // Margin for the ISO week around D and the month boundary.
  const days = Math.max(triggers, deEscalation) + 14;
  cache.set(ladder, days);
  return days;
}
