/** Columns of the early-warning CSV (format: src/server/lib/csv.ts). */
import type { EarlyWarningRow } from '../../../shared/schemas/ladders.js';
import { type CsvColumn, csvPercent as percent } from '../../lib/csv.js';

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
