/**
 * Absence accounting: the single implementation of `docs/domain/measures.md`. Pure; every figure
 * the system shows (pupil page, ladders, statistics, export) is derived here.
 */
export type * from './types';
export * from './lesson';
export * from './period';
export * from './totals';
export * from './weeks';
export * from './patterns';
export * from './ss12000';
export * from './teaching-time';
