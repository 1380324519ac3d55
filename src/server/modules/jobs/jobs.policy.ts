/** A background job's result can name pupils: only the user who started it may read it (404 for anyone else). */
import type { PolicyTable } from '../../policies/table.js';

export type JobAction = 'read';
/** creator: the actor started the job. */
export type JobRelation = 'creator';

export const jobsPolicy = {
  read: { roles: [], relations: ['creator'] },
} as const satisfies PolicyTable<JobAction, JobRelation>;
