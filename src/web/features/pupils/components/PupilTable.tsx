import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PupilListRow } from '@shared/schemas/pupils';
import { DataTable, type Column } from '../../../components/DataTable';
import { FigureCell, ShareCell } from '../../../components/FigureCell';
import { Badge } from '../../../components/Badge';

/** The school list: one row per pupil, sortable by absence, invalid absence, late arrivals and coverage. */
export function PupilTable({
  pupils,
  caption,
  linkSearch,
}: {
  pupils: PupilListRow[];
  caption: string;
  linkSearch: string;
}) {
  const { t } = useTranslation();
  const columns: Column<PupilListRow>[] = [
    {
      id: 'name',
      header: t('pupils.columns.name'),
      isRowHeader: true,
      sortValue: (row) => `${row.familyName} ${row.givenName}`,
      cell: (row) => (
        <>
          <Link to={`/pupils/${row.personId}${linkSearch}`}>{`${row.givenName} ${row.familyName}`}</Link>
          {row.isProtected && (
            <>
              {' '}
              <Badge tone="warning">{t('pupil.protected')}</Badge>
            </>
          )}
        </>
      ),
    },
    {
      id: 'class',
      header: t('pupils.columns.class'),
      sortValue: (row) => row.className,
      cell: (row) => row.className ?? '–',
    },
    {
      id: 'absentRate',
      header: t('pupils.columns.absentRate'),
      isNumeric: true,
      sortValue: (row) => row.figures.absentRate,
      cell: (row) => <FigureCell rate={row.figures.absentRate} coverage={row.figures.coverage} />,
    },
    {
      id: 'invalidRate',
      header: t('pupils.columns.invalidRate'),
      isNumeric: true,
      sortValue: (row) => row.figures.invalidRate,
      cell: (row) => <FigureCell rate={row.figures.invalidRate} coverage={row.figures.coverage} />,
    },
    {
      id: 'lateCount',
      header: t('pupils.columns.lateCount'),
      isNumeric: true,
      sortValue: (row) => row.figures.lateCount,
      cell: (row) => row.figures.lateCount,
    },
    {
      id: 'coverage',
      header: t('pupils.columns.coverage'),
      isNumeric: true,
      sortValue: (row) => row.figures.coverage,
      cell: (row) => <ShareCell share={row.figures.coverage} />,
    },
  ];
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={pupils}
      rowKey={(row) => row.personId}
      initialSort={{ columnId: 'absentRate', direction: 'descending' }}
      emptyText={t('pupils.empty')}
    />
  );
}
