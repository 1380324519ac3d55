import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionPolicyResponse, RetentionPreviewResponse } from '@shared/schemas/retention';
import { api } from '../api/endpoints';
import { ApiError } from '../api/client';
import { useApiQuery } from '../hooks/useApiQuery';
import { Page } from '../components/Page';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { LiveStatus } from '../components/LiveStatus';
import { RetentionPolicyForm } from '../features/retention/RetentionPolicyForm';
import { formatLongDate } from '../lib/format';

/** Gallring: the organiser's retention periods, what the next nightly run removes, and a run now. */
export default function RetentionRoute() {
  const { t, i18n } = useTranslation();
  const policy = useApiQuery<RetentionPolicyResponse>(api.retentionPolicyPath());
  const preview = useApiQuery<RetentionPreviewResponse>(api.retentionPreviewPath());
  const [isRunning, setIsRunning] = useState(false);
  const [runError, setRunError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');

  const run = async () => {
    if (!window.confirm(t('retention.confirmRun'))) return;
    setIsRunning(true);
    setRunError(null);
    try {
      const result = await api.runRetention();
      const total = Object.values(result.counts).reduce((sum, n) => sum + n, 0);
      setStatus(t('retention.ran', { count: total }));
      preview.reload();
    } catch (caught) {
      setRunError(caught instanceof ApiError ? caught : new ApiError(0, 'UNKNOWN', String(caught)));
    } finally {
      setIsRunning(false);
    }
  };

  return (
    <Page title={t('retention.title')}>
      <p>{t('retention.intro')}</p>
      <section aria-labelledby="retention-policy-heading" className="page-section">
        <h2 id="retention-policy-heading">{t('retention.policyHeading')}</h2>
        {policy.error && <ErrorMessage error={policy.error} onRetry={policy.reload} />}
        {!policy.data && !policy.error && <Loading />}
        {policy.data && (
          <RetentionPolicyForm
            policy={policy.data}
            onSaved={(next) => {
              policy.setData(next);
              preview.reload();
            }}
          />
        )}
      </section>
      <section aria-labelledby="retention-preview-heading" className="page-section">
        <h2 id="retention-preview-heading">{t('retention.previewHeading')}</h2>
        {preview.error && <ErrorMessage error={preview.error} onRetry={preview.reload} />}
        {!preview.data && !preview.error && <Loading />}
        {preview.data && (
          <table className="data-table">
            <caption>
              {t('retention.previewCaption', { date: formatLongDate(preview.data.today, i18n.language) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('retention.step')}</th>
                <th scope="col" className="numeric">
                  {t('retention.rows')}
                </th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(preview.data.counts).map(([step, count]) => (
                <tr key={step}>
                  <th scope="row">{t(`retention.steps.${step}`)}</th>
                  <td className="numeric">{count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {runError && <ErrorMessage error={runError} />}
        <button type="button" className="button button-secondary" onClick={run} disabled={isRunning}>
          {t('retention.runNow')}
        </button>
        <LiveStatus message={status} tone="success" />
      </section>
    </Page>
  );
}
