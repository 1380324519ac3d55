import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, logInAs, TEST_TODAY, type TestApp } from '../../test/support.js';
import { createWorld, type World } from '../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { sql } from 'drizzle-orm';

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
    expect(body.lessons[0]).toMatchObject({ activityName: 'Matematik 7A', groupNames: ['7A'], isConfirmed: false, pupilCount: 4 });
  });

  it('registers absent and late, confirms, and the figures follow', async () => {
    const teacher = await logInAs(t.app, world.usernames.teacher);
    const lessonId = world.lessonsA.get(`${TEST_TODAY} 08:00`)!;
    const [absent, late] = world.pupilsA;
    const response = await teacher.request({ method: 'PUT', url: `/api/lessons/${lessonId}/registration`,
      payload: { marks: [{ personId: absent, kind: 'absent' }, { personId: late, kind: 'late', minutes: 10 }] } });
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail.lesson.isConfirmed).toBe(true);
    expect(detail.access).toBe('register');
    expect(detail.roster.find((p: { personId: string }) => p.personId === absent).mark.kind).toBe('absent');
    expect(detail.history).toHaveLength(2);
    const days = await queryRows<{ person_id: string; known: number; invalid: number; late_count: number }>(t.database.db,
      sql`select person_id, known, invalid, late_count from pupil_days where organiser_id = ${world.organiserId} and date = ${TEST_TODAY} order by person_id`);
    const byPupil = new Map(days.map((d) => [d.person_id, d]));
    expect(byPupil.get(absent)).toMatchObject({ known: 60, invalid: 60 });
    expect(byPupil.get(late)).toMatchObject({ known: 60, invalid: 10, late_count: 1 });
  });

  it('keeps correction history and lets the mentor correct own pupils only', async () => {
    const lessonId = world.lessonsA.get(`${TEST_TODAY} 08:00`)!;
    const mentor = await logInAs(t.app, world.usernames.mentor);
    const corrected = await mentor.request({ method: 'PUT', url: `/api/lessons/${lessonId}/registration`,
      payload: { marks: [{ personId: world.pupilsA[1], kind: 'late', minutes: 10 }] } });
    expect(corrected.statusCode).toBe(200);
    const detail = corrected.json();
    expect(detail.access).toBe('correct');
    const correction = detail.history.find((h: { isCorrection: boolean }) => h.isCorrection);
    expect(correction).toMatchObject({ personId: world.pupilsA[0], next: null });
    // A lesson of class B has no mentee of this mentor: not disclosed.
    const other = await mentor.request({ method: 'PUT', url: `/api/lessons/${world.lessonsB.get(`${TEST_TODAY} 08:00`)}/registration`, payload: { marks: [] } });
    expect(other.statusCode).toBe(404);
  });

  it('refuses a teacher on another teacher\'s lesson and bad input with field paths', async () => {
    const other = await logInAs(t.app, world.usernames.otherTeacher);
    const lessonId = world.lessonsA.get(`${TEST_TODAY} 09:15`)!;
    expect((await other.request({ method: 'GET', url: `/api/lessons/${lessonId}` })).statusCode).toBe(404);
    const teacher = await logInAs(t.app, world.usernames.teacher);
    const bad = await teacher.request({ method: 'PUT', url: `/api/lessons/${lessonId}/registration`,
      payload: { marks: [{ personId: world.pupilsA[0], kind: 'late', minutes: 90 }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'INVALID_REGISTRATION', details: [{ path: '/marks/0/minutes' }] });
    const schemaBad = await teacher.request({ method: 'PUT', url: `/api/lessons/${lessonId}/registration`, payload: { marks: [{ personId: 'x', kind: 'gone' }] } });
    expect(schemaBad.statusCode).toBe(400);
    expect(schemaBad.json().error).toBe('VALIDATION_FAILED');
    const noCsrf = await t.app.inject({ method: 'PUT', url: `/api/lessons/${lessonId}/registration`, payload: { marks: [] } });
    expect(noCsrf.statusCode).toBe(401);
  });
});
