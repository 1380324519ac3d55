/**
 * Follow-up rules: when the follow-up points of an intervention fall, and which two periods are
 * compared at a follow-up ("before" and "since" the start — same measure, same length), so the
 * before/after figures are computed by the system and comparable across interventions.
 */
import { addDays, addMonths, daysBetween } from '../dates/index.js';
import { FOLLOW_UP_SCHEMES, type FollowUpScheme } from './catalogue.js';

/** The planned follow-up points of an intervention started on `startDate`. */
export function plannedFollowUps(
  scheme: FollowUpScheme,
  startDate: string,
): { point: string; label: string; plannedOn: string }[] {
  return FOLLOW_UP_SCHEMES[scheme].map((p) => ({
    point: p.key,
    label: p.label,
    plannedOn: addDays(addMonths(startDate, p.months), p.days),
  }));
}

/** The baseline length when there is no "since" yet (a follow-up on the start day): four weeks, as Norrköping measured. */
export const BASELINE_DAYS = 28;

export interface DateRange {
  from: string;
  to: string;
}

/**
 * The periods compared at a follow-up made on `asOf`: "since" = start..asOf (inclusive), and
 * "before" = the same number of days ending the day before the start. On or before the start day
 * only the four-week baseline exists.
 */
export function comparablePeriods(startDate: string, asOf: string): { before: DateRange; since: DateRange | null } {
  if (asOf <= startDate)
    return { before: { from: addDays(startDate, -BASELINE_DAYS), to: addDays(startDate, -1) }, since: null };
  const length = daysBetween(startDate, asOf) + 1;
  return {
    before: { from: addDays(startDate, -length), to: addDays(startDate, -1) },
    since: { from: startDate, to: asOf },
  };
}
