import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, logInAs, settableClock, TEST_TODAY, type TestApp } from '../../test/support.js';
import { createWorld, type World } from '../../test/factories.js';

const DATES = ['2026-01-12', '2026-01-13', '2026-01-14'];

describe('pupil figures, absence reports and access by relationship', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    // After the school day (18:00 in Stockholm): today's lessons have ended, whatever the hour the suite runs.
    t = await buildTestApp({}, settableClock(`${TEST_TODAY}T17:00:00Z`));
    world = await createWorld(t.database, DATES);
    const teacher = await logInAs(t.app, world.usernames.teacher);
    // Confirm every lesson of class A; pupil 0 absent in the first lesson of each day.
    for (const [key, lessonId] of world.lessonsA) {
      const marks = key.endsWith('08:00') ? [{ personId: world.pupilsA[0], kind: 'absent' }] : [];
      const res = await teacher.request({
        method: 'PUT',
        url: `/api/lessons/${lessonId}/registration`,
        payload: { marks },
      });
      expect(res.statusCode).toBe(200);
    }
  });
  afterAll(() => t.close());

  it('shows the mentor figures that follow docs/domain/measures.md, and a later guardian report turns them valid', async () => {
    const mentor = await logInAs(t.app, world.usernames.mentor);
    const pupil = world.pupilsA[0];
    const page = await mentor.request({ method: 'GET', url: `/api/pupils/${pupil}?from=2026-01-12&to=2026-01-14` });
    expect(page.statusCode).toBe(200);
    expect(page.json().total).toMatchObject({
      scheduled: 540,
      known: 540,
      invalid: 180,
      valid: 0,
      absenceOccasions: 3,
      absentDays: 0,
    });
    expect(page.json().timeline[0]).toMatchObject({ date: '2026-01-12', startTime: '08:00', state: 'absent' });

    const report = await mentor.request({
      method: 'POST',
      url: `/api/pupils/${pupil}/absences`,
      payload: {
        kind: 'guardianReport',
        fromDate: '2026-01-13',
        toDate: '2026-01-13',
        fromTime: '07:00',
        toTime: '12:00',
        reasonCode: 'reported',
      },
    });
    expect(report.statusCode).toBe(201);
    const after = await mentor.request({ method: 'GET', url: `/api/pupils/${pupil}?from=2026-01-12&to=2026-01-14` });
    expect(after.json().total).toMatchObject({ invalid: 120, valid: 60 });

    const list = await mentor.request({ method: 'GET', url: '/api/pupils?from=2026-01-12&to=2026-01-14' });
    const row = list.json().pupils.find((p: { personId: string }) => p.personId === pupil);
    // The SQL roll-up list agrees with the pupil page.
    expect(row.figures).toMatchObject({ scheduled: 540, known: 540, invalid: 120, valid: 60, absenceOccasions: 3 });

    const withdrawn = await mentor.request({ method: 'DELETE', url: `/api/absences/${report.json().id}` });
    expect(withdrawn.statusCode).toBe(204);
    const reverted = await mentor.request({ method: 'GET', url: `/api/pupils/${pupil}?from=2026-01-12&to=2026-01-14` });
    expect(reverted.json().total).toMatchObject({ invalid: 180, valid: 0 });
  });

  it('shows "no data" for unregistered time and hides guardians of a protected pupil', async () => {
    const principal = await logInAs(t.app, world.usernames.principal);
    const pupilB = await principal.request({
      method: 'GET',
      url: `/api/pupils/${world.pupilsB[0]}?from=2026-01-12&to=2026-01-14`,
    });
    expect(pupilB.json().total).toMatchObject({ scheduled: 540, known: 0, absentRate: null, coverage: 0 });
    const protectedPage = await principal.request({ method: 'GET', url: `/api/pupils/${world.protectedPupil}` });
    expect(protectedPage.json()).toMatchObject({
      isGuardianInfoHidden: true,
      guardians: [],
      pupil: { isProtected: true },
    });
  });

  it('lets each role see only what it must', async () => {
    const pupilA = world.pupilsA[0];
    const pupilB = world.pupilsB[0];
    const expectations: [keyof World['usernames'], string, number][] = [
      ['teacher', `/api/pupils/${pupilA}`, 404],
      ['mentor', `/api/pupils/${pupilA}`, 200],
      ['mentor', `/api/pupils/${pupilB}`, 404],
      ['studentHealth', `/api/pupils/${pupilB}`, 200],
      ['principal', `/api/pupils/${pupilB}`, 200],
      ['organiserAdmin', `/api/pupils/${pupilA}`, 404],
      ['systemAdmin', `/api/pupils/${pupilA}`, 404],
      ['teacher', '/api/completeness?from=2026-01-12&to=2026-01-14', 403],
      ['principal', '/api/completeness?from=2026-01-12&to=2026-01-14', 200],
      ['organiserAdmin', '/api/completeness?from=2026-01-12&to=2026-01-14', 200],
    ];
    for (const [role, url, status] of expectations) {
      const session = await logInAs(t.app, world.usernames[role]);
      expect([role, url, (await session.request({ method: 'GET', url })).statusCode]).toEqual([role, url, status]);
    }
    const teacherList = await (await logInAs(t.app, world.usernames.teacher)).request({
      method: 'GET',
      url: '/api/pupils?from=2026-01-12&to=2026-01-14',
    });
    expect(teacherList.json().pupils).toEqual([]);
  });

  it('reports registration completeness per school unit and teacher', async () => {
    const principal = await logInAs(t.app, world.usernames.principal);
    const res = await principal.request({ method: 'GET', url: '/api/completeness?from=2026-01-12&to=2026-01-14' });
    const body = res.json();
    expect(body.schoolUnits).toEqual([expect.objectContaining({ lessons: 18, confirmed: 9, share: 0.5 })]);
    const byName = new Map(body.teachers.map((r: { name: string; share: number }) => [r.name, r.share]));
    expect(byName.get('teacher Personal')).toBe(1);
    expect(byName.get('otherTeacher Personal')).toBe(0);
  });

  it('rejects bad dates with a field path and never a 500', async () => {
    const mentor = await logInAs(t.app, world.usernames.mentor);
    const reversed = await mentor.request({ method: 'GET', url: '/api/pupils?from=2026-02-01&to=2026-01-01' });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({ error: 'INVALID_DATE_RANGE', details: [{ path: '/to' }] });
    const garbage = await mentor.request({ method: 'GET', url: '/api/pupils?from=yesterday&to=2026-01-01' });
    expect(garbage.statusCode).toBe(400);
    const badReport = await mentor.request({
      method: 'POST',
      url: `/api/pupils/${world.pupilsA[0]}/absences`,
      payload: { kind: 'guardianReport', fromDate: '2026-01-14', toDate: '2026-01-13' },
    });
    expect(badReport.json()).toMatchObject({ error: 'INVALID_DATE_RANGE' });
  });
});
