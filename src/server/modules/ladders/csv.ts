/** CSV export in the shape Swedish Excel opens directly: semicolons, decimal comma, UTF-8 with BOM. */
import type { EarlyWarningRow } from '../../../shared/schemas/ladders.js';

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null;
}

const WEEKDAYS = ['', 'måndagar', 'tisdagar', 'onsdagar', 'torsdagar', 'fredagar', 'lördagar', 'söndagar'];

/** Swedish words for a flagged pattern (the web app has its own translations). */
function describePattern(p: { dimension: string; category: string }): string {
  switch (p.dimension) {
    case 'weekday':
      return WEEKDAYS[Number(p.category)] ?? p.category;
    case 'firstLesson':
      return 'första lektionen';
    case 'afterBreak':
      return 'efter helg eller lov';
    case 'teacher':
      return `hos ${p.category}`;
    default:
      return p.category;
  }
}

const percent = (v: number | null) => (v === null ? '' : (v * 100).toFixed(1).replace('.', ','));

function cell(value: string | number | boolean | null): string {
  const text = value === null ? '' : typeof value === 'boolean' ? (value ? 'ja' : 'nej') : String(value);
  // Quote when needed; a leading =,+,-,@ is neutralised so a name can never run as a formula.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[;"\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  const lines = [
    columns.map((c) => cell(c.header)).join(';'),
    ...rows.map((r) => columns.map((c) => cell(c.value(r))).join(';')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export const EARLY_WARNING_CSV_COLUMNS: CsvColumn<EarlyWarningRow>[] = [
  { header: 'Efternamn', value: (r) => r.familyName },
  { header: 'Förnamn', value: (r) => r.givenName },
  { header: 'Klass', value: (r) => r.className },
  { header: 'Skolenhet', value: (r) => r.schoolUnitName },
  { header: 'Steg', value: (r) => r.stepIndex },
  { header: 'Stegnamn', value: (r) => r.stepName },
  { header: 'Sedan', value: (r) => r.since },
  { header: 'Ny denna vecka', value: (r) => r.isNewThisWeek },
  { header: 'Frånvaro senaste 4 veckor (%)', value: (r) => percent(r.recentAbsentRate) },
  { header: 'Frånvaro 4 veckor innan (%)', value: (r) => percent(r.previousAbsentRate) },
  { header: 'Täckning (%)', value: (r) => percent(r.coverage) },
  { header: 'Öppna uppgifter', value: (r) => r.openTasks },
  { header: 'Försenade uppgifter', value: (r) => r.overdueTasks },
  { header: 'Dagar sedan senaste åtgärd', value: (r) => r.daysSinceLastMeasure },
  { header: 'Utan pågående åtgärd', value: (r) => r.isWithoutMeasure },
  { header: 'Mönster', value: (r) => r.patterns.map(describePattern).join(', ') },
  { header: 'Förklaring', value: (r) => r.explanation },
];
