import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ExportResult } from '../../api/endpoints';
import { ErrorMessage } from '../../components/ErrorMessage';
import { JobProgress } from '../../components/JobProgress';
import { useBackgroundJob } from '../../hooks/useBackgroundJob';

const sizeOf = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} kB`
    : `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;

/** "Exportera allt": the full export as a background job with progress and a download link. */
export function ExportSection() {
  const { t } = useTranslation();
  const ids = { heading: useId(), cases: useId(), warning: useId() };
  const job = useBackgroundJob<ExportResult>();
  const [includeCases, setIncludeCases] = useState(true);
  const [status, setStatus] = useState('');

  const handleStart = async () => {
    setStatus(t('dataAccess.exportRunning'));
    const result = await job.start(() => api.startExport({ includeCases }));
    setStatus(result ? t('dataAccess.exportDone', { size: sizeOf(result.bytes) }) : '');
  };

  return (
    <section aria-labelledby={ids.heading} className="page-section">
      <h2 id={ids.heading}>{t('dataAccess.exportHeading')}</h2>
      <p>{t('dataAccess.exportIntro')}</p>
      <p className="hint">{t('dataAccess.protectedNote')}</p>
      <div className="field field-checkbox">
        <input
          id={ids.cases}
          type="checkbox"
          checked={includeCases}
          onChange={(event) => setIncludeCases(event.target.checked)}
          aria-describedby={includeCases ? ids.warning : undefined}
        />
        <label htmlFor={ids.cases}>{t('dataAccess.includeCases')}</label>
      </div>
      {includeCases && (
        <p id={ids.warning} className="message message-error">
          <strong>{t('dataAccess.casesWarning')}</strong>
        </p>
      )}
      <button type="button" className="button" onClick={() => void handleStart()} disabled={job.isRunning}>
        {job.isRunning ? t('dataAccess.exportRunning') : t('dataAccess.startExport')}
      </button>
      {job.isRunning && <JobProgress label={t('dataAccess.exportProgress')} progress={job.progress} />}
      <p
        role="status"
        aria-live="polite"
        className={status ? `message ${job.isRunning ? 'message-info' : 'message-success'}` : 'live-empty'}
      >
        {status}
      </p>
      {job.result && (
        <p>
          <a href={job.result.downloadPath} download>
            {t('dataAccess.download', { fileName: job.result.fileName })}
          </a>
        </p>
      )}
      {job.error !== null && <ErrorMessage error={job.error} />}
    </section>
  );
}
