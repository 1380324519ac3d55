/** CSV of the statistics tables (same format as every export: src/server/lib/csv.ts). */
import { ABSENCE_BANDS } from '../../../shared/statistics/index.js';
import type {
  MonthFigures,
  MonthlyStatisticsResponse,
  OrganiserStatisticsResponse,
  RegionalRow,
  RegionalStatisticsResponse,
  SchoolStatisticsResponse,
  StatFigures,
} from '../../../shared/schemas/statistics.js';
import { toCsv, type CsvColumn, csvPercent as percent } from '../../lib/csv.js';

/** Minutes and rates of one figures object, in the column order every statistics CSV uses. */
function minuteAndRateColumns<T>(
  pick: (
    row: T,
  ) => Pick<
    StatFigures,
    | 'scheduled'
    | 'known'
    | 'valid'
    | 'invalid'
    | 'absentRate'
    | 'validRate'
    | 'invalidRate'
    | 'coverage'
    | 'isUncertain'
  > & { other?: number },
  withOther: boolean,
): CsvColumn<T>[] {
  return [
    { header: 'Schemalagd tid (min)', value: (r) => pick(r).scheduled },
    { header: 'Känd tid (min)', value: (r) => pick(r).known },
    { header: 'Giltig frånvaro (min)', value: (r) => pick(r).valid },
    { header: 'Ogiltig frånvaro (min)', value: (r) => pick(r).invalid },
    ...(withOther ? [{ header: 'Annan aktivitet (min)', value: (r: T) => pick(r).other ?? 0 }] : []),
    { header: 'Frånvaro (%)', value: (r) => percent(pick(r).absentRate) },
    { header: 'Giltig (%)', value: (r) => percent(pick(r).validRate) },
    { header: 'Ogiltig (%)', value: (r) => percent(pick(r).invalidRate) },
    { header: 'Täckning (%)', value: (r) => percent(pick(r).coverage) },
    { header: 'Osäker', value: (r) => pick(r).isUncertain },
  ];
}

/** A row of the long table: where, which breakdown, which group, current and previous figures. */
interface FigureRow {
  unit: string;
  breakdown: string;
  group: string;
  current: StatFigures;
  previous: StatFigures;
}

const FIGURE_COLUMNS: CsvColumn<FigureRow>[] = [
  { header: 'Skolenhet', value: (r) => r.unit },
  { header: 'Indelning', value: (r) => r.breakdown },
  { header: 'Grupp', value: (r) => r.group },
  { header: 'Elever', value: (r) => r.current.pupils },
  ...minuteAndRateColumns<FigureRow>((r) => r.current, true),
  ...ABSENCE_BANDS.map(
    (b): CsvColumn<FigureRow> => ({ header: `Elever ${b.label}`, value: (r) => r.current.bands[b.key] }),
  ),
  { header: 'Elever utan känd tid', value: (r) => r.current.bands.noData },
  { header: 'Elever över listgränsen', value: (r) => r.current.aboveListShare },
  { header: 'Frånvaro året innan (%)', value: (r) => percent(r.previous.absentRate) },
  { header: 'Täckning året innan (%)', value: (r) => percent(r.previous.coverage) },
];

export function schoolStatisticsCsv(s: SchoolStatisticsResponse): string {
  const rows: FigureRow[] = s.schoolUnits.flatMap((u) => [
    { unit: u.schoolUnitName, breakdown: 'Totalt', group: '', current: u.current, previous: u.previous },
    ...u.byYear.map((r) => ({
      unit: u.schoolUnitName,
      breakdown: 'Årskurs',
      group: r.label,
      current: r.current,
      previous: r.previous,
    })),
    ...u.byClass.map((r) => ({
      unit: u.schoolUnitName,
      breakdown: 'Klass',
      group: r.label,
      current: r.current,
      previous: r.previous,
    })),
    ...u.bySex.map((r) => ({
      unit: u.schoolUnitName,
      breakdown: 'Kön',
      group: r.label,
      current: r.current,
      previous: r.previous,
    })),
  ]);
  return toCsv(FIGURE_COLUMNS, rows);
}

type OrganiserRow = FigureRow & {
  onStep: number;
  withoutMeasure: number;
  tasksCreated: number;
  tasksDone: number;
  tasksOverdue: number;
};

export function organiserStatisticsCsv(s: OrganiserStatisticsResponse): string {
  const columns: CsvColumn<OrganiserRow>[] = [
    ...(FIGURE_COLUMNS as CsvColumn<OrganiserRow>[]).filter((c) => c.header !== 'Indelning' && c.header !== 'Grupp'),
    { header: 'Elever på ett steg', value: (r) => r.onStep },
    { header: 'Utan pågående åtgärd', value: (r) => r.withoutMeasure },
    { header: 'Uppgifter skapade', value: (r) => r.tasksCreated },
    { header: 'Uppgifter klara', value: (r) => r.tasksDone },
    { header: 'Uppgifter försenade', value: (r) => r.tasksOverdue },
  ];
  const rows: OrganiserRow[] = [
    ...s.schoolUnits.map((u) => ({ ...u, unit: u.schoolUnitName, breakdown: '', group: '' })),
    { ...s.total, unit: 'Hela huvudmannen', breakdown: '', group: '' },
  ];
  return toCsv(columns, rows);
}

/** The regional table: one row per sharing organiser and the region total; a suppressed cell is empty. */
export function regionalStatisticsCsv(s: RegionalStatisticsResponse): string {
  type Row = Pick<RegionalRow, 'pupils' | 'bands' | 'figures'> & { name: string };
  const columns: CsvColumn<Row>[] = [
    { header: 'Huvudman', value: (r) => r.name },
    { header: 'Elever', value: (r) => r.pupils ?? '' },
    { header: 'Schemalagd tid (min)', value: (r) => r.figures?.scheduled ?? '' },
    { header: 'Känd tid (min)', value: (r) => r.figures?.known ?? '' },
    { header: 'Frånvaro (%)', value: (r) => percent(r.figures?.absentRate ?? null) },
    { header: 'Giltig (%)', value: (r) => percent(r.figures?.validRate ?? null) },
    { header: 'Ogiltig (%)', value: (r) => percent(r.figures?.invalidRate ?? null) },
    { header: 'Täckning (%)', value: (r) => percent(r.figures?.coverage ?? null) },
    ...ABSENCE_BANDS.map((b): CsvColumn<Row> => ({ header: `Elever ${b.label}`, value: (r) => r.bands[b.key] ?? '' })),
    { header: 'Elever utan känd tid', value: (r) => r.bands.noData ?? '' },
  ];
  return toCsv(columns, [
    ...s.organisers.map((o) => ({ ...o, name: o.organiserName })),
    { ...s.total, name: s.regionName },
  ]);
}

/** One line per month and school unit plus the total, with the same month a year earlier. */
export function monthlyStatisticsCsv(s: MonthlyStatisticsResponse): string {
  type Row = { month: string; unit: string; current: MonthFigures; previous: MonthFigures };
  const columns: CsvColumn<Row>[] = [
    { header: 'Månad', value: (r) => r.month },
    { header: 'Skolenhet', value: (r) => r.unit },
    { header: 'Elever', value: (r) => r.current.pupils ?? '' },
    ...minuteAndRateColumns<Row>((r) => r.current, false),
    { header: 'Frånvaro året innan (%)', value: (r) => percent(r.previous.absentRate) },
    { header: 'Täckning året innan (%)', value: (r) => percent(r.previous.coverage) },
  ];
  const names = new Map(s.schoolUnits.map((u) => [u.schoolUnitId, u.schoolUnitName]));
  const rows: Row[] = s.months.flatMap((m) => [
    ...m.schoolUnits.map((u) => ({
      month: m.month,
      unit: names.get(u.schoolUnitId) ?? '',
      current: u.current,
      previous: u.previous,
    })),
    { month: m.month, unit: 'Totalt', current: m.total.current, previous: m.total.previous },
  ]);
  return toCsv(columns, rows);
}
