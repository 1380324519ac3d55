/** CSV in the shape Swedish Excel opens directly: semicolons, decimal comma, UTF-8 with BOM. Every export uses it. */

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null;
}

/** A rate 0..1 as a percentage with one decimal and a decimal comma; empty when unknown. */
export const csvPercent = (v: number | null) => (v === null ? '' : (v * 100).toFixed(1).replace('.', ','));

function cell(value: string | number | boolean | null): string {
  const text = value === null ? '' : typeof value === 'boolean' ? (value ? 'ja' : 'nej') : String(value);
  // Quote when needed; a leading =, +, -, @, tab or carriage return (OWASP's list) is neutralised so
  // a name can never run as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[;"\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  const lines = [
    columns.map((c) => cell(c.header)).join(';'),
    ...rows.map((r) => columns.map((c) => cell(c.value(r))).join(';')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
