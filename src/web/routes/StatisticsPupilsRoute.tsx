import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type CellPupilsQuery, type CellPupilsResponse } from '../api/endpoints';
import { useApiQuery } from '../hooks/useApiQuery';
import { Page } from '../components/Page';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { DataTable, type Column } from '../components/DataTable';
import { Badge } from '../components/Badge';
import { formatNumber, formatPercent, formatShortDate } from '../lib/format';
import { ABSENCE_BANDS } from '@shared/statistics/index';

type Pupil = CellPupilsResponse['pupils'][number];
const BREAKDOWNS = ['none', 'year', 'class', 'sex'] as const;
const BANDS = ['below5', 'from5to10', 'from10to20', 'from20to50', 'from50', 'noData'] as const;

/** The cell from the URL, or null when it is incomplete. */
function cellOf(params: URLSearchParams): CellPupilsQuery | null {
  const [from, to, schoolUnitId] = [params.get('from'), params.get('to'), params.get('schoolUnitId')];
  if (!from || !to || !schoolUnitId) return null;
  const breakdown = BREAKDOWNS.find((b) => b === params.get('breakdown')) ?? 'none';
  const band = BANDS.find((b) => b === params.get('band'));
  return { from, to, schoolUnitId, breakdown, key: params.get('key') ?? '', band };
}

/**
 * Eleverna bakom en siffra i skolans statistik (rektor och elevhälsa): the pupils in one cell
 * (school unit, årskurs / class / sex, absence band) with their own figures, each linked to the
 * pupil page. The server audits every opening.
 */
export default function StatisticsPupilsRoute() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const cell = cellOf(params);
  const query = useApiQuery<CellPupilsResponse>(cell ? api.statisticsPupilsPath(cell) : null);
  const rate = (value: number | null) => (value === null ? t('figures.noData') : formatPercent(value, i18n.language));
  const bandLabel = (band: Pupil['band']) =>
    band === 'noData' ? t('statistics.noDataBand') : (ABSENCE_BANDS.find((b) => b.key === band)?.label ?? band);
  const columns: Column<Pupil>[] = [
    {
      id: 'name',
      header: t('statistics.pupils.name'),
      isRowHeader: true,
      sortValue: (p) => `${p.familyName} ${p.givenName}`,
      cell: (p) => (
        <>
          <Link to={`/pupils/${p.personId}`}>{`${p.givenName} ${p.familyName}`}</Link>
          {p.isProtected && (
            <>
              {' '}
              <Badge tone="neutral">{t('pupil.protected')}</Badge>
            </>
          )}
        </>
      ),
    },
    {
      id: 'absent',
      header: t('statistics.columns.absentRate'),
      isNumeric: true,
      sortValue: (p) => p.absentRate ?? -1,
      cell: (p) => rate(p.absentRate),
    },
    {
      id: 'valid',
      header: t('statistics.columns.validRate'),
      isNumeric: true,
      sortValue: (p) => p.validRate ?? -1,
      cell: (p) => rate(p.validRate),
    },
    {
      id: 'invalid',
      header: t('statistics.columns.invalidRate'),
      isNumeric: true,
      sortValue: (p) => p.invalidRate ?? -1,
      cell: (p) => rate(p.invalidRate),
    },
    {
      id: 'coverage',
      header: t('statistics.columns.coverage'),
      isNumeric: true,
      sortValue: (p) => p.coverage ?? -1,
      cell: (p) => rate(p.coverage),
    },
    {
      id: 'known',
      header: t('statistics.pupils.knownMinutes'),
      isNumeric: true,
      sortValue: (p) => p.known,
      cell: (p) => formatNumber(p.known, i18n.language),
    },
    {
      id: 'band',
      header: t('statistics.columns.band'),
      sortValue: (p) => BANDS.indexOf(p.band),
      cell: (p) => bandLabel(p.band),
    },
  ];
  const back = cell
    ? `/statistics?${new URLSearchParams({ view: 'school', period: 'custom', from: cell.from, to: cell.to, schoolUnitId: cell.schoolUnitId })}`
    : '/statistics';
  return (
    <Page title={t('statistics.pupils.title')}>
      <p>
        <Link to={back}>{t('statistics.pupils.back')}</Link>
      </p>
      {!cell ? (
        <p>{t('statistics.pupils.incomplete')}</p>
      ) : query.error ? (
        <ErrorMessage error={query.error} onRetry={query.reload} />
      ) : !query.data ? (
        <Loading />
      ) : (
        <section aria-labelledby="cell-pupils" className="page-section">
          <h2 id="cell-pupils">{query.data.schoolUnitName}</h2>
          <p>
            {t('statistics.pupils.summary', {
              from: formatShortDate(query.data.from, i18n.language),
              to: formatShortDate(query.data.to, i18n.language),
              count: query.data.pupils.length,
            })}
            {query.data.breakdown !== 'none' && <> {t('statistics.pupils.inGroup', { group: query.data.keyLabel })}</>}
            {query.data.band && <> {t('statistics.pupils.band', { band: bandLabel(query.data.band) })}</>}
          </p>
          <DataTable
            caption={t('statistics.pupils.caption', { name: query.data.schoolUnitName })}
            columns={columns}
            rows={query.data.pupils}
            rowKey={(p) => p.personId}
            emptyText={t('statistics.pupils.empty')}
          />
          <p className="hint">{t('statistics.pupils.logged')}</p>
        </section>
      )}
    </Page>
  );
}
