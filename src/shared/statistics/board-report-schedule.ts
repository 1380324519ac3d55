/**
 * When a scheduled board report is due: monthly → the last completed calendar month; termly → the
 * last completed half-year (January–June = spring term, July–December = autumn term, so the term's
 * school days are all inside it). The job makes the report for that period unless it exists.
 */
import { addDays, monthRange } from '../dates/index.js';
import { halfKeyOf, halfRange } from './periods.js';

export const BOARD_REPORT_FREQUENCIES = ['off', 'monthly', 'termly'] as const;
export type BoardReportFrequency = (typeof BOARD_REPORT_FREQUENCIES)[number];

export function dueBoardReportPeriod(
  frequency: BoardReportFrequency,
  today: string,
): { from: string; to: string } | null {
  if (frequency === 'off') return null;
  if (frequency === 'monthly') return monthRange(addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7));
  return halfRange(halfKeyOf(addDays(halfRange(halfKeyOf(today)).from, -1)));
}
