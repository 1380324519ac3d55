import { useTranslation } from 'react-i18next';
import type { MonthlyStatisticsResponse } from '@shared/schemas/statistics';
import { DataTable, type Column } from '../../../components/DataTable';
import { Badge } from '../../../components/Badge';
import { formatMonth, formatPercent } from '../../../lib/format';

type Month = MonthlyStatisticsResponse['months'][number];
type Figures = Month['total']['current'];

const WIDTH = 560;
const HEIGHT = 200;
const PAD = { left: 44, right: 12, top: 12, bottom: 28 };

/**
 * Absence per month, this year and the year before, as an SVG line chart (aria-hidden: it only
 * repeats the numbers) and the table, which is the source and the accessible alternative.
 * `pick` chooses the row's figures: the organiser total or one school unit.
 */
export function TrendFigure({
  data,
  name,
  pick,
}: {
  data: MonthlyStatisticsResponse;
  name: string;
  pick: (month: Month) => { current: Figures; previous: Figures };
}) {
  const { t, i18n } = useTranslation();
  const rows = data.months.map((month) => ({ month: month.month, ...pick(month) }));
  type Row = (typeof rows)[number];
  const rate = (value: number | null) => (value === null ? t('figures.noData') : formatPercent(value, i18n.language));
  const values = rows
    .flatMap((row) => [row.current.absentRate, row.previous.absentRate])
    .filter((v): v is number => v !== null);
  const top = Math.max(0.05, Math.ceil(Math.max(0, ...values) * 20) / 20);
  const x = (i: number) =>
    PAD.left +
    (rows.length <= 1 ? (WIDTH - PAD.left - PAD.right) / 2 : (i * (WIDTH - PAD.left - PAD.right)) / (rows.length - 1));
  const y = (v: number) => PAD.top + (1 - v / top) * (HEIGHT - PAD.top - PAD.bottom);
  const path = (pickRate: (row: Row) => number | null) =>
    rows
      .map((row, i) => [i, pickRate(row)] as const)
      .filter((p): p is readonly [number, number] => p[1] !== null)
      .map(([i, v], n) => `${n === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`)
      .join(' ');
  const columns: Column<Row>[] = [
    {
      id: 'month',
      header: t('statistics.trend.month'),
      isRowHeader: true,
      cell: (row) => formatMonth(row.month, i18n.language),
    },
    {
      id: 'absent',
      header: t('statistics.columns.absentRate'),
      isNumeric: true,
      cell: (row) => (
        <>
          {rate(row.current.absentRate)}
          {row.current.isUncertain && (
            <>
              {' '}
              <Badge tone="warning">{t('statistics.uncertain')}</Badge>
            </>
          )}
        </>
      ),
    },
    {
      id: 'previous',
      header: t('statistics.columns.previousYear'),
      isNumeric: true,
      cell: (row) => rate(row.previous.absentRate),
    },
    {
      id: 'valid',
      header: t('statistics.columns.validRate'),
      isNumeric: true,
      cell: (row) => rate(row.current.validRate),
    },
    {
      id: 'invalid',
      header: t('statistics.columns.invalidRate'),
      isNumeric: true,
      cell: (row) => rate(row.current.invalidRate),
    },
    {
      id: 'coverage',
      header: t('statistics.columns.coverage'),
      isNumeric: true,
      cell: (row) => rate(row.current.coverage),
    },
  ];
  return (
    <div className="stat-trend">
      <svg className="trend-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true" focusable="false">
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={HEIGHT - PAD.bottom} className="trend-axis" />
        <line
          x1={PAD.left}
          y1={HEIGHT - PAD.bottom}
          x2={WIDTH - PAD.right}
          y2={HEIGHT - PAD.bottom}
          className="trend-axis"
        />
        <text x={PAD.left - 6} y={PAD.top + 4} textAnchor="end" className="trend-label">
          {formatPercent(top, i18n.language, 0)}
        </text>
        <text x={PAD.left - 6} y={HEIGHT - PAD.bottom} textAnchor="end" className="trend-label">
          0 %
        </text>
        {rows.map((row, i) => (
          <text key={row.month} x={x(i)} y={HEIGHT - 8} textAnchor="middle" className="trend-label">
            {formatMonth(row.month, i18n.language).split(' ')[0]}
          </text>
        ))}
        <path d={path((row) => row.previous.absentRate)} className="trend-line trend-line-previous" />
        <path d={path((row) => row.current.absentRate)} className="trend-line trend-line-current" />
      </svg>
      <p className="trend-legend" aria-hidden="true">
        <span className="trend-key trend-key-current">{t('statistics.trend.current')}</span>{' '}
        <span className="trend-key trend-key-previous">{t('statistics.trend.previous')}</span>
      </p>
      <p className="visually-hidden">{t('statistics.chartSummary')}</p>
      <DataTable
        caption={t('statistics.trend.caption', { name })}
        columns={columns}
        rows={rows}
        rowKey={(row) => row.month}
      />
    </div>
  );
}
