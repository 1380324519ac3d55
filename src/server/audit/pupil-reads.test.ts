// Issue 15, item 11: every read of pupil-level data is audited — the pupil's ladder and messages
// (one event naming the pupil), lesson registers and pupil lists (one event per request with the ids).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { buildTestApp, logInAs, runJob, TEST_TODAY, type Session, type TestApp } from '../test/support.js';
import { addGuardian, createWorld, type World } from '../test/factories.js';
import { queryRows, schema } from '../db/client.js';

describe('audited reads of pupil data', () => {
  let t: TestApp;
  let world: World;
  let rektor: Session;
  const events = (type: string) =>
    queryRows<{
      subject_id: string | null;
      pupil_id: string | null;
      data: { view?: string; pupils?: number; pupilIds?: string[] };
    }>(
      t.database.db,
      sql`select subject_id, pupil_id, data from audit_events where organiser_id = ${world.organiserId} and type = ${type} order by id`,
    );

  beforeAll(async () => {
    t = await buildTestApp();
    world = await createWorld(t.database, ['2026-01-13', TEST_TODAY]);
    rektor = await logInAs(t.app, world.usernames.principal);
  });
  afterAll(() => t.close());

  it('audits the pupil ladder and the pupil messages with the pupil', async () => {
    const pupil = world.pupilsA[0];
    expect((await rektor.request({ method: 'GET', url: `/api/pupils/${pupil}/ladder` })).statusCode).toBe(200);
    expect((await rektor.request({ method: 'GET', url: `/api/pupils/${pupil}/messages` })).statusCode).toBe(200);
    expect((await events('pupil.read')).map((e) => [e.pupil_id, e.data.view])).toEqual([
      [pupil, 'ladder'],
      [pupil, 'messages'],
    ]);
    // A pupil the actor may not read: 404 and nothing audited.
    const teacher = await logInAs(t.app, world.usernames.teacher);
    expect((await teacher.request({ method: 'GET', url: `/api/pupils/${pupil}/ladder` })).statusCode).toBe(404);
    expect(await events('pupil.read')).toHaveLength(2);
  });

  it('audits a lesson register with the pupils on its roster', async () => {
    const teacher = await logInAs(t.app, world.usernames.teacher);
    const lessonId = world.lessonsA.get(`${TEST_TODAY} 08:00`)!;
    const register = (await teacher.request({ method: 'GET', url: `/api/lessons/${lessonId}` })).json();
    const [event] = await events('lesson.read-register');
    expect(event.subject_id).toBe(lessonId);
    expect(event.data.pupilIds!.sort()).toEqual(register.roster.map((p: { personId: string }) => p.personId).sort());
    expect(event.data.pupils).toBe(world.pupilsA.length);
  });

  it('audits pupil lists, the early-warning list and its CSV, and tasks: one event per request with the ids', async () => {
    const list = (await rektor.request({ method: 'GET', url: `/api/pupils?from=2026-01-13&to=${TEST_TODAY}` })).json()
      .pupils;
    expect(list).toHaveLength(world.pupilsA.length + world.pupilsB.length);
    expect(
      (
        await rektor.request({
          method: 'POST',
          url: '/api/ladders/versions',
          payload: {
            schoolUnitId: world.schoolUnitId,
            presetId: 'stockholm',
            effectiveFrom: '2026-01-08',
            publish: true,
          },
        })
      ).statusCode,
    ).toBe(201);
    await runJob(rektor, '/api/ladders/evaluate', { schoolUnitId: world.schoolUnitId });
    const warning = (await rektor.request({ method: 'GET', url: '/api/early-warning?scope=school&minStep=0' })).json()
      .rows;
    expect(warning.length).toBeGreaterThan(0);
    expect(
      (await rektor.request({ method: 'GET', url: '/api/early-warning.csv?scope=school&minStep=0' })).statusCode,
    ).toBe(200);
    const taskId = randomUUID();
    await t.database.db.insert(schema.tasks).values({
      organiserId: world.organiserId,
      id: taskId,
      personId: world.pupilsB[0],
      role: 'principal',
      schoolUnitId: world.schoolUnitId,
      title: 'Kontakta hemmet',
      dueDate: '2026-01-20',
      idempotencyKey: `test:${taskId}`,
    });
    expect((await rektor.request({ method: 'GET', url: '/api/tasks' })).json().tasks).toHaveLength(1);
    const lists = await events('pupil.read-list');
    const byView = new Map(lists.map((e) => [e.data.view, e.data]));
    expect([...byView.keys()]).toEqual(['pupil-list', 'early-warning', 'early-warning-csv', 'tasks']);
    expect(byView.get('pupil-list')!.pupilIds!.sort()).toEqual(
      list.map((p: { personId: string }) => p.personId).sort(),
    );
    expect(byView.get('pupil-list')!.pupils).toBe(list.length);
    expect(byView.get('early-warning')!.pupilIds!.sort()).toEqual(
      warning.map((r: { personId: string }) => r.personId).sort(),
    );
    expect(byView.get('early-warning-csv')!.pupilIds!.sort()).toEqual(byView.get('early-warning')!.pupilIds!.sort());
    expect(byView.get('tasks')).toEqual({ view: 'tasks', pupils: 1, pupilIds: [world.pupilsB[0]] });
  });

  it('audits the guardians without a channel and the leave requests by the pupils listed', async () => {
    // A guardian without e-mail or phone (unreachable) who applies for leave for the child.
    const guardian = await addGuardian(t.database, world, 'Nora', { pupilIds: [world.pupilsA[1]], email: null });
    const parent = await logInAs(t.app, guardian.username);
    expect(
      (
        await parent.request({
          method: 'POST',
          url: '/api/guardian/leave-requests',
          payload: { pupilId: world.pupilsA[1], fromDate: '2026-01-20', toDate: '2026-01-20', reason: 'Resa' },
        })
      ).statusCode,
    ).toBe(201);
    const unreachable = (await rektor.request({ method: 'GET', url: '/api/messages/unreachable-guardians' })).json()
      .guardians;
    const leave = (await rektor.request({ method: 'GET', url: '/api/leave-requests' })).json().leaveRequests;
    expect([unreachable.length, leave.length]).toEqual([1, 1]);
    const byView = new Map((await events('pupil.read-list')).map((e) => [e.data.view, e.data]));
    expect(byView.get('unreachable-guardians')).toEqual({
      view: 'unreachable-guardians',
      pupils: 1,
      pupilIds: [world.pupilsA[1]],
    });
    expect(byView.get('leave-requests')).toEqual({ view: 'leave-requests', pupils: 1, pupilIds: [world.pupilsA[1]] });
  });
});
