/** The jobs Närvaro runs, and their schedules. */
import type { Database } from './db/client.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { JobQueue } from './jobs/queue.js';
import { JOB_RUN_BACKGROUND, runBackgroundJob } from './jobs/background-jobs.js';
import {
  BOARD_REPORTS_TIME,
  JOB_BOARD_REPORTS,
  handleScheduledBoardReports,
} from './modules/statistics/scheduled-board-reports.js';
import { evaluateLadders } from './modules/ladders/commands/evaluate-ladders.js';
import { ladderJobRunners } from './modules/ladders/ladder-jobs.js';
import { advanceRollupCuts, wantedCutDates } from './modules/statistics/rollup-cuts.js';
import { warmUnitCells } from './modules/statistics/statistics.repo.js';
import { halfKeyOf } from '../shared/statistics/index.js';
import { applyRetention } from './modules/retention/commands/apply-retention.js';
import { runMessageWorker, runMonthlyNotices } from './modules/messages/message-worker.js';
import { JOB_SEND_MESSAGES } from './modules/messages/messages.jobs.js';
import { transportsFromConfig } from './modules/messages/channels/from-config.js';
import { exportJobRunners } from './modules/exports/export-jobs.js';
import {
  JOB_SYNC_SS12000_DUE,
  JOB_SYNC_SS12000_NOW,
  SYNC_CHECK_EVERY_MINUTES,
  handleDueSyncs,
  runConfiguredSync,
} from './modules/imports/sync/scheduled-sync.js';
import { unsafeAllOrganiserIds } from './db/tenants.js';

export const JOB_EVALUATE_LADDERS = 'ladder.evaluate-all';
/** Nightly, after the day's registrations: every organiser, one transaction each. */
export const NIGHTLY_EVALUATION_TIME = '02:00';

export const JOB_APPLY_RETENTION = 'retention.apply-all';
export const NIGHTLY_RETENTION_TIME = '03:30';

export { JOB_SEND_MESSAGES };
export const JOB_MONTHLY_NOTICES = 'messages.monthly-notices';
/** Due messages are picked up within a minute (same-day notices are due at the configured time). */
export const SEND_EVERY_MINUTES = 1;
export const MONTHLY_NOTICE_TIME = '06:00';

export const JOB_KEEP_ROLLUP_CUTS = 'statistics.keep-rollup-cuts';
/** Just after midnight, so the running month and term read their "to date" roll-up from the first request of the day. */
export const ROLLUP_CUTS_TIME = '00:05';

export type JobLog = (message: string, error?: unknown) => void;

export async function handleEvaluateLadders(database: Database, clock: Clock): Promise<void> {
  for (const organiserId of await unsafeAllOrganiserIds(database.db)) {
    await database.db.transaction((tx) =>
      evaluateLadders(tx, { organiserId, actorUserId: null }, { date: clock.today() }),
    );
  }
}

/** Nightly retention (gallring): every organiser by its own policy, one transaction each. */
export async function handleApplyRetention(database: Database, clock: Clock): Promise<void> {
  for (const organiserId of await unsafeAllOrganiserIds(database.db)) {
    await database.db.transaction((tx) =>
      applyRetention(tx, { organiserId, actorUserId: null }, clock.today(), clock.now()),
    );
  }
}

/**
 * Moves every organiser's "to date" roll-up to today (and a year ago), one transaction each, then
 * brings the kept statistics cells of those half-years up to date.
 */
export async function handleKeepRollupCuts(database: Database, clock: Clock): Promise<void> {
  for (const organiserId of await unsafeAllOrganiserIds(database.db)) {
    await database.db.transaction((tx) => advanceRollupCuts(tx, organiserId, clock.today()));
    await database.db.transaction((tx) =>
      warmUnitCells(tx, organiserId, [...new Set(wantedCutDates(clock.today()).map(halfKeyOf))]),
    );
  }
}

/** What a worker runs: the scheduled jobs and the background jobs started from the web. */
export function registerJobHandlers(
  queue: JobQueue,
  database: Database,
  clock: Clock,
  config: Config,
  log: JobLog,
): void {
  const transports = transportsFromConfig(config.messages);
  const sendDue = () => runMessageWorker(database, { now: clock.now(), config: config.messages, transports });
  queue.register(JOB_EVALUATE_LADDERS, () => handleEvaluateLadders(database, clock));
  queue.register(JOB_RUN_BACKGROUND, (data) =>
    runBackgroundJob(database.db, { ...ladderJobRunners(database), ...exportJobRunners(database, clock) }, data, log),
  );
  queue.register(JOB_APPLY_RETENTION, () => handleApplyRetention(database, clock));
  queue.register(JOB_KEEP_ROLLUP_CUTS, () => handleKeepRollupCuts(database, clock));
  queue.register(JOB_SEND_MESSAGES, async () => {
    await sendDue();
  });
  queue.register(JOB_BOARD_REPORTS, async () => {
    await handleScheduledBoardReports(database, clock);
  });
  queue.register(JOB_SYNC_SS12000_DUE, () => handleDueSyncs(database, clock));
  queue.register(JOB_SYNC_SS12000_NOW, async (data) => {
    await runConfiguredSync(database, data.organiserId as string, data.userId as string);
  });
  queue.register(JOB_MONTHLY_NOTICES, async () => {
    await runMonthlyNotices(database, { today: clock.today(), now: clock.now(), config: config.messages });
    await sendDue();
  });
}

export async function registerJobs(
  queue: JobQueue,
  database: Database,
  clock: Clock,
  config: Config,
  log: JobLog,
): Promise<void> {
  registerJobHandlers(queue, database, clock, config, log);
  await queue.start();
  await queue.scheduleDaily(JOB_EVALUATE_LADDERS, NIGHTLY_EVALUATION_TIME);
  await queue.scheduleDaily(JOB_BOARD_REPORTS, BOARD_REPORTS_TIME);
  await queue.scheduleDaily(JOB_APPLY_RETENTION, NIGHTLY_RETENTION_TIME);
  await queue.scheduleDaily(JOB_MONTHLY_NOTICES, MONTHLY_NOTICE_TIME);
  await queue.scheduleEvery(JOB_SEND_MESSAGES, SEND_EVERY_MINUTES);
  await queue.scheduleDaily(JOB_KEEP_ROLLUP_CUTS, ROLLUP_CUTS_TIME);
  await queue.scheduleEvery(JOB_SYNC_SS12000_DUE, SYNC_CHECK_EVERY_MINUTES);
  // Catch up at start: a server that was down at midnight still gets today's cut.
  await queue.send(JOB_KEEP_ROLLUP_CUTS);
}
