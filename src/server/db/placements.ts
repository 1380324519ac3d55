/**
 * Where a pupil belongs on a date: the school unit of the class (Klass) membership, or failing that
 * of the enrolment. Ladders, cases and absences all place pupils by this one rule.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from './client.js';
import { uuidArray } from './sql.js';

export interface PupilPlacement {
  person_id: string;
  school_unit_id: string;
}

/** Pupils with a class membership on the date (or, failing that, an enrolment), with their school unit. */
export async function findPupilPlacements(
  tx: Tx,
  organiserId: string,
  date: string,
  filter: { schoolUnitId?: string; personIds?: string[] },
): Promise<PupilPlacement[]> {
  const unitFilter = filter.schoolUnitId ? sql`and x.school_unit_id = ${filter.schoolUnitId}` : sql``;
  const personFilter = filter.personIds ? sql`and x.person_id = any(${uuidArray(filter.personIds)})` : sql``;
  return queryRows<PupilPlacement>(
    tx,
    sql`
    select distinct on (x.person_id) x.person_id, x.school_unit_id from (
      select gm.person_id, g.school_unit_id, 0 as priority, gm.start_date from group_memberships gm
        join groups g on g.organiser_id = gm.organiser_id and g.id = gm.group_id and g.group_type = 'Klass'
        where gm.organiser_id = ${organiserId} and gm.start_date <= ${date} and (gm.end_date is null or gm.end_date >= ${date})
      union all
      select e.person_id, e.school_unit_id, 1 as priority, e.start_date from enrolments e
        where e.organiser_id = ${organiserId} and e.start_date <= ${date} and (e.end_date is null or e.end_date >= ${date})
    ) x where true ${unitFilter} ${personFilter}
    order by x.person_id, x.priority, x.start_date desc`,
  );
}

/** The school unit the pupil belongs to on the date (class membership first, else enrolment). */
export async function findPupilSchoolUnit(
  tx: Tx,
  organiserId: string,
  pupilId: string,
  date: string,
): Promise<string | null> {
  const [row] = await findPupilPlacements(tx, organiserId, date, { personIds: [pupilId] });
  return row?.school_unit_id ?? null;
}
