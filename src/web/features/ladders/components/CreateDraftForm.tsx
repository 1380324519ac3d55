import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LaddersResponse, LadderVersionSummary } from '@shared/schemas/ladders';
import { api } from '../../../api/endpoints';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { formatShortDate } from '../../../lib/format';
import { LadderProblems, ladderProblemsOf } from './LadderProblems';

type Preset = LaddersResponse['presets'][number];

/** Where a new draft starts from: a preset by id, the version in force, or a ladder file. */
type Source = { kind: 'preset'; id: string } | { kind: 'current' } | { kind: 'file' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The first sentence of a preset's description (the rest is behind "Läs hela beskrivningen"). */
function firstSentence(text: string): string {
  const end = text.search(/[.!?](\s|$)/);
  return end < 0 ? text : text.slice(0, end + 1);
}

/**
 * "Nytt utkast": choose a preset (with its description), the version in force or a ladder file
 * (import), and the date it applies from; creates a draft version. Problems in an imported file
 * are listed with their place in the file.
 */
export function CreateDraftForm({
  labelledBy,
  presets,
  inForce,
  schoolUnitId,
  defaultDate,
  onCreated,
}: {
  /** Id of the heading that names the form. */
  labelledBy: string;
  presets: Preset[];
  inForce: LadderVersionSummary | null;
  schoolUnitId: string | null;
  defaultDate: string;
  onCreated: (created: { id: string; version: number }) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [source, setSource] = useState<Source>(() => ({ kind: 'preset', id: presets[0]?.id ?? '' }));
  const [effectiveFrom, setEffectiveFrom] = useState(defaultDate);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setIsSaving] = useState(false);
  const sourceValue = source.kind === 'preset' ? `preset:${source.id}` : source.kind;

  const readDefinition = async (): Promise<unknown> => {
    if (source.kind === 'current') return inForce?.definition;
    if (source.kind !== 'file') return undefined;
    if (!file) throw new Error(t('ladderCreate.problems.noFile'));
    try {
      return JSON.parse(await file.text()) as unknown;
    } catch {
      throw new Error(t('ladderCreate.problems.notJson', { name: file.name }));
    }
  };

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setError(null);
    if (!DATE.test(effectiveFrom)) {
      setProblem(t('ladderCreate.problems.date'));
      return;
    }
    let definition: unknown;
    try {
      definition = await readDefinition();
    } catch (caught) {
      setProblem(caught instanceof Error ? caught.message : String(caught));
      return;
    }
    setIsSaving(true);
    try {
      const created = await api.saveLadderVersion({
        schoolUnitId,
        effectiveFrom,
        publish: false,
        ...(source.kind === 'preset' ? { presetId: source.id } : { definition }),
      });
      onCreated(created);
    } catch (caught) {
      setError(caught);
    } finally {
      setIsSaving(false);
    }
  };

  const handleSource = (value: string) => {
    setProblem(null);
    if (value === 'current' || value === 'file') setSource({ kind: value });
    else setSource({ kind: 'preset', id: value.slice('preset:'.length) });
  };

  const fileProblems = ladderProblemsOf(error);
  return (
    <form className="form card" onSubmit={(event) => void handleSubmit(event)} noValidate aria-labelledby={labelledBy}>
      <p>{t('ladderCreate.intro')}</p>
      <fieldset className="choice-list">
        <legend>{t('ladderCreate.source')}</legend>
        {presets.map((preset) => (
          <div key={preset.id} className="choice">
            <input
              type="radio"
              id={`${id}-preset-${preset.id}`}
              name={`${id}-source`}
              value={`preset:${preset.id}`}
              checked={sourceValue === `preset:${preset.id}`}
              onChange={(event) => handleSource(event.target.value)}
              aria-describedby={`${id}-preset-${preset.id}-summary`}
            />
            <div className="choice-body">
              <label htmlFor={`${id}-preset-${preset.id}`}>{preset.name}</label>
              <p id={`${id}-preset-${preset.id}-summary`} className="hint">
                {firstSentence(preset.description)}
              </p>
              <details className="disclosure">
                <summary>
                  {t('ladderCreate.readDescription')}
                  <span className="visually-hidden">: {preset.name}</span>
                </summary>
                <p>{preset.description}</p>
              </details>
            </div>
          </div>
        ))}
        {inForce && (
          <div className="choice">
            <input
              type="radio"
              id={`${id}-current`}
              name={`${id}-source`}
              value="current"
              checked={sourceValue === 'current'}
              onChange={(event) => handleSource(event.target.value)}
            />
            <div className="choice-body">
              <label htmlFor={`${id}-current`}>
                {t('ladderCreate.current', { name: inForce.name, version: inForce.version })}
              </label>
            </div>
          </div>
        )}
        <div className="choice">
          <input
            type="radio"
            id={`${id}-file`}
            name={`${id}-source`}
            value="file"
            checked={sourceValue === 'file'}
            onChange={(event) => handleSource(event.target.value)}
          />
          <div className="choice-body">
            <label htmlFor={`${id}-file`}>{t('ladderCreate.file')}</label>
          </div>
        </div>
      </fieldset>
      {source.kind === 'file' && (
        <div className="field">
          <label htmlFor={`${id}-file-input`}>{t('ladderCreate.fileInput')}</label>
          <input
            id={`${id}-file-input`}
            type="file"
            accept=".json,application/json"
            aria-describedby={`${id}-file-hint`}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
          <p id={`${id}-file-hint`} className="hint">
            {t('ladderCreate.fileHint')}
          </p>
        </div>
      )}
      <div className="field field-date">
        <label htmlFor={`${id}-date`}>{t('ladderCreate.effectiveFrom')}</label>
        <input
          id={`${id}-date`}
          type="date"
          required
          value={effectiveFrom}
          onChange={(event) => setEffectiveFrom(event.target.value)}
          aria-describedby={`${id}-date-hint`}
        />
        <p id={`${id}-date-hint`} className="hint">
          {t('ladderCreate.effectiveFromHint', {
            date: DATE.test(defaultDate) ? formatShortDate(defaultDate, i18n.language) : defaultDate,
          })}
        </p>
      </div>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {error !== null &&
        (fileProblems.length > 0 ? (
          <LadderProblems
            message={t('ladderCreate.fileProblems')}
            problems={fileProblems}
            definition={null}
            linkToFields={false}
          />
        ) : (
          <ErrorMessage error={error} />
        ))}
      <button type="submit" className="button button-primary" disabled={isSaving}>
        {isSaving ? t('ladderCreate.saving') : t('ladderCreate.submit')}
      </button>
    </form>
  );
}
