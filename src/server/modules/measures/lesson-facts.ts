/**
 * The measures module's public loader (other modules read lessons and covers through it):
 * set-based loading of the facts every attendance figure is computed from: every scheduled (lesson, pupil)
 * pair with its confirmation and mark, and the valid-absence covers. A few queries per batch of
 * pupils, never one per pupil. Which lessons are scheduled is decided here (membership on the
 * date, not cancelled, teaching activity, not a day off, no adjusted study plan); all
 * arithmetic is in src/shared/measures.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import { textArray, uuidArray } from '../../db/sql.js';
import {
  TEACHING_ACTIVITY_TYPES,
  type AttendanceMark,
  type PupilLesson,
  type ValidCover,
} from '../../../shared/measures/index.js';

/** A scheduled lesson of one pupil, as the measures module takes it, plus where it belongs. */
export interface ScheduledPupilLesson extends PupilLesson {
  personId: string;
  schoolUnitId: string;
  activityId: string;
  activityName: string;
}

type ImportedMinutes = { isReported: boolean; attended: number; valid: number; invalid: number; other: number };

interface GroupLessonRow {
  lesson_id: string;
  group_id: string;
  date: string;
  starts_at: number;
  ends_at: number;
  teaching_minutes: number;
  is_confirmed: boolean;
  confirmed_by: 'narvaro' | 'import' | null;
  school_unit_id: string;
  activity_id: string;
  activity_name: string;
}
interface MembershipRow {
  group_id: string;
  person_id: string;
  start_date: string;
  end_date: string | null;
}
interface PupilLessonRow {
  lesson_id: string;
  person_id: string;
}
interface ExceptionRow extends PupilLessonRow {
  participates: boolean;
  teaching_minutes: number | null;
}
interface MarkRow extends PupilLessonRow {
  kind: string;
  minutes: number | null;
  imported_minutes: ImportedMinutes | null;
}

/** The groups of a lesson (its activity's). */
const lessonGroupsSql = (organiserId: string, lessonId: string) =>
  sql`select ag.group_id from lessons l join activity_groups ag on ag.organiser_id = l.organiser_id and ag.activity_id = l.activity_id
    where l.organiser_id = ${organiserId} and l.id = ${lessonId}`;

/** Members of a lesson's groups on its date: the pupils a registration of it may change (one uuid column, `person_id`). */
export const lessonPupilsSql = (organiserId: string, lessonId: string, date: string | SQL) =>
  sql`select gm.person_id from group_memberships gm where gm.organiser_id = ${organiserId}
    and gm.group_id in (${lessonGroupsSql(organiserId, lessonId)})
    and gm.start_date <= ${date} and (gm.end_date is null or gm.end_date >= ${date})`;

/**
 * Which pupils a load is for: a batch of pupils, or the members of one lesson's groups — that
 * lesson only (its roster), or every lesson of theirs on its date (`wholeDay`: what a
 * registration recomputes).
 */
type Target = { personIds: readonly string[] } | { lessonId: string; wholeDay?: boolean };

/** The facts statement's columns, each kind of row as one JSON array. */
interface FactRows {
  memberships: MembershipRow[] | null;
  group_lessons: GroupLessonRow[] | null;
  exceptions: ExceptionRow[] | null;
  marks: PackedMarks[] | null;
}

/**
 * Lessons per group (not per pupil: about 20× fewer rows), then memberships, adjusted study
 * plans and marks for the target pupils, in one statement; `extra` adds columns that may read the
 * `memberships` CTE (the target pupils). The (lesson, pupil) pairs are formed by `pairsOf`.
 * Scheduled = a member of one of the lesson's groups on its date, the lesson not cancelled, a
 * teaching activity, not a day off for the school, and no `participates: false` exception.
 */
async function loadFacts<Extra extends object = object>(
  tx: Tx,
  organiserId: string,
  target: Target,
  from: string,
  to: string,
  withNames: boolean,
  extra: SQL = sql``,
): Promise<FactRows & Extra> {
  const memberFilter = !('lessonId' in target)
    ? sql`gm.person_id = any(${uuidArray(target.personIds)})`
    : target.wholeDay
      ? sql`gm.person_id in (${lessonPupilsSql(organiserId, target.lessonId, from)})`
      : sql`gm.group_id in (${lessonGroupsSql(organiserId, target.lessonId)})`;
  const lessonFilter = 'lessonId' in target && !target.wholeDay ? sql`and l.id = ${target.lessonId}` : sql``;
  const pupilLessonFilter = sql`x.organiser_id = ${organiserId} and x.person_id in (select person_id from memberships)
    and x.lesson_id in (select l.id from lessons l where l.organiser_id = ${organiserId} and l.local_date between ${from} and ${to} ${lessonFilter})`;
  // One statement, each kind of row as a JSON array: a registration loads a roster and then a
  // day's facts, and on PGlite a round trip and its row-by-row decoding cost more than the query.
  const [facts] = await queryRows<FactRows & Extra>(
    tx,
    sql`
    with memberships as (
      select gm.group_id, gm.person_id, gm.start_date::text as start_date, gm.end_date::text as end_date
      from group_memberships gm where gm.organiser_id = ${organiserId} and ${memberFilter}
        and gm.start_date <= ${to} and (gm.end_date is null or gm.end_date >= ${from})
    ), group_lessons as (
      select l.id as lesson_id, ag.group_id, l.local_date::text as date,
        -- Epoch milliseconds parse far faster than timestamptz text.
        (extract(epoch from l.starts_at) * 1000)::float8 as starts_at, (extract(epoch from l.ends_at) * 1000)::float8 as ends_at,
        l.teaching_minutes, (c.lesson_id is not null) as is_confirmed, c.source as confirmed_by, l.school_unit_id, l.activity_id,
        ${withNames ? sql`a.display_name` : sql`''`} as activity_name
      from lessons l
      join activities a on a.organiser_id = l.organiser_id and a.id = l.activity_id
      join activity_groups ag on ag.organiser_id = l.organiser_id and ag.activity_id = l.activity_id
      left join lesson_confirmations c on c.organiser_id = l.organiser_id and c.lesson_id = l.id
      where l.organiser_id = ${organiserId} and l.local_date between ${from} and ${to} and not l.is_cancelled ${lessonFilter}
        and a.activity_type = any(${textArray(TEACHING_ACTIVITY_TYPES)})
        and ag.group_id in (select group_id from memberships)
        and not exists (
          select 1 from days_off d
          where d.organiser_id = l.organiser_id and d.date = l.local_date and d.school_unit_key in ('', l.school_unit_id::text))
    )
    select
      (select json_agg(m) from memberships m) as memberships,
      (select json_agg(g) from group_lessons g) as group_lessons,
      (select json_agg(x) from (select x.lesson_id, x.person_id, x.participates, x.teaching_minutes
        from lesson_student_exceptions x where ${pupilLessonFilter}) x) as exceptions,
      -- Marks as one text per pupil: a whole organiser has half a million, and JSON objects for
      -- them took 2.5 times as long to make and read (the demo's first start).
      (select json_agg(p) from (select x.person_id, string_agg(x.lesson_id || ' ' || x.kind || ' ' || coalesce(x.minutes::text, '')
        || coalesce(' ' || (x.imported_minutes->>'isReported') || ' ' || (x.imported_minutes->>'attended') || ' ' || (x.imported_minutes->>'valid')
          || ' ' || (x.imported_minutes->>'invalid') || ' ' || (x.imported_minutes->>'other'), ''), ',') as marks
        from attendance_marks x where ${pupilLessonFilter} group by x.person_id) p) as marks
      ${extra}`,
  );
  return facts;
}

/** The scheduled (lesson, pupil) pairs of loaded facts. */
function pairsOf(facts: FactRows, withNames: boolean): ScheduledPupilLesson[] {
  const memberships = facts.memberships ?? [];
  if (memberships.length === 0) return [];
  const groupLessons = facts.group_lessons ?? [];
  const exceptions = facts.exceptions ?? [];

  // Looked up per pupil and lesson without building a key for each of the half million pairs of a
  // whole organiser: marks per pupil, exceptions and repeated pairs only where a lesson has them.
  const marksOf = unpackMarks(facts.marks ?? []);
  const key = (lessonId: string, personId: string) => `${lessonId}|${personId}`;
  const exceptionOf = new Map(exceptions.map((e) => [key(e.lesson_id, e.person_id), e]));
  const lessonsWithExceptions = new Set(exceptions.map((e) => e.lesson_id));
  const groupsOfLesson = new Map<string, number>();
  for (const l of groupLessons) groupsOfLesson.set(l.lesson_id, (groupsOfLesson.get(l.lesson_id) ?? 0) + 1);
  const membersOf = new Map<string, MembershipRow[]>();
  /** Groups where a pupil has more than one membership (two spans), so a pair can repeat. */
  const groupsWithRepeats = new Set<string>();
  for (const m of memberships) {
    const members = membersOf.get(m.group_id);
    if (!members) membersOf.set(m.group_id, [m]);
    else {
      if (members.some((other) => other.person_id === m.person_id)) groupsWithRepeats.add(m.group_id);
      members.push(m);
    }
  }
  const seen = new Set<string>();
  const lessons: ScheduledPupilLesson[] = [];
  for (const lesson of groupLessons) {
    const canRepeat = groupsOfLesson.get(lesson.lesson_id)! > 1 || groupsWithRepeats.has(lesson.group_id);
    const hasExceptions = lessonsWithExceptions.has(lesson.lesson_id);
    for (const member of membersOf.get(lesson.group_id) ?? []) {
      if (member.start_date > lesson.date || (member.end_date !== null && member.end_date < lesson.date)) continue;
      const pairKey = canRepeat || hasExceptions ? key(lesson.lesson_id, member.person_id) : '';
      // A pupil in two of the lesson's groups is scheduled once.
      if (canRepeat) {
        if (seen.has(pairKey)) continue;
        seen.add(pairKey);
      }
      const exception = hasExceptions ? exceptionOf.get(pairKey) : undefined;
      if (exception && !exception.participates) continue;
      lessons.push({
        personId: member.person_id,
        lessonId: lesson.lesson_id,
        date: lesson.date,
        start: Number(lesson.starts_at),
        end: Number(lesson.ends_at),
        teachingMinutes: exception?.teaching_minutes ?? lesson.teaching_minutes,
        isConfirmed: lesson.is_confirmed,
        mark: marksOf.get(member.person_id)?.get(lesson.lesson_id),
        confirmedBy: lesson.confirmed_by === 'import' ? 'import' : 'narvaro',
        schoolUnitId: lesson.school_unit_id,
        activityId: lesson.activity_id,
        activityName: lesson.activity_name,
        ...(withNames ? { subject: lesson.activity_name } : {}),
      });
    }
  }
  return lessons;
}

/** One pupil's marks: `lesson kind minutes[ isReported attended valid invalid other]`, comma-separated. */
interface PackedMarks {
  person_id: string;
  marks: string;
}

/** Each pupil's marks by lesson, from the packing in `loadFacts`. */
function unpackMarks(packed: readonly PackedMarks[]): Map<string, Map<string, AttendanceMark>> {
  const marksOf = new Map<string, Map<string, AttendanceMark>>();
  for (const { person_id, marks } of packed) {
    const byLesson = new Map<string, AttendanceMark>();
    marksOf.set(person_id, byLesson);
    for (const packedMark of marks.split(',')) {
      const [lesson_id, kind, minutes, isReported, attended, valid, invalid, other] = packedMark.split(' ');
      const mark = toMark({
        lesson_id,
        person_id,
        kind,
        minutes: minutes === '' ? null : Number(minutes),
        imported_minutes:
          isReported === undefined
            ? null
            : {
                isReported: isReported === 'true',
                attended: Number(attended),
                valid: Number(valid),
                invalid: Number(invalid),
                other: Number(other),
              },
      });
      if (mark) byLesson.set(lesson_id, mark);
    }
  }
  return marksOf;
}

function toMark(row: MarkRow | undefined): AttendanceMark | undefined {
  switch (row?.kind) {
    case 'absent':
      return { kind: 'absent' };
    case 'other':
      return { kind: 'other' };
    case 'late':
      return { kind: 'late', minutes: row.minutes ?? 0 };
    case 'left':
      return { kind: 'left', minutes: row.minutes ?? 0 };
    case 'imported':
      return row.imported_minutes ? { kind: 'imported', ...row.imported_minutes } : undefined;
    default:
      return undefined;
  }
}

/**
 * Scheduled lessons for the given pupils in [from, to], with first-of-day flags set.
 * @param options.withNames false skips activity names (the roll-up does not need them).
 */
export async function loadScheduledLessons(
  tx: Tx,
  organiserId: string,
  personIds: readonly string[],
  from: string,
  to: string,
  options: { withNames?: boolean } = {},
): Promise<ScheduledPupilLesson[]> {
  if (personIds.length === 0) return [];
  const withNames = options.withNames ?? true;
  const lessons = pairsOf(await loadFacts(tx, organiserId, { personIds }, from, to, withNames), withNames);
  markFirstLessons(lessons);
  return lessons;
}

/** Scheduled pupils of one lesson (its roster). */
export async function loadLessonRoster(
  tx: Tx,
  organiserId: string,
  lessonId: string,
  date: string,
): Promise<ScheduledPupilLesson[]> {
  return pairsOf(await loadFacts(tx, organiserId, { lessonId }, date, date, true), true);
}

/**
 * A lesson's roster and every scheduled lesson of its pupils on its date (first-of-day flags
 * set), in one statement with the `extra` columns, which may read the `memberships` CTE (every
 * membership of those pupils that day).
 */
export async function loadLessonDayFacts<Extra extends object>(
  tx: Tx,
  organiserId: string,
  lessonId: string,
  date: string,
  extra: SQL,
): Promise<{ roster: ScheduledPupilLesson[]; lessons: ScheduledPupilLesson[]; extra: Extra }> {
  const facts = await loadFacts<Extra>(tx, organiserId, { lessonId, wholeDay: true }, date, date, true, extra);
  const all = pairsOf(facts, true);
  const roster = all.filter((l) => l.lessonId === lessonId);
  const rosterPupils = new Set(roster.map((p) => p.personId));
  const lessons = all.filter((l) => rosterPupils.has(l.personId));
  markFirstLessons(lessons);
  return { roster, lessons, extra: facts };
}

/**
 * The facts of `lessons` after a registration of `lessonId` wrote `marks` (a pupil's new mark, or
 * undefined for present) and left the lesson confirmed, by Närvaro when `byNarvaro` (else as it
 * was): what reading them again would give, without the round trip.
 */
export function afterRegistration(
  lessons: readonly ScheduledPupilLesson[],
  lessonId: string,
  marks: ReadonlyMap<string, { kind: string; minutes: number | null } | null>,
  byNarvaro: boolean,
): ScheduledPupilLesson[] {
  return lessons.map((l) => {
    if (l.lessonId !== lessonId) return l;
    const changed = marks.has(l.personId);
    const next = marks.get(l.personId);
    return {
      ...l,
      isConfirmed: true,
      confirmedBy: byNarvaro ? 'narvaro' : l.confirmedBy,
      mark: changed
        ? toMark(next ? { ...next, lesson_id: lessonId, person_id: l.personId, imported_minutes: null } : undefined)
        : l.mark,
    };
  });
}

function markFirstLessons(lessons: ScheduledPupilLesson[]): void {
  const firstStart = new Map<string, number>();
  for (const l of lessons) {
    const key = `${l.personId}|${l.date}`;
    firstStart.set(key, Math.min(firstStart.get(key) ?? Infinity, l.start));
  }
  for (const l of lessons) l.isFirstOfDay = firstStart.get(`${l.personId}|${l.date}`) === l.start;
}

export interface CoverRow {
  id: string;
  person_id: string;
  kind: ValidCover['kind'];
  /** Epoch milliseconds. */
  starts_at: number;
  ends_at: number;
}

export type CoversByPupil = Map<string, (ValidCover & { id: string })[]>;

/**
 * Valid-absence covers (not withdrawn) overlapping [from, to] (local dates, padded a day) of the
 * pupils `pupils` (a condition on `person_id`), as rows of `CoverRow`.
 */
export const coversSql = (organiserId: string, pupils: SQL, from: string, to: string) =>
  sql`select id, person_id, kind, floor(extract(epoch from starts_at) * 1000)::float8 as starts_at,
      floor(extract(epoch from ends_at) * 1000)::float8 as ends_at
    from absences where organiser_id = ${organiserId} and ${pupils} and withdrawn_at is null
      and starts_at < (${to}::date + 2)::timestamptz and ends_at > (${from}::date - 1)::timestamptz`;

/** Cover rows of `coversSql` by pupil. */
export function coversByPupil(rows: readonly CoverRow[]): CoversByPupil {
  const byPerson: CoversByPupil = new Map();
  for (const r of rows) {
    const list = byPerson.get(r.person_id) ?? [];
    list.push({ id: r.id, kind: r.kind, start: Number(r.starts_at), end: Number(r.ends_at) });
    byPerson.set(r.person_id, list);
  }
  return byPerson;
}

/** Valid-absence covers (not withdrawn) of the pupils overlapping [from, to] (local dates, padded a day). */
export async function loadCovers(
  tx: Tx,
  organiserId: string,
  personIds: readonly string[],
  from: string,
  to: string,
): Promise<CoversByPupil> {
  if (personIds.length === 0) return new Map();
  return coversByPupil(
    await queryRows<CoverRow>(tx, coversSql(organiserId, sql`person_id = any(${uuidArray(personIds)})`, from, to)),
  );
}
