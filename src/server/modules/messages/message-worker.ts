/** The message worker: expands due outbox rows and sends due deliveries, organiser by organiser. */
import type { Database } from '../../db/client.js';
import type { MessageConfig } from '../../config.js';
import type { Transports } from './channels/channel.js';
import { expandDueOutbox } from './commands/expand-outbox.js';
import { sendDueDeliveries } from './commands/send-deliveries.js';
import { writeMonthlyNotices } from './commands/write-monthly-notices.js';
import { withdrawStaleDeliveries } from './commands/withdraw-stale-deliveries.js';
import { unsafeAllOrganiserIds } from '../../db/tenants.js';

export interface WorkerRun {
  expanded: number;
  withdrawn: number;
  noChannel: number;
  sent: number;
  retried: number;
  failed: number;
}

export async function runMessageWorker(
  database: Database,
  options: { now: Date; config: MessageConfig; transports: Transports },
): Promise<WorkerRun> {
  const run: WorkerRun = { expanded: 0, withdrawn: 0, noChannel: 0, sent: 0, retried: 0, failed: 0 };
  for (const organiserId of await unsafeAllOrganiserIds(database.db)) {
    // Before expansion: a notice whose lessons changed is expanded again in this run.
    run.withdrawn += await database.db.transaction((tx) => withdrawStaleDeliveries(tx, organiserId, options));
    for (;;) {
      const expanded = await database.db.transaction((tx) => expandDueOutbox(tx, organiserId, options));
      run.expanded += expanded.expanded;
      run.withdrawn += expanded.withdrawn;
      run.noChannel += expanded.failed;
      if (expanded.expanded + expanded.withdrawn + expanded.failed === 0) break;
    }
    for (;;) {
      const sent = await sendDueDeliveries(database.db, organiserId, options);
      run.sent += sent.sent;
      run.retried += sent.retried;
      run.failed += sent.failed;
      if (sent.sent + sent.retried + sent.failed === 0) break;
    }
  }
  return run;
}

export async function runMonthlyNotices(
  database: Database,
  options: { today: string; now: Date; config: MessageConfig },
): Promise<number> {
  let written = 0;
  for (const organiserId of await unsafeAllOrganiserIds(database.db)) {
    written += await database.db.transaction((tx) =>
      writeMonthlyNotices(tx, organiserId, {
        ...options,
        thresholdPercent: options.config.monthlyNoticeThresholdPercent,
      }),
    );
  }
  return written;
}
