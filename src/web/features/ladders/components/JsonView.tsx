import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LadderDefinition } from '@shared/ladders/format';
import { formShapeProblem } from '../editor';

const pretty = (definition: LadderDefinition) => JSON.stringify(definition, null, 2);

/**
 * The draft as JSON (the ladder file format), behind a disclosure. Edits here replace the form's
 * definition when applied; a syntax or shape problem is shown and nothing changes.
 */
export function JsonView({
  definition,
  onApply,
}: {
  definition: LadderDefinition;
  onApply: (definition: LadderDefinition) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(() => pretty(definition));
  const [isEdited, setIsEdited] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!isEdited) setText(pretty(definition));
  }, [definition, isEdited]);

  const handleApply = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      setProblem(t('ladderEditor.json.syntax', { message: error instanceof Error ? error.message : String(error) }));
      return;
    }
    const shape = formShapeProblem(parsed);
    if (shape) {
      setProblem(t(shape));
      return;
    }
    setProblem(null);
    setIsEdited(false);
    onApply(parsed as LadderDefinition);
  };

  const handleReset = () => {
    setProblem(null);
    setIsEdited(false);
    setText(pretty(definition));
  };

  return (
    <details className="disclosure json-view">
      <summary>{t('ladderEditor.json.summary')}</summary>
      <div className="field">
        <label htmlFor={`${id}-json`}>{t('ladderEditor.json.label')}</label>
        <textarea
          id={`${id}-json`}
          className="json-text"
          rows={20}
          spellCheck={false}
          value={text}
          aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ''}`}
          aria-invalid={problem ? true : undefined}
          onChange={(event) => {
            setText(event.target.value);
            setIsEdited(true);
          }}
        />
        <p id={`${id}-hint`} className="hint">
          {t('ladderEditor.json.hint')}
        </p>
        {problem && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {problem}
          </p>
        )}
      </div>
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={handleApply} disabled={!isEdited}>
          {t('ladderEditor.json.apply')}
        </button>
        <button type="button" className="button button-secondary" onClick={handleReset} disabled={!isEdited}>
          {t('ladderEditor.json.reset')}
        </button>
      </div>
    </details>
  );
}
