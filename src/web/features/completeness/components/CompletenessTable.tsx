import { useTranslation } from 'react-i18next';
import type { CompletenessRow } from '@shared/schemas/reports';
import { DataTable, type Column } from '../../../components/DataTable';
import { ShareCell } from '../../../components/FigureCell';

type Row = CompletenessRow & { schoolUnitName?: string };

/** Confirmed lessons per school unit or teacher, worst (lowest share) first; no lessons = "Ingen data", last. */
export function CompletenessTable({
  rows,
  caption,
  nameHeader,
  showSchoolUnit = false,
}: {
  rows: Row[];
  caption: string;
  nameHeader: string;
  showSchoolUnit?: boolean;
}) {
  const { t } = useTranslation();
  const columns: Column<Row>[] = [
    { id: 'name', header: nameHeader, isRowHeader: true, sortValue: (row) => row.name, cell: (row) => row.name },
  ];
  if (showSchoolUnit) {
    columns.push({
      id: 'unit',
      header: t('completeness.columns.schoolUnit'),
      sortValue: (row) => row.schoolUnitName ?? null,
      cell: (row) => row.schoolUnitName ?? '–',
    });
  }
  columns.push(
    {
      id: 'share',
      header: t('completeness.columns.share'),
      isNumeric: true,
      sortValue: (row) => row.share,
      cell: (row) => <ShareCell share={row.share} />,
    },
    {
      id: 'confirmed',
      header: t('completeness.columns.confirmed'),
      isNumeric: true,
      sortValue: (row) => row.confirmed,
      cell: (row) => row.confirmed,
    },
    {
      id: 'unconfirmed',
      header: t('completeness.columns.unconfirmed'),
      isNumeric: true,
      sortValue: (row) => row.lessons - row.confirmed,
      cell: (row) => row.lessons - row.confirmed,
    },
    {
      id: 'lessons',
      header: t('completeness.columns.lessons'),
      isNumeric: true,
      sortValue: (row) => row.lessons,
      cell: (row) => row.lessons,
    },
  );
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={rows}
      rowKey={(row) => row.id}
      initialSort={{ columnId: 'share', direction: 'ascending' }}
      emptyText={t('completeness.empty')}
    />
  );
}
