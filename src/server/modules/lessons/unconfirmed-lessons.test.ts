import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, logInAs, settableClock, type TestApp } from '../../test/support.js';
import { createWorld, type World } from '../../test/factories.js';

describe("a teacher's unconfirmed past lessons", () => {
  let t: TestApp;
  let world: World;
  // Wednesday 14 January 2026, 09:30 in Stockholm.
  const clock = settableClock('2026-01-14T08:30:00Z');
  beforeAll(async () => {
    t = await buildTestApp({ today: undefined }, clock);
    world = await createWorld(t.database, ['2026-01-12', '2026-01-13', '2026-01-14']);
  });
  afterAll(() => t.close());

  it('lists own lessons that have ended without a kvittens, oldest first, and drops them once confirmed', async () => {
    const teacher = await logInAs(t.app, world.usernames.teacher);
    const list = async () => (await teacher.request({ method: 'GET', url: '/api/lessons/mine/unconfirmed' })).json();
    const before = await list();
    expect(before).toMatchObject({ from: '2025-12-31', to: '2026-01-14' });
    // Two earlier days × three lessons, and today's 08:00 (09:15 is running, 10:30 later). 7B is not the teacher's.
    expect(before.lessons.map((l: { date: string; startTime: string }) => `${l.date} ${l.startTime}`)).toEqual([
      '2026-01-12 08:00',
      '2026-01-12 09:15',
      '2026-01-12 10:30',
      '2026-01-13 08:00',
      '2026-01-13 09:15',
      '2026-01-13 10:30',
      '2026-01-14 08:00',
    ]);
    const registered = await teacher.request({
      method: 'PUT',
      url: `/api/lessons/${world.lessonsA.get('2026-01-12 08:00')}/registration`,
      payload: { marks: [] },
    });
    expect(registered.statusCode).toBe(200);
    expect((await list()).lessons).toHaveLength(6);
  });

  it("lists only the teacher's own lessons", async () => {
    const other = await logInAs(t.app, world.usernames.otherTeacher);
    const body = (await other.request({ method: 'GET', url: '/api/lessons/mine/unconfirmed' })).json();
    expect(body.lessons.every((l: { groupNames: string[] }) => l.groupNames.includes('7B'))).toBe(true);
    expect(body.lessons).toHaveLength(7);
  });
});
