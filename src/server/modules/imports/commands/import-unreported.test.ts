/**
 * Issue 13 §1: `isReported` belongs to one pupil's Attendance record, not to the lesson. After an
 * import shaped the way school platforms send SS12000 (records for some pupils only, a record with
 * `isReported: false` and preliminary minutes, absences spanning days, two absences of different
 * types covering together), every figure path agrees with docs/domain/measures.md: the pupil page, the
 * roll-up list, the school statistics and the Stockholm ladder.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, logInAs, type TestApp } from '../../../test/support.js';
import { createWorld, type World } from '../../../test/factories.js';
import { queryRows } from '../../../db/client.js';
import { eachDate, weekdayOf } from '../../../../shared/dates/index.js';
import { LADDER_PRESETS } from '../../../../shared/ladders/presets/index.js';
import { dryRunLadder } from '../../ladders/dry-run-ladder.js';
import { importSs12000 } from './import-ss12000.js';

/** December 2025, a completed month by the test's today (2026-01-14): 15 school days of three 60-minute lessons. */
const DATES = eachDate('2025-12-01', '2025-12-19').filter((d) => weekdayOf(d) <= 5);
const SLOTS = ['08:00', '09:15', '10:30'];
const FIRST_HALF = DATES.filter((d) => d <= '2025-12-10'); // 8 days
const meta = { created: '2025-12-20T08:00:00Z', modified: '2025-12-20T08:00:00Z' };
const ref = (id: string) => ({ id });

describe('an import with unreported records: every figure follows docs/domain/measures.md per pupil', () => {
  let t: TestApp;
  let world: World;
  let p1: string;
  let p2: string;
  let p3: string;
  let p4: string;

  const attendance = (lessonId: string, student: string, isReported: boolean, minutes: Record<string, number>) => ({
    id: randomUUID(),
    meta,
    calendarEvent: ref(lessonId),
    student: ref(student),
    isReported,
    ...minutes,
  });
  const absence = (student: string, type: string, startTime: string, endTime: string) => ({
    id: randomUUID(),
    meta,
    student: ref(student),
    type,
    startTime,
    endTime,
  });
  const importFiles = (files: Record<string, unknown>) =>
    importSs12000(t.database, { files, organiserId: world.organiserId, actorUserId: null });

  beforeAll(async () => {
    t = await buildTestApp();
    world = await createWorld(t.database, DATES);
    [p1, p2, p3, p4] = world.pupilsA;
    const records = DATES.flatMap((date) =>
      SLOTS.flatMap((slot) => {
        const lessonId = world.lessonsA.get(`${date} ${slot}`)!;
        return [
          // P1: a reported record at every lesson, present.
          attendance(lessonId, p1, true, {
            attendanceMinutes: 60,
            validAbsenceMinutes: 0,
            invalidAbsenceMinutes: 0,
            otherAttendanceMinutes: 0,
          }),
          // P2: reported present in the first half; no record at all afterwards (the platform leaves out
          // pupils with a guardian report), while P1's reported records confirm every lesson.
          ...(FIRST_HALF.includes(date) ? [attendance(lessonId, p2, true, { attendanceMinutes: 60 })] : []),
          // P3: never a record (no report either). P4: a record not reported, with preliminary minutes.
          attendance(lessonId, p4, false, { attendanceMinutes: 30, invalidAbsenceMinutes: 30 }),
        ];
      }),
    );
    const report = await importFiles({
      attendances: { data: records },
      absences: {
        data: [
          // P2: a report over two days (11–12 December), then a report and a leave that only together cover 15–19 December.
          absence(p2, 'Anmäld frånvaro', '2025-12-11T07:00:00+01:00', '2025-12-12T18:00:00+01:00'),
          absence(p2, 'Anmäld frånvaro', '2025-12-15T00:00:00+01:00', '2025-12-17T10:00:00+01:00'),
          absence(p2, 'Beviljad ledighet', '2025-12-17T09:00:00+01:00', '2025-12-20T00:00:00+01:00'),
          // P4: half of one lesson covered; the rest stays unknown.
          absence(p4, 'Anmäld frånvaro', '2025-12-01T08:30:00+01:00', '2025-12-01T09:00:00+01:00'),
        ],
      },
    });
    expect(report.problems).toEqual([]);
    expect(report.status).toBe('applied');
  });
  afterAll(() => t.close());

  const DECEMBER = 'from=2025-12-01&to=2025-12-31';
  const SCHEDULED = DATES.length * 180; // 2700
  const P2_VALID = (DATES.length - FIRST_HALF.length) * 180; // 7 days: 1260

  it('the pupil page: reported minutes, covered minutes valid, uncovered unknown', async () => {
    const principal = await logInAs(t.app, world.usernames.principal);
    const totalOf = async (personId: string) => {
      const res = await principal.request({ method: 'GET', url: `/api/pupils/${personId}?${DECEMBER}` });
      expect(res.statusCode).toBe(200);
      return res.json().total;
    };
    expect(await totalOf(p1)).toMatchObject({
      scheduled: SCHEDULED,
      known: SCHEDULED,
      attended: SCHEDULED,
      valid: 0,
      invalid: 0,
    });
    expect(await totalOf(p2)).toMatchObject({
      scheduled: SCHEDULED,
      known: SCHEDULED,
      attended: FIRST_HALF.length * 180,
      valid: P2_VALID,
      invalid: 0,
      absentDays: 7,
      coverage: 1,
    });
    expect(await totalOf(p3)).toMatchObject({
      scheduled: SCHEDULED,
      known: 0,
      attended: 0,
      coverage: 0,
      absentRate: null,
    });
    // Preliminary minutes ignored; 08:30–09:00 of the first lesson of 1 December is known valid absence.
    expect(await totalOf(p4)).toMatchObject({ scheduled: SCHEDULED, known: 30, attended: 0, valid: 30, invalid: 0 });

    const list = await principal.request({ method: 'GET', url: `/api/pupils?${DECEMBER}` });
    const figuresOf = (personId: string) =>
      list.json().pupils.find((p: { personId: string }) => p.personId === personId).figures;
    expect(figuresOf(p2)).toMatchObject({ known: SCHEDULED, valid: P2_VALID, attended: FIRST_HALF.length * 180 });
    expect(figuresOf(p3)).toMatchObject({ known: 0 });
  });

  it('the school statistics count the same minutes', async () => {
    const principal = await logInAs(t.app, world.usernames.principal);
    const res = await principal.request({ method: 'GET', url: `/api/statistics/school?${DECEMBER}` });
    expect(res.statusCode).toBe(200);
    const byClass = Object.fromEntries(
      res.json().schoolUnits[0].byClass.map((r: { label: string; current: unknown }) => [r.label, r.current]),
    );
    expect(byClass['7A']).toMatchObject({
      pupils: 4,
      scheduled: 4 * SCHEDULED,
      known: 2 * SCHEDULED + 30,
      attended: SCHEDULED + FIRST_HALF.length * 180,
      valid: P2_VALID + 30,
      invalid: 0,
    });
  });

  it('the Stockholm ladder puts P2 on "Utredning + anmälan" (at least 40 % in a completed month)', async () => {
    const runs = await dryRunLadder(t.database.db, world.organiserId, LADDER_PRESETS.stockholm, null, '2026-01-14');
    const stepOf = (personId: string) => runs.find((r) => r.personId === personId)?.result.stepIndex;
    // P2: 1260 of 2700 known minutes absent (46.7 %). Counted as present by default, it would be 0 %.
    expect(P2_VALID / SCHEDULED).toBeGreaterThanOrEqual(0.4);
    expect(stepOf(p2)).toBe(LADDER_PRESETS.stockholm.steps.findIndex((s) => s.key === 'utredning-anmalan') + 1);
    expect(stepOf(p1)).toBe(0);
    expect(stepOf(p3)).toBe(0);
  });

  it("a re-import flipping records moves the figures with them, and a teacher's registration confirms the rest", async () => {
    const lesson = world.lessonsA.get(`${DATES[0]} 08:00`)!;
    // P3 now has a reported absent record; P4's record turns reported with its minutes.
    const report = await importFiles({
      attendances: {
        data: [
          attendance(lesson, p3, true, { invalidAbsenceMinutes: 60 }),
          attendance(lesson, p4, true, { attendanceMinutes: 30, invalidAbsenceMinutes: 30 }),
        ],
      },
    });
    expect(report.problems).toEqual([]);
    const dayOf = async (personId: string, date: string) =>
      (
        await queryRows<{ known: number; attended: number; valid: number; invalid: number }>(
          t.database.db,
          sql`select known, attended, valid, invalid from pupil_days where organiser_id = ${world.organiserId} and person_id = ${personId} and date = ${date}`,
        )
      )[0];
    expect(await dayOf(p3, DATES[0])).toEqual({ known: 60, attended: 0, valid: 0, invalid: 60 });
    // P4: the record's own split now, taken as given (the report does not re-derive it).
    expect(await dayOf(p4, DATES[0])).toEqual({ known: 60, attended: 30, valid: 0, invalid: 30 });

    // The teacher registers the 09:15 lesson of the same day in Närvaro: everyone unmarked is present.
    const teacher = await logInAs(t.app, world.usernames.teacher);
    const other = world.lessonsA.get(`${DATES[0]} 09:15`)!;
    const put = await teacher.request({
      method: 'PUT',
      url: `/api/lessons/${other}/registration`,
      payload: { marks: [] },
    });
    expect(put.statusCode).toBe(200);
    // P3: 60 invalid at 08:00, 60 attended at 09:15, the 10:30 lesson still unknown.
    expect(await dayOf(p3, DATES[0])).toEqual({ known: 120, attended: 60, valid: 0, invalid: 60 });
  });
});
