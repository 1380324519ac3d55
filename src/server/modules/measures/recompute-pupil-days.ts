/**
 * Maintains the pupil × day roll-up (`pupil_days`) from the measures module, so lists and
 * statistics only sum rows (the statistics roll-ups above it are refreshed here too). Called in the same transaction as every change that moves a
 * figure: registrations, reports and leave, imports.
 */
import { sql } from 'drizzle-orm';
import { schema, type Tx, inSequence, queryRows } from '../../db/client.js';
import {
  dayFigures,
  hasAbsence,
  isAbsentDay,
  lessonOutcome,
  type LessonOutcome,
} from '../../../shared/measures/index.js';
import { loadCovers, loadScheduledLessons } from './lesson-facts.js';
import { upsertRows, type WriteSpec } from '../../db/batched-write.js';
import { refreshStatisticsRollups } from '../statistics/rollups.js';
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
   * since a roll-up row is a sum of the pupil's days and placement.
   */
  rollupsOf?: 'allPupils' | 'changedDays';
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
    const [lessons, covers] = await inSequence(
      () => loadScheduledLessons(tx, organiserId, batch, from, to, { withNames: false }),
      () => loadCovers(tx, organiserId, batch, from, to),
    );
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
    const rows = [...outcomesByPerson].flatMap(([personId, { outcomes, unitByDate }]) =>
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
    // before the upsert, so a pupil's first days (the first import) are not all compared with the list.
    const deleted = await queryRows<{ person_id: string }>(
      tx,
      sql`delete from pupil_days where organiser_id = ${organiserId}
      and person_id = any(${uuidArray(batch)}) and date between ${from} and ${to}
      and (person_id, date) not in (select (k->>0)::uuid, (k->>1)::date from jsonb_array_elements(${JSON.stringify(rows.map((r) => [r.personId, r.date]))}::jsonb) k)
      returning person_id`,
    );
    const written = await upsertRows<{ person_id: string }>(tx, PUPIL_DAY_WRITE, organiserId, rows);
    const rolledUp =
      options.rollupsOf === 'changedDays'
        ? [...new Set([...written.changed, ...deleted].map((r) => r.person_id))]
        : batch;
    if (rolledUp.length === 0) continue;
    const later = rollupsLater.get(tx);
    if (later) later.push({ organiserId, personIds: rolledUp, from, to });
    else await refreshStatisticsRollups(tx, organiserId, rolledUp, from, to);
  }
}

interface PendingRollups {
  organiserId: string;
  personIds: string[];
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
    );
  }
  return result;
}
