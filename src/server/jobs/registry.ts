/** The jobs Närvaro runs, and their schedules. */
import type { Database } from '../db/client.js';
import type { Clock } from '../clock.js';
import type { JobQueue } from './queue.js';
import { BOARD_REPORTS_TIME, JOB_BOARD_REPORTS, handleScheduledBoardReports } from '../modules/statistics/scheduled-board-reports.js';
import { evaluateLadders } from '../modules/ladders/commands/evaluate-ladders.js';
import { unsafeAllOrganiserIds } from '../modules/ladders/dry-run-ladder.js';

export const JOB_EVALUATE_LADDERS = 'ladder.evaluate-all';

/** Nightly, after the day's registrations: every organiser, one transaction each. */
export const NIGHTLY_EVALUATION_TIME = '02:00';

export async function handleEvaluateLadders(database: Database, clock: Clock): Promise<void> {
  for (const organiserId of await unsafeAllOrganiserIds(database.db)) {
    await database.db.transaction((tx) => evaluateLadders(tx, { organiserId, actorUserId: null }, { date: clock.today() }));
  }
}

export async function registerJobs(queue: JobQueue, database: Database, clock: Clock): Promise<void> {
  queue.register(JOB_EVALUATE_LADDERS, () => handleEvaluateLadders(database, clock));
  queue.register(JOB_BOARD_REPORTS, async () => { await handleScheduledBoardReports(database, clock); });
  await queue.start();
  await queue.scheduleDaily(JOB_EVALUATE_LADDERS, NIGHTLY_EVALUATION_TIME);
  await queue.scheduleDaily(JOB_BOARD_REPORTS, BOARD_REPORTS_TIME);
}
