import { useTranslation } from 'react-i18next';
import type { ImportProblem, ImportReport } from '../../../api/endpoints';
import { DataTable, type Column } from '../../../components/DataTable';
import { formatNumber } from '../../../lib/format';

/** The result of an import: status, counts per kind, and every problem with file, post, id and field. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t, i18n } = useTranslation();
  const isApplied = report.status === 'applied';
  const counts = Object.entries(report.counts).map(([kind, count]) => ({ kind, count }));
  const countColumns: Column<{ kind: string; count: number }>[] = [
    {
      id: 'kind',
      header: t('import.counts.kind'),
      isRowHeader: true,
      cell: (row) => t(`import.kinds.${row.kind}`, { defaultValue: row.kind }),
    },
    {
      id: 'count',
      header: t('import.counts.count'),
      isNumeric: true,
      cell: (row) => formatNumber(row.count, i18n.language),
    },
  ];
  const problemColumns: Column<ImportProblem & { key: string }>[] = [
    { id: 'file', header: t('import.problems.file'), sortValue: (p) => p.file, cell: (p) => p.file },
    {
      id: 'index',
      header: t('import.problems.index'),
      isNumeric: true,
      sortValue: (p) => p.index,
      cell: (p) => p.index ?? '–',
    },
    { id: 'id', header: t('import.problems.id'), cell: (p) => p.id ?? '–' },
    { id: 'field', header: t('import.problems.field'), sortValue: (p) => p.field, cell: (p) => p.field ?? '–' },
    { id: 'message', header: t('import.problems.message'), cell: (p) => p.message },
  ];
  const problems = report.problems.map((problem, index) => ({ ...problem, key: String(index) }));
  return (
    <div className="import-report">
      <p className={`message ${isApplied ? 'message-success' : 'message-error'}`}>
        <strong>{isApplied ? t('import.applied') : t('import.rejected')}</strong>{' '}
        {t('import.duration', { seconds: formatNumber(Math.round(report.durationMs / 100) / 10, i18n.language) })}
      </p>
      {counts.length > 0 && (
        <DataTable
          caption={t('import.counts.caption')}
          columns={countColumns}
          rows={counts}
          rowKey={(row) => row.kind}
        />
      )}
      {problems.length > 0 && (
        <DataTable
          caption={t('import.problems.caption', { count: problems.length })}
          columns={problemColumns}
          rows={problems}
          rowKey={(p) => p.key}
        />
      )}
    </div>
  );
}
