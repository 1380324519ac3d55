/**
 * SS12000 AggregatedAttendance: one record per pupil × activity over a date range, from the same
 * scheduled lessons (`measures/lesson-facts.ts`) and lesson outcomes (`src/shared/measures`) as every other
 * figure. Records are ordered by (pupil, activity); pupils are processed in batches, so a page only
 * computes the pupils it returns.
 */
import { sql } from 'drizzle-orm';
import { inSequence, queryRows, type Tx } from '../../db/client.js';
import { isPupilGroup } from '../../policies/scope.js';
import { loadCovers, loadScheduledLessons } from '../measures/lesson-facts.js';
import { addLessonSums, emptyAttendanceSums, type AttendanceSums } from '../../../shared/measures/index.js';
import { personReference, type Ss12000AggregatedAttendance } from './ss12000.presenter.js';
import { uuidArray, textArray } from '../../db/sql.js';

export interface AggregatedFilters {
  startDate: string;
  endDate: string;
  /** Only lessons of activities owned by this organisation element (the organiser itself = all). */
  organisation?: string;
  /** Only lessons at school units of these school types. */
  schoolType?: string[];
  student?: string[];
}

/** The last record of a page: (pupil, activity). */
export interface AggregatedCursor {
  p: string;
  a: string;
}

const PUPILS_PER_BATCH = 100;

/** Pupils with a pupil-group membership overlapping the range, in id order, from `fromPersonId` on. */
async function pupilsFrom(
  tx: Tx,
  organiserId: string,
  filters: AggregatedFilters,
  fromPersonId: string | null,
  count: number,
): Promise<string[]> {
  const rows = await queryRows<{ person_id: string }>(
    tx,
    sql`
    select distinct gm.person_id from group_memberships gm
    join groups g on g.organiser_id = gm.organiser_id and g.id = gm.group_id and ${isPupilGroup}
    where gm.organiser_id = ${organiserId} and gm.start_date <= ${filters.endDate} and (gm.end_date is null or gm.end_date >= ${filters.startDate})
      ${filters.student ? sql`and gm.person_id = any(${uuidArray(filters.student)})` : sql``}
      ${fromPersonId ? sql`and gm.person_id >= ${fromPersonId}` : sql``}
    order by gm.person_id limit ${count}`,
  );
  return rows.map((r) => r.person_id);
}

/** School units the organisation / school type filters keep; null = every unit. */
async function allowedUnits(tx: Tx, organiserId: string, filters: AggregatedFilters): Promise<Set<string> | null> {
  if (!filters.schoolType && (!filters.organisation || filters.organisation === organiserId)) return null;
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`
    select o.id from organisations o where o.organiser_id = ${organiserId}
      ${filters.organisation && filters.organisation !== organiserId ? sql`and (o.id = ${filters.organisation} or o.parent_id = ${filters.organisation})` : sql``}
      ${filters.schoolType ? sql`and o.school_types ?| ${textArray(filters.schoolType)}` : sql``}`,
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Up to `limit` records after `cursor`.
 * @returns the records and whether more may follow
 */
export async function aggregatedAttendancePage(
  tx: Tx,
  organiserId: string,
  filters: AggregatedFilters,
  cursor: AggregatedCursor | null,
  limit: number,
): Promise<{ records: (Ss12000AggregatedAttendance & { cursor: AggregatedCursor })[]; hasMore: boolean }> {
  const units = await allowedUnits(tx, organiserId, filters);
  const records: (Ss12000AggregatedAttendance & { cursor: AggregatedCursor })[] = [];
  let from = cursor?.p ?? null;
  for (;;) {
    const pupils = await pupilsFrom(tx, organiserId, filters, from, PUPILS_PER_BATCH + 1);
    const batch = pupils.slice(0, PUPILS_PER_BATCH);
    if (batch.length === 0) return { records, hasMore: false };
    const [lessons, covers, markings] = await inSequence(
      () => loadScheduledLessons(tx, organiserId, batch, filters.startDate, filters.endDate, { withNames: false }),
      () => loadCovers(tx, organiserId, batch, filters.startDate, filters.endDate),
      () =>
        queryRows<{ id: string; security_marking: string }>(
          tx,
          sql`select id, security_marking from persons where organiser_id = ${organiserId} and id = any(${uuidArray(batch)})`,
        ),
    );
    const markingOf = new Map(markings.map((m) => [m.id, m.security_marking]));
    const sums = new Map<string, { personId: string; activityId: string; sums: AttendanceSums }>();
    for (const lesson of lessons) {
      if (units && !units.has(lesson.schoolUnitId)) continue;
      const key = `${lesson.personId}|${lesson.activityId}`;
      let entry = sums.get(key);
      if (!entry)
        sums.set(
          key,
          (entry = { personId: lesson.personId, activityId: lesson.activityId, sums: emptyAttendanceSums() }),
        );
      addLessonSums(entry.sums, lesson, covers.get(lesson.personId) ?? []);
    }
    const ordered = [...sums.values()]
      .filter((e) => !cursor || e.personId > cursor.p || (e.personId === cursor.p && e.activityId > cursor.a))
      .sort((x, y) =>
        x.personId === y.personId ? (x.activityId < y.activityId ? -1 : 1) : x.personId < y.personId ? -1 : 1,
      );
    for (const e of ordered) {
      if (records.length === limit) return { records, hasMore: true };
      records.push({
        activity: { id: e.activityId },
        student: personReference(e.personId, markingOf.get(e.personId)),
        startDate: filters.startDate,
        endDate: filters.endDate,
        attendanceSum: e.sums.attended,
        validAbsenceSum: e.sums.valid,
        invalidAbsenceSum: e.sums.invalid,
        otherAttendanceSum: e.sums.other,
        reportedSum: e.sums.reported,
        offeredSum: e.sums.offered,
        cursor: { p: e.personId, a: e.activityId },
      });
    }
    if (pupils.length <= PUPILS_PER_BATCH) return { records, hasMore: false };
    if (records.length === limit) return { records, hasMore: true };
    from = pupils[PUPILS_PER_BATCH];
  }
}
