/**
 * Security review (session 9): a mark's reason code is a code from the one list
 * (REASON_CODES, as for absence registered on the pupil page), never free text. The register
 * took any 50 characters, which the SS12000 API hands on as `absenceReason` and the export as
 * `reason_code`: a health detail typed there would leave the school's systems.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, logInAs, type Session, type TestApp } from '../../test/support.js';
import { createWorld, type World } from '../../test/factories.js';

describe('reason codes on marks', () => {
  let t: TestApp;
  let world: World;
  let teacher: Session;
  const lesson = (slot: string) => `/api/lessons/${world.lessonsA.get(`2026-01-14 ${slot}`)}/registration`;

  beforeAll(async () => {
    t = await buildTestApp();
    world = await createWorld(t.database, ['2026-01-14']);
    teacher = await logInAs(t.app, world.usernames.teacher);
  });
  afterAll(() => t.close());

  it('refuses a reason code that is not in the list (400 with the field), and nothing is stored', async () => {
    const res = await teacher.request({
      method: 'PUT',
      url: lesson('08:00'),
      payload: {
        marks: [
          { personId: world.pupilsA[0], kind: 'absent', reasonCode: 'reported' },
          { personId: world.pupilsA[1], kind: 'absent', reasonCode: 'diabetes, insulinkänning' },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'INVALID_REGISTRATION',
      details: [{ path: '/marks/1/reasonCode', message: 'Välj en orsak i listan.' }],
    });
    const read = await teacher.request({
      method: 'GET',
      url: `/api/lessons/${world.lessonsA.get('2026-01-14 08:00')}`,
    });
    expect(read.body).not.toContain('diabetes');
  });

  it('takes every code of the list', async () => {
    const codes = ['reported', 'leave', 'illnessDuringDay', 'studentHealth'];
    const res = await teacher.request({
      method: 'PUT',
      url: lesson('09:15'),
      payload: {
        marks: codes.map((reasonCode, i) => ({ personId: world.pupilsA[i], kind: 'absent', reasonCode })),
      },
    });
    expect(res.statusCode).toBe(200);
  });

  it('keeps a reason stored before the rule when the mark is registered again unchanged', async () => {
    const lessonId = world.lessonsA.get('2026-01-14 10:30')!;
    const marks = [{ personId: world.pupilsA[0], kind: 'absent', reasonCode: 'reported' }];
    expect((await teacher.request({ method: 'PUT', url: lesson('10:30'), payload: { marks } })).statusCode).toBe(200);
    await t.database.db.execute(
      sql`update attendance_marks set reason_code = 'sjuk' where organiser_id = ${world.organiserId} and lesson_id = ${lessonId}`,
    );
    const again = [{ ...marks[0], reasonCode: 'sjuk' }];
    expect((await teacher.request({ method: 'PUT', url: lesson('10:30'), payload: { marks: again } })).statusCode).toBe(
      200,
    );
    const changed = [{ personId: world.pupilsA[1], kind: 'absent', reasonCode: 'sjuk' }];
    expect(
      (await teacher.request({ method: 'PUT', url: lesson('10:30'), payload: { marks: changed } })).statusCode,
    ).toBe(400);
  });
});
