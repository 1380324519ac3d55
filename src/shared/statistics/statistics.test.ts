import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { periodFromTotals } from '../measures/totals.js';
import {
  absenceBand,
  countBands,
  isAboveShare,
  isUncertain,
  suppressTable,
  DEFAULT_MIN_COVERAGE,
  type SuppressedTable,
} from './index.js';
import { dueBoardReportPeriod, halfKeysBetween, halfRange, monthKeysBetween } from './index.js';

const figures = (absent: number, known: number, scheduled = known) =>
  periodFromTotals(
    {
      scheduled,
      known,
      attended: known - absent,
      valid: 0,
      invalid: absent,
      other: 0,
      lateCount: 0,
      lateMinutes: 0,
      absentDays: 0,
      absenceOccasions: 0,
      schoolDays: 1,
      longestRun: 0,
    },
    '2026-01-01',
    '2026-01-31',
  );

describe('absence bands', () => {
  it('puts the lower edge in the higher band, and no known time in noData', () => {
    expect(absenceBand(figures(0, 100))).toBe('below5');
    expect(absenceBand(figures(4, 100))).toBe('below5');
    expect(absenceBand(figures(5, 100))).toBe('from5to10');
    expect(absenceBand(figures(7, 140))).toBe('from5to10');
    expect(absenceBand(figures(9, 100))).toBe('from5to10');
    expect(absenceBand(figures(10, 100))).toBe('from10to20');
    expect(absenceBand(figures(20, 100))).toBe('from20to50');
    expect(absenceBand(figures(49, 100))).toBe('from20to50');
    expect(absenceBand(figures(50, 100))).toBe('from50');
    expect(absenceBand(figures(100, 100))).toBe('from50');
    expect(absenceBand(figures(0, 0, 300))).toBe('noData');
    expect(countBands([figures(0, 10), figures(5, 10), figures(0, 0)])).toEqual({
      below5: 1,
      from5to10: 0,
      from10to20: 0,
      from20to50: 0,
      from50: 1,
      noData: 1,
    });
  });

  it('agrees with the rate from the measures module away from floating-point ties', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 5000 }), (known, a) => {
        const f = figures(Math.min(a, known), known);
        const rate = f.absentRate!;
        const expected =
          rate >= 0.5
            ? 'from50'
            : rate >= 0.2
              ? 'from20to50'
              : rate >= 0.1
                ? 'from10to20'
                : rate >= 0.05
                  ? 'from5to10'
                  : 'below5';
        const isTie = [0.05, 0.1, 0.2, 0.5].some((e) => Math.abs(rate - e) < 1e-9);
        if (!isTie) expect(absenceBand(f)).toBe(expected);
      }),
    );
  });

  it('lists strictly above the share', () => {
    expect(isAboveShare(figures(50, 100), 0.5)).toBe(false);
    expect(isAboveShare(figures(51, 100), 0.5)).toBe(true);
    expect(isAboveShare(figures(0, 0, 100), 0)).toBe(false);
  });
});

describe('coverage', () => {
  it('marks figures under the minimum coverage, or without scheduled time, uncertain', () => {
    expect(DEFAULT_MIN_COVERAGE).toBe(0.9);
    expect(isUncertain(0.9)).toBe(false);
    expect(isUncertain(0.89)).toBe(true);
    expect(isUncertain(null)).toBe(true);
    expect(isUncertain(0.7, 0.6)).toBe(false);
  });
});

/** Every line (rows with their total, columns with their total, row totals with the grand total) has 0 or ≥ 2 hidden entries. */
function assertNoSingleHiddenInALine(s: SuppressedTable) {
  const lines = [
    ...s.rows.map((row, r) => [...row, s.rowTotals[r]]),
    ...s.columnTotals.map((t, c) => [...s.rows.map((row) => row[c]), t]),
    [...s.rowTotals, s.grandTotal],
  ];
  for (const line of lines) expect(line.filter((v) => v === null).length).not.toBe(1);
}

describe('small-cell suppression', () => {
  it('hides cells under 5 and one more cell so the hidden one cannot be derived from the row total', () => {
    // Organiser A: 300 + 50 + 20 + 6 + 2 = 378 pupils; the ≥ 50 % cell (2) is under 5.
    const s = suppressTable({
      rows: [
        [300, 50, 20, 6, 2],
        [200, 40, 30, 10, 8],
      ],
      rowTotals: [378, 288],
      columns: 5,
    });
    expect(s.rows[0]).toEqual([300, 50, 20, null, null]);
    // The column of the hidden 2 now has two hidden cells… and the column of the 6 needs its partner too.
    expect(s.rows[1]).toEqual([200, 40, 30, null, null]);
    expect(s.rowTotals).toEqual([378, 288]);
    expect(s.columnTotals).toEqual([500, 90, 50, 16, 10]);
    assertNoSingleHiddenInALine(s);
  });

  it('defeats the differencing attack: total minus the visible cells never gives a hidden cell', () => {
    const table = {
      rows: [
        [120, 3, 40],
        [80, 12, 9],
        [60, 7, 30],
      ],
      rowTotals: [163, 101, 97],
      columns: 3,
    };
    const s = suppressTable(table);
    expect(s.rows[0][1]).toBeNull();
    for (const [r, row] of s.rows.entries()) {
      const hidden = row.flatMap((v, c) => (v === null ? [c] : []));
      if (hidden.length === 0 || s.rowTotals[r] === null) continue;
      // The attacker only learns the sum of the hidden cells, never one of them.
      expect(hidden.length).toBeGreaterThanOrEqual(2);
      const visible = row.reduce<number>((a, v) => a + (v ?? 0), 0);
      expect(s.rowTotals[r]! - visible).toBe(hidden.reduce((a, c) => a + table.rows[r][c], 0));
    }
    assertNoSingleHiddenInALine(s);
  });

  it('hides a whole small row, and another row so it cannot be derived from the grand total', () => {
    const s = suppressTable({
      rows: [
        [2, 1],
        [30, 20],
        [50, 10],
      ],
      rowTotals: [3, 50, 60],
      columns: 2,
    });
    expect(s.isRowHidden).toEqual([true, true, false]);
    expect(s.rows[0]).toEqual([null, null]);
    expect(s.grandTotal).toBe(113);
    // Column 1 sums to 31: visible total, but its hidden cells (1 and 20) are two, so neither is derivable.
    expect(s.columnTotals).toEqual([82, 31]);
    assertNoSingleHiddenInALine(s);
  });

  it('hides the total when nothing else is left in the line', () => {
    const s = suppressTable({ rows: [[3, 40]], rowTotals: [43], columns: 2 });
    // Column 0: cell 3 hidden, its column total (= 3) must go too; row: 3 and then 40 hidden.
    expect(s.rows[0][0]).toBeNull();
    expect(s.columnTotals[0]).toBeNull();
    assertNoSingleHiddenInALine(s);
  });

  it('hides a region-wide total under 5 and copes with an empty table', () => {
    const s = suppressTable({
      rows: [
        [40, 1],
        [30, 2],
      ],
      rowTotals: [41, 32],
      columns: 2,
    });
    expect(s.columnTotals[1]).toBeNull();
    assertNoSingleHiddenInALine(s);
    expect(suppressTable({ rows: [], rowTotals: [], columns: 2 })).toMatchObject({
      columnTotals: [null, null],
      grandTotal: null,
    });
  });

  it('leaves no line with a single hidden entry for random tables', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(40), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        (rows) => {
          const s = suppressTable({ rows, rowTotals: rows.map((r) => r.reduce((a, b) => a + b, 0)), columns: 4 });
          assertNoSingleHiddenInALine(s);
          s.columnTotals.forEach((t, c) => {
            if (rows.reduce((a, row) => a + row[c], 0) < 5) expect(t).toBeNull();
          });
          for (const [r, row] of rows.entries())
            row.forEach((v, c) => {
              if (v < 5) expect(s.rows[r][c]).toBeNull();
            });
        },
      ),
    );
  });
});

describe('statistics periods and board report schedule', () => {
  it('keys months and half-years', () => {
    expect(monthKeysBetween('2025-11-20', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(halfKeysBetween('2025-06-30', '2025-07-01')).toEqual(['2025-H1', '2025-H2']);
    expect(halfRange('2025-H2')).toEqual({ from: '2025-07-01', to: '2025-12-31' });
  });

  it('makes the monthly report for the last completed month and the termly one for the last completed half-year', () => {
    expect(dueBoardReportPeriod('monthly', '2026-03-01')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(dueBoardReportPeriod('monthly', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(dueBoardReportPeriod('termly', '2026-01-02')).toEqual({ from: '2025-07-01', to: '2025-12-31' });
    expect(dueBoardReportPeriod('termly', '2026-06-30')).toEqual({ from: '2025-07-01', to: '2025-12-31' });
    expect(dueBoardReportPeriod('termly', '2026-07-01')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(dueBoardReportPeriod('off', '2026-07-01')).toBeNull();
  });
});
