import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { api, type ImportReport } from '../../../api/endpoints';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { formatPercent } from '../../../lib/format';
import { checkFiles, IMPORT_FILE_NAMES } from '../files';

type Phase = 'idle' | 'uploading' | 'processing';

/** A rejected import answers 422 with the report in `details`. */
function reportOf(error: unknown): ImportReport | null {
  if (!(error instanceof ApiError) || typeof error.details !== 'object' || error.details === null) return null;
  const details = error.details as Partial<ImportReport>;
  return details.status && Array.isArray(details.problems) ? (details as ImportReport) : null;
}

/** File picker for the SS12000 export and the upload with a progress bar; hands the report to `onReport`. */
export function ImportForm({ onReport }: { onReport: (report: ImportReport) => void }) {
  const { t, i18n } = useTranslation();
  const [files, setFiles] = useState<File[]>([]);
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const { known, unknown, missing } = checkFiles(files);

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (known.length === 0) {
      setError(t('import.noFiles'));
      return;
    }
    const form = new FormData();
    for (const file of known) form.append(file.name, file, file.name);
    setProgress(0);
    setPhase('uploading');
    try {
      const report = await api.uploadImport(form, (share) => {
        setProgress(share);
        if (share >= 1) setPhase('processing');
      });
      onReport(report);
    } catch (caught) {
      const report = reportOf(caught);
      if (report) onReport(report);
      else setError(caught);
    } finally {
      setPhase('idle');
    }
  };

  const isBusy = phase !== 'idle';
  return (
    <form
      className="form card"
      onSubmit={(event) => void handleSubmit(event)}
      noValidate
      aria-labelledby="import-form-heading"
    >
      <h2 id="import-form-heading">{t('import.formHeading')}</h2>
      <div className="field">
        <label htmlFor="import-files">{t('import.files')}</label>
        <input
          id="import-files"
          type="file"
          multiple
          accept=".json,application/json"
          aria-describedby="import-files-hint"
          disabled={isBusy}
          onChange={(event) => setFiles([...(event.target.files ?? [])])}
        />
        <p id="import-files-hint" className="hint">
          {t('import.filesHint', { names: IMPORT_FILE_NAMES.join(', ') })}
        </p>
      </div>
      {files.length > 0 && (
        <div className="import-selection">
          <p>{t('import.selected', { count: known.length })}</p>
          {unknown.length > 0 && (
            <p className="field-error">{t('import.unknownFiles', { names: unknown.map((f) => f.name).join(', ') })}</p>
          )}
          {missing.length > 0 && <p className="hint">{t('import.missingFiles', { names: missing.join(', ') })}</p>}
        </div>
      )}
      {error !== null && <ErrorMessage error={error} />}
      <button type="submit" className="button button-primary" disabled={isBusy}>
        {t('import.upload')}
      </button>
      {phase === 'uploading' && (
        <div className="import-progress">
          <label htmlFor="import-progress-bar">{t('import.uploading')}</label>
          <progress id="import-progress-bar" max={1} value={progress}>
            {formatPercent(progress, i18n.language, 0)}
          </progress>
          <span aria-hidden="true">{formatPercent(progress, i18n.language, 0)}</span>
        </div>
      )}
      {/* Only the phase is announced; the bar itself is read on demand, not at every percent. */}
      <p role="status" className="import-phase">
        {phase === 'uploading' ? t('import.uploadStarted') : phase === 'processing' ? t('import.processing') : ''}
      </p>
    </form>
  );
}
