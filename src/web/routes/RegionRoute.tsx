import { useTranslation } from 'react-i18next';
import { api, type Period, type RegionalStatisticsResponse } from '../api/endpoints';
import { useApiQuery } from '../hooks/useApiQuery';
import { usePeriodParams } from '../hooks/usePeriodParams';
import { Page } from '../components/Page';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { PeriodPicker } from '../components/PeriodPicker';
import { DataTable, type Column } from '../components/DataTable';
import { Badge } from '../components/Badge';
import { Definitions } from '../features/statistics/components/StatTables';
import { formatNumber, formatPercent } from '../lib/format';
import { ABSENCE_BANDS, BAND_COUNT_KEYS, MIN_CELL_PUPILS } from '@shared/statistics/index';

type Row = Pick<RegionalStatisticsResponse['organisers'][number], 'pupils' | 'bands' | 'figures'> & {
  key: string;
  name: string;
};

function RegionTables({ period }: { period: Period }) {
  const { t, i18n } = useTranslation();
  const query = useApiQuery<RegionalStatisticsResponse>(api.regionalStatisticsPath(period));
  if (query.error) return <ErrorMessage error={query.error} onRetry={query.reload} />;
  if (!query.data) return <Loading />;
  const data = query.data;
  const hidden = (
    <span className="muted">
      {t('region.suppressed')}
      <span className="visually-hidden"> ({t('region.suppressedLabel', { min: data.minCellPupils })})</span>
    </span>
  );
  const count = (value: number | null) => (value === null ? hidden : formatNumber(value, i18n.language));
  const rate = (row: Row, key: 'absentRate' | 'validRate' | 'invalidRate' | 'coverage') => {
    if (!row.figures) return hidden;
    const value = row.figures[key];
    return value === null ? t('figures.noData') : formatPercent(value, i18n.language);
  };
  const rows: Row[] = [
    ...data.organisers.map((o) => ({ ...o, key: o.organiserId, name: o.organiserName })),
    ...(data.organisers.length > 0 ? [{ ...data.total, key: 'total', name: t('region.total') }] : []),
  ];
  const figureColumns: Column<Row>[] = [
    { id: 'name', header: t('region.organiser'), isRowHeader: true, cell: (row) => row.name },
    { id: 'pupils', header: t('statistics.columns.pupils'), isNumeric: true, cell: (row) => count(row.pupils) },
    {
      id: 'absent',
      header: t('statistics.columns.absentRate'),
      isNumeric: true,
      cell: (row) => (
        <>
          {rate(row, 'absentRate')}
          {row.figures?.isUncertain && (
            <>
              {' '}
              <Badge tone="warning">{t('statistics.uncertain')}</Badge>
            </>
          )}
        </>
      ),
    },
    { id: 'valid', header: t('statistics.columns.validRate'), isNumeric: true, cell: (row) => rate(row, 'validRate') },
    {
      id: 'invalid',
      header: t('statistics.columns.invalidRate'),
      isNumeric: true,
      cell: (row) => rate(row, 'invalidRate'),
    },
    { id: 'coverage', header: t('statistics.columns.coverage'), isNumeric: true, cell: (row) => rate(row, 'coverage') },
  ];
  const bandColumns: Column<Row>[] = [
    figureColumns[0],
    ...BAND_COUNT_KEYS.map(
      (key): Column<Row> => ({
        id: key,
        header:
          key === 'noData' ? t('statistics.noDataBand') : (ABSENCE_BANDS.find((b) => b.key === key)?.label ?? key),
        isNumeric: true,
        cell: (row) => count(row.bands[key]),
      }),
    ),
  ];
  return (
    <div aria-busy={query.isLoading}>
      <p>
        {t('region.members', {
          shared: data.organisers.length,
          members: data.memberOrganisers,
          region: data.regionName,
        })}
      </p>
      <section aria-labelledby="region-figures" className="page-section">
        <h2 id="region-figures">{t('region.caption')}</h2>
        <DataTable
          caption={t('region.caption')}
          isCaptionHidden
          columns={figureColumns}
          rows={rows}
          rowKey={(row) => row.key}
          emptyText={t('region.empty')}
        />
      </section>
      <section aria-labelledby="region-bands" className="page-section">
        <h2 id="region-bands">{t('statistics.bandsHeading')}</h2>
        <DataTable
          caption={t('region.bandsCaption')}
          isCaptionHidden
          columns={bandColumns}
          rows={rows}
          rowKey={(row) => row.key}
          emptyText={t('region.empty')}
        />
      </section>
      <p>
        <a className="button button-secondary button-small" href={api.regionalStatisticsCsvUrl(period)} download>
          {t('statistics.downloadCsv')}
        </a>
      </p>
    </div>
  );
}

/** Regional statistics for a region user: aggregates of the member organisers that share, small cells hidden. */
export default function RegionRoute() {
  const { t } = useTranslation();
  const selection = usePeriodParams('thisTerm');
  return (
    <Page title={t('region.title')}>
      <p>{t('region.intro', { min: MIN_CELL_PUPILS })}</p>
      <form className="filters" aria-label={t('statistics.filtersLabel')} onSubmit={(event) => event.preventDefault()}>
        <PeriodPicker selection={selection} />
      </form>
      {selection.isCustomInvalid ? null : <RegionTables period={selection.period} />}
      <Definitions />
    </Page>
  );
}
