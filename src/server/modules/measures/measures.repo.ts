/**
 * Set-based loading of the facts the measures module needs: every scheduled (lesson, pupil)
 * pair with its confirmation and mark, and the valid-absence covers. One query per batch of
 * pupils, never one per pupil. Which lessons are scheduled is decided here (membership on the
 * date, not cancelled, teaching activity, not a day off, no adjusted study plan); all
 * arithmetic is in src/shared/measures.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import type { AttendanceMark, PupilLesson, ValidCover } from '../../../shared/measures/index.js';

/** Activity types that are scheduled teaching time (measures.md decision 7). */
export const TEACHING_ACTIVITY_TYPES = ['Undervisning', 'Elevaktivitet', 'Provaktivitet'];

/** A scheduled lesson of one pupil, as the measures module takes it, plus where it belongs. */
export interface ScheduledPupilLesson extends PupilLesson {
  personId: string;
  schoolUnitId: string;
  activityId: string;
  activityName: string;
}

interface ScheduledRow {
  person_id: string; lesson_id: string; date: string; starts_at: number; ends_at: number;
  teaching_minutes: number; is_confirmed: boolean; kind: string | null; minutes: number | null;
  imported_minutes: { isReported: boolean; attended: number; valid: number; invalid: number; other: number } | null;
  school_unit_id: string; activity_id: string; activity_name: string;
}

/** SQL selecting scheduled (pupil, lesson) pairs; `pupilFilter` narrows the memberships. */
function scheduledPairsQuery(organiserId: string, from: string, to: string, pupilFilter: ReturnType<typeof sql>, withNames = true) {
  return sql`
    select distinct on (gm.person_id, l.id)
      gm.person_id, l.id as lesson_id, l.local_date::text as date,
      -- Epoch milliseconds parse far faster than timestamptz text (hundreds of thousands of rows in a recompute).
      (extract(epoch from l.starts_at) * 1000)::float8 as starts_at, (extract(epoch from l.ends_at) * 1000)::float8 as ends_at,
      coalesce(se.teaching_minutes, l.teaching_minutes) as teaching_minutes,
      (c.lesson_id is not null) as is_confirmed,
      m.kind, m.minutes, m.imported_minutes,
      l.school_unit_id, l.activity_id, ${withNames ? sql`a.display_name` : sql`''`} as activity_name
    from lessons l
    join activities a on a.organiser_id = l.organiser_id and a.id = l.activity_id
    join activity_groups ag on ag.organiser_id = l.organiser_id and ag.activity_id = l.activity_id
    join group_memberships gm on gm.organiser_id = l.organiser_id and gm.group_id = ag.group_id
      and gm.start_date <= l.local_date and (gm.end_date is null or gm.end_date >= l.local_date)
    left join lesson_student_exceptions se on se.organiser_id = l.organiser_id and se.lesson_id = l.id and se.person_id = gm.person_id
    left join lesson_confirmations c on c.organiser_id = l.organiser_id and c.lesson_id = l.id
    left join attendance_marks m on m.organiser_id = l.organiser_id and m.lesson_id = l.id and m.person_id = gm.person_id
    where l.organiser_id = ${organiserId}
      and l.local_date between ${from} and ${to}
      and not l.is_cancelled
      and a.activity_type in ('Undervisning', 'Elevaktivitet', 'Provaktivitet')
      and coalesce(se.participates, true)
      and ${pupilFilter}
      and not exists (
        select 1 from days_off d
        where d.organiser_id = l.organiser_id and d.date = l.local_date and d.school_unit_key in ('', l.school_unit_id::text))
    order by gm.person_id, l.id`;
}

/** Postgres array literal for a uuid[] parameter (works the same on PGlite and node-postgres). */
export const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

function toMark(row: ScheduledRow): AttendanceMark | undefined {
  switch (row.kind) {
    case 'absent': return { kind: 'absent' };
    case 'other': return { kind: 'other' };
    case 'late': return { kind: 'late', minutes: row.minutes ?? 0 };
    case 'left': return { kind: 'left', minutes: row.minutes ?? 0 };
    case 'imported': return row.imported_minutes ? { kind: 'imported', ...row.imported_minutes } : undefined;
    default: return undefined;
  }
}

const toMs = (v: string | Date) => (v instanceof Date ? v.getTime() : Date.parse(v));

/**
 * Scheduled lessons for the given pupils in [from, to], with first-of-day flags set.
 * @param options.withNames false skips activity names (the roll-up does not need them).
 */
export async function loadScheduledLessons(tx: Tx, organiserId: string, personIds: readonly string[], from: string, to: string, options: { withNames?: boolean } = {}): Promise<ScheduledPupilLesson[]> {
  if (personIds.length === 0) return [];
  const rows = await queryRows<ScheduledRow>(tx, scheduledPairsQuery(organiserId, from, to, sql`gm.person_id = any(${uuidArray(personIds)})`, options.withNames ?? true));
  const lessons = rows.map((r): ScheduledPupilLesson => ({
    personId: r.person_id, lessonId: r.lesson_id, date: r.date, start: Number(r.starts_at), end: Number(r.ends_at),
    teachingMinutes: r.teaching_minutes, isConfirmed: r.is_confirmed, mark: toMark(r),
    schoolUnitId: r.school_unit_id, activityId: r.activity_id, activityName: r.activity_name, subject: r.activity_name,
  }));
  markFirstLessons(lessons);
  return lessons;
}

/** Scheduled pupils of one lesson (its roster). */
export async function loadLessonRoster(tx: Tx, organiserId: string, lessonId: string, date: string): Promise<ScheduledPupilLesson[]> {
  const rows = await queryRows<ScheduledRow>(tx, scheduledPairsQuery(organiserId, date, date, sql`l.id = ${lessonId}`));
  return rows.map((r) => ({
    personId: r.person_id, lessonId: r.lesson_id, date: r.date, start: Number(r.starts_at), end: Number(r.ends_at),
    teachingMinutes: r.teaching_minutes, isConfirmed: r.is_confirmed, mark: toMark(r),
    schoolUnitId: r.school_unit_id, activityId: r.activity_id, activityName: r.activity_name,
  }));
}

function markFirstLessons(lessons: ScheduledPupilLesson[]): void {
  const firstStart = new Map<string, number>();
  for (const l of lessons) {
    const key = `${l.personId}|${l.date}`;
    firstStart.set(key, Math.min(firstStart.get(key) ?? Infinity, l.start));
  }
  for (const l of lessons) l.isFirstOfDay = firstStart.get(`${l.personId}|${l.date}`) === l.start;
}

interface CoverRow { id: string; person_id: string; kind: ValidCover['kind']; starts_at: string | Date; ends_at: string | Date }

/** Valid-absence covers (not withdrawn) of the pupils overlapping [from, to] (local dates, padded a day). */
export async function loadCovers(tx: Tx, organiserId: string, personIds: readonly string[], from: string, to: string): Promise<Map<string, (ValidCover & { id: string })[]>> {
  const byPerson = new Map<string, (ValidCover & { id: string })[]>();
  if (personIds.length === 0) return byPerson;
  const rows = await queryRows<CoverRow>(tx, sql`
    select id, person_id, kind, starts_at, ends_at from absences
    where organiser_id = ${organiserId} and person_id = any(${uuidArray(personIds)}) and withdrawn_at is null
      and starts_at < (${to}::date + 2)::timestamptz and ends_at > (${from}::date - 1)::timestamptz`);
  for (const r of rows) {
    const list = byPerson.get(r.person_id) ?? [];
    list.push({ id: r.id, kind: r.kind, start: toMs(r.starts_at), end: toMs(r.ends_at) });
    byPerson.set(r.person_id, list);
  }
  return byPerson;
}
