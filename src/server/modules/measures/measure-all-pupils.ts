/**
 * Figures for every pupil of every organiser over a period, from the roll-up. Used by the
 * `measures` CLI command and the benchmark. Pupils are everyone with a group membership
 * overlapping the period, so a pupil with nothing scheduled still gets a row ("no data").
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import type { PeriodFigures } from '../../../shared/measures/index.js';
import { aggregateFigures, noFigures } from './aggregate-figures.js';
import { isPupilGroup } from '../../policies/scope.js';

/** One CLI row per pupil (issue #3 item 9). */
export interface PupilMeasureRow {
  personId: string;
  from: string;
  to: string;
  scheduled: number;
  known: number;
  valid: number;
  invalid: number;
  other: number;
  attended: number;
  absentDays: number;
  absenceOccasions: number;
  lateCount: number;
  lateMinutes: number;
}

const toRow = (personId: string, f: PeriodFigures): PupilMeasureRow => ({
  personId,
  from: f.from,
  to: f.to,
  scheduled: f.scheduled,
  known: f.known,
  valid: f.valid,
  invalid: f.invalid,
  other: f.other,
  attended: f.attended,
  absentDays: f.absentDays,
  absenceOccasions: f.absenceOccasions,
  lateCount: f.lateCount,
  lateMinutes: f.lateMinutes,
});

// Unscoped on purpose: the CLI is an operator tool with direct database access, not a user request.
export async function unsafeMeasureAllPupils(tx: Tx, from: string, to: string): Promise<PupilMeasureRow[]> {
  const pupils = await queryRows<{ organiser_id: string; person_id: string }>(
    tx,
    sql`
    select distinct gm.organiser_id, gm.person_id from group_memberships gm
    join groups g on g.organiser_id = gm.organiser_id and g.id = gm.group_id and ${isPupilGroup}
    where gm.start_date <= ${to} and (gm.end_date is null or gm.end_date >= ${from})
    order by gm.organiser_id, gm.person_id`,
  );
  const rows: PupilMeasureRow[] = [];
  for (const organiserId of [...new Set(pupils.map((p) => p.organiser_id))]) {
    const figures = await aggregateFigures(tx, organiserId, sql`true`, from, to);
    for (const p of pupils.filter((x) => x.organiser_id === organiserId))
      rows.push(toRow(p.person_id, figures.get(p.person_id) ?? noFigures(from, to)));
  }
  return rows;
}
