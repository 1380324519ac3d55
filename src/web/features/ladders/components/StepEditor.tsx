import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { LadderDefinition, Step } from '@shared/ladders/format';
import { fieldId, newRateTrigger, newTaskAction, pointerOf } from '../editor';
import { requiresPreviousText } from '../ladderText';
import { LinesControl, PathProblems, SelectControl, TextAreaControl, TextControl, useEditor } from './editorFields';
import { TriggerEditor } from './TriggerEditor';
import { ActionEditor } from './ActionEditor';

/** Focus after the next paint (the removed item's button is gone; focus goes to the list's add button). */
const focusSoon = (element: HTMLElement | null) => requestAnimationFrame(() => element?.focus());

/** One step: name, description, how it is entered, its conditions and actions, roles and law. */
export function StepEditor({
  definition,
  index,
  canRemove,
  onRemoved,
}: {
  definition: LadderDefinition;
  index: number;
  canRemove: boolean;
  onRemoved: () => void;
}) {
  const { t } = useTranslation();
  const { set, remove, append } = useEditor();
  const addTriggerRef = useRef<HTMLButtonElement>(null);
  const addActionRef = useRef<HTMLButtonElement>(null);
  const step: Step = definition.steps[index];
  const path = ['steps', index] as const;
  const triggersPath = [...path, 'triggers', 'triggers'] as const;
  const requires = requiresPreviousText(t, definition, index);

  const setEntry = (entry: Step['entry']) => {
    // A manual step has no conditions (the server requires it); an automatic one needs one.
    set([...path, 'entry'], entry);
    set(
      triggersPath,
      entry === 'manual' ? [] : step.triggers.triggers.length > 0 ? step.triggers.triggers : [newRateTrigger()],
    );
  };

  return (
    <fieldset className="step-editor card" id={fieldId(pointerOf(path))} tabIndex={-1}>
      <legend>{t('ladderView.stepHeading', { number: index + 1, name: step.name })}</legend>
      <PathProblems path={path} />
      <TextControl path={[...path, 'name']} label={t('ladderEditor.fields.name')} value={step.name} />
      <TextAreaControl
        path={[...path, 'description']}
        label={t('ladderEditor.fields.description')}
        value={step.description}
      />
      <SelectControl
        path={[...path, 'entry']}
        label={t('ladderEditor.fields.entry')}
        value={step.entry}
        options={(['automatic', 'manual'] as const).map((entry) => ({
          value: entry,
          label: t(`ladderEditor.entry.${entry}`),
        }))}
        onSelect={setEntry}
      />
      {step.entry === 'automatic' && (
        <>
          <SelectControl
            path={[...path, 'triggers', 'combine']}
            label={t('ladderEditor.fields.combine')}
            value={step.triggers.combine}
            options={(['any', 'all'] as const).map((c) => ({ value: c, label: t(`ladderEditor.combine.${c}`) }))}
          />
          <h4>{t('ladderEditor.triggersHeading')}</h4>
          <ol className="trigger-list">
            {step.triggers.triggers.map((trigger, i) => (
              <li key={i}>
                <TriggerEditor
                  path={[...triggersPath, i]}
                  trigger={trigger}
                  number={i + 1}
                  onRemove={() => {
                    remove([...triggersPath, i]);
                    focusSoon(addTriggerRef.current);
                  }}
                />
              </li>
            ))}
          </ol>
          <PathProblems path={triggersPath} />
          <button
            ref={addTriggerRef}
            type="button"
            className="button button-secondary button-small"
            onClick={() => append(triggersPath, newRateTrigger())}
          >
            {t('ladderEditor.addTrigger')}
          </button>
        </>
      )}
      {step.entry === 'manual' && (
        <>
          <p className="hint">{t('ladderText.entry.manual')}</p>
          <PathProblems path={triggersPath} />
        </>
      )}
      {requires && (
        <p className="hint">
          {requires} {t('ladderEditor.hints.jsonOnly')}
        </p>
      )}
      <PathProblems path={[...path, 'requiresPrevious']} />
      <h4>{t('ladderEditor.actionsHeading')}</h4>
      {step.actions.length === 0 ? (
        <p className="muted">{t('ladderView.none')}</p>
      ) : (
        <ol className="action-list">
          {step.actions.map((action, i) => (
            <li key={i}>
              <ActionEditor
                path={[...path, 'actions', i]}
                action={action}
                number={i + 1}
                onRemove={() => {
                  remove([...path, 'actions', i]);
                  focusSoon(addActionRef.current);
                }}
              />
            </li>
          ))}
        </ol>
      )}
      <button
        ref={addActionRef}
        type="button"
        className="button button-secondary button-small"
        onClick={() => append([...path, 'actions'], newTaskAction(t('ladderEditor.newTaskTitle')))}
      >
        {t('ladderEditor.addTask')}
      </button>
      <LinesControl
        path={[...path, 'responsibleRoles']}
        label={t('ladderEditor.fields.responsibleRoles')}
        hint={t('ladderEditor.hints.onePerLine')}
        value={step.responsibleRoles}
      />
      <LinesControl
        path={[...path, 'lawReferences']}
        label={t('ladderEditor.fields.lawReferences')}
        hint={t('ladderEditor.hints.onePerLine')}
        value={step.lawReferences}
      />
      {canRemove && (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            remove(['steps', index]);
            onRemoved();
          }}
        >
          {t('ladderEditor.removeStep', { number: index + 1 })}
        </button>
      )}
    </fieldset>
  );
}
