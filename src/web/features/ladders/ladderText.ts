/**
 * Plain-language wording of a ladder definition (triggers, periods, actions, rules) for the
 * ladder page, the editor and the preview. Takes `t` so it stays a pure, testable function.
 */
import type { TFunction } from 'i18next';
import type { Action, LadderDefinition, LeafTrigger, Period, Step, Trigger } from '@shared/ladders/format';
import { formatPercent } from '../../lib/format';

/** Upper-cases the first letter ("all frånvaro …" → "All frånvaro …"). */
export function capitalize(text: string): string {
  return text ? text.charAt(0).toLocaleUpperCase('sv') + text.slice(1) : text;
}

/** "under en avslutad kalendermånad", "under de senaste 28 dagarna", … */
export function periodText(t: TFunction, period: Period): string {
  switch (period.kind) {
    case 'month':
      return t(period.monthToDate ? 'ladderText.periods.monthToDate' : 'ladderText.periods.month');
    case 'twoConsecutiveMonths':
      return t('ladderText.periods.twoConsecutiveMonths');
    case 'rollingDays':
      return t('ladderText.periods.rollingDays', { count: period.days });
    case 'week':
      return t('ladderText.periods.week');
    case 'term':
      return t(period.toDate ? 'ladderText.periods.termToDate' : 'ladderText.periods.term');
  }
}

/** One condition in words, e.g. "All frånvaro minst 40 % under en avslutad kalendermånad". */
export function leafTriggerText(t: TFunction, trigger: LeafTrigger, language: string): string {
  switch (trigger.kind) {
    case 'rate':
      return capitalize(
        t('ladderText.triggers.rate', {
          measure: t(`ladderText.measures.${trigger.measure}`),
          comparison: t(`ladderText.rateComparators.${trigger.comparator}`, {
            value: formatPercent(trigger.threshold, language),
          }),
          period: periodText(t, trigger.period),
        }),
      );
    case 'incompleteWeeks':
      return t(
        trigger.freshWindowAfterPreviousStep
          ? 'ladderText.triggers.incompleteWeeksFresh'
          : 'ladderText.triggers.incompleteWeeks',
        { k: trigger.k, n: trigger.n },
      );
    case 'consecutiveAbsentDays':
      return t('ladderText.triggers.consecutiveAbsentDays', { count: trigger.days });
    case 'absenceOccasionsInMonth':
      return capitalize(
        t('ladderText.triggers.absenceOccasions', {
          comparison: t(`ladderText.countComparators.${trigger.comparator}`, { value: trigger.count }),
          period: t(trigger.monthToDate ? 'ladderText.periods.monthToDate' : 'ladderText.periods.month'),
        }),
      );
    case 'lateCount':
      return capitalize(
        t('ladderText.triggers.lateCount', {
          comparison: t(`ladderText.countComparators.${trigger.comparator}`, { value: trigger.count }),
          period: periodText(t, trigger.period),
        }),
      );
    case 'anyInvalidAbsence':
      return (trigger.withinDays ?? 1) > 1
        ? t('ladderText.triggers.anyInvalidAbsenceWithin', { count: trigger.withinDays })
        : t('ladderText.triggers.anyInvalidAbsence');
    case 'concernFlag':
      return t('ladderText.triggers.concernFlag');
  }
}

/** A condition, a nested group spelled out ("Alla dessa: a; b"). */
export function triggerText(t: TFunction, trigger: Trigger, language: string): string {
  if (trigger.kind !== 'group') return leafTriggerText(t, trigger, language);
  const parts = trigger.triggers.map((leaf) => leafTriggerText(t, leaf, language));
  return t(`ladderText.group.${trigger.combine}`, { conditions: parts.join('; ') });
}

/** How a step's conditions combine, or that staff set it. */
export function entryText(t: TFunction, step: Step): string {
  if (step.entry === 'manual') return t('ladderText.entry.manual');
  if (step.triggers.triggers.length <= 1) return t('ladderText.entry.automaticOne');
  return t(`ladderText.entry.${step.triggers.combine}`);
}

/** "Kräver att eleven är på steg 1 (Uppmärksamma) …", or null when the step has no such rule. */
export function requiresPreviousText(
  t: TFunction,
  ladder: Pick<LadderDefinition, 'steps'>,
  stepIndex: number,
): string | null {
  const step = ladder.steps[stepIndex];
  const rule = step?.requiresPrevious;
  if (!rule) return null;
  const targetIndex = rule.stepKey ? ladder.steps.findIndex((s) => s.key === rule.stepKey) : stepIndex - 1;
  const target = ladder.steps[targetIndex];
  const parts = [
    t('ladderText.requiresPrevious.base', { number: targetIndex + 1, name: target?.name ?? rule.stepKey ?? '' }),
  ];
  if (rule.weeksAfterPreviousStep)
    parts.push(t('ladderText.requiresPrevious.weeks', { count: rule.weeksAfterPreviousStep }));
  if (rule.freshWindow) parts.push(t('ladderText.requiresPrevious.freshWindow'));
  return `${parts.join(' ')}.`;
}

/**
 * The name staff know a message template by (as on the template page). A ladder may name a key
 * that has no wording of its own; it is sent with the generic template, so that one is named.
 */
function templateName(t: TFunction, templateKey: string, generic: string): string {
  return t(`messageTemplates.${templateKey}`, { defaultValue: t(`messageTemplates.${generic}`) });
}

/** One action in words, e.g. "Uppgift till mentor inom 14 dagar: Starta enkel kartläggning". */
export function actionText(t: TFunction, action: Action): string {
  switch (action.kind) {
    case 'task':
      return t('ladderText.actions.task', {
        role: t(`ladderText.roles.${action.role}`),
        count: action.dueDays,
        title: action.title,
      });
    case 'guardianMessage':
      return t('ladderText.actions.guardianMessage', { template: templateName(t, action.templateKey, 'ladder-step') });
    case 'organiserNotice':
      return t('ladderText.actions.organiserNotice', {
        template: templateName(t, action.templateKey, 'organiser-notice'),
      });
    case 'openCase':
      return t(`ladderText.actions.openCase.${action.caseKind}`);
  }
}

/** The ladder's de-escalation rule in words. */
export function deEscalationText(t: TFunction, ladder: Pick<LadderDefinition, 'deEscalation'>): string {
  return ladder.deEscalation.kind === 'weeksBelow'
    ? t('ladderText.deEscalation.weeksBelow', { count: ladder.deEscalation.weeks })
    : t('ladderText.deEscalation.none');
}

/**
 * How a pupil leaves step `index` (1-based) in words: the step's own exit, else the ladder's;
 * always ending with "or when staff end the step" (a staff close is always possible).
 */
export function exitText(t: TFunction, ladder: Pick<LadderDefinition, 'exit' | 'steps'>, index: number): string {
  const exit = ladder.steps[index - 1]?.exit ?? ladder.exit;
  return exit?.kind === 'weeksWithoutTrigger'
    ? t('ladderText.exit.weeksWithoutTrigger', { count: exit.weeks })
    : t('ladderText.exit.staffOnly');
}

/** "Steg 3 · Utredning + anmälan", or "Inget steg" for 0. */
export function stepLabel(t: TFunction, stepIndex: number, name: string | null | undefined): string {
  if (stepIndex <= 0) return t('ladderText.noStep');
  return name
    ? t('ladderText.stepWithName', { number: stepIndex, name })
    : t('ladderText.stepNumber', { number: stepIndex });
}
