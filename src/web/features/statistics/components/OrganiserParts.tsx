import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Period, type SharingResponse } from '../../../api/endpoints';
import { ApiError } from '../../../api/client';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { LiveStatus } from '../../../components/LiveStatus';
import { Loading } from '../../../components/Loading';
import { formatDateTime } from '../../../lib/format';

/** "Nämndrapport (PDF)": a textarea for the administrator's text and a download link carrying it. */
export function BoardReportLink({ period }: { period: Period }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  return (
    <div className="board-report">
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('statistics.boardReport.textLabel')}</label>
        <textarea id={`${id}-text`} rows={4} maxLength={4000} value={text} aria-describedby={`${id}-hint`}
          onChange={(event) => setText(event.target.value)} />
        <p className="hint" id={`${id}-hint`}>{t('statistics.boardReport.hint')}</p>
      </div>
      <a className="button button-secondary" href={api.boardReportUrl(period, text.trim() || undefined)} download>
        {t('statistics.boardReport.link')}
      </a>
    </div>
  );
}

/** Regional sharing on or off, with a confirm step before the change. */
export function SharingToggle() {
  const { t, i18n } = useTranslation();
  const query = useApiQuery<SharingResponse>(api.statisticsSharingPath());
  const [isConfirming, setIsConfirming] = useState(false);
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');
  if (query.error) return <ErrorMessage error={query.error} onRetry={query.reload} />;
  if (!query.data) return <Loading />;
  const { isShared, changedAt } = query.data;

  const save = async () => {
    setIsSaving(true);
    setError(null);
    try {
      const result = await api.setStatisticsSharing(!isShared);
      query.setData(result);
      setStatus(t(result.isShared ? 'statistics.sharing.savedShared' : 'statistics.sharing.savedNotShared'));
      setIsConfirming(false);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'UNKNOWN', String(caught)));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <div className="sharing">
      <p>
        {t(isShared ? 'statistics.sharing.shared' : 'statistics.sharing.notShared')}
        {changedAt && <> <span className="muted">{t('statistics.sharing.changedAt', { date: formatDateTime(changedAt, i18n.language) })}</span></>}
      </p>
      {error && <ErrorMessage error={error} />}
      {!isConfirming ? (
        <button type="button" className="button button-secondary" onClick={() => { setStatus(''); setIsConfirming(true); }}>
          {t(isShared ? 'statistics.sharing.stop' : 'statistics.sharing.start')}
        </button>
      ) : (
        <div className="card confirm" role="group" aria-label={t('statistics.sharing.heading')}>
          <p>{t(isShared ? 'statistics.sharing.confirmStop' : 'statistics.sharing.confirmStart')}</p>
          <div className="toolbar">
            <button type="button" className="button button-primary" disabled={isSaving} onClick={() => void save()}>{t('statistics.sharing.confirm')}</button>
            <button type="button" className="button button-secondary" disabled={isSaving} onClick={() => setIsConfirming(false)}>{t('statistics.sharing.cancel')}</button>
          </div>
        </div>
      )}
      <LiveStatus message={status} />
    </div>
  );
}
