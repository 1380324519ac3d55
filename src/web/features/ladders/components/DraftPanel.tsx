import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LadderDefinition } from '@shared/ladders/format';
import type { LadderVersionSummary } from '@shared/schemas/ladders';
import { api, type PreviewResponse } from '../../../api/endpoints';
import { useBackgroundJob } from '../../../hooks/useBackgroundJob';
import { JobProgress } from '../../../components/JobProgress';
import { useAuth } from '../../../auth/AuthContext';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { formatDateTime, formatShortDate } from '../../../lib/format';
import { problemsByPointer } from '../editor';
import { definitionOf } from '../versions';
import { LadderEditor } from './LadderEditor';
import { LadderProblems, ladderProblemsOf } from './LadderProblems';
import { PreviewTable } from './PreviewTable';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface DraftPanelProps {
  version: LadderVersionSummary;
  /** The version in force now, to name the steps pupils are on today. */
  current: LadderDefinition | null;
  /** The draft was changed in place (same version number). */
  onSaved: (version: LadderVersionSummary) => void;
  onPublished: (version: LadderVersionSummary, effectiveFrom: string) => void;
  onDiscarded: (version: LadderVersionSummary) => void;
}

type Confirming = 'publish' | 'discard' | null;

/**
 * A draft version: edit it (a save changes this draft; published versions never change),
 * preview who would be on which step today from the date in the editor, publish it, discard it
 * or export it as a file.
 */
export function DraftPanel({ version, current, onSaved, onPublished, onDiscarded }: DraftPanelProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [definition, setDefinition] = useState<LadderDefinition>(() => definitionOf(version));
  const [effectiveFrom, setEffectiveFrom] = useState(version.effectiveFrom);
  /** The effective date as last saved (the version prop lags until the list reloads). */
  const [savedEffectiveFrom, setSavedEffectiveFrom] = useState(version.effectiveFrom);
  const [isDefinitionEdited, setIsDefinitionEdited] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'saving' | 'publishing' | 'discarding' | null>(null);
  /** The effective date the preview was asked for (null = no preview yet). */
  const [previewDate, setPreviewDate] = useState<string | null>(null);
  const { me } = useAuth();
  const today = me?.today ?? new Date().toISOString().slice(0, 10);
  /** The day the preview shows (who would be on which step then). */
  const [asOf, setAsOf] = useState(today);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const publishRef = useRef<HTMLButtonElement>(null);
  const discardRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const previewHeadingRef = useRef<HTMLHeadingElement>(null);
  const preview = useBackgroundJob<PreviewResponse>();

  const isDateValid = DATE.test(effectiveFrom);
  const isAsOfValid = DATE.test(asOf) && asOf <= today;
  const isDirty = isDefinitionEdited || effectiveFrom !== savedEffectiveFrom;
  /** Preview and publish use the editor's date, but the saved definition. */
  const needsSave = isDefinitionEdited;
  const problems = ladderProblemsOf(saveError);
  const problemMap = problemsByPointer(problems);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const handleChange = useCallback((update: (current: LadderDefinition) => LadderDefinition) => {
    setDefinition(update);
    setIsDefinitionEdited(true);
  }, []);

  const handleSave = async () => {
    setSaveError(null);
    if (!isDateValid) return;
    setBusy('saving');
    try {
      await api.updateLadderDraft(version.id, { definition, effectiveFrom });
      setIsDefinitionEdited(false);
      setSavedEffectiveFrom(effectiveFrom);
      onSaved(version);
    } catch (caught) {
      setSaveError(caught);
    } finally {
      setBusy(null);
    }
  };

  const handlePreview = () => {
    setPreviewDate(effectiveFrom);
    void preview.start(() => api.startLadderPreview(version.id, { effectiveFrom, date: asOf }));
    requestAnimationFrame(() => previewHeadingRef.current?.focus());
  };

  const handleConfirmed = async () => {
    const action = confirming;
    if (!action) return;
    setActionError(null);
    setBusy(action === 'publish' ? 'publishing' : 'discarding');
    try {
      if (action === 'publish') await api.publishLadderVersion(version.id, effectiveFrom);
      else await api.deleteLadderDraft(version.id);
      setConfirming(null);
      if (action === 'publish') onPublished(version, effectiveFrom);
      else onDiscarded(version);
    } catch (caught) {
      setActionError(caught);
    } finally {
      setBusy(null);
    }
  };

  const cancelConfirm = () => {
    const back = confirming === 'discard' ? discardRef : publishRef;
    setConfirming(null);
    setActionError(null);
    requestAnimationFrame(() => back.current?.focus());
  };

  const saveButton = (className: string) => (
    <button
      type="button"
      className={`button ${className}`}
      onClick={() => void handleSave()}
      disabled={!isDirty || busy !== null || !isDateValid}
    >
      {busy === 'saving' ? t('ladderDraft.saving') : t('ladderDraft.save')}
    </button>
  );

  return (
    <>
      <p>{t('ladderDraft.intro', { created: formatDateTime(version.createdAt, i18n.language) })}</p>
      <div className="field field-date">
        <label htmlFor={`${id}-date`}>{t('ladderCreate.effectiveFrom')}</label>
        <input
          id={`${id}-date`}
          type="date"
          value={effectiveFrom}
          onChange={(event) => setEffectiveFrom(event.target.value)}
          aria-invalid={!isDateValid || undefined}
          aria-describedby={!isDateValid ? `${id}-date-error` : undefined}
        />
        {!isDateValid && (
          <p id={`${id}-date-error`} className="field-error">
            {t('ladderCreate.problems.date')}
          </p>
        )}
      </div>
      <div className="field field-date">
        <label htmlFor={`${id}-as-of`}>{t('ladderDraft.asOf')}</label>
        <input
          id={`${id}-as-of`}
          type="date"
          value={asOf}
          max={today}
          onChange={(event) => setAsOf(event.target.value)}
          aria-invalid={!isAsOfValid || undefined}
          aria-describedby={`${id}-as-of-hint${isAsOfValid ? '' : ` ${id}-as-of-error`}`}
        />
        <p id={`${id}-as-of-hint`} className="hint">
          {t('ladderDraft.asOfHint')}
        </p>
        {!isAsOfValid && (
          <p id={`${id}-as-of-error`} className="field-error">
            {t('ladderDraft.asOfInvalid')}
          </p>
        )}
      </div>
      {isDirty && (
        <p className="message message-info">{needsSave ? t('ladderDraft.unsaved') : t('ladderDraft.unsavedDate')}</p>
      )}
      {problems.length > 0 ? (
        <LadderProblems
          message={t('ladderDraft.saveRejected')}
          problems={problems}
          definition={definition}
          linkToFields
        />
      ) : (
        saveError !== null && <ErrorMessage error={saveError} />
      )}
      <div className="button-row">
        {saveButton('button-secondary')}
        <button
          type="button"
          className="button button-secondary"
          onClick={handlePreview}
          disabled={needsSave || preview.isRunning || !isDateValid || !isAsOfValid}
          aria-describedby={needsSave ? `${id}-dirty` : undefined}
        >
          {t('ladderDraft.preview')}
        </button>
        <button
          ref={publishRef}
          type="button"
          className="button button-primary"
          onClick={() => {
            setActionError(null);
            setConfirming('publish');
          }}
          disabled={needsSave || busy !== null || confirming !== null || !isDateValid}
          aria-describedby={needsSave ? `${id}-dirty` : undefined}
        >
          {t('ladderDraft.publish')}
        </button>
        <a className="button button-link" href={api.ladderExportUrl(version.id)} download>
          {t('ladderDraft.export')}
        </a>
        <button
          ref={discardRef}
          type="button"
          className="button button-secondary"
          onClick={() => {
            setActionError(null);
            setConfirming('discard');
          }}
          disabled={busy !== null || confirming !== null}
        >
          {t('ladderDraft.discard')}
        </button>
      </div>
      {needsSave && (
        <p id={`${id}-dirty`} className="hint">
          {t('ladderDraft.saveFirst')}
        </p>
      )}
      {confirming && (
        // biome-ignore lint/a11y/useSemanticElements: a fieldset's own layout does not fit here; the role names the group.
        <div className="card confirm-panel" role="group" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`} className="message-title">
            {confirming === 'publish'
              ? t('ladderDraft.confirm', {
                  version: version.version,
                  date: formatShortDate(effectiveFrom, i18n.language),
                })
              : t('ladderDraft.confirmDiscard', { version: version.version })}
          </p>
          {actionError !== null && <ErrorMessage error={actionError} />}
          <div className="button-row">
            <button
              ref={confirmRef}
              type="button"
              className="button button-primary"
              onClick={() => void handleConfirmed()}
              disabled={busy !== null}
            >
              {confirming === 'publish'
                ? busy === 'publishing'
                  ? t('ladderDraft.publishing')
                  : t('ladderDraft.confirmYes')
                : busy === 'discarding'
                  ? t('ladderDraft.discarding')
                  : t('ladderDraft.confirmDiscardYes')}
            </button>
            <button type="button" className="button button-secondary" onClick={cancelConfirm} disabled={busy !== null}>
              {t('ladderDraft.confirmNo')}
            </button>
          </div>
        </div>
      )}
      {previewDate && (
        <section aria-labelledby={`${id}-preview`} aria-busy={preview.isRunning} className="page-section">
          <h3 id={`${id}-preview`} ref={previewHeadingRef} tabIndex={-1}>
            {t('ladderPreview.heading')}
          </h3>
          <p role="status" className={preview.isRunning ? 'loading' : 'visually-hidden'}>
            {preview.isRunning ? t('ladderPreview.loading') : preview.result ? t('ladderPreview.ready') : ''}
          </p>
          {preview.isRunning && <JobProgress label={t('ladderPreview.progress')} progress={preview.progress} />}
          {preview.error !== null ? (
            <ErrorMessage error={preview.error} onRetry={handlePreview} />
          ) : (
            preview.result &&
            !preview.isRunning && (
              <PreviewTable
                preview={preview.result}
                effectiveFrom={previewDate}
                draft={definitionOf(version)}
                current={current}
              />
            )
          )}
        </section>
      )}
      <h3>{t('ladderDraft.editHeading')}</h3>
      <LadderEditor definition={definition} onChange={handleChange} problems={problemMap} />
      <div className="button-row">{saveButton('button-primary')}</div>
    </>
  );
}
