/**
 * SS12000 Attendance: one record per pupil per registered lesson (CalendarEvent). Närvaro keeps a
 * confirmed lesson plus the exceptions to presence, so a record is made for every scheduled pupil
 * of a confirmed lesson (present by default) and for every imported SS12000 Attendance record;
 * its minutes are the lesson outcome of the measures module (so a late guardian report turns
 * absent minutes valid here too). Unregistered lessons have no records. Records are ordered by
 * (lesson date, lesson id, pupil id) and lessons are read in chunks, so a page computes only the
 * lessons it returns.
 */
import { sql } from 'drizzle-orm';
import { inSequence, queryRows, type Tx } from '../../db/client.js';
import { loadCovers, loadLessonRoster } from '../measures/lesson-facts.js';
import { isReportedForPupil, lessonOutcome } from '../../../shared/measures/index.js';
import { derivedUuid, isoTime, personReference, type Ss12000Attendance } from './ss12000.presenter.js';
import { uuidArray } from '../../db/sql.js';

export interface AttendanceFilters {
  student?: string;
  organisation?: string;
  calendarEvent?: string;
  'meta.created.before'?: string;
  'meta.created.after'?: string;
  'meta.modified.before'?: string;
  'meta.modified.after'?: string;
}

/** The last record of a page: lesson date, lesson id, pupil id. */
export interface AttendanceCursor {
  d: string;
  l: string;
  p: string;
}

const LESSONS_PER_CHUNK = 40;

interface LessonRow {
  id: string;
  date: string;
}
interface ConfirmationRow {
  lesson_id: string;
  confirmed_at: string;
  reporter_id: string | null;
}
interface MarkDetailRow {
  lesson_id: string;
  person_id: string;
  recorded_at: string;
  reason_code: string | null;
  external_id: string | null;
}
interface ChangedRow {
  lesson_id: string;
  person_id: string;
  changed_at: string;
}

const ms = (value: string | Date | null | undefined) => (value ? new Date(value).getTime() : -Infinity);

/**
 * Lessons that can hold records, after the cursor. `meta.modified.after` narrows them to lessons
 * with something newer (a confirmation, a mark, a correction, a report or leave overlapping the
 * lesson): a superset of the records that pass, which the exact check below then decides.
 */
async function candidateLessons(
  tx: Tx,
  organiserId: string,
  filters: AttendanceFilters,
  cursor: AttendanceCursor | null,
  isAfterCursorLesson: boolean,
): Promise<LessonRow[]> {
  const after = filters['meta.modified.after'];
  return queryRows<LessonRow>(
    tx,
    sql`
    select l.id, l.local_date::text as date from lessons l
    where l.organiser_id = ${organiserId} and not l.is_cancelled
      and (exists (select 1 from lesson_confirmations c where c.organiser_id = l.organiser_id and c.lesson_id = l.id)
        or exists (select 1 from attendance_marks m where m.organiser_id = l.organiser_id and m.lesson_id = l.id and m.kind = 'imported'))
      ${filters.calendarEvent ? sql`and l.id = ${filters.calendarEvent}` : sql``}
      ${
        filters.organisation && filters.organisation !== organiserId
          ? sql`and l.school_unit_id in (select o.id from organisations o where o.organiser_id = ${organiserId} and (o.id = ${filters.organisation} or o.parent_id = ${filters.organisation}))`
          : sql``
      }
      ${
        filters.student
          ? sql`and exists (select 1 from activity_groups ag join group_memberships gm on gm.organiser_id = ag.organiser_id and gm.group_id = ag.group_id
          where ag.organiser_id = l.organiser_id and ag.activity_id = l.activity_id and gm.person_id = ${filters.student})`
          : sql``
      }
      ${
        after
          ? sql`and (exists (select 1 from lesson_confirmations c where c.organiser_id = l.organiser_id and c.lesson_id = l.id and c.confirmed_at > ${after}::timestamptz)
          or exists (select 1 from attendance_marks m where m.organiser_id = l.organiser_id and m.lesson_id = l.id and m.recorded_at > ${after}::timestamptz)
          or exists (select 1 from attendance_mark_history h where h.organiser_id = l.organiser_id and h.lesson_id = l.id and h.changed_at > ${after}::timestamptz)
          or exists (select 1 from absences a where a.organiser_id = l.organiser_id and a.starts_at < l.ends_at and a.ends_at > l.starts_at
            and (a.created_at > ${after}::timestamptz or a.withdrawn_at > ${after}::timestamptz)))`
          : sql``
      }
      ${cursor && isAfterCursorLesson ? sql`and (l.local_date, l.id) > (${cursor.d}::date, ${cursor.l}::uuid)` : sql``}
      ${cursor && !isAfterCursorLesson ? sql`and (l.local_date, l.id) >= (${cursor.d}::date, ${cursor.l}::uuid)` : sql``}
    order by l.local_date, l.id limit ${LESSONS_PER_CHUNK}`,
  );
}

function passesMeta(filters: AttendanceFilters, created: number, modified: number): boolean {
  const at = (key: keyof AttendanceFilters) => (filters[key] ? Date.parse(filters[key]!) : null);
  const createdBefore = at('meta.created.before');
  const createdAfter = at('meta.created.after');
  const modifiedBefore = at('meta.modified.before');
  const modifiedAfter = at('meta.modified.after');
  // "before" is inclusive, "after" exclusive (SS12000 parameter descriptions).
  return (
    (createdBefore === null || created <= createdBefore) &&
    (createdAfter === null || created > createdAfter) &&
    (modifiedBefore === null || modified <= modifiedBefore) &&
    (modifiedAfter === null || modified > modifiedAfter)
  );
}

/** Records of a chunk of lessons, in (lesson, pupil) order. */
async function recordsOfLessons(
  tx: Tx,
  organiserId: string,
  lessons: LessonRow[],
  filters: AttendanceFilters,
): Promise<(Ss12000Attendance & { cursor: AttendanceCursor })[]> {
  const ids = lessons.map((l) => l.id);
  const rosters = [];
  for (const lesson of lessons) {
    const roster = (await loadLessonRoster(tx, organiserId, lesson.id, lesson.date))
      .filter((p) => !filters.student || p.personId === filters.student)
      .filter((p) => p.isConfirmed || p.mark?.kind === 'imported');
    rosters.push(...roster);
  }
  if (rosters.length === 0) return [];
  const personIds = [...new Set(rosters.map((r) => r.personId))];
  const dates = lessons.map((l) => l.date).sort();
  const [covers, confirmations, marks, changes, coverChanges, markings] = await inSequence(
    () => loadCovers(tx, organiserId, personIds, dates[0], dates[dates.length - 1]),
    () =>
      queryRows<ConfirmationRow>(
        tx,
        sql`select c.lesson_id, c.confirmed_at, u.person_id as reporter_id from lesson_confirmations c
      left join users u on u.organiser_id = c.organiser_id and u.id = c.confirmed_by_user_id
      where c.organiser_id = ${organiserId} and c.lesson_id = any(${uuidArray(ids)})`,
      ),
    () =>
      queryRows<MarkDetailRow>(
        tx,
        sql`select lesson_id, person_id, recorded_at, reason_code, external_id from attendance_marks
      where organiser_id = ${organiserId} and lesson_id = any(${uuidArray(ids)})`,
      ),
    () =>
      queryRows<ChangedRow>(
        tx,
        sql`select lesson_id, person_id, max(changed_at) as changed_at from attendance_mark_history
      where organiser_id = ${organiserId} and lesson_id = any(${uuidArray(ids)}) group by lesson_id, person_id`,
      ),
    // A report or leave changes a record's valid minutes, so its arrival or withdrawal modifies the record.
    () =>
      queryRows<ChangedRow>(
        tx,
        sql`select l.id as lesson_id, a.person_id, max(greatest(a.created_at, coalesce(a.withdrawn_at, a.created_at))) as changed_at
      from lessons l join absences a on a.organiser_id = l.organiser_id and a.starts_at < l.ends_at and a.ends_at > l.starts_at
      where l.organiser_id = ${organiserId} and l.id = any(${uuidArray(ids)}) and a.person_id = any(${uuidArray(personIds)})
      group by l.id, a.person_id`,
      ),
    () =>
      queryRows<{ id: string; security_marking: string }>(
        tx,
        sql`select id, security_marking from persons where organiser_id = ${organiserId} and id = any(${uuidArray(personIds)})`,
      ),
  );
  const pair = (r: { lesson_id: string; person_id: string }) => `${r.lesson_id}|${r.person_id}`;
  const confirmationOf = new Map(confirmations.map((c) => [c.lesson_id, c]));
  const markOf = new Map(marks.map((m) => [pair(m), m]));
  const changedOf = new Map(changes.map((c) => [pair(c), c.changed_at]));
  const coverChangedOf = new Map(coverChanges.map((c) => [pair(c), c.changed_at]));
  const markingOf = new Map(markings.map((m) => [m.id, m.security_marking]));
  const order = new Map(lessons.map((l, i) => [l.id, i]));
  rosters.sort(
    (x, y) =>
      order.get(x.lessonId)! - order.get(y.lessonId)! ||
      (x.personId < y.personId ? -1 : x.personId > y.personId ? 1 : 0),
  );

  const records: (Ss12000Attendance & { cursor: AttendanceCursor })[] = [];
  for (const lesson of rosters) {
    const key = `${lesson.lessonId}|${lesson.personId}`;
    const confirmation = confirmationOf.get(lesson.lessonId);
    const mark = markOf.get(key);
    const isReported = isReportedForPupil(lesson);
    // Created when the lesson was confirmed or the imported record arrived, whichever came first.
    const created = Math.min(...[confirmation?.confirmed_at, mark?.recorded_at].filter((t) => t !== undefined).map(ms));
    const modified = Math.max(
      created,
      ms(confirmation?.confirmed_at),
      ms(mark?.recorded_at),
      ms(changedOf.get(key)),
      ms(coverChangedOf.get(key)),
    );
    if (!passesMeta(filters, created, modified)) continue;
    const record: Ss12000Attendance & { cursor: AttendanceCursor } = {
      id: mark?.external_id ?? derivedUuid('narvaro:attendance', lesson.lessonId, lesson.personId),
      meta: { created: isoTime(new Date(created)), modified: isoTime(new Date(modified)) },
      calendarEvent: { id: lesson.lessonId },
      student: personReference(lesson.personId, markingOf.get(lesson.personId)),
      isReported,
      cursor: { d: lesson.date, l: lesson.lessonId, p: lesson.personId },
    };
    if (isReported) {
      const outcome = lessonOutcome(lesson, covers.get(lesson.personId) ?? []);
      record.attendanceMinutes = outcome.attended;
      record.validAbsenceMinutes = outcome.valid;
      record.invalidAbsenceMinutes = outcome.invalid;
      record.otherAttendanceMinutes = outcome.other;
      if (mark?.reason_code) record.absenceReason = mark.reason_code;
      if (confirmation) record.reportedTimestamp = isoTime(confirmation.confirmed_at);
      if (confirmation?.reporter_id) record.reporter = { id: confirmation.reporter_id };
    }
    records.push(record);
  }
  return records;
}

/** Up to `limit` records after `cursor`; `hasMore` when more may follow. */
export async function attendancesPage(
  tx: Tx,
  organiserId: string,
  filters: AttendanceFilters,
  cursor: AttendanceCursor | null,
  limit: number,
): Promise<{ records: (Ss12000Attendance & { cursor: AttendanceCursor })[]; hasMore: boolean }> {
  const records: (Ss12000Attendance & { cursor: AttendanceCursor })[] = [];
  let at = cursor;
  let isAfterCursorLesson = false;
  for (;;) {
    const lessons = await candidateLessons(tx, organiserId, filters, at, isAfterCursorLesson);
    if (lessons.length === 0) return { records, hasMore: false };
    for (const record of await recordsOfLessons(tx, organiserId, lessons, filters)) {
      const c = record.cursor;
      if (cursor && (c.d < cursor.d || (c.d === cursor.d && (c.l < cursor.l || (c.l === cursor.l && c.p <= cursor.p)))))
        continue;
      if (records.length === limit) return { records, hasMore: true };
      records.push(record);
    }
    if (lessons.length < LESSONS_PER_CHUNK) return { records, hasMore: false };
    const last = lessons[lessons.length - 1];
    // The next chunk starts after the last lesson of this one (its pupils are all taken).
    at = { d: last.date, l: last.id, p: '' };
    isAfterCursorLesson = true;
    if (records.length === limit) return { records, hasMore: true };
  }
}
