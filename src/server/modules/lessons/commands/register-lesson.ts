/**
 * Registers a lesson's attendance and confirms it (kvittens) in one action. Pupils not listed
 * are present (an imported registration is kept unless overridden). Every change is written to
 * the insert-only history; a change to an already confirmed lesson is a correction.
 */
import { and, eq, inArray, sql, type SQLWrapper } from 'drizzle-orm';
import { queryRows, schema, type Tx } from '../../../db/client.js';
import { AppError, forbidden } from '../../../errors.js';
import { auditEventInsert, type AuditContext } from '../../../audit/write-audit-event.js';
import { recomputePupilDaysFrom } from '../../measures/recompute-pupil-days.js';
import { afterRegistration } from '../../measures/lesson-facts.js';
import type { LessonDay } from '../../measures/lesson-day.js';
import { syncSameDayNotices, type NoticeTiming } from '../../messages/same-day-notices.js';
import { MARK_KINDS, type MarkInput } from '../../../../shared/schemas/lessons.js';
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
  /** The history rows it wrote, in the order written. */
  history: { personId: string; previous: MarkState; next: MarkState; changedAt: Date; isCorrection: boolean }[];
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
const camel = (column: string) => column.replace(/_(.)/g, (_, c: string) => c.toUpperCase());
/** A written mark replaces the whole row (built once: drizzle's SQL building is a share of a registration's CPU). */
const MARK_UPSERT_SET = Object.fromEntries(
  [
    'kind',
    'minutes',
    'reason_code',
    'comment',
    'imported_minutes',
    'external_id',
    'recorded_by_user_id',
    'recorded_at',
  ].map((column) => [camel(column), sql.raw(`excluded.${column}`)]),
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
  const writes: SQLWrapper[] = [];
  const removed = changes.filter((c) => c.next === null).map((c) => c.personId);
  if (removed.length > 0) {
    writes.push(
      tx
        .delete(schema.attendanceMarks)
        .where(
          and(
            eq(schema.attendanceMarks.organiserId, ctx.organiserId),
            eq(schema.attendanceMarks.lessonId, lesson.id),
            inArray(schema.attendanceMarks.personId, removed),
          ),
        ),
    );
  }
  const written = changes.flatMap((c) =>
    c.next === null
      ? []
      : [
          {
            organiserId: ctx.organiserId,
            lessonId: lesson.id,
            personId: c.personId,
            kind: c.next.kind,
            minutes: c.next.minutes,
            reasonCode: c.next.reasonCode,
            comment: c.next.comment,
            importedMinutes: null,
            externalId: null,
            recordedByUserId: ctx.actorUserId,
            recordedAt: input.now,
          },
        ],
  );
  if (written.length > 0) {
    writes.push(
      tx
        .insert(schema.attendanceMarks)
        .values(written)
        .onConflictDoUpdate({
          target: [
            schema.attendanceMarks.organiserId,
            schema.attendanceMarks.lessonId,
            schema.attendanceMarks.personId,
          ],
          set: MARK_UPSERT_SET,
        }),
    );
  }
  if (changes.length > 0) {
    writes.push(
      tx.insert(schema.attendanceMarkHistory).values(
        changes.map((c) => ({
          organiserId: ctx.organiserId,
          lessonId: lesson.id,
          personId: c.personId,
          previous: c.previous,
          next: c.next,
          changedByUserId: ctx.actorUserId,
          changedAt: input.now,
          isCorrection,
        })),
      ),
    );
  }
  writes.push(
    auditEventInsert(tx, ctx, {
      type: 'attendance.register-lesson',
      lessonId: lesson.id,
      data: { marks: changes.length, isCorrection },
    }),
  );
  const confirmation = tx.insert(schema.lessonConfirmations).values({
    organiserId: ctx.organiserId,
    lessonId: lesson.id,
    confirmedByUserId: ctx.actorUserId,
    confirmedAt: input.now,
    source: 'narvaro',
  });
  // The teacher's kvittens covers the whole roster, so an imported confirmation (which registered only
  // the pupils with their own Attendance record) becomes Närvaro's. A mentor's correction of own
  // mentees confirms nobody else and leaves it as it is.
  const confirmed = {
    confirmedAt: schema.lessonConfirmations.confirmedAt,
    confirmedByUserId: schema.lessonConfirmations.confirmedByUserId,
  };
  const confirming =
    correctablePupils === 'all'
      ? confirmation
          .onConflictDoUpdate({
            target: [schema.lessonConfirmations.organiserId, schema.lessonConfirmations.lessonId],
            set: { source: 'narvaro' },
            setWhere: sql`${schema.lessonConfirmations.source} <> 'narvaro'`,
          })
          .returning(confirmed)
      : confirmation.onConflictDoNothing().returning(confirmed);
  // (An embedded query comes in parentheses.)
  const [changedConfirmation] = await queryRows<{ confirmed_at: Date | string; confirmed_by_user_id: string | null }>(
    tx,
    sql`with ${sql.join(
      writes.map((write, i) => sql`${sql.raw(`write_${i}`)} as ${write}`),
      sql`, `,
    )}, confirmation as ${confirming} select * from confirmation`,
  );
  const confirmationChange = changedConfirmation && {
    confirmedAt: new Date(changedConfirmation.confirmed_at),
    confirmedByUserId: changedConfirmation.confirmed_by_user_id,
  };
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
    history: changes.map((c) => ({ ...c, changedAt: input.now, isCorrection })),
  };
}
