/**
 * Period figures per pupil summed in SQL from the pupil × day roll-up. SQL only adds up columns
 * the measures module wrote (including its absent-day and occasion flags); rates come from the
 * same module. `longestRun` needs the day sequence and is 0 here (the pupil page computes it).
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import { periodFromTotals, type PeriodTotals } from '../../../shared/measures/totals.js';
import type { PeriodFigures } from '../../../shared/measures/index.js';

interface TotalsRow {
  person_id: string;
  scheduled: number;
  known: number;
  attended: number;
  valid: number;
  invalid: number;
  other: number;
  late_count: number;
  late_minutes: number;
  absent_days: number;
  absence_occasions: number;
  school_days: number;
}

/**
 * @param pupilFilter SQL condition on `pd` (pupil_days), e.g. a scoped set of person ids.
 * @returns figures per person id (pupils with no scheduled day in the range are absent from the map).
 */
export async function aggregateFigures(
  tx: Tx,
  organiserId: string,
  pupilFilter: SQL,
  from: string,
  to: string,
): Promise<Map<string, PeriodFigures>> {
  const rows = await queryRows<TotalsRow>(
    tx,
    sql`
    select pd.person_id,
      sum(pd.scheduled)::int as scheduled, sum(pd.known)::int as known, sum(pd.attended)::int as attended,
      sum(pd.valid)::int as valid, sum(pd.invalid)::int as invalid, sum(pd.other)::int as other,
      sum(pd.late_count)::int as late_count, sum(pd.late_minutes)::int as late_minutes,
      (count(*) filter (where pd.is_absent_day))::int as absent_days,
      (count(*) filter (where pd.has_absence))::int as absence_occasions,
      (count(*) filter (where pd.scheduled > 0))::int as school_days
    from pupil_days pd
    where pd.organiser_id = ${organiserId} and pd.date between ${from} and ${to} and ${pupilFilter}
    group by pd.person_id`,
  );
  return new Map(
    rows.map((r) => {
      const totals: PeriodTotals = {
        scheduled: r.scheduled,
        known: r.known,
        attended: r.attended,
        valid: r.valid,
        invalid: r.invalid,
        other: r.other,
        lateCount: r.late_count,
        lateMinutes: r.late_minutes,
        absentDays: r.absent_days,
        absenceOccasions: r.absence_occasions,
        schoolDays: r.school_days,
        longestRun: 0,
      };
      return [r.person_id, periodFromTotals(totals, from, to)];
    }),
  );
}

/** Empty figures for a pupil with nothing scheduled in the range ("no data"). */
export const noFigures = (from: string, to: string): PeriodFigures =>
  periodFromTotals(
    {
      scheduled: 0,
      known: 0,
      attended: 0,
      valid: 0,
      invalid: 0,
      other: 0,
      lateCount: 0,
      lateMinutes: 0,
      absentDays: 0,
      absenceOccasions: 0,
      schoolDays: 0,
      longestRun: 0,
    },
    from,
    to,
  );
