/**
 * Registers a lesson's attendance and confirms it (kvittens) in one action. Pupils not listed
 * are present (an imported registration is kept unless overridden). Every change is written to
 * the insert-only history; a change to an already confirmed lesson is a correction.
 */
import { type SQL, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../../db/client.js';
import { uuidArray } from '../../../db/sql.js';
import { AppError, forbidden } from '../../../errors.js';
import { auditEventInsert, type AuditContext } from '../../../audit/write-audit-event.js';
import { recomputePupilDaysFrom } from '../../measures/recompute-pupil-days.js';
import { afterRegistration } from '../../measures/lesson-facts.js';
import type { LessonDay } from '../../measures/lesson-day.js';
import { syncSameDayNotices, type NoticeTiming } from '../../messages/same-day-notices.js';
import { MARK_KINDS, type MarkInput } from '../../../../shared/schemas/lessons.js';
import { isReasonCode } from '../../../../shared/schemas/reports.js';
import type { LessonRow, MarkRow } from '../lessons.repo.js';

export interface RegisterLessonInput {
  lesson: LessonRow;
  /** The lesson's roster and its pupils' day, read under their locks (loadLessonDay). */
  day: LessonDay;
  currentMarks: Map<string, MarkRow>;
  marks: MarkInput[];
  /** Pupils whose marks the actor may change ('all' for the teacher and rektor). */
  correctablePupils: Set<string> | 'all';
  now: Date;
}

/** What the registration left behind, so the answer need not read it again. */
export interface RegisterLessonResult {
  /** The lesson's marks after the registration, by pupil (what reading them would give now). */
  marks: Map<string, MarkRow>;
  /** The confirmation when this registration wrote it or made it Närvaro's; null when it stood as it was. */
  confirmation: { confirmedAt: Date; confirmedByUserId: string | null } | null;
  /** The history rows it wrote, in the order written (ids ascending). */
  history: {
    id: string;
    personId: string;
    previous: MarkState;
    next: MarkState;
    changedAt: Date;
    isCorrection: boolean;
  }[];
}

type MarkState = { kind: string; minutes: number | null; reasonCode: string | null; comment: string | null } | null;

function validateMarks(input: RegisterLessonInput): Map<string, MarkInput> {
  const rosterMinutes = new Map(input.day.roster.map((p) => [p.personId, p.teachingMinutes]));
  const problems: { path: string; message: string }[] = [];
  const byPupil = new Map<string, MarkInput>();
  input.marks.forEach((mark, i) => {
    const max = rosterMinutes.get(mark.personId);
    if (max === undefined)
      problems.push({ path: `/marks/${i}/personId`, message: 'Eleven finns inte i lektionens grupp.' });
    else if (byPupil.has(mark.personId))
      problems.push({ path: `/marks/${i}/personId`, message: 'Eleven finns två gånger.' });
    else if ((mark.kind === 'late' || mark.kind === 'left') && (mark.minutes === undefined || mark.minutes > max)) {
      problems.push({ path: `/marks/${i}/minutes`, message: `Ange minuter (1–${max}).` });
    }
    // A reason is a code from the list; a mark's reason stored before this rule may stay as it is.
    if (
      mark.reasonCode &&
      !isReasonCode(mark.reasonCode) &&
      input.currentMarks.get(mark.personId)?.reason_code !== mark.reasonCode
    )
      problems.push({ path: `/marks/${i}/reasonCode`, message: 'Välj en orsak i listan.' });
    byPupil.set(mark.personId, mark);
  });
  if (problems.length > 0) throw new AppError('INVALID_REGISTRATION', 'Registreringen innehåller fel.', problems);
  return byPupil;
}

const stateOfInput = (mark: MarkInput): MarkState =>
  mark.kind === 'present'
    ? null
    : {
        kind: mark.kind,
        minutes: mark.kind === 'late' || mark.kind === 'left' ? (mark.minutes ?? null) : null,
        reasonCode: mark.reasonCode ?? null,
        comment: mark.comment ?? null,
      };
const stateOfRow = (row: MarkRow | undefined): MarkState =>
  row ? { kind: row.kind, minutes: row.minutes, reasonCode: row.reason_code, comment: row.comment } : null;
/** The columns a written mark sets; on conflict it replaces the whole row with them. */
const MARK_COLUMNS = sql.raw('kind, minutes, reason_code, comment, recorded_by_user_id, recorded_at');
const MARK_UPSERT_SET = sql.raw(
  ['kind', 'minutes', 'reason_code', 'comment', 'imported_minutes', 'external_id', 'recorded_by_user_id', 'recorded_at']
    .map((column) => `${column} = excluded.${column}`)
    .join(', '),
);
const isSameState = (a: MarkState, b: MarkState) => JSON.stringify(a) === JSON.stringify(b);
/** Marks that put a lesson on the pupil's same-day notice (every kind but another activity). */
const ABSENCE_MARK_KINDS: ReadonlySet<string> = new Set(MARK_KINDS.filter((kind) => kind !== 'other'));

/** @throws AppError LESSON_CANCELLED, INVALID_REGISTRATION (400 with paths), FORBIDDEN (mentor outside own pupils). */
export async function registerLesson(
  tx: Tx,
  ctx: AuditContext & { actorUserId: string },
  input: RegisterLessonInput,
  timing: NoticeTiming,
): Promise<RegisterLessonResult> {
  const { lesson, day, currentMarks, correctablePupils } = input;
  if (lesson.is_cancelled) throw new AppError('LESSON_CANCELLED', 'Lektionen är inställd och kan inte registreras.');
  const requested = validateMarks(input);
  const isCorrection = lesson.confirmed_at !== null;
  const changes: { personId: string; previous: MarkState; next: MarkState }[] = [];
  for (const pupil of day.roster) {
    const current = currentMarks.get(pupil.personId);
    const request = requested.get(pupil.personId);
    // An imported registration stands unless the caller overrides it explicitly.
    const next = request ? stateOfInput(request) : current?.kind === 'imported' ? stateOfRow(current) : null;
    const previous = stateOfRow(current);
    if (!isSameState(previous, next)) changes.push({ personId: pupil.personId, previous, next });
  }
  if (correctablePupils !== 'all' && changes.some((c) => !correctablePupils.has(c.personId))) {
    throw forbidden('Du kan bara rätta registreringar för dina egna mentorselever.');
  }
  // Every write of the registration in one statement, whatever the class size (they touch
  // different rows): the removed marks, the written ones, their history, the audit row and the
  // confirmation, whose change it answers with.
  const writes: SQL[] = [];
  const removed = changes.filter((c) => c.next === null).map((c) => c.personId);
  if (removed.length > 0)
    writes.push(sql`delete from attendance_marks where organiser_id = ${ctx.organiserId} and lesson_id = ${lesson.id}
      and person_id = any(${uuidArray(removed)})`);
  const written = changes.flatMap((c) => (c.next === null ? [] : [{ person_id: c.personId, ...c.next }]));
  const at = input.now.toISOString();
  // Plain templates with one JSON parameter per kind of row, not drizzle's insert builders: building
  // those took a tenth of a registration's CPU (docs/concurrency.md, "Session 9").
  if (written.length > 0)
    writes.push(sql`insert into attendance_marks (${MARK_COLUMNS}, organiser_id, lesson_id, person_id, imported_minutes, external_id)
      select m.kind, m.minutes, m."reasonCode", m.comment, ${ctx.actorUserId}::uuid, ${at}::timestamptz,
        ${ctx.organiserId}::uuid, ${lesson.id}::uuid, m.person_id, null, null
      from jsonb_to_recordset(${JSON.stringify(written)}::jsonb) as m(person_id uuid, kind text, minutes int, "reasonCode" text, comment text)
      on conflict (organiser_id, lesson_id, person_id) do update set ${MARK_UPSERT_SET}`);
  // In the order of the changes: the history's ids (its order) follow the rows. Its ids answer too:
  // the answer's history page ends at one of them when the change is large.
  const history =
    changes.length > 0
      ? sql`insert into attendance_mark_history (organiser_id, lesson_id, person_id, previous, next, changed_by_user_id, changed_at, is_correction)
      select ${ctx.organiserId}::uuid, ${lesson.id}::uuid, h.person_id, h.previous, h.next, ${ctx.actorUserId}::uuid, ${at}::timestamptz, ${isCorrection}
      from rows from (jsonb_to_recordset(${JSON.stringify(changes.map((c) => ({ person_id: c.personId, previous: c.previous, next: c.next })))}::jsonb)
        as (person_id uuid, previous jsonb, next jsonb)) with ordinality as h(person_id, previous, next, n)
      order by h.n returning id`
      : null;
  writes.push(
    auditEventInsert(tx, ctx, {
      type: 'attendance.register-lesson',
      lessonId: lesson.id,
      data: { marks: changes.length, isCorrection },
    }),
  );
  // The teacher's kvittens covers the whole roster, so an imported confirmation (which registered only
  // the pupils with their own Attendance record) becomes Närvaro's. A mentor's correction of own
  // mentees confirms nobody else and leaves it as it is.
  const confirming = sql`insert into lesson_confirmations (organiser_id, lesson_id, confirmed_by_user_id, confirmed_at, source)
    values (${ctx.organiserId}, ${lesson.id}, ${ctx.actorUserId}, ${at}::timestamptz, 'narvaro')
    ${
      correctablePupils === 'all'
        ? sql`on conflict (organiser_id, lesson_id) do update set source = 'narvaro' where lesson_confirmations.source <> 'narvaro'`
        : sql`on conflict do nothing`
    }
    returning confirmed_at, confirmed_by_user_id`;
  // One row: the confirmation's change, if any, beside the history ids, which the sequence hands
  // out in the order the rows are written.
  const [result] = await queryRows<{
    confirmed_at: Date | string | null;
    confirmed_by_user_id: string | null;
    history_ids: string[] | null;
  }>(
    tx,
    sql`with ${sql.join(
      [
        ...writes.map((write, i) => sql`${sql.raw(`write_${i}`)} as (${write})`),
        ...(history ? [sql`history as (${history})`] : []),
      ],
      sql`, `,
    )}, confirmation as (${confirming})
    select c.confirmed_at, c.confirmed_by_user_id,
      ${history ? sql`(select array_agg(h.id::text order by h.id) from history h)` : sql`null::text[]`} as history_ids
    from (select) one left join confirmation c on true`,
  );
  const confirmationChange =
    result.confirmed_at === null
      ? undefined
      : { confirmedAt: new Date(result.confirmed_at), confirmedByUserId: result.confirmed_by_user_id };
  const historyIds = result.history_ids ?? [];
  // The figures follow from the marks and the confirmation (its source too): when neither changed
  // (the same register sent again), the derived rows are those of the last change and stay.
  const pupils = day.roster.map((p) => p.personId);
  const days =
    changes.length > 0 || confirmationChange
      ? await recomputePupilDaysFrom(tx, ctx.organiserId, pupils, day.date, day.date, {
          lessons: afterRegistration(
            day.lessons,
            lesson.id,
            new Map(changes.map((c) => [c.personId, c.next])),
            confirmationChange !== undefined,
          ),
          covers: day.covers,
          // A registration moves no pupil between classes or schools: only days it changed change a roll-up.
          days: day.days,
        })
      : day.days;
  // The same-day notice is written (or withdrawn) with the registration that causes it.
  const newlyAbsent = new Set(
    changes.filter((c) => c.next !== null && ABSENCE_MARK_KINDS.has(c.next.kind)).map((c) => c.personId),
  );
  await syncSameDayNotices(tx, ctx.organiserId, pupils, day.date, day.date, timing, days, newlyAbsent);
  const marks = new Map(currentMarks);
  for (const { personId, next } of changes) {
    if (next === null) marks.delete(personId);
    else
      marks.set(personId, {
        person_id: personId,
        kind: next.kind,
        minutes: next.minutes,
        reason_code: next.reasonCode,
        comment: next.comment,
        imported_minutes: null,
      });
  }
  return {
    marks,
    confirmation: confirmationChange ?? null,
    history: changes.map((c, i) => ({ ...c, id: historyIds[i], changedAt: input.now, isCorrection })),
  };
}
