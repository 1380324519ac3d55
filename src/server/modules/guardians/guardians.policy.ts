/** What a guardian may do with a report, and which dates a report may cover. */
import { AppError } from '../../errors.js';
import { addDays } from '../../../shared/dates/index.js';

/** How far ahead a guardian may report absence (longer absence is a leave request or a talk with the school). */
export const REPORT_DAYS_AHEAD = 60;

/** A guardian's own kind of report that has not started yet may be changed or withdrawn. */
export function canChangeReport(
  report: { kind: string; startsAt: Date; withdrawnAt: Date | null },
  now: Date,
): boolean {
  return report.kind === 'guardianReport' && report.withdrawnAt === null && report.startsAt.getTime() > now.getTime();
}

/** @throws AppError REPORT_DATE_TOO_EARLY / REPORT_DATE_TOO_LATE with a plain Swedish message. */
export function checkReportDates(fromDate: string, toDate: string, today: string, pastDays: number): void {
  const earliest = addDays(today, -pastDays);
  if (fromDate < earliest) {
    const message =
      pastDays === 0
        ? 'Frånvaro kan bara anmälas från och med idag. Kontakta skolan om en dag som redan har varit.'
        : `Frånvaro kan anmälas högst ${pastDays} ${pastDays === 1 ? 'dag' : 'dagar'} bakåt (från ${earliest}). Kontakta skolan om tidigare dagar.`;
    throw new AppError('REPORT_DATE_TOO_EARLY', message, [{ path: '/fromDate', message }]);
  }
  if (toDate > addDays(today, REPORT_DAYS_AHEAD)) {
    const message = `Frånvaro kan anmälas högst ${REPORT_DAYS_AHEAD} dagar framåt. Längre ledighet söker du som ledighet.`;
    throw new AppError('REPORT_DATE_TOO_LATE', message, [{ path: '/toDate', message }]);
  }
}
