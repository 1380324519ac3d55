/**
 * Data quality beside every rate: coverage is known / scheduled minutes (from the measures
 * module). A figure whose coverage is below the minimum is uncertain, never silently low; a
 * figure with nothing scheduled (coverage null) has no rate at all and is uncertain too.
 */
export const DEFAULT_MIN_COVERAGE = 0.9;

export const isUncertain = (coverage: number | null, minCoverage = DEFAULT_MIN_COVERAGE): boolean =>
  coverage === null || coverage < minCoverage;

/** The same calendar date `years` later (negative: earlier); 29 February becomes 28 February in a common year. */
export function shiftYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  const isLeap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !isLeap ? '02-28' : md}`;
}
