import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TFunction } from 'i18next';
import type { LadderStepCount, StatBreakdownRow, StatFigures } from '@shared/schemas/statistics';
import type { Static } from 'typebox';
import { ABSENCE_BANDS, BAND_COUNT_KEYS, STATISTICS_DEFINITIONS, type BandCountKey } from '@shared/statistics/index';
import { DataTable, type Column } from '../../../components/DataTable';
import { Badge } from '../../../components/Badge';
import { formatNumber, formatPercent } from '../../../lib/format';

type RateKey = 'absentRate' | 'validRate' | 'invalidRate';
/** A row with this period's figures and the same period one year earlier. */
export interface FiguresRow {
  key: string;
  label: string;
  current: StatFigures;
  previous: StatFigures;
}

/** A rate with its coverage beside it, "osäker" when the coverage is too low, and last year's rate. */
export function StatFigureCell({
  figures,
  previous,
  rate,
}: {
  figures: StatFigures;
  previous: StatFigures;
  rate: RateKey;
}) {
  const { t, i18n } = useTranslation();
  const format = (value: number | null) => (value === null ? t('figures.noData') : formatPercent(value, i18n.language));
  return (
    <span className="figure">
      <span className="figure-rate">{format(figures[rate])}</span>
      {figures.isUncertain && (
        <>
          {' '}
          <Badge tone="warning">{t('statistics.uncertain')}</Badge>
        </>
      )}
      <span className="figure-coverage">
        {t('figures.coverageShort', {
          value: figures.coverage === null ? t('figures.noData') : formatPercent(figures.coverage, i18n.language, 0),
        })}
      </span>
      <span className="figure-coverage">{t('statistics.previousShort', { value: format(previous[rate]) })}</span>
    </span>
  );
}

/** The rate columns shared by every figures table: pupils, absence, valid, invalid (each with coverage and last year) and coverage. */
export function rateColumns<T extends FiguresRow>(
  t: TFunction,
  pupilsHref?: (row: T) => string | undefined,
): Column<T>[] {
  const rates: RateKey[] = ['absentRate', 'validRate', 'invalidRate'];
  return [
    {
      id: 'pupils',
      header: t('statistics.columns.pupils'),
      isNumeric: true,
      sortValue: (row) => row.current.pupils,
      cell: (row) => (
        <CountLink
          count={row.current.pupils}
          href={pupilsHref?.(row)}
          label={t('statistics.pupilsBehind', { name: row.label || t('statistics.unknown') })}
        />
      ),
    },
    ...rates.map(
      (rate): Column<T> => ({
        id: rate,
        header: t(`statistics.columns.${rate}`),
        isNumeric: true,
        sortValue: (row) => row.current[rate],
        cell: (row) => <StatFigureCell figures={row.current} previous={row.previous} rate={rate} />,
      }),
    ),
  ];
}

/**
 * A pupil count, as a link to the pupils behind it when the user may see them (rektor and
 * elevhälsa of the unit); the link's accessible name says whose pupils.
 */
export function CountLink({ count, href, label }: { count: number; href?: string; label: string }) {
  const { i18n } = useTranslation();
  const text = formatNumber(count, i18n.language);
  if (!href || count === 0) return <>{text}</>;
  return (
    <Link to={href} aria-label={`${text}, ${label}`}>
      {text}
    </Link>
  );
}

/** One figures table (school units or a breakdown); `pupilsHref` links each pupil count to the pupils behind it. */
export function FiguresTable<T extends FiguresRow>({
  rows,
  caption,
  nameHeader,
  extraColumns = [],
  pupilsHref,
}: {
  rows: T[];
  caption: string;
  nameHeader: string;
  extraColumns?: Column<T>[];
  pupilsHref?: (row: T) => string | undefined;
}) {
  const { t } = useTranslation();
  const columns: Column<T>[] = [
    {
      id: 'name',
      header: nameHeader,
      isRowHeader: true,
      sortValue: (row) => row.label,
      cell: (row) => row.label || t('statistics.unknown'),
    },
    ...rateColumns<T>(t, pupilsHref),
    ...extraColumns,
  ];
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={rows}
      rowKey={(row) => row.key}
      emptyText={t('statistics.empty')}
    />
  );
}

/** Breakdown rows as figures rows. */
export const breakdownRows = (rows: Static<typeof StatBreakdownRow>[]): FiguresRow[] =>
  rows.map((row) => ({ ...row, key: row.key || 'unknown' }));

const bandLabel = (t: TFunction, key: BandCountKey): string =>
  key === 'noData' ? t('statistics.noDataBand') : (ABSENCE_BANDS.find((band) => band.key === key)?.label ?? key);

/**
 * Pupils per absence band: a CSS bar chart (aria-hidden, it only repeats the numbers) and the
 * table, which is the source and the accessible alternative.
 */
export function BandsFigure({
  name,
  figures,
  previous,
  bandHref,
}: {
  name: string;
  figures: StatFigures;
  previous: StatFigures;
  bandHref?: (band: BandCountKey) => string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const max = Math.max(1, ...BAND_COUNT_KEYS.map((key) => figures.bands[key]));
  const rows = BAND_COUNT_KEYS.map((key) => ({
    key,
    label: bandLabel(t, key),
    pupils: figures.bands[key],
    previous: previous.bands[key],
  }));
  type Row = (typeof rows)[number];
  const columns: Column<Row>[] = [
    { id: 'band', header: t('statistics.columns.band'), isRowHeader: true, cell: (row) => row.label },
    {
      id: 'pupils',
      header: t('statistics.columns.pupils'),
      isNumeric: true,
      cell: (row) => (
        <CountLink
          count={row.pupils}
          href={bandHref?.(row.key)}
          label={t('statistics.pupilsBehind', { name: `${name}, ${row.label}` })}
        />
      ),
    },
    {
      id: 'previous',
      header: t('statistics.columns.previousYear'),
      isNumeric: true,
      cell: (row) => formatNumber(row.previous, i18n.language),
    },
  ];
  return (
    <div className="stat-bands">
      <ul className="step-counts" aria-hidden="true">
        {rows.map((row) => (
          <li key={row.key}>
            <span className="step-count-label">{row.label}</span>
            <span className="step-count-bar">
              <span style={{ width: `${(row.pupils / max) * 100}%` }} />
            </span>
            <span className="step-count-value">{formatNumber(row.pupils, i18n.language)}</span>
          </li>
        ))}
      </ul>
      <p className="visually-hidden">{t('statistics.chartSummary')}</p>
      <DataTable
        caption={t('statistics.bandsCaption', { name })}
        columns={columns}
        rows={rows}
        rowKey={(row) => row.key}
      />
      <p className="hint">{STATISTICS_DEFINITIONS.bands}</p>
    </div>
  );
}

/** Pupils per ladder step. */
export function LadderStepsTable({
  name,
  steps,
  stepHref,
}: {
  name: string;
  steps: Static<typeof LadderStepCount>[];
  stepHref?: (stepIndex: number) => string | undefined;
}) {
  const { t } = useTranslation();
  const columns: Column<Static<typeof LadderStepCount>>[] = [
    {
      id: 'step',
      header: t('statistics.columns.step'),
      isRowHeader: true,
      sortValue: (row) => row.stepIndex,
      cell: (row) => row.stepIndex,
    },
    {
      id: 'pupils',
      header: t('statistics.columns.pupils'),
      isNumeric: true,
      sortValue: (row) => row.pupils,
      cell: (row) => (
        <CountLink
          count={row.pupils}
          href={stepHref?.(row.stepIndex)}
          label={t('statistics.pupilsOnStep', { name, step: row.stepIndex })}
        />
      ),
    },
  ];
  return (
    <DataTable
      caption={t('statistics.stepsCaption', { name })}
      columns={columns}
      rows={steps}
      rowKey={(row) => String(row.stepIndex)}
      emptyText={t('statistics.noSteps')}
    />
  );
}

/** The Swedish definitions behind the figures, in a disclosure. */
export function Definitions() {
  const { t } = useTranslation();
  return (
    <details className="disclosure">
      <summary>{t('statistics.definitions')}</summary>
      <ul>
        {Object.entries(STATISTICS_DEFINITIONS).map(([key, text]) => (
          <li key={key} lang="sv">
            {text}
          </li>
        ))}
      </ul>
    </details>
  );
}
