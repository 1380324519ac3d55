import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../hooks/useApiQuery';
import { useSearchParam } from '../hooks/useSearchParam';
import { Page } from '../components/Page';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { LiveStatus } from '../components/LiveStatus';
import { formatShortDate } from '../lib/format';
import { usePeriodParams } from '../hooks/usePeriodParams';
import { PeriodPicker } from '../components/PeriodPicker';
import { casesApi, type Notices } from '../features/cases/api';
import { useSubmit } from '../features/cases/useSubmit';
import { ScrollTable } from '../features/cases/components/Section';

type Notice = Notices['notices'][number];

/** One table of notices: the day received (the investigation's opening), pupil, school, recipient, deadline, status. */
function NoticeTable({
  notices,
  caption,
  onAcknowledge,
}: {
  notices: Notice[];
  caption: string;
  onAcknowledge: (notice: Notice) => void;
}) {
  const { t, i18n } = useTranslation();
  if (notices.length === 0) return <p className="empty">{t('cases.notices.empty')}</p>;
  return (
    <ScrollTable caption={caption} isCaptionHidden>
      <thead>
        <tr>
          <th scope="col">{t('cases.notices.received')}</th>
          <th scope="col">{t('cases.list.pupil')}</th>
          <th scope="col">{t('cases.notices.school')}</th>
          <th scope="col">{t('cases.notices.recipient')}</th>
          <th scope="col">{t('cases.notices.deadline')}</th>
          <th scope="col">{t('cases.list.status')}</th>
        </tr>
      </thead>
      <tbody>
        {notices.map((n) => (
          <tr key={n.id}>
            <td>{formatShortDate(n.receivedOn, i18n.language)}</td>
            <th scope="row">
              <Link to={`/cases/${n.caseId}`}>{n.pupilName}</Link>
            </th>
            <td>{n.schoolUnitName ?? '–'}</td>
            <td>
              {t(`cases.investigation.notice.${n.recipient}`, {
                code: n.municipalityCode ?? t('cases.investigation.hiddenMunicipality'),
              })}
            </td>
            <td>
              {n.investigationDeadline ?? '–'}{' '}
              {n.isInvestigationOverdue && (
                <span className="badge badge-danger">{t('cases.investigation.overdue')}</span>
              )}
            </td>
            <td>
              {n.status === 'acknowledged' ? (
                t('cases.notices.acknowledgedBy', { name: n.acknowledgedByName ?? '–' })
              ) : (
                <button
                  type="button"
                  className="button button-small button-primary"
                  onClick={() => onAcknowledge(n)}
                  aria-label={t('cases.notices.acknowledgeLabel', { name: n.pupilName })}
                >
                  {t('cases.notices.acknowledge')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** Huvudmannens inkorg: notices of investigations opened (7 kap. 19 a §) with deadline and status, acknowledged here. */
export default function NoticesRoute() {
  const { t } = useTranslation();
  const [statusParam, setStatusParam] = useSearchParam('status');
  const status = statusParam === 'acknowledged' || statusParam === 'all' ? statusParam : 'received';
  // The same period and definition as the overview's "mottagna" (issue 16): received = the investigation's opening day.
  const selection = usePeriodParams('thisTerm');
  const query = useApiQuery<Notices>(
    selection.isCustomInvalid ? null : casesApi.noticesPath(status, selection.period.from, selection.period.to),
  );
  const toOrganiser = query.data?.notices.filter((n) => n.recipient === 'organiser') ?? [];
  const toHomeMunicipality = query.data?.notices.filter((n) => n.recipient !== 'organiser') ?? [];
  const [message, setMessage] = useState('');
  const acknowledge = useSubmit(
    async (id: string, pupilName: string) => {
      await casesApi.acknowledgeNotice(id);
      setMessage(t('cases.notices.acknowledged', { name: pupilName }));
    },
    () => query.reload(),
  );
  return (
    <Page title={t('cases.notices.title')}>
      <p>{t('cases.notices.intro')}</p>
      <PeriodPicker selection={selection} />
      <form className="filters" aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="notices-status">{t('cases.notices.show')}</label>
          <select
            id="notices-status"
            value={status}
            onChange={(e) => setStatusParam(e.target.value === 'received' ? '' : e.target.value)}
          >
            {(['received', 'acknowledged', 'all'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`cases.notices.filter.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <LiveStatus message={message} />
      {acknowledge.error !== null && <ErrorMessage error={acknowledge.error} />}
      {query.error ? (
        <ErrorMessage error={query.error} onRetry={query.reload} />
      ) : !query.data ? (
        <Loading />
      ) : (
        <>
          <h2>{t('cases.notices.toOrganiser', { count: toOrganiser.length })}</h2>
          <p className="hint">{t('cases.notices.receivedHint')}</p>
          <NoticeTable
            notices={toOrganiser}
            caption={t('cases.notices.caption')}
            onAcknowledge={(n) => acknowledge.run(n.id, n.pupilName)}
          />
          {toHomeMunicipality.length > 0 && (
            <>
              <h2>{t('cases.notices.toHomeMunicipality', { count: toHomeMunicipality.length })}</h2>
              <NoticeTable
                notices={toHomeMunicipality}
                caption={t('cases.notices.homeCaption')}
                onAcknowledge={(n) => acknowledge.run(n.id, n.pupilName)}
              />
            </>
          )}
        </>
      )}
    </Page>
  );
}
