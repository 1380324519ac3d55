import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Figures } from '@shared/schemas/pupils';
import { DataTable, type Column } from '../../../components/DataTable';
import { FigureCell, ShareCell } from '../../../components/FigureCell';

/** One row of a month or week table. */
export interface PeriodFiguresRow {
  key: string;
  label: ReactNode;
  figures: Figures;
  /** Extra status text (e.g. "Ofullständig vecka"). */
  note?: ReactNode;
  className?: string;
}

/** Months or weeks with absence, valid, invalid, late arrivals and coverage; optionally a note column. */
export function PeriodFiguresTable({
  caption,
  periodHeader,
  rows,
  noteHeader,
}: {
  caption: string;
  periodHeader: string;
  rows: PeriodFiguresRow[];
  noteHeader?: string;
}) {
  const { t } = useTranslation();
  const columns: Column<PeriodFiguresRow>[] = [
    { id: 'period', header: periodHeader, isRowHeader: true, cell: (row) => row.label },
    {
      id: 'absent',
      header: t('figures.absentRate'),
      isNumeric: true,
      cell: (row) => <FigureCell rate={row.figures.absentRate} coverage={row.figures.coverage} showCoverage={false} />,
    },
    {
      id: 'valid',
      header: t('figures.validRate'),
      isNumeric: true,
      cell: (row) => <FigureCell rate={row.figures.validRate} coverage={row.figures.coverage} showCoverage={false} />,
    },
    {
      id: 'invalid',
      header: t('figures.invalidRate'),
      isNumeric: true,
      cell: (row) => <FigureCell rate={row.figures.invalidRate} coverage={row.figures.coverage} showCoverage={false} />,
    },
    { id: 'late', header: t('figures.lateCount'), isNumeric: true, cell: (row) => row.figures.lateCount },
    {
      id: 'coverage',
      header: t('figures.coverage'),
      isNumeric: true,
      cell: (row) => <ShareCell share={row.figures.coverage} />,
    },
  ];
  if (noteHeader) columns.push({ id: 'note', header: noteHeader, cell: (row) => row.note ?? '' });
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={rows}
      rowKey={(row) => row.key}
      rowClassName={(row) => row.className}
    />
  );
}
