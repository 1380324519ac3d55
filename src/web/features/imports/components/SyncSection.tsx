import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type SyncSettings } from '../../../api/endpoints';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { LiveStatus } from '../../../components/LiveStatus';
import { formatDateTime } from '../../../lib/format';
import { ImportReportView } from './ImportReportView';

/** While a "Synka nu" run is under way, the settings are read again this often. */
const POLL_MS = 2000;

/**
 * The SS12000 sync the system administrator sets up: connection (the secret is sent, never shown),
 * nightly time or off, "Synka nu", and the last run with its report.
 */
export function SyncSection() {
  const { t } = useTranslation();
  const query = useApiQuery<{ settings: SyncSettings | null }>(api.syncSettingsPath());
  return (
    <section aria-labelledby="sync-heading" className="page-section">
      <h2 id="sync-heading">{t('importSync.heading')}</h2>
      <p>{t('importSync.intro')}</p>
      {query.error ? (
        <ErrorMessage error={query.error} onRetry={query.reload} />
      ) : !query.data ? (
        <Loading />
      ) : (
        <SyncForm settings={query.data.settings} onChanged={query.reload} />
      )}
    </section>
  );
}

function SyncForm({ settings, onChanged }: { settings: SyncSettings | null; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const [baseUrl, setBaseUrl] = useState(settings?.baseUrl ?? '');
  const [tokenUrl, setTokenUrl] = useState(settings?.tokenUrl ?? '');
  const [clientId, setClientId] = useState(settings?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [authMethod, setAuthMethod] = useState<'body' | 'basic'>(settings?.authMethod ?? 'body');
  const [isScheduled, setIsScheduled] = useState(settings?.scheduleTime !== null && settings !== null);
  const [scheduleTime, setScheduleTime] = useState(settings?.scheduleTime ?? '02:30');
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [waitingSince, setWaitingSince] = useState<string | null | undefined>(undefined);

  // Polls until the background run leaves a newer report.
  const isWaiting = waitingSince !== undefined && settings?.lastRunAt === waitingSince;
  useEffect(() => {
    if (!isWaiting) return undefined;
    const timer = setInterval(onChanged, POLL_MS);
    return () => clearInterval(timer);
  }, [isWaiting, onChanged]);

  const handleSave = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await api.saveSyncSettings({
        baseUrl: baseUrl.trim(),
        tokenUrl: tokenUrl.trim(),
        clientId: clientId.trim(),
        authMethod,
        scheduleTime: isScheduled ? scheduleTime : null,
        ...(clientSecret ? { clientSecret } : {}),
      });
      setClientSecret('');
      setStatus(t('importSync.saved'));
      onChanged();
    } catch (caught) {
      setError(caught);
    }
  };

  const handleSyncNow = async () => {
    setError(null);
    try {
      await api.startSync();
      setWaitingSince(settings?.lastRunAt ?? null);
      setStatus(t('importSync.started'));
    } catch (caught) {
      setError(caught);
    }
  };

  const report = settings?.lastReport ?? null;
  return (
    <>
      <form className="form card" onSubmit={(event) => void handleSave(event)} aria-labelledby="sync-form-heading">
        <h3 id="sync-form-heading">{t('importSync.heading')}</h3>
        <div className="field">
          <label htmlFor="sync-base-url">{t('importSync.baseUrl')}</label>
          <input
            id="sync-base-url"
            type="url"
            required
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
            aria-describedby="sync-base-url-hint"
          />
          <p id="sync-base-url-hint" className="hint">
            {t('importSync.baseUrlHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="sync-token-url">{t('importSync.tokenUrl')}</label>
          <input
            id="sync-token-url"
            type="url"
            required
            value={tokenUrl}
            onChange={(e) => setTokenUrl(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="sync-client-id">{t('importSync.clientId')}</label>
          <input
            id="sync-client-id"
            type="text"
            required
            autoComplete="off"
            value={clientId}
            onChange={(e) => setClientId(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="sync-client-secret">{t('importSync.clientSecret')}</label>
          <input
            id="sync-client-secret"
            type="password"
            autoComplete="new-password"
            value={clientSecret}
            required={!settings?.hasSecret}
            onChange={(e) => setClientSecret(e.target.value)}
            aria-describedby="sync-client-secret-hint"
          />
          <p id="sync-client-secret-hint" className="hint">
            {t(settings?.hasSecret ? 'importSync.secretStored' : 'importSync.secretMissing')}
          </p>
        </div>
        <fieldset className="field">
          <legend>{t('importSync.authMethod')}</legend>
          <label>
            <input
              type="radio"
              name="sync-auth"
              checked={authMethod === 'body'}
              onChange={() => setAuthMethod('body')}
            />{' '}
            {t('importSync.authBody')}
          </label>
          <label>
            <input
              type="radio"
              name="sync-auth"
              checked={authMethod === 'basic'}
              onChange={() => setAuthMethod('basic')}
            />{' '}
            {t('importSync.authBasic')}
          </label>
        </fieldset>
        <div className="field">
          <label>
            <input type="checkbox" checked={isScheduled} onChange={(e) => setIsScheduled(e.target.checked)} />{' '}
            {t('importSync.schedule')}
          </label>
          {isScheduled && (
            <>
              <label htmlFor="sync-time">{t('importSync.scheduleTime')}</label>
              <input
                id="sync-time"
                type="time"
                required
                value={scheduleTime}
                onChange={(e) => setScheduleTime(e.target.value)}
              />
            </>
          )}
        </div>
        {error !== null && <ErrorMessage error={error} />}
        <div className="button-row">
          <button type="submit" className="button button-primary">
            {t('importSync.save')}
          </button>
          <button
            type="button"
            className="button"
            disabled={!settings?.hasSecret || isWaiting}
            onClick={() => void handleSyncNow()}
          >
            {isWaiting ? t('importSync.running') : t('importSync.syncNow')}
          </button>
        </div>
      </form>
      <LiveStatus message={status} tone="info" />
      <h3>{t('importSync.lastRun')}</h3>
      {!report || !settings?.lastRunAt ? (
        <p>{t('importSync.never')}</p>
      ) : (
        <div>
          <p>
            {t('importSync.lastRunAt', {
              time: formatDateTime(settings.lastRunAt, i18n.language),
              mode: t(report.mode === 'incremental' ? 'importSync.modeIncremental' : 'importSync.modeFull'),
            })}{' '}
            {t(`importSync.status.${report.status}`)}
          </p>
          {report.error && <p role="alert">{report.error.message}</p>}
          <table>
            <caption>{t('importSync.fetchedCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('importSync.entity')}</th>
                <th scope="col">{t('importSync.records')}</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(report.fetched).map(([entity, records]) => (
                <tr key={entity}>
                  <th scope="row">{t(`import.kinds.${entity}`, { defaultValue: entity })}</th>
                  <td>{records}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.import && <ImportReportView report={report.import} />}
        </div>
      )}
    </>
  );
}
