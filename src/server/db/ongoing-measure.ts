/**
 * The SQL half of "an ongoing measure" (src/shared/ladders/ongoing-measure.ts holds the day limit):
 * the early-warning list and the statistics count pupils without one the same way.
 */
import { type SQL, sql } from 'drizzle-orm';

/**
 * SQL condition on a pupil id column: the pupil has an active intervention in an open case
 * (started, not ended). Counts as an ongoing measure in Norrköping's KPI beside open tasks.
 */
export function hasActiveInterventionSql(pupilIdColumn: SQL, organiserIdColumn: SQL, today: string): SQL {
  return sql`exists (select 1 from case_interventions ci join cases ac on ac.organiser_id = ci.organiser_id and ac.id = ci.case_id and ac.status = 'open'
    where ci.organiser_id = ${organiserIdColumn} and ac.pupil_id = ${pupilIdColumn} and ci.start_date <= ${today} and (ci.end_date is null or ci.end_date >= ${today}))`;
}
