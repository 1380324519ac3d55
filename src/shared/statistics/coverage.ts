/**
 * Data quality beside every rate: coverage is known / scheduled minutes (from the measures
 * module). A figure whose coverage is below the minimum is uncertain, never silently low; a
 * figure with nothing scheduled (coverage null) has no rate at all and is uncertain too.
 */
export const DEFAULT_MIN_COVERAGE = 0.9;

export const isUncertain = (coverage: number | null, minCoverage = DEFAULT_MIN_COVERAGE): boolean =>
  coverage === null || coverage < minCoverage;
