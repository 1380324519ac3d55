/**
 * Registration completeness (share of confirmed lessons) per school unit and per teacher: the reports
 * module's queries, also read by the board report.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import { uuidArray, textArray } from '../../db/sql.js';
import { TEACHING_ACTIVITY_TYPES } from '../../../shared/measures/index.js';

export interface CompletenessRowDb {
  id: string;
  name: string;
  school_unit_name: string;
  lessons: number;
  confirmed: number;
}

/**
 * Lessons that count: teaching activities, not cancelled, not on a day off, and due — ended by
 * `now`, or already confirmed. A lesson later today is not yet missing a registration.
 */
function countedLessons(organiserId: string, from: string, to: string, units: string[] | 'all', now: Date): SQL {
  const unitFilter = units === 'all' ? sql`true` : sql`l.school_unit_id = any(${uuidArray(units)})`;
  return sql`select l.id, l.organiser_id, l.activity_id, l.school_unit_id, (c.lesson_id is not null) as is_confirmed
    from lessons l
    join activities a on a.organiser_id = l.organiser_id and a.id = l.activity_id
    left join lesson_confirmations c on c.organiser_id = l.organiser_id and c.lesson_id = l.id
    where l.organiser_id = ${organiserId} and l.local_date between ${from} and ${to} and not l.is_cancelled and ${unitFilter}
      and (l.ends_at <= ${now.toISOString()}::timestamptz or c.lesson_id is not null)
      and a.activity_type = any(${textArray(TEACHING_ACTIVITY_TYPES)})
      and not exists (select 1 from days_off d where d.organiser_id = l.organiser_id and d.date = l.local_date and d.school_unit_key in ('', l.school_unit_id::text))`;
}

export async function completenessBySchoolUnit(
  tx: Tx,
  organiserId: string,
  from: string,
  to: string,
  units: string[] | 'all',
  now: Date,
): Promise<CompletenessRowDb[]> {
  return queryRows<CompletenessRowDb>(
    tx,
    sql`
    with counted as (${countedLessons(organiserId, from, to, units, now)})
    select o.id, o.display_name as name, o.display_name as school_unit_name,
      count(*)::int as lessons, (count(*) filter (where counted.is_confirmed))::int as confirmed
    from counted join organisations o on o.organiser_id = counted.organiser_id and o.id = counted.school_unit_id
    group by o.id, o.display_name order by o.display_name`,
  );
}

/** Per teacher: the activity's teachers for each lesson (minus excluded), plus substitutes. */
export async function completenessByTeacher(
  tx: Tx,
  organiserId: string,
  from: string,
  to: string,
  units: string[] | 'all',
  now: Date,
): Promise<CompletenessRowDb[]> {
  return queryRows<CompletenessRowDb>(
    tx,
    sql`
    with counted as (${countedLessons(organiserId, from, to, units, now)}),
    taught as (
      select counted.id, counted.is_confirmed, counted.school_unit_id, at.duty_id from counted
      join activity_teachers at on at.organiser_id = counted.organiser_id and at.activity_id = counted.activity_id
      where not exists (select 1 from lesson_teachers lt where lt.organiser_id = counted.organiser_id and lt.lesson_id = counted.id and lt.duty_id = at.duty_id and not lt.participates)
      union
      select counted.id, counted.is_confirmed, counted.school_unit_id, lt.duty_id from counted
      join lesson_teachers lt on lt.organiser_id = counted.organiser_id and lt.lesson_id = counted.id and lt.participates)
    select p.id, p.given_name || ' ' || p.family_name as name, coalesce(o.display_name, '') as school_unit_name,
      count(distinct taught.id)::int as lessons, (count(distinct taught.id) filter (where taught.is_confirmed))::int as confirmed
    from taught
    join duties d on d.organiser_id = ${organiserId} and d.id = taught.duty_id
    join persons p on p.organiser_id = d.organiser_id and p.id = d.person_id
    left join organisations o on o.organiser_id = d.organiser_id and o.id = taught.school_unit_id
    group by p.id, p.given_name, p.family_name, o.display_name
    order by (count(distinct taught.id) filter (where taught.is_confirmed))::float / count(distinct taught.id), name`,
  );
}
