import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { LadderDefinition } from '@shared/ladders/format';
import { appendAt, newStep, removeAt, setIn, type Path } from '../editor';
import { actionText, triggerText } from '../ladderText';
import {
  EditorContext,
  NumberControl,
  PathProblems,
  SelectControl,
  TextAreaControl,
  TextControl,
  type EditorContextValue,
} from './editorFields';
import { StepEditor } from './StepEditor';
import { JsonView } from './JsonView';

interface LadderEditorProps {
  definition: LadderDefinition;
  onChange: (update: (current: LadderDefinition) => LadderDefinition) => void;
  /** The server's problems from the last save, by pointer inside the definition. */
  problems: Map<string, string[]>;
}

/**
 * The form editor of a draft: the ladder's name, description and de-escalation, every step, and
 * a JSON view of the same definition. Signals (alerts) and "requires previous step" rules are
 * shown in words and edited in the JSON view.
 */
export function LadderEditor({ definition, onChange, problems }: LadderEditorProps) {
  const { t, i18n } = useTranslation();
  const addStepRef = useRef<HTMLButtonElement>(null);
  const context = useMemo<EditorContextValue>(
    () => ({
      problems,
      set: (path: Path, value: unknown) => onChange((current) => setIn(current, path, value)),
      remove: (path: Path) => onChange((current) => removeAt(current, path)),
      append: (path: Path, item: unknown) => onChange((current) => appendAt(current, path, item)),
    }),
    [problems, onChange],
  );
  const alerts = definition.alerts ?? [];

  return (
    <EditorContext.Provider value={context}>
      <div className="ladder-editor">
        <fieldset className="card">
          <legend>{t('ladderEditor.ladderLegend')}</legend>
          <PathProblems path={[]} />
          <TextControl path={['name']} label={t('ladderEditor.fields.ladderName')} value={definition.name} />
          <TextAreaControl
            path={['description']}
            label={t('ladderEditor.fields.ladderDescription')}
            value={definition.description}
            rows={5}
            hint={t('ladderEditor.hints.description')}
          />
          <TextControl path={['source']} label={t('ladderEditor.fields.source')} value={definition.source} />
          <div className="field-row">
            <SelectControl
              path={['deEscalation', 'kind']}
              label={t('ladderEditor.fields.deEscalation')}
              value={definition.deEscalation.kind}
              options={(['none', 'weeksBelow'] as const).map((kind) => ({
                value: kind,
                label: t(`ladderEditor.deEscalation.${kind}`),
              }))}
              onSelect={(kind) => context.set(['deEscalation'], kind === 'none' ? { kind } : { kind, weeks: 4 })}
            />
            {definition.deEscalation.kind === 'weeksBelow' && (
              <NumberControl
                path={['deEscalation', 'weeks']}
                label={t('ladderEditor.fields.weeks')}
                value={definition.deEscalation.weeks}
                min={1}
                max={52}
              />
            )}
          </div>
        </fieldset>

        <h3>{t('ladderEditor.stepsHeading')}</h3>
        <PathProblems path={['steps']} />
        <ol className="step-editor-list">
          {definition.steps.map((step, index) => (
            <li key={`${index}-${step.key}`}>
              <StepEditor
                definition={definition}
                index={index}
                canRemove={definition.steps.length > 1}
                onRemoved={() => requestAnimationFrame(() => addStepRef.current?.focus())}
              />
            </li>
          ))}
        </ol>
        <button
          ref={addStepRef}
          type="button"
          className="button button-secondary"
          onClick={() =>
            context.append(
              ['steps'],
              newStep(definition, t('ladderEditor.newStepName'), t('ladderEditor.newStepDescription')),
            )
          }
        >
          {t('ladderEditor.addStep')}
        </button>

        <h3>{t('ladderView.alertsHeading')}</h3>
        <PathProblems path={['alerts']} />
        {alerts.length === 0 ? (
          <p className="muted">{t('ladderView.none')}</p>
        ) : (
          <ul className="ladder-alerts">
            {alerts.map((alert, index) => (
              <li key={`${index}-${alert.key}`}>
                <strong>{alert.name}</strong>
                {': '}
                {t('ladderView.alertText', {
                  triggers: alert.triggers.triggers.map((trigger) => triggerText(t, trigger, i18n.language)).join('; '),
                  actions: alert.actions.map((action) => actionText(t, action)).join('; '),
                })}
                <PathProblems path={['alerts', index]} />
              </li>
            ))}
          </ul>
        )}
        <p className="hint">{t('ladderEditor.hints.alerts')}</p>

        <JsonView definition={definition} onApply={(next) => onChange(() => next)} />
      </div>
    </EditorContext.Provider>
  );
}
