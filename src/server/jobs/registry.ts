/** The jobs Närvaro runs, and their schedules. */
import type { Database } from '../db/client.js';
import type { Clock } from '../clock.js';
import type { JobQueue } from './queue.js';
import { JOB_RUN_BACKGROUND, runBackgroundJob } from './background-jobs.js';
import { evaluateLadders } from '../modules/ladders/commands/evaluate-ladders.js';
import { unsafeAllOrganiserIds } from '../modules/ladders/dry-run-ladder.js';
import { ladderJobRunners } from '../modules/ladders/ladder-jobs.js';

export const JOB_EVALUATE_LADDERS = 'ladder.evaluate-all';

/** Nightly, after the day's registrations: every organiser, one transaction each. */
export const NIGHTLY_EVALUATION_TIME = '02:00';

export async function handleEvaluateLadders(database: Database, clock: Clock): Promise<void> {
  for (const organiserId of await unsafeAllOrganiserIds(database.db)) {
    await database.db.transaction((tx) => evaluateLadders(tx, { organiserId, actorUserId: null }, { date: clock.today() }));
  }
}

/** What a worker runs: the nightly evaluation and the background jobs started from the web. */
export function registerJobHandlers(queue: JobQueue, database: Database, clock: Clock, log: (message: string, error?: unknown) => void): void {
  queue.register(JOB_EVALUATE_LADDERS, () => handleEvaluateLadders(database, clock));
  queue.register(JOB_RUN_BACKGROUND, (data) => runBackgroundJob(database.db, ladderJobRunners(database), data, log));
}

export async function registerJobs(queue: JobQueue, database: Database, clock: Clock, log: (message: string, error?: unknown) => void): Promise<void> {
  registerJobHandlers(queue, database, clock, log);
  await queue.start();
  await queue.scheduleDaily(JOB_EVALUATE_LADDERS, NIGHTLY_EVALUATION_TIME);
}
