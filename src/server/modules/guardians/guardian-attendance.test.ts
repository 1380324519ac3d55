import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, logInAs, type Session, type TestApp } from '../../test/support.js';
import { addGuardian, createWorld, type World } from '../../test/factories.js';
import { schema } from '../../db/client.js';

describe("Mina barn: the child's attendance this term", () => {
  let t: TestApp;
  let world: World;
  let parent: Session;
  beforeAll(async () => {
    t = await buildTestApp();
    world = await createWorld(t.database, ['2026-01-12', '2026-01-13', '2026-01-14']);
    const guardian = await addGuardian(t.database, world, 'Vera', { pupilIds: [world.pupilsA[0], world.pupilsB[0]] });
    parent = await logInAs(t.app, guardian.username);
  });
  afterAll(() => t.close());

  const overviewChild = async (pupilId: string) =>
    (await parent.request({ method: 'GET', url: '/api/guardian/overview' }))
      .json()
      .children.find((c: { personId: string }) => c.personId === pupilId);

  it('is absent without a term, and then equals the pupil page over the term so far', async () => {
    expect((await overviewChild(world.pupilsA[0])).attendanceThisTerm).toBeNull();
    await t.database.db.insert(schema.terms).values({
      organiserId: world.organiserId,
      id: 'vt26',
      name: 'Vårterminen 2026',
      startDate: '2026-01-08',
      endDate: '2026-06-12',
    });
    const teacher = await logInAs(t.app, world.usernames.teacher);
    for (const [key, lessonId] of world.lessonsA) {
      const marks = key.endsWith('08:00') ? [{ personId: world.pupilsA[0], kind: 'absent' }] : [];
      expect(
        (await teacher.request({ method: 'PUT', url: `/api/lessons/${lessonId}/registration`, payload: { marks } }))
          .statusCode,
      ).toBe(200);
    }
    const mentor = await logInAs(t.app, world.usernames.mentor);
    await mentor.request({
      method: 'POST',
      url: `/api/pupils/${world.pupilsA[0]}/absences`,
      payload: { kind: 'guardianReport', fromDate: '2026-01-13', toDate: '2026-01-13', reasonCode: 'reported' },
    });
    const page = (
      await mentor.request({ method: 'GET', url: `/api/pupils/${world.pupilsA[0]}?from=2026-01-08&to=2026-01-14` })
    ).json().total;

    const attendance = (await overviewChild(world.pupilsA[0])).attendanceThisTerm;
    expect(attendance).toMatchObject({ from: '2026-01-08', to: '2026-01-14' });
    expect(attendance.absentRate).toBeCloseTo(page.absentRate, 12);
    expect(attendance.validRate).toBeCloseTo(page.validRate, 12);
    expect(attendance.invalidRate).toBeCloseTo(page.invalidRate, 12);
    expect(attendance.validRate).toBeGreaterThan(0);
  });

  it('says nothing about a child whose lessons are not registered (no known time)', async () => {
    expect((await overviewChild(world.pupilsB[0])).attendanceThisTerm).toBeNull();
  });
});
