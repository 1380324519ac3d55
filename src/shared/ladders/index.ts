/**
 * Attendance ladders (närvarotrappor) as data: the configuration format with its JSON Schema and
 * validation, and the pure engine that puts a pupil on a step with a one-sentence explanation.
 * Rules: `docs/domain/ladders.md`; figures: `../measures`.
 */
export * from './format';
export * from './evaluate';
export { ladderLookbackDays } from './lookback';
export type { ConcernFlag, FiredTrigger } from './triggers';
export type { TermRange } from './periods';
export type { SchemaProblem } from './schema-problems';
