/**
 * The SQL roll-up path (scheduling SQL → measures module → pupil_days → SQL sums) agrees with the
 * pure measures module computed straight from the same facts, for random registrations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { openTestDatabase } from '../../test/support.js';
import { createWorld, type World } from '../../test/factories.js';
import { schema, type Database } from '../../db/client.js';
import { localDateTimeToInstant } from '../../../shared/dates/index.js';
import {
  measurePupil,
  type AttendanceMark,
  type PupilLesson,
  type ValidCover,
} from '../../../shared/measures/index.js';
import { aggregateFigures } from './aggregate-figures.js';
import { recomputePupilDays } from './recompute-pupil-days.js';

// Includes the spring DST switch (Sunday 29 March) and a day off (Friday 27 March).
const DATES = ['2026-03-26', '2026-03-27', '2026-03-30', '2026-03-31'];
const SLOTS: [string, string][] = [
  ['08:00', '09:00'],
  ['09:15', '10:15'],
  ['10:30', '11:30'],
];

const markArb = fc.oneof(
  fc.constant(undefined),
  fc.constant<AttendanceMark>({ kind: 'absent' }),
  fc.constant<AttendanceMark>({ kind: 'other' }),
  fc.integer({ min: 1, max: 60 }).map((m): AttendanceMark => ({ kind: 'late', minutes: m })),
  fc.integer({ min: 1, max: 60 }).map((m): AttendanceMark => ({ kind: 'left', minutes: m })),
  // An SS12000 record, reported or not (issue 13): isReported belongs to the pupil's own record.
  fc.record({ isReported: fc.boolean(), attended: fc.nat(60), invalid: fc.nat(30) }).map(
    ({ isReported, attended, invalid }): AttendanceMark => ({
      kind: 'imported',
      isReported,
      attended: Math.max(0, attended - invalid),
      valid: 0,
      invalid,
      other: 0,
    }),
  ),
);
/** Not confirmed, confirmed here, or confirmed by an import (which registers only pupils with a record). */
const confirmationArb = fc.constantFrom<null | 'narvaro' | 'import'>(null, 'narvaro', 'import');

describe('roll-up agrees with the measures module', () => {
  let database: Database;
  let close: () => Promise<void>;
  let world: World;
  beforeAll(async () => {
    ({ database, close } = await openTestDatabase());
    world = await createWorld(database, DATES);
    await database.db
      .insert(schema.daysOff)
      .values({ organiserId: world.organiserId, date: '2026-03-27', kind: 'studyDay', name: 'Studiedag' });
  });
  afterAll(() => close());

  it('for random marks, confirmations and reports', async () => {
    const pupils = world.pupilsA;
    const lessonKeys = DATES.flatMap((d) =>
      SLOTS.map(([s, e]) => ({ date: d, start: s, end: e, id: world.lessonsA.get(`${d} ${s}`)! })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(confirmationArb, { minLength: lessonKeys.length, maxLength: lessonKeys.length }),
        fc.array(fc.array(markArb, { minLength: lessonKeys.length, maxLength: lessonKeys.length }), {
          minLength: pupils.length,
          maxLength: pupils.length,
        }),
        fc.array(
          fc.record({
            pupil: fc.nat(pupils.length - 1),
            day: fc.nat(DATES.length - 1),
            from: fc.integer({ min: 7, max: 11 }),
            hours: fc.integer({ min: 1, max: 4 }),
          }),
          { maxLength: 4 },
        ),
        async (confirmed, marks, reports) => {
          const { organiserId } = world;
          const db = database.db;
          await db.delete(schema.lessonConfirmations).where(eq(schema.lessonConfirmations.organiserId, organiserId));
          await db.delete(schema.attendanceMarks).where(eq(schema.attendanceMarks.organiserId, organiserId));
          await db.delete(schema.absences).where(eq(schema.absences.organiserId, organiserId));
          const confirmations = lessonKeys.flatMap((l, i) =>
            confirmed[i] ? [{ organiserId, lessonId: l.id, source: confirmed[i] }] : [],
          );
          if (confirmations.length) await db.insert(schema.lessonConfirmations).values(confirmations);
          const markRows = pupils.flatMap((personId, p) =>
            lessonKeys.flatMap((l, i) => {
              const m = marks[p][i];
              if (!m) return [];
              const { kind, ...rest } = m;
              return [
                {
                  organiserId,
                  lessonId: l.id,
                  personId,
                  kind,
                  minutes: 'minutes' in m ? m.minutes : null,
                  importedMinutes:
                    kind === 'imported'
                      ? (rest as {
                          isReported: boolean;
                          attended: number;
                          valid: number;
                          invalid: number;
                          other: number;
                        })
                      : null,
                },
              ];
            }),
          );
          if (markRows.length) await db.insert(schema.attendanceMarks).values(markRows);
          const covers = new Map<string, ValidCover[]>();
          for (const r of reports) {
            const start = localDateTimeToInstant(DATES[r.day], `${String(r.from).padStart(2, '0')}:20`);
            const cover: ValidCover = { kind: 'guardianReport', start, end: start + r.hours * 3_600_000 };
            covers.set(pupils[r.pupil], [...(covers.get(pupils[r.pupil]) ?? []), cover]);
            await db.insert(schema.absences).values({
              organiserId,
              id: randomUUID(),
              personId: pupils[r.pupil],
              kind: 'guardianReport',
              startsAt: new Date(cover.start),
              endsAt: new Date(cover.end),
            });
          }
          await recomputePupilDays(db, organiserId, pupils, DATES[0], DATES[DATES.length - 1]);
          const fromSql = await aggregateFigures(db, organiserId, sql`true`, DATES[0], DATES[DATES.length - 1]);
          for (const [p, personId] of pupils.entries()) {
            const facts: PupilLesson[] = lessonKeys
              .filter((l) => l.date !== '2026-03-27')
              .map((l) => ({
                lessonId: l.id,
                date: l.date,
                start: localDateTimeToInstant(l.date, l.start),
                end: localDateTimeToInstant(l.date, l.end),
                teachingMinutes: 60,
                isConfirmed: confirmed[lessonKeys.indexOf(l)] !== null,
                confirmedBy: confirmed[lessonKeys.indexOf(l)] ?? undefined,
                mark: marks[p][lessonKeys.indexOf(l)],
              }));
            const expected = measurePupil(facts, covers.get(personId) ?? [], DATES[0], DATES[DATES.length - 1]);
            expect({ ...fromSql.get(personId), longestRun: expected.longestRun }).toEqual(expected);
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  it('schedules by membership history: a pupil who moves class mid-period keeps both timetables', async () => {
    const { organiserId } = world;
    const mover = world.pupilsB[0];
    const db = database.db;
    await db
      .update(schema.groupMemberships)
      .set({ endDate: '2026-03-27' })
      .where(and(eq(schema.groupMemberships.organiserId, organiserId), eq(schema.groupMemberships.personId, mover)));
    await db
      .insert(schema.groupMemberships)
      .values({ organiserId, groupId: world.classA, personId: mover, startDate: '2026-03-28' });
    await recomputePupilDays(db, organiserId, [mover], DATES[0], DATES[DATES.length - 1]);
    const days = await db
      .select()
      .from(schema.pupilDays)
      .where(and(eq(schema.pupilDays.organiserId, organiserId), eq(schema.pupilDays.personId, mover)));
    // 26 March in 7B, 27 March a study day, 30–31 March in 7A: three days of 180 minutes.
    expect(days.map((d) => [d.date, d.scheduled]).sort()).toEqual([
      ['2026-03-26', 180],
      ['2026-03-30', 180],
      ['2026-03-31', 180],
    ]);
  });
});
