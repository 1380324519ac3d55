/**
 * The scheduled board report job: every night, each organiser with a schedule gets the report for
 * its last completed month or term unless it is stored already (so a missed night catches up and
 * a rerun makes nothing twice). One transaction per organiser.
 */
import type { Database } from '../../db/client.js';
import type { Clock } from '../../clock.js';
import { dueBoardReportPeriod } from '../../../shared/statistics/index.js';
import { hasBoardReport, unsafeScheduledBoardReports } from './statistics.repo.js';
import { generateBoardReport } from './commands/generate-board-report.js';

export const JOB_BOARD_REPORTS = 'statistics.board-reports';
/** After the nightly ladder evaluation, so the report's KPI is today's. */
export const BOARD_REPORTS_TIME = '03:00';

/** @returns the number of reports made. */
export async function handleScheduledBoardReports(database: Database, clock: Clock): Promise<number> {
  const today = clock.today();
  let made = 0;
  for (const schedule of await unsafeScheduledBoardReports(database.db)) {
    const period = dueBoardReportPeriod(schedule.frequency, today);
    if (!period) continue;
    await database.db.transaction(async (tx) => {
      if (await hasBoardReport(tx, schedule.organiser_id, period.from, period.to, 'scheduled')) return;
      await generateBoardReport(
        tx,
        { organiserId: schedule.organiser_id, actorUserId: null },
        { ...period, text: schedule.text || undefined },
        'scheduled',
        today,
      );
      made++;
    });
  }
  return made;
}
