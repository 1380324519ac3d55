/**
 * Maintains the pupil × day roll-up (`pupil_days`) from the measures module, so lists and
 * statistics only sum rows (the statistics roll-ups above it are refreshed here too). Called in the same transaction as every change that moves a
 * figure: registrations, reports and leave, imports.
 */
import { sql, type SQL } from 'drizzle-orm';
import { schema, type Tx, inSequence, queryRows } from '../../db/client.js';
import {
  dayFigures,
  hasAbsence,
  isAbsentDay,
  lessonOutcome,
  type LessonOutcome,
} from '../../../shared/measures/index.js';
import { loadCovers, loadScheduledLessons, type CoversByPupil, type ScheduledPupilLesson } from './lesson-facts.js';
import { upsertRows, type WriteSpec } from '../../db/batched-write.js';
import { refreshStatisticsRollups, type PupilDayDelta } from '../statistics/rollups.js';
import { EXCLUSIVE_ABOVE_PUPILS, lockPupilDays } from '../../db/derived-row-locks.js';
import { uuidArray } from '../../db/sql.js';

/** One batch whenever pupils are locked one by one (several batches run under the exclusive lock, so unit locks stay in order). */
const PUPILS_PER_BATCH = EXCLUSIVE_ABOVE_PUPILS;
/** Rows are upserted: a day whose figures did not change is not rewritten. */
const PUPIL_DAY_WRITE: WriteSpec = {
  table: schema.pupilDays,
  columns: [
    'personId',
    'date',
    'schoolUnitId',
    'scheduled',
    'known',
    'attended',
    'valid',
    'invalid',
    'other',
    'lateCount',
    'lateMinutes',
    'isAbsentDay',
    'hasAbsence',
  ],
  onConflict: 'update',
  returning: 't.person_id',
};

export interface RecomputeOptions {
  /**
   * Whose statistics roll-ups are rebuilt: every pupil given (the default; an import that moved a
   * pupil's class changes the roll-up without changing a day), or only the pupils whose days were
   * written or deleted now — enough when nothing but marks, confirmations or absences changed,
   * since a roll-up row is a sum of the pupil's days and placement. Their changed days then reach
   * the roll-ups as increments where that is exact (rollups.ts, applyPupilDayDeltas).
   */
  rollupsOf?: 'allPupils' | 'changedDays';
}

/** What a pupil's days are computed from, read under the pupils' locks. */
export interface PupilDayFacts {
  /** The pupils' scheduled lessons in the range, first-of-day flags set (loadScheduledLessons). */
  lessons: readonly ScheduledPupilLesson[];
  covers: CoversByPupil;
  /** The pupils' `pupil_days` rows in the range as they stand (for `rollupsOf: 'changedDays'`). */
  days: DayRow[] | null;
}

/**
 * Recomputes `pupil_days` for the pupils over the inclusive date range.
 * @param personIds SS12000 person ids of pupils; an empty list does nothing.
 */
export async function recomputePupilDays(
  tx: Tx,
  organiserId: string,
  personIds: string[],
  from: string,
  to: string,
  options: RecomputeOptions = {},
): Promise<void> {
  const unique = [...new Set(personIds)];
  // Before anything is read: the last of two racing recomputations then sees the other's facts.
  await lockPupilDays(tx, organiserId, unique);
  for (let i = 0; i < unique.length; i += PUPILS_PER_BATCH) {
    const batch = unique.slice(i, i + PUPILS_PER_BATCH);
    const [lessons, covers, days] = await inSequence(
      () => loadScheduledLessons(tx, organiserId, batch, from, to, { withNames: false }),
      () => loadCovers(tx, organiserId, batch, from, to),
      async () => (options.rollupsOf === 'changedDays' ? loadDayRows(tx, organiserId, batch, from, to) : null),
    );
    await recomputePupilDaysFrom(tx, organiserId, batch, from, to, { lessons, covers, days });
  }
}

/**
 * Recomputes the pupils' days from facts the caller read under the pupils' locks (lockPupilDays,
 * lockLessonAndPupilsOf) and returns them as written. With the days as they stood (`facts.days`) only
 * changed days reach the roll-ups, as increments where exact; without, every pupil's roll-up rows
 * are summed again.
 */
export async function recomputePupilDaysFrom(
  tx: Tx,
  organiserId: string,
  personIds: readonly string[],
  from: string,
  to: string,
  facts: PupilDayFacts,
): Promise<DayRow[]> {
  const { lessons, covers, days: before } = facts;
  const outcomesByPerson = new Map<string, { outcomes: LessonOutcome[]; unitByDate: Map<string, string> }>();
  for (const lesson of lessons) {
    const entry = outcomesByPerson.get(lesson.personId) ?? {
      outcomes: [] as LessonOutcome[],
      unitByDate: new Map<string, string>(),
    };
    entry.outcomes.push(lessonOutcome(lesson, covers.get(lesson.personId) ?? []));
    if (!entry.unitByDate.has(lesson.date)) entry.unitByDate.set(lesson.date, lesson.schoolUnitId);
    outcomesByPerson.set(lesson.personId, entry);
  }
  const rows: DayRow[] = [...outcomesByPerson].flatMap(([personId, { outcomes, unitByDate }]) =>
    dayFigures(outcomes).map((d) => ({
      personId,
      date: d.date,
      schoolUnitId: unitByDate.get(d.date)!,
      scheduled: d.scheduled,
      known: d.known,
      attended: d.attended,
      valid: d.valid,
      invalid: d.invalid,
      other: d.other,
      lateCount: d.lateCount,
      lateMinutes: d.lateMinutes,
      isAbsentDay: isAbsentDay(d),
      hasAbsence: hasAbsence(d),
    })),
  );
  // Days that are no longer school days for the pupil (cancelled lesson, ended membership) go;
  // before the upsert, so a pupil's first days (the first import) are not all compared with the
  // list. Known not to exist when the days as they stood are all still there.
  const dayKey = (d: { personId: string; date: string }) => `${d.personId}|${d.date}`;
  const keptDays = new Set(rows.map(dayKey));
  const deleted = before?.every((d) => keptDays.has(dayKey(d)))
    ? []
    : await queryRows<{ person_id: string }>(
        tx,
        sql`delete from pupil_days where organiser_id = ${organiserId}
      and person_id = any(${uuidArray(personIds)}) and date between ${from} and ${to}
      and (person_id, date) not in (select (k->>0)::uuid, (k->>1)::date from jsonb_array_elements(${JSON.stringify(rows.map((r) => [r.personId, r.date]))}::jsonb) k)
      returning person_id`,
      );
  const written = await upsertRows<{ person_id: string }>(tx, PUPIL_DAY_WRITE, organiserId, rows);
  // Changed days of pupils whose placement did not move reach the roll-ups as increments.
  const { rebuilt, deltas } = before
    ? dayDeltas(before, rows, new Set([...written.changed, ...deleted].map((r) => r.person_id)))
    : { rebuilt: [...personIds], deltas: [] };
  if (rebuilt.length === 0 && deltas.length === 0) return rows;
  const later = rollupsLater.get(tx);
  if (later) later.push({ organiserId, personIds: rebuilt, deltas, from, to });
  else await refreshStatisticsRollups(tx, organiserId, rebuilt, from, to, deltas);
  return rows;
}

/** A `pupil_days` row as the recomputation writes it. */
export type DayRow = Omit<typeof schema.pupilDays.$inferInsert, 'organiserId'>;

/** `pupil_days` rows of the pupils `pupils` (a condition on `person_id`) in [from, to], as `DayRow`s. */
export const dayRowsSql = (organiserId: string, pupils: SQL, from: string, to: string) =>
  sql`select person_id as "personId", date::text as date, school_unit_id as "schoolUnitId", scheduled, known, attended,
      valid, invalid, other, late_count as "lateCount", late_minutes as "lateMinutes", is_absent_day as "isAbsentDay",
      has_absence as "hasAbsence"
    from pupil_days where organiser_id = ${organiserId} and ${pupils} and date between ${from} and ${to}`;

/** The pupils' `pupil_days` rows in [from, to] as the recomputation writes them. */
async function loadDayRows(
  tx: Tx,
  organiserId: string,
  personIds: string[],
  from: string,
  to: string,
): Promise<DayRow[]> {
  return queryRows<DayRow>(tx, dayRowsSql(organiserId, sql`person_id = any(${uuidArray(personIds)})`, from, to));
}

/** A day's contribution to the roll-up sums (rollups.ts sums the same columns and counts). */
const rollupSums = (d: DayRow | undefined): PupilDayDelta['sums'] => ({
  scheduled: d?.scheduled ?? 0,
  known: d?.known ?? 0,
  attended: d?.attended ?? 0,
  valid: d?.valid ?? 0,
  invalid: d?.invalid ?? 0,
  other: d?.other ?? 0,
  late_count: d?.lateCount ?? 0,
  late_minutes: d?.lateMinutes ?? 0,
  absent_days: d?.isAbsentDay ? 1 : 0,
  absence_occasions: d?.hasAbsence ? 1 : 0,
  school_days: (d?.scheduled ?? 0) > 0 ? 1 : 0,
});

/**
 * For the pupils whose days changed: each changed day as an increment (new sums minus old), or —
 * when a day appeared, went, or moved to another school unit, which moves a roll-up row's dates or
 * unit — the pupil in `rebuilt`, to be summed again from `pupil_days`.
 */
function dayDeltas(
  before: DayRow[],
  after: DayRow[],
  changed: Set<string>,
): { rebuilt: string[]; deltas: PupilDayDelta[] } {
  const key = (d: DayRow) => `${d.personId}|${d.date}`;
  const old = new Map(before.filter((d) => changed.has(d.personId)).map((d) => [key(d), d]));
  const rebuilt = new Set<string>();
  const deltas: PupilDayDelta[] = [];
  for (const day of after) {
    if (!changed.has(day.personId)) continue;
    const previous = old.get(key(day));
    old.delete(key(day));
    if (!previous || previous.schoolUnitId !== day.schoolUnitId) {
      rebuilt.add(day.personId);
      continue;
    }
    const [now, then] = [rollupSums(day), rollupSums(previous)];
    const sums = Object.fromEntries(
      Object.entries(now).map(([column, value]) => [column, value - then[column as keyof typeof then]]),
    ) as PupilDayDelta['sums'];
    if (Object.values(sums).some((v) => v !== 0))
      deltas.push({ personId: day.personId, date: day.date, schoolUnitId: day.schoolUnitId, sums });
  }
  // Days left over were deleted.
  for (const gone of old.values()) rebuilt.add(gone.personId);
  return { rebuilt: [...rebuilt], deltas: deltas.filter((d) => !rebuilt.has(d.personId)) };
}

interface PendingRollups {
  organiserId: string;
  personIds: string[];
  deltas: PupilDayDelta[];
  from: string;
  to: string;
}
const rollupsLater = new WeakMap<object, PendingRollups[]>();

/**
 * Runs `work` (one request's transaction) with the statistics roll-ups of its recomputations
 * refreshed once at its end. The school units' locks (db/derived-row-locks.ts) are then held only for
 * that last step and the commit, not while the rest of the request runs: registrations of one
 * school wait for each other that much less. Nothing in `work` may read the roll-ups.
 */
export async function withRollupsLast<T>(tx: Tx, work: () => Promise<T>): Promise<T> {
  const pending: PendingRollups[] = [];
  rollupsLater.set(tx, pending);
  let result: T;
  try {
    result = await work();
  } finally {
    rollupsLater.delete(tx);
  }
  // One refresh over every pupil and the whole range, so the units are locked once, in order.
  const organisers = new Set(pending.map((p) => p.organiserId));
  for (const organiserId of organisers) {
    const mine = pending.filter((p) => p.organiserId === organiserId);
    await refreshStatisticsRollups(
      tx,
      organiserId,
      [...new Set(mine.flatMap((p) => p.personIds))],
      mine.map((p) => p.from).sort()[0],
      mine
        .map((p) => p.to)
        .sort()
        .at(-1)!,
      mine.flatMap((p) => p.deltas),
    );
  }
  return result;
}
