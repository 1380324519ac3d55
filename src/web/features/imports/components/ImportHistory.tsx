import { useTranslation } from 'react-i18next';
import type { ImportRun } from '../../../api/endpoints';
import { DataTable, type Column } from '../../../components/DataTable';
import { formatDateTime } from '../../../lib/format';

/** Earlier imports, newest first. */
export function ImportHistory({ imports }: { imports: ImportRun[] }) {
  const { t, i18n } = useTranslation();
  const columns: Column<ImportRun>[] = [
    {
      id: 'startedAt',
      header: t('import.history.startedAt'),
      isRowHeader: true,
      sortValue: (run) => run.startedAt,
      cell: (run) => formatDateTime(run.startedAt, i18n.language),
    },
    {
      id: 'finishedAt',
      header: t('import.history.finishedAt'),
      cell: (run) => (run.finishedAt ? formatDateTime(run.finishedAt, i18n.language) : '–'),
    },
    {
      id: 'status',
      header: t('import.history.status'),
      cell: (run) => t(`import.statuses.${run.status}`, { defaultValue: run.status }),
    },
    {
      id: 'problems',
      header: t('import.history.problems'),
      isNumeric: true,
      cell: (run) => run.report?.problems.length ?? '–',
    },
  ];
  return (
    <DataTable
      caption={t('import.history.caption')}
      isCaptionHidden
      columns={columns}
      rows={imports}
      rowKey={(run) => run.id}
      initialSort={{ columnId: 'startedAt', direction: 'descending' }}
      emptyText={t('import.history.empty')}
    />
  );
}
