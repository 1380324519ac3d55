import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type GuardianOverview } from '../api/endpoints';
import { Badge } from '../components/Badge';
import { ErrorMessage } from '../components/ErrorMessage';
import { PortalPage } from '../features/guardians/components/PortalPage';
import { ReportForm } from '../features/guardians/components/ReportForm';
import { childName } from '../features/guardians/overview';
import { reportFields } from '../features/guardians/portalDates';
import { DoneMessage } from '../features/guardians/components/DoneMessage';
import { ReportPeriodText } from '../features/guardians/components/ReportPeriodText';

type Report = GuardianOverview['reports'][number];
/** What was just done, shown on the card it concerns (the changed report's new card), where the user is. */
interface Done {
  reportId: string;
  message: string;
}

/** One report: child, period, reason, comment; change or withdraw while it has not started. */
function ReportItem({
  overview,
  report,
  done,
  onChanged,
}: {
  overview: GuardianOverview;
  report: Report;
  done: string | null;
  onChanged: (done: Done) => void;
}) {
  const { t } = useTranslation();
  const [isEditing, setIsEditing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const name = childName(overview, report.pupilId);

  const handleWithdraw = async () => {
    if (!window.confirm(t('guardianPortal.reports.confirmWithdraw', { name }))) return;
    setError(null);
    try {
      await api.withdrawGuardianReport(report.id);
      onChanged({ reportId: report.id, message: t('guardianPortal.reports.withdrawn', { name }) });
    } catch (caught) {
      setError(caught);
    }
  };

  const fields = reportFields(report.startsAt, report.endsAt);
  return (
    <li className={`card${report.isWithdrawn ? ' row-muted' : ''}`}>
      <h2 className="portal-card-title">{name}</h2>
      <p>
        <ReportPeriodText startsAt={report.startsAt} endsAt={report.endsAt} />{' '}
        {report.isWithdrawn ? (
          <Badge>{t('guardianPortal.reports.isWithdrawn')}</Badge>
        ) : report.kind === 'guardianReport' ? (
          <Badge tone="info">{t('guardianPortal.reports.isReported')}</Badge>
        ) : report.kind === 'leave' ? (
          <Badge tone="success">{t('guardianPortal.reports.isLeave')}</Badge>
        ) : null}
      </p>
      {report.reasonCode && (
        <p className="muted">
          {t(`guardianPortal.reasons.${report.reasonCode}`, {
            defaultValue: t(`reasons.${report.reasonCode}`, { defaultValue: report.reasonCode }),
          })}
        </p>
      )}
      {report.comment && <p>{report.comment}</p>}
      {done !== null && <DoneMessage message={done} />}
      {error !== null && <ErrorMessage error={error} />}
      {isEditing ? (
        <ReportForm
          overview={overview}
          withChildren={false}
          submitLabel={t('guardianPortal.reports.saveChange')}
          initial={{
            ...fields,
            isPartOfDay: Boolean(fields.fromTime || fields.toTime),
            reasonCode: report.reasonCode === 'approvedAppointment' ? 'approvedAppointment' : 'reported',
            comment: report.comment ?? '',
          }}
          onCancel={() => setIsEditing(false)}
          onSubmit={async (body) => {
            // The change replaces the report: the message goes on the new one's card.
            const { id } = await api.changeGuardianReport(report.id, body);
            setIsEditing(false);
            onChanged({ reportId: id, message: t('guardianPortal.reports.changed', { name }) });
          }}
        />
      ) : report.canChange ? (
        <div className="button-row">
          <button type="button" className="button button-secondary" onClick={() => setIsEditing(true)}>
            {t('guardianPortal.reports.change')}
            <span className="visually-hidden"> {name}</span>
          </button>
          <button type="button" className="button button-secondary" onClick={() => void handleWithdraw()}>
            {t('guardianPortal.reports.withdraw')}
            <span className="visually-hidden"> {name}</span>
          </button>
        </div>
      ) : report.isWithdrawn ? null : // Granted leave is the school's decision: not changed here, whether it has started or not.
      report.kind === 'leave' ? (
        <p className="hint">{t('guardianPortal.reports.leaveFixed')}</p>
      ) : (
        <p className="hint">{t('guardianPortal.reports.started')}</p>
      )}
    </li>
  );
}

/** Mina anmälningar: the last two weeks' and coming reports, newest first. */
export default function GuardianReportsRoute() {
  const { t } = useTranslation();
  const [done, setDone] = useState<Done | null>(null);
  return (
    <PortalPage title={t('guardianPortal.reports.title')}>
      {(overview, reload) => {
        const reports = [...overview.reports].sort((a, b) => b.startsAt.localeCompare(a.startsAt));
        return (
          <>
            {reports.length === 0 ? (
              <p className="empty">{t('guardianPortal.reports.empty')}</p>
            ) : (
              <ul className="portal-list">
                {reports.map((report) => (
                  <ReportItem
                    key={report.id}
                    overview={overview}
                    report={report}
                    done={done?.reportId === report.id ? done.message : null}
                    onChanged={(next) => {
                      setDone(next);
                      reload();
                    }}
                  />
                ))}
              </ul>
            )}
          </>
        );
      }}
    </PortalPage>
  );
}
