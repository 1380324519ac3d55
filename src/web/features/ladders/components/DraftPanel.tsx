import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LadderDefinition } from '@shared/ladders/format';
import type { LadderVersionSummary } from '@shared/schemas/ladders';
import { api, type PreviewResponse } from '../../../api/endpoints';
import { useApiQuery } from '../../../hooks/useApiQuery';
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
  onSaved: (created: { id: string; version: number }) => void;
  onPublished: (version: LadderVersionSummary, effectiveFrom: string) => void;
}

/**
 * A draft version: edit it (a save makes a new draft version — versions are never changed),
 * preview who would be on which step today, publish it, or export it as a file.
 */
export function DraftPanel({ version, current, onSaved, onPublished }: DraftPanelProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [definition, setDefinition] = useState<LadderDefinition>(() => definitionOf(version));
  const [effectiveFrom, setEffectiveFrom] = useState(version.effectiveFrom);
  const [isDefinitionEdited, setIsDefinitionEdited] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [publishError, setPublishError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'saving' | 'publishing' | null>(null);
  const [isPreviewRequested, setIsPreviewRequested] = useState(false);
  const [isConfirming, setIsConfirming] = useState(false);
  const publishRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const previewHeadingRef = useRef<HTMLHeadingElement>(null);
  const preview = useApiQuery<PreviewResponse>(isPreviewRequested ? api.ladderPreviewPath(version.id) : null);

  const isDirty = isDefinitionEdited || effectiveFrom !== version.effectiveFrom;
  const isDateValid = DATE.test(effectiveFrom);
  const problems = ladderProblemsOf(saveError);
  const problemMap = problemsByPointer(problems);

  useEffect(() => {
    if (isConfirming) confirmRef.current?.focus();
  }, [isConfirming]);

  const handleChange = useCallback((update: (current: LadderDefinition) => LadderDefinition) => {
    setDefinition(update);
    setIsDefinitionEdited(true);
  }, []);

  const handleSave = async () => {
    setSaveError(null);
    if (!isDateValid) return;
    setBusy('saving');
    try {
      onSaved(await api.saveLadderVersion({ schoolUnitId: version.schoolUnitId, definition, effectiveFrom, publish: false }));
    } catch (caught) {
      setSaveError(caught);
    } finally {
      setBusy(null);
    }
  };

  const handlePreview = () => {
    if (isPreviewRequested) preview.reload();
    else setIsPreviewRequested(true);
    requestAnimationFrame(() => previewHeadingRef.current?.focus());
  };

  const handlePublish = async () => {
    setPublishError(null);
    setBusy('publishing');
    try {
      await api.publishLadderVersion(version.id, effectiveFrom);
      setIsConfirming(false);
      onPublished(version, effectiveFrom);
    } catch (caught) {
      setPublishError(caught);
    } finally {
      setBusy(null);
    }
  };

  const cancelConfirm = () => {
    setIsConfirming(false);
    requestAnimationFrame(() => publishRef.current?.focus());
  };

  return (
    <>
      <p>{t('ladderDraft.intro', { created: formatDateTime(version.createdAt, i18n.language) })}</p>
      <div className="field field-date">
        <label htmlFor={`${id}-date`}>{t('ladderCreate.effectiveFrom')}</label>
        <input id={`${id}-date`} type="date" value={effectiveFrom} onChange={(event) => setEffectiveFrom(event.target.value)}
          aria-invalid={!isDateValid || undefined} aria-describedby={!isDateValid ? `${id}-date-error` : undefined} />
        {!isDateValid && <p id={`${id}-date-error`} className="field-error">{t('ladderCreate.problems.date')}</p>}
      </div>
      {isDirty && <p className="message message-info">{t('ladderDraft.unsaved')}</p>}
      {problems.length > 0
        ? <LadderProblems message={t('ladderDraft.saveRejected')} problems={problems} definition={definition} linkToFields />
        : saveError !== null && <ErrorMessage error={saveError} />}
      {publishError !== null && <ErrorMessage error={publishError} />}
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={() => void handleSave()} disabled={!isDirty || busy !== null || !isDateValid}>
          {busy === 'saving' ? t('ladderDraft.saving') : t('ladderDraft.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={handlePreview} disabled={isDirty || preview.isLoading}
          aria-describedby={isDirty ? `${id}-dirty` : undefined}>
          {t('ladderDraft.preview')}
        </button>
        <button ref={publishRef} type="button" className="button button-primary" onClick={() => setIsConfirming(true)}
          disabled={isDirty || busy !== null || isConfirming} aria-describedby={isDirty ? `${id}-dirty` : undefined}>
          {t('ladderDraft.publish')}
        </button>
        <a className="button button-link" href={api.ladderExportUrl(version.id)} download>{t('ladderDraft.export')}</a>
      </div>
      {isDirty && <p id={`${id}-dirty`} className="hint">{t('ladderDraft.saveFirst')}</p>}
      {isConfirming && (
        <div className="card confirm-panel" role="group" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`} className="message-title">
            {t('ladderDraft.confirm', { version: version.version, date: formatShortDate(effectiveFrom, i18n.language) })}
          </p>
          <div className="button-row">
            <button ref={confirmRef} type="button" className="button button-primary" onClick={() => void handlePublish()} disabled={busy !== null}>
              {busy === 'publishing' ? t('ladderDraft.publishing') : t('ladderDraft.confirmYes')}
            </button>
            <button type="button" className="button button-secondary" onClick={cancelConfirm} disabled={busy !== null}>{t('ladderDraft.confirmNo')}</button>
          </div>
        </div>
      )}
      {isPreviewRequested && (
        <section aria-labelledby={`${id}-preview`} aria-busy={preview.isLoading} className="page-section">
          <h3 id={`${id}-preview`} ref={previewHeadingRef} tabIndex={-1}>{t('ladderPreview.heading')}</h3>
          <p role="status" className={preview.isLoading ? 'loading' : 'visually-hidden'}>
            {preview.isLoading ? t('ladderPreview.loading') : preview.data ? t('ladderPreview.ready') : ''}
          </p>
          {preview.error ? <ErrorMessage error={preview.error} onRetry={preview.reload} />
            : preview.data && !preview.isLoading && <PreviewTable preview={preview.data} draft={definitionOf(version)} current={current} />}
        </section>
      )}
      <h3>{t('ladderDraft.editHeading')}</h3>
      <LadderEditor definition={definition} onChange={handleChange} problems={problemMap} />
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={() => void handleSave()} disabled={!isDirty || busy !== null || !isDateValid}>
          {busy === 'saving' ? t('ladderDraft.saving') : t('ladderDraft.save')}
        </button>
      </div>
    </>
  );
}
