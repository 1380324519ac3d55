/** Background jobs as the API shows them: status, progress and, when done, the result. */
import { Type, type Static } from 'typebox';
import { Uuid } from './common.js';

export const JobStatus = Type.Enum(['queued', 'running', 'done', 'failed']);

export const JobResponse = Type.Object({
  id: Uuid,
  kind: Type.String(),
  status: JobStatus,
  /** Units of work done and in all (pupils for a ladder evaluation or preview). */
  progress: Type.Object({ done: Type.Integer(), total: Type.Integer() }),
  /** The job's result when done; its shape depends on the kind. */
  result: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  /** A stable code and a Swedish message when the job failed. */
  error: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]),
});
export type JobResponse = Static<typeof JobResponse>;

export const JobStarted = Type.Object({ jobId: Uuid });
