import { useTranslation } from 'react-i18next';
import type { LadderDefinition } from '@shared/ladders/format';
import { actionText, deEscalationText, entryText, exitText, requiresPreviousText, triggerText } from '../ladderText';

/**
 * A labelled list, or "Inga" when empty; an optional list (the law, which many ladders leave
 * out) is left out entirely instead of saying "Inga" on every step.
 */
function TermList({
  term,
  intro,
  items,
  isOptional = false,
}: {
  term: string;
  intro?: string;
  items: string[];
  isOptional?: boolean;
}) {
  const { t } = useTranslation();
  if (isOptional && items.length === 0 && !intro) return null;
  return (
    <div className="ladder-step-item">
      <dt>{term}</dt>
      <dd>
        {intro && <p className="ladder-step-intro">{intro}</p>}
        {items.length === 0 ? (
          !intro && <span className="muted">{t('ladderView.none')}</span>
        ) : (
          <ul>
            {items.map((item, index) => (
              <li key={`${index}-${item}`}>{item}</li>
            ))}
          </ul>
        )}
      </dd>
    </div>
  );
}

/**
 * A ladder in plain language: each step with what sets it off, what it sets off, who is
 * responsible and the law, then the signals (alerts) and the de-escalation rule.
 * @param headingLevel level of the step headings (the section heading is one above)
 */
export function LadderView({ definition, headingLevel = 3 }: { definition: LadderDefinition; headingLevel?: 3 | 4 }) {
  const { t, i18n } = useTranslation();
  const StepHeading = headingLevel === 3 ? 'h3' : 'h4';
  const alerts = definition.alerts ?? [];
  return (
    <div className="ladder-view">
      <details className="disclosure">
        <summary>{t('ladderView.description')}</summary>
        <p>{definition.description}</p>
        <p className="hint">{t('ladderView.source', { source: definition.source })}</p>
      </details>
      <ol className="ladder-steps">
        {definition.steps.map((step, index) => {
          const requires = requiresPreviousText(t, definition, index);
          return (
            <li key={step.key} className="ladder-step card">
              <StepHeading>{t('ladderView.stepHeading', { number: index + 1, name: step.name })}</StepHeading>
              <p>{step.description}</p>
              <dl className="ladder-step-details">
                <TermList
                  term={t('ladderView.triggers')}
                  intro={entryText(t, step)}
                  items={[
                    ...step.triggers.triggers.map((trigger) => triggerText(t, trigger, i18n.language)),
                    ...(requires ? [requires] : []),
                  ]}
                />
                <TermList term={t('ladderView.actions')} items={step.actions.map((action) => actionText(t, action))} />
                <TermList term={t('ladderView.responsible')} items={step.responsibleRoles} />
                <TermList term={t('ladderView.law')} items={step.lawReferences} isOptional />
                <div className="ladder-step-item">
                  <dt>{t('ladderView.exit')}</dt>
                  <dd>{exitText(t, definition, index + 1)}</dd>
                </div>
              </dl>
            </li>
          );
        })}
      </ol>
      {alerts.length > 0 && (
        <>
          <StepHeading>{t('ladderView.alertsHeading')}</StepHeading>
          <ul className="ladder-alerts">
            {alerts.map((alert) => (
              <li key={alert.key}>
                <strong>{alert.name}</strong>
                {': '}
                {t('ladderView.alertText', {
                  triggers: alert.triggers.triggers.map((trigger) => triggerText(t, trigger, i18n.language)).join('; '),
                  actions: alert.actions.map((action) => actionText(t, action)).join('; '),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <strong>{t('ladderView.deEscalation')}:</strong> {deEscalationText(t, definition)}
      </p>
    </div>
  );
}
