import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, logInAs, settableClock, type TestApp } from '../../test/support.js';
import { createWorld, type World } from '../../test/factories.js';

describe('registration completeness during the school day', () => {
  let t: TestApp;
  let world: World;
  // 09:30 in Stockholm on a Wednesday: 08:00–09:00 has ended, 09:15–10:15 is running, 10:30 is later.
  const clock = settableClock('2026-01-14T08:30:00Z');
  beforeAll(async () => {
    t = await buildTestApp({ today: undefined }, clock);
    world = await createWorld(t.database, ['2026-01-14']);
    const teacher = await logInAs(t.app, world.usernames.teacher);
    for (const slot of ['08:00', '10:30']) {
      const res = await teacher.request({
        method: 'PUT',
        url: `/api/lessons/${world.lessonsA.get(`2026-01-14 ${slot}`)}/registration`,
        payload: { marks: [] },
      });
      expect(res.statusCode).toBe(200);
    }
  });
  afterAll(() => t.close());

  const completeness = async () => {
    const principal = await logInAs(t.app, world.usernames.principal);
    return (await principal.request({ method: 'GET', url: '/api/completeness?from=2026-01-14&to=2026-01-14' })).json();
  };

  it('does not count lessons that have not ended as missing, but counts those already confirmed', async () => {
    const body = await completeness();
    // Ended: 7A 08:00 (confirmed) and 7B 08:00 (not); confirmed early: 7A 10:30. Running and later lessons wait.
    expect(body.schoolUnits).toEqual([expect.objectContaining({ lessons: 3, confirmed: 2 })]);
    const byName = new Map(body.teachers.map((r: { name: string; lessons: number }) => [r.name, r.lessons]));
    expect(byName.get('teacher Personal')).toBe(2);
    expect(byName.get('otherTeacher Personal')).toBe(1);
  });

  it('counts every lesson once the day is over', async () => {
    clock.set('2026-01-14T17:00:00Z');
    const body = await completeness();
    expect(body.schoolUnits).toEqual([expect.objectContaining({ lessons: 6, confirmed: 2 })]);
  });
});
