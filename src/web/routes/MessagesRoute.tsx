import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type MessageLogResponse, type UnreachableResponse } from '../api/endpoints';
import { useApiQuery } from '../hooks/useApiQuery';
import { useSearchParam } from '../hooks/useSearchParam';
import { Page } from '../components/Page';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { DataTable } from '../components/DataTable';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES, DeliveryTable } from '../features/messages/components/DeliveryTable';

type Unreachable = UnreachableResponse['guardians'][number];

/** Guardians with custody and no working channel: no e-mail or mobile number, or the last delivery failed. */
function UnreachableGuardians() {
  const { t } = useTranslation();
  const query = useApiQuery<UnreachableResponse>(api.unreachableGuardiansPath());
  if (query.error) return <ErrorMessage error={query.error} onRetry={query.reload} />;
  if (!query.data) return <Loading />;
  return (
    <DataTable<Unreachable>
      caption={t('messageLog.unreachable.heading')}
      isCaptionHidden
      rows={query.data.guardians}
      rowKey={(r) => `${r.guardianId}-${r.pupilId}`}
      emptyText={t('messageLog.unreachable.empty')}
      columns={[
        {
          id: 'guardian',
          header: t('messageLog.unreachable.guardian'),
          cell: (r) => r.guardianName ?? t('messageLog.unreachable.hiddenGuardian'),
          isRowHeader: true,
          sortValue: (r) => r.guardianName ?? '',
        },
        {
          id: 'pupil',
          header: t('messageLog.unreachable.pupil'),
          cell: (r) => <Link to={`/pupils/${r.pupilId}`}>{r.pupilName}</Link>,
          sortValue: (r) => r.pupilName,
        },
        {
          id: 'problem',
          header: t('messageLog.unreachable.problem'),
          cell: (r) =>
            [t(`messageLog.unreachable.problems.${r.problem}`, { defaultValue: r.problem }), r.lastError]
              .filter(Boolean)
              .join(': '),
        },
      ]}
    />
  );
}

/** Meddelanden: the message log with filters (status, channel, period) and the guardians the school cannot reach. */
export default function MessagesRoute() {
  const { t } = useTranslation();
  const [status, setStatus] = useSearchParam('status');
  const [channel, setChannel] = useSearchParam('channel');
  const [from, setFrom] = useSearchParam('from');
  const [to, setTo] = useSearchParam('to');
  const query = useApiQuery<MessageLogResponse>(api.messageLogPath({ status, channel, from, to }));
  return (
    <Page title={t('messageLog.title')}>
      <p>{t('messageLog.intro')}</p>
      <form className="filters" aria-label={t('filters.label')} onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="log-status">{t('messageLog.status')}</label>
          <select id="log-status" value={status} onChange={(event) => setStatus(event.target.value)}>
            <option value="">{t('messageLog.all')}</option>
            {DELIVERY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`deliveryStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="log-channel">{t('messageLog.channel')}</label>
          <select id="log-channel" value={channel} onChange={(event) => setChannel(event.target.value)}>
            <option value="">{t('messageLog.all')}</option>
            {DELIVERY_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`deliveryChannels.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="log-from">{t('messageLog.from')}</label>
          <input id="log-from" type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="log-to">{t('messageLog.to')}</label>
          <input id="log-to" type="date" value={to} onChange={(event) => setTo(event.target.value)} />
        </div>
      </form>
      <section aria-labelledby="log-heading" className="page-section" aria-busy={query.isLoading}>
        <h2 id="log-heading">{t('messageLog.logHeading')}</h2>
        {query.error ? (
          <ErrorMessage error={query.error} onRetry={query.reload} />
        ) : !query.data ? (
          <Loading />
        ) : (
          <DeliveryTable rows={query.data.messages} caption={t('messageLog.logHeading')} showPupil />
        )}
      </section>
      <section aria-labelledby="unreachable-heading" className="page-section">
        <h2 id="unreachable-heading">{t('messageLog.unreachable.heading')}</h2>
        <p className="hint">{t('messageLog.unreachable.hint')}</p>
        <UnreachableGuardians />
      </section>
    </Page>
  );
}
