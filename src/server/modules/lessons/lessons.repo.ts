/** Lessons as teachers see them. Every query is scoped by organiser. */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import type { Actor } from '../../policies/actor.js';
import { menteesSql, taughtLessonSql } from '../../policies/scope.js';
import { NIL_UUID, textArray } from '../../db/sql.js';
import { TEACHING_ACTIVITY_TYPES } from '../../../shared/measures/index.js';
import { HISTORY_PAGE_SIZE } from '../../../shared/schemas/lessons.js';

export interface LessonRow {
  id: string;
  organiser_id: string;
  activity_id: string;
  school_unit_id: string;
  local_date: string;
  starts_at: Date | string;
  ends_at: Date | string;
  teaching_minutes: number;
  is_cancelled: boolean;
  activity_name: string;
  school_unit_name: string;
  group_names: string[] | null;
  group_ids: string[] | null;
  confirmed_at: Date | string | null;
  confirmed_by: string | null;
  pupil_count: number;
  is_substitute: boolean;
  /** Whether the actor teaches the lesson (teachesLesson), where the query read it. */
  taught_by_actor?: boolean;
}

function lessonSelect(actor: Actor, extraColumns: SQL = sql``) {
  const personId = actor.personId ?? NIL_UUID;
  return sql`
    select l.id, l.organiser_id, l.activity_id, l.school_unit_id, l.local_date::text as local_date, l.starts_at, l.ends_at,
      l.teaching_minutes, l.is_cancelled, a.display_name as activity_name, coalesce(su.display_name, '') as school_unit_name,
      (select array_agg(g.display_name order by g.display_name) from activity_groups ag join groups g on g.organiser_id = ag.organiser_id and g.id = ag.group_id
        where ag.organiser_id = l.organiser_id and ag.activity_id = l.activity_id) as group_names,
      (select array_agg(ag.group_id::text) from activity_groups ag where ag.organiser_id = l.organiser_id and ag.activity_id = l.activity_id) as group_ids,
      c.confirmed_at, u.display_name as confirmed_by,
      (select count(distinct gm.person_id)::int from activity_groups ag join group_memberships gm on gm.organiser_id = ag.organiser_id and gm.group_id = ag.group_id
        and gm.start_date <= l.local_date and (gm.end_date is null or gm.end_date >= l.local_date)
        where ag.organiser_id = l.organiser_id and ag.activity_id = l.activity_id) as pupil_count,
      exists (select 1 from lesson_teachers lt join duties d on d.organiser_id = lt.organiser_id and d.id = lt.duty_id
        where lt.organiser_id = l.organiser_id and lt.lesson_id = l.id and lt.participates and d.person_id = ${personId}) as is_substitute
      ${extraColumns}
    from lessons l
    join activities a on a.organiser_id = l.organiser_id and a.id = l.activity_id
    left join organisations su on su.organiser_id = l.organiser_id and su.id = l.school_unit_id
    left join lesson_confirmations c on c.organiser_id = l.organiser_id and c.lesson_id = l.id
    left join users u on u.organiser_id = c.organiser_id and u.id = c.confirmed_by_user_id`;
}

/** The actor's own and substitute lessons on a date, in time order. */
export async function findMyLessons(tx: Tx, actor: Actor, date: string): Promise<LessonRow[]> {
  return queryRows<LessonRow>(
    tx,
    sql`${lessonSelect(actor)}
    where l.organiser_id = ${actor.organiserId} and l.local_date = ${date}
      and a.activity_type = any(${textArray(TEACHING_ACTIVITY_TYPES)}) and ${taughtLessonSql(actor, sql`l`)}
    order by l.starts_at, a.display_name`,
  );
}

/** The actor's lessons from `from` to `to` that have ended by `now` without a kvittens, oldest first. */
export async function findMyUnconfirmedLessons(
  tx: Tx,
  actor: Actor,
  from: string,
  to: string,
  now: Date,
): Promise<LessonRow[]> {
  return queryRows<LessonRow>(
    tx,
    sql`${lessonSelect(actor)}
    where l.organiser_id = ${actor.organiserId} and l.local_date between ${from} and ${to} and not l.is_cancelled
      and l.ends_at <= ${now.toISOString()}::timestamptz and c.lesson_id is null
      and a.activity_type = any(${textArray(TEACHING_ACTIVITY_TYPES)}) and ${taughtLessonSql(actor, sql`l`)}
      and not exists (select 1 from days_off d where d.organiser_id = l.organiser_id and d.date = l.local_date and d.school_unit_key in ('', l.school_unit_id::text))
    order by l.starts_at, a.display_name`,
  );
}

/** A lesson with what its register shows: the current marks, and the names of its groups' members on its date. */
export interface LessonRegister {
  lesson: LessonRow & { taught_by_actor: boolean };
  marks: Map<string, MarkRow>;
  names: Map<string, PupilNameRow>;
  /** The newest HISTORY_PAGE_SIZE rows of its registration history. */
  history: HistoryPage;
}

/** The lesson of the actor's organiser with `columns` beside it and whether the actor teaches it; null when there is none. */
async function findLessonWith<T extends object>(
  tx: Tx,
  actor: Actor,
  lessonId: string,
  columns: SQL,
): Promise<(LessonRow & { taught_by_actor: boolean } & T) | null> {
  const [row] = await queryRows<LessonRow & { taught_by_actor: boolean } & T>(
    tx,
    sql`${lessonSelect(actor, sql`, ${taughtLessonSql(actor, sql`l`)} as taught_by_actor, ${columns}`)}
    where l.organiser_id = ${actor.organiserId} and l.id = ${lessonId}`,
  );
  return row ?? null;
}

/**
 * One lesson of the actor's organiser with its register's marks, names and newest history, and
 * whether the actor teaches it, in one statement; null when there is no such lesson. Access is
 * decided by the policy.
 */
export async function findLessonRegister(tx: Tx, actor: Actor, lessonId: string): Promise<LessonRegister | null> {
  const row = await findLessonWith<{
    marks: MarkRow[] | null;
    names: PupilNameRow[] | null;
    history: HistoryPageJson;
  }>(
    tx,
    actor,
    lessonId,
    sql`(select json_agg(m) from (select person_id, kind, minutes, reason_code, comment, imported_minutes from attendance_marks m
        where m.organiser_id = l.organiser_id and m.lesson_id = l.id) m) as marks,
      (select json_agg(p) from (select p.id, p.given_name, p.family_name, p.security_marking from persons p
        where p.organiser_id = l.organiser_id and p.id in (
          select gm.person_id from activity_groups ag join group_memberships gm on gm.organiser_id = ag.organiser_id and gm.group_id = ag.group_id
          where ag.organiser_id = l.organiser_id and ag.activity_id = l.activity_id
            and gm.start_date <= l.local_date and (gm.end_date is null or gm.end_date >= l.local_date))) p) as names,
      ${historyPageSql(HISTORY_PAGE_SIZE)} as history`,
  );
  if (!row) return null;
  const { marks, names, history, ...lesson } = row;
  return {
    lesson,
    history: historyPageOf(history, HISTORY_PAGE_SIZE),
    marks: new Map((marks ?? []).map((m) => [m.person_id, m])),
    names: new Map((names ?? []).map((n) => [n.id, n])),
  };
}

/** Where a page of history starts: after the row `before` (a cursor), at most `limit` rows. */
export interface HistoryPageRequest {
  before?: string;
  limit: number;
}

/**
 * One lesson of the actor's organiser with a page of its history and whether the actor teaches
 * it, in one statement; null when there is no such lesson, `isCursorKnown` false when `before` is
 * no row of its history. Access is decided by the policy.
 */
export async function findLessonHistory(
  tx: Tx,
  actor: Actor,
  lessonId: string,
  { before, limit }: HistoryPageRequest,
): Promise<{ lesson: LessonRow & { taught_by_actor: boolean }; history: HistoryPage; isCursorKnown: boolean } | null> {
  const cursor = before === undefined ? null : sql`${before}::bigint`;
  const row = await findLessonWith<{ history: HistoryPageJson; is_cursor_known: boolean }>(
    tx,
    actor,
    lessonId,
    sql`${historyPageSql(limit, cursor)} as history,
      ${cursor === null ? sql`true` : sql`exists (select 1 from attendance_mark_history c where c.organiser_id = l.organiser_id and c.lesson_id = l.id and c.id = ${cursor})`} as is_cursor_known`,
  );
  if (!row) return null;
  const { history, is_cursor_known, ...lesson } = row;
  return { lesson, history: historyPageOf(history, limit), isCursorKnown: is_cursor_known };
}

export interface PupilNameRow {
  id: string;
  given_name: string;
  family_name: string;
  security_marking: string;
}

export interface MarkRow {
  person_id: string;
  kind: string;
  minutes: number | null;
  reason_code: string | null;
  comment: string | null;
  imported_minutes: unknown;
}

export interface HistoryRow {
  /** The row's id: its place among rows of the same time, and the cursor of a page ending at it. */
  id: string;
  person_id: string;
  given_name: string;
  family_name: string;
  previous: Record<string, unknown> | null;
  next: Record<string, unknown> | null;
  changed_by: string | null;
  changed_at: Date | string;
  is_correction: boolean;
}

/** Part of a lesson's registration history, newest first. */
export interface HistoryPage {
  rows: HistoryRow[];
  /** Every row the lesson's history holds. */
  total: number;
  /** The last row's id when older rows follow, else null. */
  cursor: string | null;
}

type HistoryPageJson = { rows: HistoryRow[] | null; total: number };

/**
 * A lesson's registration history (newest first: by time, then id) as `{ rows, total }`: at most
 * `limit` + 1 rows (the one more tells whether older rows follow) older than the row `before`,
 * and the count of all. Only the rows of the page are joined to names. For a column list of
 * `lessons l`.
 */
const historyPageSql = (limit: number, before: SQL | null = null) =>
  sql`json_build_object('rows', (select json_agg(h) from (
      select h.id::text as id, h.person_id, p.given_name, p.family_name, h.previous, h.next, u.display_name as changed_by, h.changed_at, h.is_correction
      from (select * from attendance_mark_history h
        where h.organiser_id = l.organiser_id and h.lesson_id = l.id
          ${before === null ? sql`` : sql`and (h.changed_at, h.id) < (select c.changed_at, c.id from attendance_mark_history c where c.organiser_id = l.organiser_id and c.lesson_id = l.id and c.id = ${before})`}
        order by h.changed_at desc, h.id desc limit ${limit + 1}) h
      left join persons p on p.organiser_id = h.organiser_id and p.id = h.person_id
      left join users u on u.organiser_id = h.organiser_id and u.id = h.changed_by_user_id
      order by h.changed_at desc, h.id desc) h),
    'total', (select count(*) from attendance_mark_history t where t.organiser_id = l.organiser_id and t.lesson_id = l.id))`;

/** The page of `limit` rows the query read (with one more when older rows follow). */
function historyPageOf({ rows, total }: HistoryPageJson, limit: number): HistoryPage {
  const read = rows ?? [];
  return {
    rows: read.slice(0, limit),
    total,
    cursor: read.length > limit ? read[limit - 1].id : null,
  };
}

/** True when the actor teaches the lesson (the activity's teacher, not excluded, or an assigned substitute). */
export async function teachesLesson(tx: Tx, actor: Actor, lessonId: string): Promise<boolean> {
  const [taught] = await queryRows<{ ok: boolean }>(
    tx,
    sql`select ${taughtLessonSql(actor, sql`l`)} as ok from lessons l
    where l.organiser_id = ${actor.organiserId} and l.id = ${lessonId}`,
  );
  return Boolean(taught?.ok);
}

/** Pupils of the lesson on its date who are the actor's mentees on that date (not at any time). */
export async function findMenteesInLesson(tx: Tx, actor: Actor, lesson: LessonRow): Promise<Set<string>> {
  if (!actor.personId) return new Set();
  const onDate = sql`${lesson.local_date}::date`;
  const mentees = await queryRows<{ person_id: string }>(
    tx,
    sql`select distinct gm.person_id from group_memberships gm
      join activity_groups ag on ag.organiser_id = gm.organiser_id and ag.group_id = gm.group_id
      where gm.organiser_id = ${actor.organiserId} and ag.activity_id = ${lesson.activity_id}
        and gm.start_date <= ${onDate} and (gm.end_date is null or gm.end_date >= ${onDate})
        and gm.person_id in (${menteesSql(actor, lesson.local_date)})`,
  );
  return new Set(mentees.map((m) => m.person_id));
}
