import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { EarlyWarningRow } from '@shared/schemas/ladders';
import { DataTable, type Column } from '../../../components/DataTable';
import { ShareCell } from '../../../components/FigureCell';
import { Badge } from '../../../components/Badge';
import { formatShortDate } from '../../../lib/format';
import { stepLabel } from '../../ladders/ladderText';
import { TrendCell } from './TrendCell';
import { patternDescription } from '../../pupils/patternText';

/**
 * The pupils on a step: name (to the pupil page), class, step, since, "Ny denna vecka", why,
 * the 4-week trend, coverage, tasks and days since the last measure. Sortable; highest step first.
 */
export function EarlyWarningTable({
  rows,
  showSchool,
  caption,
}: {
  rows: EarlyWarningRow[];
  showSchool: boolean;
  caption: string;
}) {
  const { t, i18n } = useTranslation();
  const columns: Column<EarlyWarningRow>[] = [
    {
      id: 'name',
      header: t('earlyWarning.columns.name'),
      isRowHeader: true,
      sortValue: (row) => `${row.familyName} ${row.givenName}`,
      cell: (row) => (
        <>
          <Link to={`/pupils/${row.personId}`}>{`${row.givenName} ${row.familyName}`}</Link>
          {row.isProtected && (
            <>
              {' '}
              <Badge tone="warning">{t('pupil.protected')}</Badge>
            </>
          )}{' '}
          <Link
            to={`/pupils/${row.personId}#pupil-cases`}
            className="button-link"
            aria-label={t('earlyWarning.caseLinkLabel', { name: `${row.givenName} ${row.familyName}` })}
          >
            {t('earlyWarning.caseLink')}
          </Link>
        </>
      ),
    },
    {
      id: 'class',
      header: t('earlyWarning.columns.class'),
      sortValue: (row) => row.className,
      cell: (row) => row.className ?? '–',
    },
  ];
  if (showSchool) {
    columns.push({
      id: 'school',
      header: t('earlyWarning.columns.school'),
      sortValue: (row) => row.schoolUnitName,
      cell: (row) => row.schoolUnitName ?? '–',
    });
  }
  columns.push(
    {
      id: 'step',
      header: t('earlyWarning.columns.step'),
      sortValue: (row) => row.stepIndex,
      cell: (row) => stepLabel(t, row.stepIndex, row.stepName),
    },
    {
      id: 'since',
      header: t('earlyWarning.columns.since'),
      sortValue: (row) => row.since,
      cell: (row) => (
        <>
          {row.since ? formatShortDate(row.since, i18n.language) : '–'}
          {row.isNewThisWeek && (
            <>
              {' '}
              <Badge tone="info">{t('earlyWarning.newThisWeek')}</Badge>
            </>
          )}
        </>
      ),
    },
    {
      id: 'explanation',
      header: t('earlyWarning.columns.explanation'),
      cell: (row) => <span className="explanation">{row.explanation}</span>,
    },
    {
      id: 'patterns',
      header: t('earlyWarning.columns.patterns'),
      sortValue: (row) => row.patterns.length || null,
      cell: (row) =>
        row.patterns.length === 0 ? (
          <span className="muted">{t('earlyWarning.noPatterns')}</span>
        ) : (
          <ul className="cell-list">
            {row.patterns.map((pattern) => (
              <li key={`${pattern.dimension}-${pattern.category}`}>{patternDescription(t, pattern)}</li>
            ))}
          </ul>
        ),
    },
    {
      id: 'trend',
      header: t('earlyWarning.columns.trend'),
      isNumeric: true,
      sortValue: (row) => row.recentAbsentRate,
      cell: (row) => <TrendCell recent={row.recentAbsentRate} previous={row.previousAbsentRate} />,
    },
    {
      id: 'coverage',
      header: t('earlyWarning.columns.coverage'),
      isNumeric: true,
      sortValue: (row) => row.coverage,
      cell: (row) => <ShareCell share={row.coverage} />,
    },
    {
      id: 'tasks',
      header: t('earlyWarning.columns.tasks'),
      sortValue: (row) => row.openTasks * 1000 + row.overdueTasks,
      cell: (row) => (
        <span className="cell-stack">
          <span>{t('earlyWarning.openTasks', { count: row.openTasks })}</span>
          {row.overdueTasks > 0 && (
            <Badge tone="danger">{t('earlyWarning.overdueTasks', { count: row.overdueTasks })}</Badge>
          )}
          {row.isWithoutMeasure && <Badge tone="warning">{t('earlyWarning.withoutMeasure')}</Badge>}
        </span>
      ),
    },
    {
      id: 'lastMeasure',
      header: t('earlyWarning.columns.lastMeasure'),
      isNumeric: true,
      sortValue: (row) => row.daysSinceLastMeasure,
      cell: (row) =>
        row.daysSinceLastMeasure === null ? (
          <span className="muted">{t('earlyWarning.noMeasure')}</span>
        ) : (
          t('earlyWarning.days', { count: row.daysSinceLastMeasure })
        ),
    },
  );
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={rows}
      rowKey={(row) => row.personId}
      initialSort={{ columnId: 'step', direction: 'descending' }}
      emptyText={t('earlyWarning.empty')}
    />
  );
}
