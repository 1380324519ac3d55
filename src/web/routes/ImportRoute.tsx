import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ImportReport } from '../api/endpoints';
import { useApiQuery } from '../hooks/useApiQuery';
import { Page } from '../components/Page';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { LiveStatus } from '../components/LiveStatus';
import { ImportForm } from '../features/imports/components/ImportForm';
import { ImportReportView } from '../features/imports/components/ImportReportView';
import { ImportHistory } from '../features/imports/components/ImportHistory';
import { SyncSection } from '../features/imports/components/SyncSection';

/** Import: upload an SS12000 export, read the report, and see earlier imports. */
export default function ImportRoute() {
  const { t } = useTranslation();
  const [report, setReport] = useState<ImportReport | null>(null);
  const history = useApiQuery(api.importsPath());

  const handleReport = (next: ImportReport) => {
    setReport(next);
    history.reload();
  };

  return (
    <Page title={t('import.title')}>
      <p>{t('import.intro')}</p>
      <ImportForm onReport={handleReport} />
      <LiveStatus
        message={
          report
            ? t(report.status === 'applied' ? 'import.announceApplied' : 'import.announceRejected', {
                count: report.problems.length,
              })
            : ''
        }
        tone={report?.status === 'applied' ? 'success' : 'info'}
      />
      <section aria-labelledby="import-result-heading" className="page-section">
        <h2 id="import-result-heading">{t('import.resultHeading')}</h2>
        {report ? <ImportReportView report={report} /> : <p>{t('import.noResult')}</p>}
      </section>
      <SyncSection />
      <section aria-labelledby="import-history-heading" className="page-section">
        <h2 id="import-history-heading">{t('import.history.heading')}</h2>
        {history.error ? (
          <ErrorMessage error={history.error} onRetry={history.reload} />
        ) : !history.data ? (
          <Loading />
        ) : (
          <ImportHistory imports={history.data.imports} />
        )}
      </section>
    </Page>
  );
}
