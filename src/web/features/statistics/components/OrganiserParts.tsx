import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  api,
  type BoardReportList,
  type BoardReportSchedule,
  type Period,
  type SharingResponse,
} from '../../../api/endpoints';
import type { OrganiserActivity } from '@shared/schemas/statistics';
import { BOARD_REPORT_FREQUENCIES } from '@shared/statistics/index';
import { DataTable, type Column } from '../../../components/DataTable';
import { ApiError } from '../../../api/client';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { LiveStatus } from '../../../components/LiveStatus';
import { Loading } from '../../../components/Loading';
import { formatDateTime, formatNumber, formatShortDate } from '../../../lib/format';

/** "Nämndrapport (PDF)": a textarea for the administrator's text and a download link carrying it. */
export function BoardReportLink({ period }: { period: Period }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  return (
    <div className="board-report">
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('statistics.boardReport.textLabel')}</label>
        <textarea
          id={`${id}-text`}
          rows={4}
          maxLength={4000}
          value={text}
          aria-describedby={`${id}-hint`}
          onChange={(event) => setText(event.target.value)}
        />
        <p className="hint" id={`${id}-hint`}>
          {t('statistics.boardReport.hint')}
        </p>
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
        {changedAt && (
          <>
            {' '}
            <span className="muted">
              {t('statistics.sharing.changedAt', { date: formatDateTime(changedAt, i18n.language) })}
            </span>
          </>
        )}
      </p>
      {error && <ErrorMessage error={error} />}
      {!isConfirming ? (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setStatus('');
            setIsConfirming(true);
          }}
        >
          {t(isShared ? 'statistics.sharing.stop' : 'statistics.sharing.start')}
        </button>
      ) : (
        // biome-ignore lint/a11y/useSemanticElements: a fieldset's own layout does not fit here; the role names the group.
        <div className="card confirm" role="group" aria-label={t('statistics.sharing.heading')}>
          <p>{t(isShared ? 'statistics.sharing.confirmStop' : 'statistics.sharing.confirmStart')}</p>
          <div className="toolbar">
            <button type="button" className="button button-primary" disabled={isSaving} onClick={() => void save()}>
              {t('statistics.sharing.confirm')}
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={isSaving}
              onClick={() => setIsConfirming(false)}
            >
              {t('statistics.sharing.cancel')}
            </button>
          </div>
        </div>
      )}
      <LiveStatus message={status} />
    </div>
  );
}

/** Case and message counts; a source that does not exist yet says so instead of 0. */
export function ActivityTable({ activity }: { activity: OrganiserActivity }) {
  const { t, i18n } = useTranslation();
  const rows = (Object.keys(activity) as (keyof OrganiserActivity)[]).map((key) => ({ key, count: activity[key] }));
  const columns: Column<(typeof rows)[number]>[] = [
    {
      id: 'what',
      header: t('statistics.activity.what'),
      isRowHeader: true,
      cell: (row) => t(`statistics.activity.${row.key}`),
    },
    {
      id: 'count',
      header: t('statistics.activity.count'),
      isNumeric: true,
      cell: (row) =>
        row.count === null ? (
          <span className="muted">{t('statistics.activity.notAvailable')}</span>
        ) : (
          formatNumber(row.count, i18n.language)
        ),
    },
  ];
  return (
    <DataTable caption={t('statistics.activity.caption')} columns={columns} rows={rows} rowKey={(row) => row.key} />
  );
}

/** The board report schedule (monthly, termly, off) with its text, and the stored reports for download. */
export function BoardReportSchedulePanel() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const schedule = useApiQuery<BoardReportSchedule>(api.boardReportSchedulePath());
  const reports = useApiQuery<BoardReportList>(api.boardReportsPath());
  const [draft, setDraft] = useState<BoardReportSchedule | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  if (schedule.error) return <ErrorMessage error={schedule.error} onRetry={schedule.reload} />;
  if (!schedule.data) return <Loading />;
  const value = draft ?? schedule.data;
  const save = async () => {
    setError(null);
    try {
      schedule.setData(await api.setBoardReportSchedule(value));
      setDraft(null);
      setStatus(t('statistics.schedule.saved'));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'UNKNOWN', String(caught)));
    }
  };
  type Report = BoardReportList['reports'][number];
  const columns: Column<Report>[] = [
    {
      id: 'period',
      header: t('statistics.schedule.period'),
      isRowHeader: true,
      cell: (r) => `${formatShortDate(r.from, i18n.language)} – ${formatShortDate(r.to, i18n.language)}`,
    },
    {
      id: 'origin',
      header: t('statistics.schedule.origin'),
      cell: (r) => t(`statistics.schedule.${r.origin === 'scheduled' ? 'scheduled' : 'onDemand'}`),
    },
    {
      id: 'created',
      header: t('statistics.schedule.created'),
      cell: (r) => formatDateTime(r.createdAt, i18n.language),
    },
    {
      id: 'download',
      header: t('statistics.schedule.download'),
      cell: (r) => (
        <a href={api.storedBoardReportUrl(r.id)} download>
          {t('statistics.schedule.download')}
          <span className="visually-hidden">
            {' '}
            {r.from} – {r.to}
          </span>
        </a>
      ),
    },
  ];
  return (
    <div className="board-report-schedule">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <fieldset>
          <legend>{t('statistics.schedule.frequency')}</legend>
          {BOARD_REPORT_FREQUENCIES.map((frequency) => (
            <div key={frequency} className="radio">
              <input
                type="radio"
                id={`${id}-${frequency}`}
                name={`${id}-frequency`}
                checked={value.frequency === frequency}
                onChange={() => setDraft({ ...value, frequency })}
              />
              <label htmlFor={`${id}-${frequency}`}>{t(`statistics.schedule.${frequency}`)}</label>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-text`}>{t('statistics.schedule.text')}</label>
          <textarea
            id={`${id}-text`}
            rows={3}
            maxLength={4000}
            value={value.text}
            onChange={(event) => setDraft({ ...value, text: event.target.value })}
          />
        </div>
        {error && <ErrorMessage error={error} />}
        <button type="submit" className="button button-secondary">
          {t('statistics.schedule.save')}
        </button>
        <LiveStatus message={status} />
      </form>
      <h3>{t('statistics.schedule.reports')}</h3>
      {reports.error ? (
        <ErrorMessage error={reports.error} onRetry={reports.reload} />
      ) : !reports.data ? (
        <Loading />
      ) : (
        <DataTable
          caption={t('statistics.schedule.reportsCaption')}
          isCaptionHidden
          columns={columns}
          rows={reports.data.reports}
          rowKey={(r) => r.id}
          emptyText={t('statistics.schedule.noReports')}
        />
      )}
    </div>
  );
}
