/**
 * What a ladder step or alert writes to the outbox. A ladder message says what the ladder means,
 * with the figures that fired it (the explanation); it is never the same-day notice, which only
 * the same-day rule writes from the day's registrations (docs/messages.md).
 */
import type { FiredTrigger } from '../../../shared/ladders/index.js';
import { monthRange } from '../../../shared/dates/index.js';
import { SAME_DAY_TEMPLATE } from './same-day-notices.js';

export interface LadderMessageInput {
  date: string;
  step: { key: string; name: string };
  explanation: string;
  fired: readonly FiredTrigger[];
  /** Written while replaying past days (a first evaluation): kept for the record, never sent. */
  isReplay: boolean;
  ladderVersionId: string;
}

/** The payload of a ladder message, or null when the action must not write one. */
export function ladderMessage(
  action: { kind: 'guardianMessage' | 'organiserNotice'; templateKey: string },
  input: LadderMessageInput,
): Record<string, unknown> | null {
  // "Absent today" is a statement about today's registrations: a ladder that fired on lateness
  // or on an older day must not say it (a preset's same-day alert is served by the rule itself).
  if (action.kind === 'guardianMessage' && action.templateKey === SAME_DAY_TEMPLATE) return null;
  return {
    date: input.date,
    stepKey: input.step.key,
    stepName: input.step.name,
    explanation: input.explanation,
    ladderVersionId: input.ladderVersionId,
    ...monthFigures(input.fired),
    ...(input.isReplay ? { isReplay: true } : {}),
  };
}

/** A rate over a whole calendar month as `month` and `rate` (what the monthly template names). */
function monthFigures(fired: readonly FiredTrigger[]): { month?: string; rate?: number } {
  for (const f of fired) {
    if (f.kind !== 'rate' || f.value === null) continue;
    const month = f.period.from.slice(0, 7);
    const range = monthRange(month);
    if (f.period.from === range.from && f.period.to === range.to)
      return { month, rate: Math.round(f.value * 1000) / 1000 };
  }
  return {};
}
