import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, logInAs, TEST_TODAY, type TestApp } from '../../test/support.js';
import { createWorld, type World } from '../../test/factories.js';
import { queryRows, schema } from '../../db/client.js';
import { and, eq, sql } from 'drizzle-orm';

describe('lesson registration over HTTP', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    t = await buildTestApp();
    world = await createWorld(t.database, ['2026-01-13', TEST_TODAY]);
  });
  afterAll(() => t.close());

  it("lists the teacher's lessons for today only", async () => {
    const teacher = await logInAs(t.app, world.usernames.teacher);
    const response = await teacher.request({ method: 'GET', url: '/api/lessons/mine' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.date).toBe(TEST_TODAY);
    expect(body.lessons.map((l: { startTime: string }) => l.startTime)).toEqual(['08:00', '09:15', '10:30']);
    expect(body.lessons[0]).toMatchObject({
      activityName: 'Matematik 7A',
      groupNames: ['7A'],
      isConfirmed: false,
      pupilCount: 4,
    });
  });

  it('registers absent and late, confirms, and the figures follow', async () => {
    const teacher = await logInAs(t.app, world.usernames.teacher);
    const lessonId = world.lessonsA.get(`${TEST_TODAY} 08:00`)!;
    const [absent, late] = world.pupilsA;
    const response = await teacher.request({
      method: 'PUT',
      url: `/api/lessons/${lessonId}/registration`,
      payload: {
        marks: [
          { personId: absent, kind: 'absent' },
          { personId: late, kind: 'late', minutes: 10 },
        ],
      },
    });
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail.lesson.isConfirmed).toBe(true);
    expect(detail.access).toBe('register');
    expect(detail.roster.find((p: { personId: string }) => p.personId === absent).mark.kind).toBe('absent');
    expect(detail.history).toHaveLength(2);
    const days = await queryRows<{ person_id: string; known: number; invalid: number; late_count: number }>(
      t.database.db,
      sql`select person_id, known, invalid, late_count from pupil_days where organiser_id = ${world.organiserId} and date = ${TEST_TODAY} order by person_id`,
    );
    const byPupil = new Map(days.map((d) => [d.person_id, d]));
    expect(byPupil.get(absent)).toMatchObject({ known: 60, invalid: 60 });
    expect(byPupil.get(late)).toMatchObject({ known: 60, invalid: 10, late_count: 1 });
  });

  it('keeps correction history and lets the mentor correct own pupils only', async () => {
    const lessonId = world.lessonsA.get(`${TEST_TODAY} 08:00`)!;
    const mentor = await logInAs(t.app, world.usernames.mentor);
    const corrected = await mentor.request({
      method: 'PUT',
      url: `/api/lessons/${lessonId}/registration`,
      payload: { marks: [{ personId: world.pupilsA[1], kind: 'late', minutes: 10 }] },
    });
    expect(corrected.statusCode).toBe(200);
    const detail = corrected.json();
    expect(detail.access).toBe('correct');
    const correction = detail.history.find((h: { isCorrection: boolean }) => h.isCorrection);
    expect(correction).toMatchObject({ personId: world.pupilsA[0], next: null });
    // A lesson of class B has no mentee of this mentor: not disclosed.
    const other = await mentor.request({
      method: 'PUT',
      url: `/api/lessons/${world.lessonsB.get(`${TEST_TODAY} 08:00`)}/registration`,
      payload: { marks: [] },
    });
    expect(other.statusCode).toBe(404);
  });

  it("refuses a teacher on another teacher's lesson and bad input with field paths", async () => {
    const other = await logInAs(t.app, world.usernames.otherTeacher);
    const lessonId = world.lessonsA.get(`${TEST_TODAY} 09:15`)!;
    expect((await other.request({ method: 'GET', url: `/api/lessons/${lessonId}` })).statusCode).toBe(404);
    const teacher = await logInAs(t.app, world.usernames.teacher);
    const bad = await teacher.request({
      method: 'PUT',
      url: `/api/lessons/${lessonId}/registration`,
      payload: { marks: [{ personId: world.pupilsA[0], kind: 'late', minutes: 90 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'INVALID_REGISTRATION', details: [{ path: '/marks/0/minutes' }] });
    const schemaBad = await teacher.request({
      method: 'PUT',
      url: `/api/lessons/${lessonId}/registration`,
      payload: { marks: [{ personId: 'x', kind: 'gone' }] },
    });
    expect(schemaBad.statusCode).toBe(400);
    expect(schemaBad.json().error).toBe('VALIDATION_FAILED');
    const noCsrf = await t.app.inject({
      method: 'PUT',
      url: `/api/lessons/${lessonId}/registration`,
      payload: { marks: [] },
    });
    expect(noCsrf.statusCode).toBe(401);
  });

  it("gives a mentor a lesson only through pupils who are mentees on the lesson's date (issue 15, item 3)", async () => {
    const moved = await createWorld(t.database, ['2026-01-13', TEST_TODAY]);
    const db = t.database.db;
    // 1. pupilsA[0] leaves the mentor's class 7A after the 13th and joins 7B on the 14th;
    // 2. pupilsB[0] does the opposite: a mentee only from the 14th.
    const move = async (pupil: string, from: string, to: string) => {
      await db
        .update(schema.groupMemberships)
        .set({ endDate: '2026-01-13' })
        .where(
          and(
            eq(schema.groupMemberships.organiserId, moved.organiserId),
            eq(schema.groupMemberships.personId, pupil),
            eq(schema.groupMemberships.groupId, from),
          ),
        );
      await db
        .insert(schema.groupMemberships)
        .values({ organiserId: moved.organiserId, groupId: to, personId: pupil, startDate: TEST_TODAY });
    };
    await move(moved.pupilsA[0], moved.classA, moved.classB);
    await move(moved.pupilsB[0], moved.classB, moved.classA);
    const mentor = await logInAs(t.app, moved.usernames.mentor);
    const get = (lessonId: string) => mentor.request({ method: 'GET', url: `/api/lessons/${lessonId}` });
    // 3. 7B's lesson on the 14th holds the former mentee: not disclosed (before the fix: 'correct').
    expect((await get(moved.lessonsB.get(`${TEST_TODAY} 08:00`)!)).statusCode).toBe(404);
    const correctOther = await mentor.request({
      method: 'PUT',
      url: `/api/lessons/${moved.lessonsB.get(`${TEST_TODAY} 08:00`)}/registration`,
      payload: { marks: [{ personId: moved.pupilsA[0], kind: 'absent' }] },
    });
    expect(correctOther.statusCode).toBe(404);
    // 4. 7B's lesson on the 13th held pupilsB[0], who was not yet a mentee: not disclosed.
    expect((await get(moved.lessonsB.get('2026-01-13 08:00')!)).statusCode).toBe(404);
    // 5. 7A's lessons: on the 13th the former mentee may be corrected; on the 14th the new one.
    const before = await mentor.request({
      method: 'PUT',
      url: `/api/lessons/${moved.lessonsA.get('2026-01-13 08:00')}/registration`,
      payload: { marks: [{ personId: moved.pupilsA[0], kind: 'absent' }] },
    });
    expect(before.statusCode).toBe(200);
    expect(before.json().access).toBe('correct');
    const after = await mentor.request({
      method: 'PUT',
      url: `/api/lessons/${moved.lessonsA.get(`${TEST_TODAY} 08:00`)}/registration`,
      payload: { marks: [{ personId: moved.pupilsB[0], kind: 'absent' }] },
    });
    expect(after.statusCode).toBe(200);
  });
});
