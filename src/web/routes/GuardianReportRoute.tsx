import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ChangeReportRequest } from '@shared/schemas/guardians';
import { api } from '../api/endpoints';
import { GUARDIAN_NAV_PATHS } from '../auth/navigation';
import { PortalPage } from '../features/guardians/components/PortalPage';
import { ReportForm, emptyReport } from '../features/guardians/components/ReportForm';
import { childName } from '../features/guardians/overview';
import { formatShortDate } from '../lib/format';

interface Sent {
  names: string[];
  body: ChangeReportRequest;
}

/** The receipt in place of the form, focused so it is where the guardian is (on a phone too). */
function Receipt({ sent, onAgain }: { sent: Sent; onAgain: () => void }) {
  const { t, i18n } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
    headingRef.current?.scrollIntoView({ block: 'start' });
  }, []);
  const { body } = sent;
  const dates =
    body.fromDate === body.toDate
      ? formatShortDate(body.fromDate, i18n.language)
      : `${formatShortDate(body.fromDate, i18n.language)} – ${formatShortDate(body.toDate, i18n.language)}`;
  const extent =
    body.fromTime || body.toTime
      ? `${body.fromTime ?? ''}–${body.toTime ?? ''}`
      : t('guardianPortal.report.receipt.wholeDay');
  return (
    <section className="card message-success" aria-labelledby="report-receipt-heading">
      <h2 id="report-receipt-heading" ref={headingRef} tabIndex={-1}>
        {t('guardianPortal.report.saved', { count: sent.names.length })}
      </h2>
      <p>{t('guardianPortal.report.receipt.what', { names: sent.names.join(', '), dates, extent })}</p>
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={onAgain}>
          {t('guardianPortal.report.receipt.again')}
        </button>
        <Link to={GUARDIAN_NAV_PATHS.reports}>{t('guardianPortal.report.seeReports')}</Link>
      </div>
    </section>
  );
}

/** Anmäl frånvaro: a new report for one or several children; after sending, a receipt where the form was. */
export default function GuardianReportRoute() {
  const { t } = useTranslation();
  const [sent, setSent] = useState<Sent | null>(null);
  return (
    <PortalPage title={t('guardianPortal.report.title')}>
      {(overview, reload) => (
        <>
          <p>{t('guardianPortal.report.intro')}</p>
          {sent ? (
            <Receipt sent={sent} onAgain={() => setSent(null)} />
          ) : (
            <ReportForm
              overview={overview}
              initial={emptyReport(overview.today)}
              withChildren
              submitLabel={t('guardianPortal.report.submit')}
              onSubmit={async (body, pupilIds) => {
                await api.reportGuardianAbsence({ ...body, pupilIds });
                setSent({ names: pupilIds.map((id) => childName(overview, id)), body });
                reload();
              }}
            />
          )}
        </>
      )}
    </PortalPage>
  );
}
