import { useTranslation } from 'react-i18next';
import type { EarlyWarningResponse } from '@shared/schemas/ladders';
import { DataTable, type Column } from '../../../components/DataTable';
import { stepLabel } from '../../ladders/ladderText';

type PerSchool = EarlyWarningResponse['perSchool'][number];

/**
 * The headline figure (Norrköping's goal): pupils with concerning absence (on a step) and no
 * ongoing measure, with a button that filters the list to exactly them.
 */
export function KpiCard({
  count,
  onStep,
  overdueTasks,
  overdueInvestigations,
  isShowing,
  onShow,
}: {
  count: number;
  onStep: number;
  overdueTasks: number;
  overdueInvestigations: number;
  isShowing: boolean;
  onShow: () => void;
}) {
  const { t } = useTranslation();
  // Never green beside late work: overdue tasks or investigations make the card a warning too.
  const isAlert = count > 0 || overdueTasks > 0 || overdueInvestigations > 0;
  return (
    <div className={`kpi card ${isAlert ? 'kpi-alert' : ''}`}>
      <p className="kpi-text">
        <span className="kpi-label">{t('earlyWarning.kpi.label')}:</span> <strong className="kpi-value">{count}</strong>
      </p>
      <OverdueWork tasks={overdueTasks} investigations={overdueInvestigations} />
      <p className="hint">{t('earlyWarning.kpi.explanation', { onStep })}</p>
      {count > 0 && (
        <button type="button" className="button button-secondary" aria-pressed={isShowing} onClick={onShow}>
          {t('earlyWarning.kpi.show', { count })}
        </button>
      )}
    </div>
  );
}

/** Overdue tasks and investigations, shown beside the "without an ongoing measure" KPI. */
export function OverdueWork({ tasks, investigations }: { tasks: number; investigations: number }) {
  const { t } = useTranslation();
  return (
    <ul className="kpi-overdue">
      <li>
        <span className="kpi-label">{t('earlyWarning.kpi.overdueTasks')}:</span>{' '}
        <strong className="kpi-value">{tasks}</strong>
      </li>
      <li>
        <span className="kpi-label">{t('earlyWarning.kpi.overdueInvestigations')}:</span>{' '}
        <strong className="kpi-value">{investigations}</strong>
      </li>
    </ul>
  );
}

/** Pupils per step as a labelled bar list: the number is always in the text, the bar only repeats it. */
export function StepCounts({ perStep, total }: { perStep: EarlyWarningResponse['perStep']; total: number }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...perStep.map((s) => s.pupils));
  if (perStep.length === 0) return <p>{t('earlyWarning.noneOnStep')}</p>;
  return (
    <ul className="step-counts">
      {perStep.map((step) => (
        <li key={step.stepIndex}>
          <span className="step-count-label">{stepLabel(t, step.stepIndex, step.stepName)}</span>
          <span className="step-count-bar" aria-hidden="true">
            <span style={{ width: `${(step.pupils / max) * 100}%` }} />
          </span>
          <span className="step-count-value">{t('earlyWarning.pupils', { count: step.pupils })}</span>
        </li>
      ))}
      <li className="step-count-total">{t('earlyWarning.totalOnStep', { count: total })}</li>
    </ul>
  );
}

/** The KPI per school unit (organiser view), with a button to list that unit's pupils without a measure. */
export function PerSchoolTable({
  perSchool,
  onShow,
}: {
  perSchool: PerSchool[];
  onShow: (schoolUnitId: string | null) => void;
}) {
  const { t } = useTranslation();
  const columns: Column<PerSchool>[] = [
    {
      id: 'name',
      header: t('earlyWarning.perSchool.school'),
      isRowHeader: true,
      sortValue: (row) => row.schoolUnitName,
      cell: (row) => row.schoolUnitName ?? '–',
    },
    {
      id: 'onStep',
      header: t('earlyWarning.perSchool.onStep'),
      isNumeric: true,
      sortValue: (row) => row.onStep,
      cell: (row) => row.onStep,
    },
    {
      id: 'without',
      header: t('earlyWarning.perSchool.withoutMeasure'),
      isNumeric: true,
      sortValue: (row) => row.withoutMeasure,
      cell: (row) => row.withoutMeasure,
    },
    {
      id: 'show',
      header: t('earlyWarning.perSchool.list'),
      cell: (row) =>
        row.withoutMeasure === 0 ? (
          <span className="muted">–</span>
        ) : (
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => onShow(row.schoolUnitId)}
          >
            {t('earlyWarning.perSchool.show')}
            <span className="visually-hidden">: {row.schoolUnitName}</span>
          </button>
        ),
    },
  ];
  return (
    <DataTable
      caption={t('earlyWarning.perSchool.caption')}
      columns={columns}
      rows={perSchool}
      rowKey={(row) => row.schoolUnitId ?? 'none'}
      initialSort={{ columnId: 'without', direction: 'descending' }}
      emptyText={t('earlyWarning.noneOnStep')}
    />
  );
}
