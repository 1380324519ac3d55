import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { OverdueWork } from '../features/earlyWarning/components/Summary';
import {
  api,
  type MonthlyStatisticsResponse,
  type OrganiserStatisticsResponse,
  type Period,
  type SchoolStatisticsResponse,
  type SchoolUnitsResponse,
} from '../api/endpoints';
import type { CellPupilsQuery } from '../api/endpoints';
import { useAuth } from '../auth/AuthContext';
import { hasOrganiserRole } from '../auth/permissions';
import { useApiQuery } from '../hooks/useApiQuery';
import { usePeriodParams } from '../hooks/usePeriodParams';
import { useSearchParam } from '../hooks/useSearchParam';
import { Page } from '../components/Page';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { PeriodPicker } from '../components/PeriodPicker';
import { UnitGroupFilter } from '../components/UnitGroupFilter';
import type { Column } from '../components/DataTable';
import { DataTable } from '../components/DataTable';
import { formatPercent, formatShortDate } from '../lib/format';
import {
  BandsFigure,
  Definitions,
  FiguresTable,
  LadderStepsTable,
  breakdownRows,
  type FiguresRow,
} from '../features/statistics/components/StatTables';
import {
  ActivityTable,
  BoardReportLink,
  BoardReportSchedulePanel,
  SharingToggle,
} from '../features/statistics/components/OrganiserParts';
import { TrendFigure } from '../features/statistics/components/TrendFigure';

type View = 'organiser' | 'school';
type OrganiserUnit = OrganiserStatisticsResponse['schoolUnits'][number];
type OrganiserRow = FiguresRow & { unit: OrganiserUnit };

function CsvLink({ href, name }: { href: string; name?: string }) {
  const { t } = useTranslation();
  return (
    <p>
      <a className="button button-secondary button-small" href={href} download>
        {t('statistics.downloadCsv')}
        {name && <span className="visually-hidden">: {name}</span>}
      </a>
    </p>
  );
}

function PeriodNote({ data }: { data: { previousFrom: string; previousTo: string } }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="muted">
      {t('statistics.previousPeriod', {
        from: formatShortDate(data.previousFrom, i18n.language),
        to: formatShortDate(data.previousTo, i18n.language),
      })}
    </p>
  );
}

/** Absence per month with the year before: the chart and its table for the total (organiser) or each unit (school view), and CSV. */
function MonthlyTrend({ period, schoolUnitId, perUnit }: { period: Period; schoolUnitId?: string; perUnit: boolean }) {
  const { t } = useTranslation();
  const query = useApiQuery<MonthlyStatisticsResponse>(api.monthlyStatisticsPath(period, schoolUnitId));
  if (query.error) return <ErrorMessage error={query.error} onRetry={query.reload} />;
  if (!query.data) return <Loading />;
  const data = query.data;
  const csv = api.monthlyStatisticsCsvUrl(period, schoolUnitId);
  return (
    <section aria-labelledby="stat-trend" className="page-section">
      <h2 id="stat-trend">{t('statistics.trend.heading')}</h2>
      {perUnit ? (
        data.schoolUnits.map((unit) => (
          <div key={unit.schoolUnitId}>
            <h3>{unit.schoolUnitName}</h3>
            <TrendFigure
              data={data}
              name={unit.schoolUnitName}
              pick={(month) => month.schoolUnits.find((u) => u.schoolUnitId === unit.schoolUnitId) ?? month.total}
            />
          </div>
        ))
      ) : (
        <TrendFigure data={data} name={t('statistics.total')} pick={(month) => month.total} />
      )}
      <CsvLink href={csv} name={t('statistics.trend.heading')} />
    </section>
  );
}

/** The school view: per school unit, then for each unit its breakdowns, bands and ladder steps. */
function SchoolView({
  period,
  schoolUnitId,
  withClasses,
  onChooseUnit,
}: {
  period: Period;
  schoolUnitId?: string;
  withClasses: boolean;
  onChooseUnit: (schoolUnitId: string) => void;
}) {
  const { t } = useTranslation();
  const query = useApiQuery<SchoolStatisticsResponse>(api.schoolStatisticsPath(period, schoolUnitId, withClasses));
  const csv = api.schoolStatisticsCsvUrl(period, schoolUnitId);
  if (query.error) return <ErrorMessage error={query.error} onRetry={query.reload} />;
  if (!query.data) return <Loading />;
  const data = query.data;
  const unitRows: FiguresRow[] = data.schoolUnits.map((unit) => ({
    key: unit.schoolUnitId,
    label: unit.schoolUnitName,
    current: unit.current,
    previous: unit.previous,
  }));
  const canList = new Set(data.schoolUnits.filter((unit) => unit.canListPupils).map((unit) => unit.schoolUnitId));
  /** The page of the pupils behind a figure, for units whose pupils the user may see. */
  const pupilsHref = (schoolUnitId: string, cell: Pick<CellPupilsQuery, 'breakdown' | 'key' | 'band'> = {}) =>
    canList.has(schoolUnitId)
      ? `/statistics/pupils?${new URLSearchParams({ from: period.from, to: period.to, schoolUnitId, ...cell })}`
      : undefined;
  /** Ladder steps are current states, not the period's: their pupils are on the early-warning list, filtered to the step. */
  const stepPupilsHref = (schoolUnitId: string, step: number) =>
    canList.has(schoolUnitId)
      ? `/early-warning?${new URLSearchParams({ scope: 'school', unit: schoolUnitId, step: String(step) })}`
      : undefined;
  const breakdownOf = { byYear: 'year', byClass: 'class', bySex: 'sex' } as const;
  return (
    <div aria-busy={query.isLoading}>
      <PeriodNote data={data} />
      <section aria-labelledby="stat-units" className="page-section">
        <h2 id="stat-units">{t('statistics.unitsHeading')}</h2>
        <FiguresTable
          rows={unitRows}
          caption={t('statistics.unitsCaption')}
          nameHeader={t('statistics.columns.name')}
          pupilsHref={(row) => pupilsHref(row.key)}
        />
        <CsvLink href={csv} />
      </section>
      <MonthlyTrend period={period} schoolUnitId={schoolUnitId} perUnit />
      {data.schoolUnits.map((unit) => (
        <section key={unit.schoolUnitId} aria-labelledby={`stat-${unit.schoolUnitId}`} className="page-section">
          <h2 id={`stat-${unit.schoolUnitId}`}>{unit.schoolUnitName}</h2>
          {!data.withClasses && (
            <p>
              {t('statistics.classesPerUnit')}{' '}
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => onChooseUnit(unit.schoolUnitId)}
              >
                {t('statistics.showClasses', { name: unit.schoolUnitName })}
              </button>
            </p>
          )}
          {(['byYear', ...(data.withClasses ? (['byClass'] as const) : []), 'bySex'] as const).map((breakdown) => (
            <div key={breakdown}>
              <h3>{t(`statistics.breakdowns.${breakdown}`)}</h3>
              <FiguresTable
                rows={breakdownRows(unit[breakdown])}
                nameHeader={t('statistics.columns.group')}
                pupilsHref={(row) =>
                  pupilsHref(unit.schoolUnitId, {
                    breakdown: breakdownOf[breakdown],
                    key: row.key === 'unknown' ? '' : row.key,
                  })
                }
                caption={t('statistics.breakdownCaption', {
                  name: unit.schoolUnitName,
                  breakdown: t(`statistics.breakdowns.${breakdown}`),
                })}
              />
              <CsvLink href={csv} name={`${unit.schoolUnitName}, ${t(`statistics.breakdowns.${breakdown}`)}`} />
            </div>
          ))}
          <h3>{t('statistics.bandsHeading')}</h3>
          <BandsFigure
            name={unit.schoolUnitName}
            figures={unit.current}
            previous={unit.previous}
            bandHref={(band) => pupilsHref(unit.schoolUnitId, { band })}
          />
          <CsvLink href={csv} name={t('statistics.bandsCaption', { name: unit.schoolUnitName })} />
          <h3>{t('statistics.stepsHeading')}</h3>
          <LadderStepsTable
            name={unit.schoolUnitName}
            steps={unit.ladderSteps}
            stepHref={(step) => stepPupilsHref(unit.schoolUnitId, step)}
          />
          <CsvLink href={csv} name={t('statistics.stepsCaption', { name: unit.schoolUnitName })} />
        </section>
      ))}
    </div>
  );
}

/** The organiser view: the school units side by side, the KPI, the list rule, notices, bands and steps, the board report. */
function OrganiserView({ period }: { period: Period }) {
  const { t, i18n } = useTranslation();
  const query = useApiQuery<OrganiserStatisticsResponse>(api.organiserStatisticsPath(period));
  const csv = api.organiserStatisticsCsvUrl(period);
  if (query.error) return <ErrorMessage error={query.error} onRetry={query.reload} />;
  if (!query.data) return <Loading />;
  const data = query.data;
  const name = t('statistics.total');
  const rows: OrganiserRow[] = data.schoolUnits.map((unit) => ({
    key: unit.schoolUnitId,
    label: unit.schoolUnitName,
    current: unit.current,
    previous: unit.previous,
    unit,
  }));
  const totalRow: FiguresRow = {
    key: 'total',
    label: name,
    current: data.total.current,
    previous: data.total.previous,
  };
  const share = formatPercent(data.listRuleShare, i18n.language, 0);
  const kpiColumns: Column<OrganiserRow>[] = [
    {
      id: 'name',
      header: t('statistics.columns.name'),
      isRowHeader: true,
      sortValue: (row) => row.label,
      cell: (row) => row.label,
    },
    {
      id: 'onStep',
      header: t('statistics.columns.onStep'),
      isNumeric: true,
      sortValue: (row) => row.unit.onStep,
      cell: (row) => row.unit.onStep,
    },
    {
      id: 'without',
      header: t('statistics.columns.withoutMeasure'),
      isNumeric: true,
      sortValue: (row) => row.unit.withoutMeasure,
      cell: (row) => row.unit.withoutMeasure,
    },
    {
      id: 'created',
      header: t('statistics.columns.tasksCreated'),
      isNumeric: true,
      cell: (row) => row.unit.tasksCreated,
    },
    { id: 'done', header: t('statistics.columns.tasksDone'), isNumeric: true, cell: (row) => row.unit.tasksDone },
    {
      id: 'overdue',
      header: t('statistics.columns.tasksOverdue'),
      isNumeric: true,
      cell: (row) => row.unit.tasksOverdue,
    },
    {
      id: 'list',
      header: t('statistics.columns.aboveListShare'),
      isNumeric: true,
      sortValue: (row) => row.current.aboveListShare,
      cell: (row) => row.current.aboveListShare,
    },
  ];
  return (
    <div aria-busy={query.isLoading}>
      <PeriodNote data={data} />
      <section aria-labelledby="stat-org-units" className="page-section">
        <h2 id="stat-org-units">{t('statistics.unitsHeading')}</h2>
        <FiguresTable
          rows={[...rows, totalRow]}
          caption={t('statistics.unitsCaption')}
          nameHeader={t('statistics.columns.name')}
        />
        <CsvLink href={csv} />
      </section>
      <MonthlyTrend period={period} perUnit={false} />
      <section aria-labelledby="stat-org-kpi" className="page-section">
        <h2 id="stat-org-kpi">{t('statistics.kpiHeading')}</h2>
        <p className="kpi-text">
          <span className="kpi-label">{t('statistics.columns.withoutMeasure')}:</span>{' '}
          <strong className="kpi-value">{data.total.withoutMeasure}</strong>{' '}
          <span className="muted">
            ({t('statistics.columns.onStep').toLowerCase()}: {data.total.onStep})
          </span>
        </p>
        <OverdueWork tasks={data.total.tasksOverdue} investigations={data.activity.investigationsOverdue ?? 0} />
        <p>
          {t('statistics.listRule', { share })}: <strong>{data.total.current.aboveListShare}</strong>
        </p>
        <DataTable
          caption={t('statistics.kpiCaption')}
          columns={kpiColumns}
          rows={rows}
          rowKey={(row) => row.key}
          emptyText={t('statistics.empty')}
        />
        <CsvLink href={csv} name={t('statistics.kpiCaption')} />
      </section>
      <section aria-labelledby="stat-org-outbox" className="page-section">
        <h2 id="stat-org-outbox">{t('statistics.activity.heading')}</h2>
        <ActivityTable activity={data.activity} />
      </section>
      <section aria-labelledby="stat-org-bands" className="page-section">
        <h2 id="stat-org-bands">{t('statistics.bandsHeading')}</h2>
        <BandsFigure name={name} figures={data.total.current} previous={data.total.previous} />
        <CsvLink href={csv} name={t('statistics.bandsCaption', { name })} />
      </section>
      <section aria-labelledby="stat-org-steps" className="page-section">
        <h2 id="stat-org-steps">{t('statistics.stepsHeading')}</h2>
        {data.schoolUnits.map((unit) => (
          <LadderStepsTable key={unit.schoolUnitId} name={unit.schoolUnitName} steps={unit.ladderSteps} />
        ))}
        <CsvLink href={csv} name={t('statistics.stepsHeading')} />
      </section>
      <section aria-labelledby="stat-org-report" className="page-section">
        <h2 id="stat-org-report">{t('statistics.boardReport.heading')}</h2>
        <BoardReportLink period={period} />
        <h3>{t('statistics.schedule.heading')}</h3>
        <BoardReportSchedulePanel />
      </section>
      <section aria-labelledby="stat-org-sharing" className="page-section">
        <h2 id="stat-org-sharing">{t('statistics.sharing.heading')}</h2>
        <SharingToggle />
      </section>
    </div>
  );
}

/**
 * Statistik: rektor and elevhälsa see their school units (breakdowns per year, class and sex,
 * bands, ladder steps); huvudman also the organiser view with the KPI, the board report and
 * regional sharing. Every rate has its coverage and last year's figure beside it.
 */
export default function StatisticsRoute() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const selection = usePeriodParams('thisTerm');
  const isOrganiser = me ? hasOrganiserRole(me, 'organiserAdmin') : false;
  const [viewParam] = useSearchParam('view');
  const [schoolUnitId, setSchoolUnitId] = useSearchParam('schoolUnitId');
  const view: View = isOrganiser && viewParam !== 'school' ? 'organiser' : 'school';
  const units = useApiQuery<SchoolUnitsResponse>(view === 'school' ? api.schoolUnitsPath() : null);
  // Classes once the view is down to one unit (chosen, or the user's only one): all units' classes are thousands of rows.
  const withClasses = schoolUnitId
    ? true
    : units.data
      ? units.data.schoolUnits.length <= 1
      : view === 'school' && units.error
        ? true
        : null;
  const viewSearch = (value: View) => {
    const params = new URLSearchParams(window.location.search);
    params.set('view', value);
    params.delete('schoolUnitId');
    return `?${params.toString()}`;
  };
  return (
    <Page title={t('statistics.title')}>
      <p>{t('statistics.intro')}</p>
      {isOrganiser && (
        <nav aria-label={t('statistics.views.label')} className="scope-tabs">
          <ul>
            {(['organiser', 'school'] as const).map((value) => (
              <li key={value}>
                <Link to={{ search: viewSearch(value) }} aria-current={value === view ? 'page' : undefined}>
                  {t(`statistics.views.${value}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <form className="filters" aria-label={t('statistics.filtersLabel')} onSubmit={(event) => event.preventDefault()}>
        {view === 'school' && (
          <UnitGroupFilter
            units={units.data}
            schoolUnitId={schoolUnitId}
            onSchoolUnitChange={(id) => setSchoolUnitId(id)}
          />
        )}
        <PeriodPicker selection={selection} />
      </form>
      {selection.isCustomInvalid ? null : view === 'organiser' ? (
        <OrganiserView period={selection.period} />
      ) : withClasses === null ? (
        <Loading />
      ) : (
        <SchoolView
          period={selection.period}
          schoolUnitId={schoolUnitId || undefined}
          withClasses={withClasses}
          onChooseUnit={setSchoolUnitId}
        />
      )}
      <Definitions />
    </Page>
  );
}
