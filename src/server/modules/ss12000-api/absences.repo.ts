/**
 * SS12000 Absence: guardian reports ("Anmäld frånvaro") and granted leave ("Beviljad ledighet")
 * that are not withdrawn. A reason registered by staff is not an SS12000 Absence (it only makes
 * registered absence valid) and is not listed. Keyset paging on the chosen sort order.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import {
  ABSENCE_TYPE_OF_KIND,
  KIND_OF_ABSENCE_TYPE,
  isoTime,
  personReference,
  type Ss12000Absence,
} from './ss12000.presenter.js';
import { textArray } from '../../db/sql.js';

export type AbsenceSortKey = 'ModifiedDesc' | 'StartTimeAsc' | 'StartTimeDesc';

export interface AbsenceFilters {
  organisation?: string;
  student?: string;
  registeredBy?: string;
  type?: keyof typeof KIND_OF_ABSENCE_TYPE;
  'startTime.onOrBefore'?: string;
  'startTime.onOrAfter'?: string;
  'endTime.onOrBefore'?: string;
  'endTime.onOrAfter'?: string;
  'meta.created.before'?: string;
  'meta.created.after'?: string;
  'meta.modified.before'?: string;
  'meta.modified.after'?: string;
  sortkey?: AbsenceSortKey;
}

/** The last record of a page: its sort value (timestamptz as text, exact to the microsecond) and id. */
export interface AbsenceCursor {
  t: string;
  id: string;
}

interface AbsenceRow {
  id: string;
  person_id: string;
  kind: keyof typeof ABSENCE_TYPE_OF_KIND;
  starts_at: string;
  ends_at: string;
  created_at: string;
  sort_value: string;
  security_marking: string;
  school_unit_id: string | null;
  registered_by: string | null;
}

const SORTS: Record<AbsenceSortKey, { column: SQL; isDescending: boolean }> = {
  // Närvaro never edits a report in place (a change is a new report), so modified = created.
  ModifiedDesc: { column: sql`a.created_at`, isDescending: true },
  StartTimeAsc: { column: sql`a.starts_at`, isDescending: false },
  StartTimeDesc: { column: sql`a.starts_at`, isDescending: true },
};

export async function absencesPage(
  tx: Tx,
  organiserId: string,
  filters: AbsenceFilters,
  cursor: AbsenceCursor | null,
  limit: number,
): Promise<{ records: (Ss12000Absence & { cursor: AbsenceCursor })[]; hasMore: boolean }> {
  const sort = SORTS[filters.sortkey ?? 'StartTimeAsc'];
  const kinds = filters.type ? [KIND_OF_ABSENCE_TYPE[filters.type]] : Object.keys(ABSENCE_TYPE_OF_KIND);
  const at = (value: string | undefined, condition: (v: string) => SQL) =>
    value ? sql`and ${condition(value)}` : sql``;
  const rows = await queryRows<AbsenceRow>(
    tx,
    sql`
    select * from (
      select a.id, a.person_id, a.kind, a.starts_at, a.ends_at, a.created_at, ${sort.column}::text as sort_value, ${sort.column} as sort_at, p.security_marking,
        -- The school unit the absence concerns: the pupil's enrolment on its first day.
        (select e.school_unit_id from enrolments e where e.organiser_id = a.organiser_id and e.person_id = a.person_id
          and e.start_date <= (a.starts_at at time zone 'Europe/Stockholm')::date
          and (e.end_date is null or e.end_date >= (a.starts_at at time zone 'Europe/Stockholm')::date)
          order by e.start_date desc limit 1) as school_unit_id,
        u.person_id as registered_by
      from absences a
      join persons p on p.organiser_id = a.organiser_id and p.id = a.person_id
      left join users u on u.organiser_id = a.organiser_id and u.id = a.registered_by_user_id
      where a.organiser_id = ${organiserId} and a.withdrawn_at is null and a.kind = any(${textArray(kinds)})
        ${at(filters.student, (v) => sql`a.person_id = ${v}`)}
        ${at(filters.registeredBy, (v) => sql`u.person_id = ${v}`)}
        ${at(filters['startTime.onOrBefore'], (v) => sql`a.starts_at <= ${v}::timestamptz`)}
        ${at(filters['startTime.onOrAfter'], (v) => sql`a.starts_at >= ${v}::timestamptz`)}
        ${at(filters['endTime.onOrBefore'], (v) => sql`a.ends_at <= ${v}::timestamptz`)}
        ${at(filters['endTime.onOrAfter'], (v) => sql`a.ends_at >= ${v}::timestamptz`)}
        ${at(filters['meta.created.before'], (v) => sql`a.created_at <= ${v}::timestamptz`)}
        ${at(filters['meta.created.after'], (v) => sql`a.created_at > ${v}::timestamptz`)}
        ${at(filters['meta.modified.before'], (v) => sql`a.created_at <= ${v}::timestamptz`)}
        ${at(filters['meta.modified.after'], (v) => sql`a.created_at > ${v}::timestamptz`)}
        ${
          cursor
            ? sort.isDescending
              ? sql`and (${sort.column}, a.id) < (${cursor.t}::timestamptz, ${cursor.id}::uuid)`
              : sql`and (${sort.column}, a.id) > (${cursor.t}::timestamptz, ${cursor.id}::uuid)`
            : sql``
        }
    ) x
    ${
      filters.organisation && filters.organisation !== organiserId
        ? sql`where x.school_unit_id in (select o.id from organisations o where o.organiser_id = ${organiserId} and (o.id = ${filters.organisation} or o.parent_id = ${filters.organisation}))`
        : sql``
    }
    order by x.sort_at ${sort.isDescending ? sql`desc` : sql`asc`}, x.id ${sort.isDescending ? sql`desc` : sql`asc`}
    limit ${limit + 1}`,
  );
  const records = rows.slice(0, limit).map((r) => {
    const record: Ss12000Absence & { cursor: AbsenceCursor } = {
      id: r.id,
      meta: { created: isoTime(r.created_at), modified: isoTime(r.created_at) },
      startTime: isoTime(r.starts_at),
      endTime: isoTime(r.ends_at),
      type: ABSENCE_TYPE_OF_KIND[r.kind],
      student: personReference(r.person_id, r.security_marking),
      cursor: { t: r.sort_value, id: r.id },
    };
    if (r.school_unit_id) record.organisation = { id: r.school_unit_id };
    if (r.registered_by) record.registeredBy = { id: r.registered_by };
    return record;
  });
  return { records, hasMore: rows.length > limit };
}
