import { useTranslation } from 'react-i18next';
import type { Action } from '@shared/ladders/format';
import { fieldId, pointerOf, type Path } from '../editor';
import { actionText } from '../ladderText';
import { NumberControl, PathProblems, SelectControl, TextControl } from './editorFields';

const TASK_ROLES = ['mentor', 'studentHealth', 'principal', 'organiserAdmin'] as const;

/** One action of a step: a task (role, title, days to due date), a message, a notice or a case. */
export function ActionEditor({
  path,
  action,
  number,
  onRemove,
}: {
  path: Path;
  action: Action;
  number: number;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="action-editor" id={fieldId(pointerOf(path))} tabIndex={-1}>
      <legend>{t('ladderEditor.actionLegend', { number, kind: t(`ladderEditor.actionKinds.${action.kind}`) })}</legend>
      <p className="trigger-summary">{actionText(t, action)}</p>
      <PathProblems path={path} />
      {action.kind === 'task' && (
        <>
          <TextControl path={[...path, 'title']} label={t('ladderEditor.fields.title')} value={action.title} />
          <div className="field-row">
            <SelectControl
              path={[...path, 'role']}
              label={t('ladderEditor.fields.role')}
              value={action.role}
              options={TASK_ROLES.map((role) => ({ value: role, label: t(`ladderEditor.roles.${role}`) }))}
            />
            <NumberControl
              path={[...path, 'dueDays']}
              label={t('ladderEditor.fields.dueDays')}
              value={action.dueDays}
              min={0}
              max={730}
            />
          </div>
        </>
      )}
      {(action.kind === 'guardianMessage' || action.kind === 'organiserNotice') && (
        <TextControl
          path={[...path, 'templateKey']}
          label={t('ladderEditor.fields.templateKey')}
          value={action.templateKey}
          hint={t('ladderEditor.hints.key')}
        />
      )}
      {action.kind === 'openCase' && (
        <SelectControl
          path={[...path, 'caseKind']}
          label={t('ladderEditor.fields.caseKind')}
          value={action.caseKind}
          options={(['investigation', 'case'] as const).map((kind) => ({
            value: kind,
            label: t(`ladderText.actions.openCase.${kind}`),
          }))}
        />
      )}
      <button type="button" className="button button-secondary button-small" onClick={onRemove}>
        {t('ladderEditor.removeAction')}
        <span className="visually-hidden"> {number}</span>
      </button>
    </fieldset>
  );
}
