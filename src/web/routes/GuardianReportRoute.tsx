import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../api/endpoints';
import { GUARDIAN_NAV_PATHS } from '../auth/navigation';
import { LiveStatus } from '../components/LiveStatus';
import { PortalPage } from '../features/guardians/components/PortalPage';
import { ReportForm, emptyReport } from '../features/guardians/components/ReportForm';

/** Anmäl frånvaro: a new report for one or several children; the form starts over after sending. */
export default function GuardianReportRoute() {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const [generation, setGeneration] = useState(0);
  return (
    <PortalPage title={t('guardianPortal.report.title')}>
      {(overview, reload) => (
        <>
          <p>{t('guardianPortal.report.intro')}</p>
          <LiveStatus message={status} />
          {status && <p><Link to={GUARDIAN_NAV_PATHS.reports}>{t('guardianPortal.report.seeReports')}</Link></p>}
          <ReportForm key={generation} overview={overview} initial={emptyReport(overview.today)} withChildren
            submitLabel={t('guardianPortal.report.submit')}
            onSubmit={async (body, pupilIds) => {
              await api.reportGuardianAbsence({ ...body, pupilIds });
              setStatus(t('guardianPortal.report.saved', { count: pupilIds.length }));
              setGeneration((g) => g + 1);
              reload();
            }} />
        </>
      )}
    </PortalPage>
  );
}
