/**
 * Small-cell suppression for shared aggregates (regional statistics).
 *
 * A table is R rows × C cells of pupil counts plus its margins: a total per row, a total per
 * column and a grand total, every total being the sum of its line. Primary suppression hides every
 * entry, totals included, below the threshold (default 5, so 0–4 are hidden; a hidden
 * row total hides its whole row). Complementary suppression then closes the differencing attack:
 * as long as some line (a row with its total, a column with its total, or the column of row totals
 * with the grand total) has exactly one hidden entry — which would equal the line's total minus the
 * others — the smallest visible entry of that line is hidden too (the total only when nothing else
 * is left). Repeats until every line has zero or at least two hidden entries.
 *
 * Limits (docs/notes.md): this guarantees no hidden value is recoverable from one line; it is not a
 * full linear-programming audit across lines (rare patterns joined by a single cell can still be
 * bounded).
 */
export const MIN_CELL_PUPILS = 5;

export interface CountTable {
  /** rows[r][c]: pupils of row r in column c. */
  rows: number[][];
  /** Sum of each row (may exceed the sum of cells only if the caller's columns do not partition the row; here they must). */
  rowTotals: number[];
  /** Number of cells per row. */
  columns: number;
}

export interface SuppressedTable {
  rows: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  grandTotal: number | null;
  /** True where the row (and everything derived from its pupils, e.g. minutes and rates) is hidden. */
  isRowHidden: boolean[];
}

/** Suppresses a table; rows must partition their totals (sum of cells = row total). */
export function suppressTable(table: CountTable, threshold = MIN_CELL_PUPILS): SuppressedTable {
  const R = table.rows.length;
  const C = table.columns;
  for (const [r, row] of table.rows.entries()) {
    if (row.length !== C) throw new Error(`row ${r} has ${row.length} cells, expected ${C}`);
    if (row.reduce((a, b) => a + b, 0) !== table.rowTotals[r]) throw new Error(`row ${r} does not sum to its total`);
  }
  // The full grid with margins: index R is the column-totals row, index C the row-totals column.
  const value: number[][] = [];
  for (let r = 0; r <= R; r++) {
    value.push([]);
    for (let c = 0; c <= C; c++) {
      if (r < R && c < C) value[r].push(table.rows[r][c]);
      else if (r < R) value[r].push(table.rowTotals[r]);
      else if (c < C) value[r].push(table.rows.reduce((s, row) => s + row[c], 0));
      else value[r].push(table.rowTotals.reduce((s, t) => s + t, 0));
    }
  }
  const hidden = value.map((row) => row.map(() => false));
  // Primary: every entry under the threshold, totals included (a region-wide band of 3 pupils is a small cell too).
  for (let r = 0; r <= R; r++) for (let c = 0; c <= C; c++) if (value[r][c] < threshold) hidden[r][c] = true;
  for (let r = 0; r < R; r++) if (table.rowTotals[r] < threshold) hidden[r].fill(true);
  // Lines: each row r (cells 0..C, total at C) and each column c (cells 0..R, total at R).
  const lines: [number, number][][] = [];
  for (let r = 0; r <= R; r++) lines.push(Array.from({ length: C + 1 }, (_, c) => [r, c] as [number, number]));
  for (let c = 0; c <= C; c++) lines.push(Array.from({ length: R + 1 }, (_, r) => [r, c] as [number, number]));
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const hiddenCount = line.filter(([r, c]) => hidden[r][c]).length;
      if (hiddenCount !== 1) continue;
      const total = line[line.length - 1];
      const candidates = line.filter(([r, c]) => !hidden[r][c]);
      if (candidates.length === 0) continue;
      const interior = candidates.filter((p) => p !== total);
      const pick = (interior.length > 0 ? interior : candidates).reduce((best, p) =>
        value[p[0]][p[1]] < value[best[0]][best[1]] ? p : best,
      );
      hidden[pick[0]][pick[1]] = true;
      changed = true;
    }
  }
  const show = (r: number, c: number) => (hidden[r][c] ? null : value[r][c]);
  return {
    rows: table.rows.map((row, r) => row.map((_, c) => show(r, c))),
    rowTotals: table.rows.map((_, r) => show(r, C)),
    columnTotals: Array.from({ length: C }, (_, c) => show(R, c)),
    grandTotal: show(R, C),
    isRowHidden: table.rows.map((_, r) => hidden[r][C]),
  };
}
