/**
 * Background jobs started from the web: a row per job with status, progress and result, run by
 * the job queue (pg-boss on PostgreSQL, in process on PGlite). The request answers 202 with the
 * job id at once; the page polls `GET /api/jobs/:id`.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { schema, type Db, type Tx } from '../db/client.js';
import { AppError } from '../errors.js';
import type { JobQueue } from './queue.js';

/** The queue job that runs one background job row. */
export const JOB_RUN_BACKGROUND = 'background.run';

export type BackgroundJobKind = 'ladder.evaluate' | 'ladder.preview' | 'organiser.export';

export interface BackgroundJob {
  organiserId: string;
  id: string;
  kind: BackgroundJobKind;
  input: Record<string, unknown>;
  createdByUserId: string;
}

/** Reports progress as units done of a total; each report is committed on its own so readers see it. */
export type ReportProgress = (done: number, total: number) => Promise<void>;

export type BackgroundJobRunner = (job: BackgroundJob, report: ReportProgress) => Promise<Record<string, unknown>>;

/** Shown when a job fails for a reason that is not an expected error (the details go to the log). */
const FAILED_MESSAGE = 'Körningen misslyckades. Försök igen om en stund; kvarstår felet, kontakta supporten.';

/** Shown for a job whose process stopped (restart, crash) before it finished. */
const INTERRUPTED_MESSAGE = 'Körningen avbröts när servern startades om. Starta den igen.';
/** No evaluation or preview runs this long; a running job older than this lost its worker. */
export const INTERRUPTED_AFTER_HOURS = 2;

/**
 * Fails jobs whose worker is gone, so their page stops waiting. With `isSoleProcess` (PGlite: this
 * process owns the data folder, and its in-process queue started empty) every unfinished job is;
 * with several workers (PostgreSQL) only those running for longer than any job takes.
 */
export async function failInterruptedJobs(db: Db, options: { isSoleProcess: boolean }): Promise<number> {
  const unfinished = options.isSoleProcess
    ? sql`status in ('queued', 'running')`
    : sql`status = 'running' and created_at < now() - make_interval(hours => ${INTERRUPTED_AFTER_HOURS})`;
  const failed = await db
    .update(schema.backgroundJobs)
    .set({ status: 'failed', finishedAt: sql`now()`, errorCode: 'JOB_INTERRUPTED', errorMessage: INTERRUPTED_MESSAGE })
    .where(unfinished)
    .returning({ id: schema.backgroundJobs.id });
  return failed.length;
}

/**
 * Records a job started by the actor and hands it to the queue.
 * @param actor who starts it: the job runs in the actor's organiser and names them as its creator.
 * @param input the runner's input, stored as JSON.
 * @returns the job id, for the 202 answer and `GET /api/jobs/:id`.
 */
export async function startBackgroundJob(
  db: Db,
  queue: JobQueue,
  actor: { organiserId: string; userId: string },
  kind: BackgroundJobKind,
  input: object,
): Promise<string> {
  const id = randomUUID();
  const job: BackgroundJob = {
    organiserId: actor.organiserId,
    id,
    kind,
    input: { ...input },
    createdByUserId: actor.userId,
  };
  await db.insert(schema.backgroundJobs).values({ ...job, status: 'queued' });
  await queue.send(JOB_RUN_BACKGROUND, { organiserId: job.organiserId, jobId: id });
  return id;
}

export async function findBackgroundJob(tx: Tx, organiserId: string, id: string) {
  const [row] = await tx
    .select()
    .from(schema.backgroundJobs)
    .where(and(eq(schema.backgroundJobs.organiserId, organiserId), eq(schema.backgroundJobs.id, id)));
  return row;
}

/**
 * Runs a queued job with the runner for its kind and stores the result or the error. A job that
 * is not queued (already run, or retried by the queue after it finished) is left alone.
 */
export async function runBackgroundJob(
  db: Db,
  runners: Partial<Record<BackgroundJobKind, BackgroundJobRunner>>,
  data: Record<string, unknown>,
  log: (message: string, error?: unknown) => void,
): Promise<void> {
  const organiserId = String(data.organiserId);
  const id = String(data.jobId);
  const claimed = await db
    .update(schema.backgroundJobs)
    .set({ status: 'running' })
    .where(
      and(
        eq(schema.backgroundJobs.organiserId, organiserId),
        eq(schema.backgroundJobs.id, id),
        eq(schema.backgroundJobs.status, 'queued'),
      ),
    )
    .returning();
  const row = claimed[0];
  if (!row) return;
  const where = and(eq(schema.backgroundJobs.organiserId, organiserId), eq(schema.backgroundJobs.id, id));
  const report: ReportProgress = async (done, total) => {
    await db.update(schema.backgroundJobs).set({ progressDone: done, progressTotal: total }).where(where);
  };
  try {
    const runner = runners[row.kind as BackgroundJobKind];
    if (!runner) throw new Error(`no runner for background job kind ${row.kind}`);
    const result = await runner(
      { organiserId, id, kind: row.kind as BackgroundJobKind, input: row.input, createdByUserId: row.createdByUserId },
      report,
    );
    await db.update(schema.backgroundJobs).set({ status: 'done', result, finishedAt: sql`now()` }).where(where);
  } catch (error) {
    const expected = error instanceof AppError;
    if (!expected) log(`background job ${row.kind} failed`, error);
    await db
      .update(schema.backgroundJobs)
      .set({
        status: 'failed',
        finishedAt: sql`now()`,
        errorCode: expected ? error.code : 'INTERNAL',
        errorMessage: expected ? error.message : FAILED_MESSAGE,
      })
      .where(where);
  }
}
