/** Pure statistics helpers: absence bands, coverage-based uncertainty, small-cell suppression, definitions. */
export * from './bands.js';
export * from './coverage.js';
export * from './suppression.js';
export * from './definitions.js';
export * from './periods.js';
export * from './board-report-schedule.js';
