import { useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One column of a DataTable. */
export interface Column<T> {
  id: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Makes the column sortable; null values always sort last ("Ingen data" is not 0). */
  sortValue?: (row: T) => number | string | null;
  /** Right-aligned numbers. */
  isNumeric?: boolean;
  /** Cells are row headers (<th scope="row">), e.g. the pupil's name. */
  isRowHeader?: boolean;
}

/** Sort order, named as aria-sort names it. */
export type SortDirection = 'ascending' | 'descending';
/** The sorted column and its order. */
export interface SortState {
  columnId: string;
  direction: SortDirection;
}

interface DataTableProps<T> {
  caption: string;
  /** Keep the caption for assistive technology only. */
  isCaptionHidden?: boolean;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  initialSort?: SortState;
  rowClassName?: (row: T) => string | undefined;
  emptyText?: string;
}

function compare(a: number | string | null, b: number | string | null, direction: SortDirection): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'sv');
  return direction === 'ascending' ? order : -order;
}

/**
 * A table with optional sortable columns. Sortable headers are buttons; the sorted column
 * carries aria-sort. The table scrolls sideways inside a focusable region on narrow screens.
 */
export function DataTable<T>({
  caption,
  isCaptionHidden,
  columns,
  rows,
  rowKey,
  initialSort,
  rowClassName,
  emptyText,
}: DataTableProps<T>) {
  const { t } = useTranslation();
  const captionId = useId();
  const [sort, setSort] = useState<SortState | undefined>(initialSort);

  const sortedRows = useMemo(() => {
    const column = columns.find((c) => c.id === sort?.columnId);
    if (!sort || !column?.sortValue) return rows;
    const value = column.sortValue;
    return [...rows].sort((a, b) => compare(value(a), value(b), sort.direction));
  }, [rows, columns, sort]);

  const toggleSort = (columnId: string) => {
    setSort((current) => ({
      columnId,
      direction: current?.columnId === columnId && current.direction === 'descending' ? 'ascending' : 'descending',
    }));
  };

  return (
    <section className="table-scroll" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table">
        <caption id={captionId} className={isCaptionHidden ? 'visually-hidden' : undefined}>
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const isSorted = sort?.columnId === column.id;
              return (
                <th
                  key={column.id}
                  scope="col"
                  aria-sort={isSorted ? sort.direction : undefined}
                  className={column.isNumeric ? 'numeric' : undefined}
                >
                  {column.sortValue ? (
                    <button type="button" className="sort-button" onClick={() => toggleSort(column.id)}>
                      {column.header}
                      <span aria-hidden="true" className="sort-indicator">
                        {isSorted ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                      </span>
                      <span className="visually-hidden">{t('table.sortHint')}</span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sortedRows.length === 0 ? (
            <tr>
              <td colSpan={columns.length}>{emptyText ?? t('table.empty')}</td>
            </tr>
          ) : (
            sortedRows.map((row) => (
              <tr key={rowKey(row)} className={rowClassName?.(row)}>
                {columns.map((column) => {
                  const className = column.isNumeric ? 'numeric' : undefined;
                  return column.isRowHeader ? (
                    <th key={column.id} scope="row" className={className}>
                      {column.cell(row)}
                    </th>
                  ) : (
                    <td key={column.id} className={className}>
                      {column.cell(row)}
                    </td>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}
