/**
 * Statistics through the real HTTP app, against hand-computed figures, the per-pupil measures
 * (one definition), access rules, CSV, sharing and regional suppression.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { buildTestApp, logInAs, type TestApp } from '../../test/support.js';
import { createWorld, type World } from '../../test/factories.js';
import { queryRows, schema } from '../../db/client.js';
import { aggregateFigures } from '../measures/aggregate-figures.js';
import { countBands, isAboveShare } from '../../../shared/statistics/index.js';
import { refreshStatisticsRollups } from './rollups.js';
import { createRegion } from './commands/create-region.js';
import { unsafeStatsForCli, type StatsUnitRow } from './stats-for-cli.js';

const DATES = ['2026-01-12', '2026-01-13', '2026-01-14'];
const PERIOD = 'from=2026-01-12&to=2026-01-14';

describe('statistics', () => {
  let t: TestApp;
  let world: World;
  let otherUnit: string;
  beforeAll(async () => {
    t = await buildTestApp();
    world = await createWorld(t.database, DATES);
    const db = t.database.db;
    const { organiserId } = world;
    const [a0, a1] = world.pupilsA;
    await db
      .update(schema.persons)
      .set({ sex: 'Kvinna' })
      .where(and(eq(schema.persons.organiserId, organiserId), inArray(schema.persons.id, [a0, a1])));
    await db
      .update(schema.persons)
      .set({ sex: 'Man' })
      .where(
        and(
          eq(schema.persons.organiserId, organiserId),
          inArray(schema.persons.id, [...world.pupilsA.slice(2), ...world.pupilsB]),
        ),
      );
    otherUnit = randomUUID();
    await db.insert(schema.organisations).values({
      organiserId,
      id: otherUnit,
      displayName: 'Andra skolan',
      organisationType: 'Skolenhet',
      parentId: organiserId,
    });

    // Class A registered: a0 absent at 08:00 every day, a1 absent all of 12 and 13 January. Class B never registered.
    const teacher = await logInAs(t.app, world.usernames.teacher);
    for (const [key, lessonId] of world.lessonsA) {
      const marks = [];
      if (key.endsWith('08:00')) marks.push({ personId: a0, kind: 'absent' });
      if (key.startsWith('2026-01-12') || key.startsWith('2026-01-13')) marks.push({ personId: a1, kind: 'absent' });
      expect(
        (await teacher.request({ method: 'PUT', url: `/api/lessons/${lessonId}/registration`, payload: { marks } }))
          .statusCode,
      ).toBe(200);
    }
    // A guardian report makes a0's 13 January lesson valid.
    const mentor = await logInAs(t.app, world.usernames.mentor);
    expect(
      (
        await mentor.request({
          method: 'POST',
          url: `/api/pupils/${a0}/absences`,
          payload: {
            kind: 'guardianReport',
            fromDate: '2026-01-13',
            toDate: '2026-01-13',
            fromTime: '07:00',
            toTime: '12:00',
            reasonCode: 'reported',
          },
        })
      ).statusCode,
    ).toBe(201);

    // The year before: one day for a2, half of it absent.
    await db.insert(schema.pupilDays).values({
      organiserId,
      personId: world.pupilsA[2],
      date: '2025-01-13',
      schoolUnitId: world.schoolUnitId,
      scheduled: 180,
      known: 180,
      attended: 90,
      valid: 0,
      invalid: 90,
      other: 0,
      lateCount: 0,
      lateMinutes: 0,
      isAbsentDay: false,
      hasAbsence: true,
    });
    // Written past recomputePupilDays, so the statistics roll-ups are refreshed by hand as it would.
    await db.transaction((tx) =>
      refreshStatisticsRollups(tx, organiserId, [world.pupilsA[2]], '2025-01-13', '2025-01-13'),
    );
    // Ladder: a0 on step 1 with an open (overdue) task; a1 on step 2 with only a task done long ago.
    const versionId = randomUUID();
    const ladderId = randomUUID();
    await db.insert(schema.ladders).values({ organiserId, id: ladderId, name: 'Trappa' });
    await db.insert(schema.ladderVersions).values({
      organiserId,
      id: versionId,
      ladderId,
      version: 1,
      status: 'published',
      effectiveFrom: '2025-08-01',
      definition: {
        name: 'Trappa',
        steps: [
          { key: 's1', name: 'Steg 1' },
          { key: 's2', name: 'Steg 2' },
        ],
      },
    });
    for (const [personId, stepIndex] of [
      [a0, 1],
      [a1, 2],
    ] as const) {
      await db.insert(schema.pupilLadderStates).values({
        organiserId,
        personId,
        ladderVersionId: versionId,
        schoolUnitId: world.schoolUnitId,
        evaluationDate: '2026-01-14',
        stepIndex,
        stepKey: `s${stepIndex}`,
        since: '2026-01-13',
        explanation: 'test',
        result: {},
      });
    }
    await db.insert(schema.tasks).values([
      {
        organiserId,
        id: randomUUID(),
        personId: a0,
        role: 'mentor',
        schoolUnitId: world.schoolUnitId,
        title: 'Samtal',
        dueDate: '2026-01-10',
        idempotencyKey: 'k1',
        createdAt: new Date('2026-01-13T10:00:00Z'),
      },
      {
        organiserId,
        id: randomUUID(),
        personId: a1,
        role: 'mentor',
        schoolUnitId: world.schoolUnitId,
        title: 'Samtal',
        dueDate: '2025-12-01',
        status: 'done',
        doneAt: new Date('2025-12-01T10:00:00Z'),
        idempotencyKey: 'k2',
        createdAt: new Date('2025-11-30T10:00:00Z'),
      },
    ]);
    // The organiser's inbox counts its own notices (one definition with the case overview), not the outbox.
    await db.insert(schema.organiserNotices).values({
      organiserId,
      id: randomUUID(),
      kind: 'investigationOpened',
      recipient: 'organiser',
      caseId: randomUUID(),
      pupilId: a1,
      schoolUnitId: world.schoolUnitId,
      createdAt: new Date('2026-01-13T10:00:00Z'),
    });
    await db.insert(schema.outbox).values([
      {
        organiserId,
        id: randomUUID(),
        kind: 'organiserNotice',
        personId: a1,
        templateKey: 'n',
        payload: {},
        idempotencyKey: 'o1',
        createdAt: new Date('2026-01-13T10:00:00Z'),
      },
      {
        organiserId,
        id: randomUUID(),
        kind: 'guardianMessage',
        personId: a1,
        templateKey: 'g',
        payload: {},
        idempotencyKey: 'o2',
        createdAt: new Date('2026-01-13T10:00:00Z'),
      },
      {
        organiserId,
        id: randomUUID(),
        kind: 'guardianMessage',
        personId: a1,
        templateKey: 'g',
        payload: {},
        idempotencyKey: 'o3',
        createdAt: new Date('2025-06-01T10:00:00Z'),
      },
    ]);
  });
  afterAll(() => t.close());

  it('gives the school view hand-computed figures per unit, class, sex and year, with the year before', async () => {
    const principal = await logInAs(t.app, world.usernames.principal);
    const res = await principal.request({ method: 'GET', url: `/api/statistics/school?${PERIOD}&listRuleShare=0.3` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // The period holds every school day of January, so it is compared with the whole January a year earlier.
    expect(body).toMatchObject({
      previousFrom: '2025-01-01',
      previousTo: '2025-01-31',
      minCoverage: 0.9,
      listRuleShare: 0.3,
    });
    expect(body.schoolUnits).toHaveLength(1);
    const unit = body.schoolUnits[0];
    // 8 pupils × 540 scheduled minutes; class A known (4 × 540); invalid: a0 120 + a1 360, valid: a0 60.
    expect(unit.current).toMatchObject({
      pupils: 8,
      scheduled: 4320,
      known: 2160,
      valid: 60,
      invalid: 480,
      absent: 540,
      attended: 1620,
      coverage: 0.5,
      absentRate: 0.25,
      validRate: 60 / 2160,
      invalidRate: 480 / 2160,
      isUncertain: true,
      // a0 180/540 = 33 %, a1 360/540 = 67 %, a2 and a3 0 %, class B nothing known; above 30 %: a0 and a1.
      bands: { below5: 2, from5to10: 0, from10to20: 0, from20to50: 1, from50: 1, noData: 4 },
      aboveListShare: 2,
    });
    expect(unit.previous).toMatchObject({
      pupils: 1,
      scheduled: 180,
      known: 180,
      invalid: 90,
      absentRate: 0.5,
      isUncertain: false,
      bands: { from50: 1 },
    });
    const byClass = Object.fromEntries(
      unit.byClass.map((r: { label: string; current: unknown }) => [r.label, r.current]),
    );
    expect(byClass['7A']).toMatchObject({ pupils: 4, known: 2160, absentRate: 0.25, coverage: 1, isUncertain: false });
    expect(byClass['7B']).toMatchObject({
      pupils: 4,
      known: 0,
      absentRate: null,
      coverage: 0,
      isUncertain: true,
      bands: { noData: 4 },
    });
    const bySex = Object.fromEntries(unit.bySex.map((r: { label: string; current: unknown }) => [r.label, r.current]));
    expect(bySex.Flickor).toMatchObject({ pupils: 2, scheduled: 1080, known: 1080, absentRate: 0.5 });
    expect(bySex.Pojkar).toMatchObject({ pupils: 6, scheduled: 3240, known: 1080, absentRate: 0 });
    // The year before, a2 had no enrolment yet (it starts 2025-08-01): unknown year, not a guess.
    expect(unit.byYear).toEqual([
      expect.objectContaining({
        key: '',
        label: 'Okänd årskurs',
        current: expect.objectContaining({ pupils: 0 }),
        previous: expect.objectContaining({ pupils: 1 }),
      }),
      expect.objectContaining({
        key: '7',
        label: 'Åk 7',
        current: expect.objectContaining({ pupils: 8 }),
        previous: expect.objectContaining({ pupils: 0 }),
      }),
    ]);
    expect(unit.ladderSteps).toEqual([
      { stepIndex: 1, pupils: 1 },
      { stepIndex: 2, pupils: 1 },
    ]);
    expect(body.withClasses).toBe(true);

    // Without classes (the web app's request over many units): the same figures, byClass left out.
    const lean = (
      await principal.request({
        method: 'GET',
        url: `/api/statistics/school?${PERIOD}&listRuleShare=0.3&withClasses=false`,
      })
    ).json();
    expect(lean.withClasses).toBe(false);
    expect(lean.schoolUnits[0].byClass).toEqual([]);
    const { byClass: _classes, ...rest } = unit;
    expect(lean.schoolUnits[0]).toEqual({ ...rest, byClass: [] });
  });

  it('is the sum of the per-pupil figures of the measures module (one definition)', async () => {
    const admin = await logInAs(t.app, world.usernames.organiserAdmin);
    for (const [from, to] of [
      ['2026-01-12', '2026-01-14'],
      ['2026-01-13', '2026-01-13'],
    ]) {
      const res = await admin.request({ method: 'GET', url: `/api/statistics/organiser?from=${from}&to=${to}` });
      const total = res.json().total.current;
      const perPupil = [...(await aggregateFigures(t.database.db, world.organiserId, sql`true`, from, to)).values()];
      const sum = (
        k: 'scheduled' | 'known' | 'attended' | 'valid' | 'invalid' | 'other' | 'absentDays' | 'absenceOccasions',
      ) => perPupil.reduce((a, f) => a + f[k], 0);
      expect(total).toMatchObject({
        pupils: perPupil.length,
        scheduled: sum('scheduled'),
        known: sum('known'),
        attended: sum('attended'),
        valid: sum('valid'),
        invalid: sum('invalid'),
        other: sum('other'),
        absentDays: sum('absentDays'),
        absenceOccasions: sum('absenceOccasions'),
        bands: countBands(perPupil),
        aboveListShare: perPupil.filter((f) => isAboveShare(f, 0.5)).length,
      });
    }
  });

  it('gives the organiser every unit side by side with KPIs and counts, and never a pupil', async () => {
    const admin = await logInAs(t.app, world.usernames.organiserAdmin);
    const res = await admin.request({ method: 'GET', url: `/api/statistics/organiser?${PERIOD}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.schoolUnits.map((u: { schoolUnitName: string }) => u.schoolUnitName)).toEqual([
      'Andra skolan',
      'Testskolan 7–9',
    ]);
    expect(body.schoolUnits[0].current).toMatchObject({ pupils: 0, scheduled: 0, absentRate: null, isUncertain: true });
    expect(body.schoolUnits[1]).toMatchObject({
      current: { pupils: 8, absentRate: 0.25, aboveListShare: 1 },
      onStep: 2,
      withoutMeasure: 1,
      tasksCreated: 1,
      tasksDone: 0,
      tasksOverdue: 1,
      ladderSteps: [
        { stepIndex: 1, pupils: 1 },
        { stepIndex: 2, pupils: 1 },
      ],
    });
    expect(body.total).toMatchObject({ current: { pupils: 8 }, onStep: 2, withoutMeasure: 1 });
    expect(body).toMatchObject({ organiserNotices: 1, guardianMessages: 1 });
    // The same KPI as the early-warning view.
    const early = await admin.request({ method: 'GET', url: '/api/early-warning?scope=organiser' });
    expect(early.json().withoutMeasure).toBe(body.total.withoutMeasure);

    const text = res.body;
    expect(text).not.toMatch(/personId|givenName|familyName/);
    for (const id of [...world.pupilsA, ...world.pupilsB]) expect(text).not.toContain(id);
    expect(text).not.toMatch(/Anna|Bo\d/);
    const csv = await admin.request({ method: 'GET', url: `/api/statistics/organiser.csv?${PERIOD}` });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('Testskolan 7–9;8;4320;2160;60;480;0;25,0');
    expect(csv.body).toContain('Hela huvudmannen');
  });

  it('exports the school tables as CSV', async () => {
    const principal = await logInAs(t.app, world.usernames.principal);
    const csv = await principal.request({ method: 'GET', url: `/api/statistics/school.csv?${PERIOD}` });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^Skolenhet;Indelning;Grupp;Elever;/);
    expect(lines).toContainEqual(expect.stringMatching(/^Testskolan 7–9;Klass;7B;4;2160;0;0;0;0;;;;0,0;ja;/));
    expect(lines).toContainEqual(expect.stringMatching(/^Testskolan 7–9;Kön;Flickor;2;1080;1080;60;480;0;50,0;/));
  });

  it('lets each role see only its statistics', async () => {
    const expectations: [keyof World['usernames'], string, number][] = [
      ['teacher', `/api/statistics/school?${PERIOD}`, 403],
      ['mentor', `/api/statistics/school?${PERIOD}`, 403],
      ['studentHealth', `/api/statistics/school?${PERIOD}`, 200],
      ['principal', `/api/statistics/school?${PERIOD}&schoolUnitId=${world.schoolUnitId}`, 200],
      ['organiserAdmin', `/api/statistics/school?${PERIOD}`, 200],
      ['principal', `/api/statistics/organiser?${PERIOD}`, 403],
      ['studentHealth', `/api/statistics/organiser.csv?${PERIOD}`, 403],
      ['principal', `/api/statistics/region?${PERIOD}`, 403],
      ['organiserAdmin', `/api/statistics/region?${PERIOD}`, 403],
      ['principal', '/api/statistics/sharing', 403],
      ['principal', `/api/statistics/school?from=2026-01-14&to=2026-01-12`, 400],
    ];
    for (const [role, url, status] of expectations) {
      const session = await logInAs(t.app, world.usernames[role]);
      expect([role, url, (await session.request({ method: 'GET', url })).statusCode]).toEqual([role, url, status]);
    }
    const principal = await logInAs(t.app, world.usernames.principal);
    expect(
      (await principal.request({ method: 'GET', url: `/api/statistics/school?${PERIOD}&schoolUnitId=${otherUnit}` }))
        .statusCode,
    ).toBe(403);
    const admin = await logInAs(t.app, world.usernames.organiserAdmin);
    expect(
      (await admin.request({ method: 'GET', url: `/api/statistics/school?${PERIOD}` })).json().schoolUnits,
    ).toHaveLength(2);
    expect(
      (await principal.request({ method: 'POST', url: '/api/statistics/sharing', payload: { isShared: true } }))
        .statusCode,
    ).toBe(403);
  });

  it('shows a region user only member organisers that share, audited, with small cells suppressed', async () => {
    const small = await createWorld(t.database, DATES, { pupilsPerClass: 2 });
    const outsider = await createWorld(t.database, DATES, { pupilsPerClass: 2 });
    const regionId = await t.database.db.transaction((tx) =>
      createRegion(tx, {
        name: 'Region Testlän samverkan',
        organiserIds: [world.organiserId, small.organiserId],
        user: { username: `region-${world.organiserId.slice(0, 8)}`, password: 'secret', displayName: 'Regionen' },
      }),
    );
    const regionUser = await logInAs(t.app, `region-${world.organiserId.slice(0, 8)}`);
    const region = () => regionUser.request({ method: 'GET', url: `/api/statistics/region?${PERIOD}` });
    expect((await region()).json()).toMatchObject({
      regionName: 'Region Testlän samverkan',
      memberOrganisers: 2,
      organisers: [],
    });
    // The system administrator has no regional view any more.
    expect(
      (
        await (
          await logInAs(t.app, world.usernames.systemAdmin)
        ).request({ method: 'GET', url: `/api/statistics/region?${PERIOD}` })
      ).statusCode,
    ).toBe(403);

    for (const w of [world, small, outsider]) {
      const admin = await logInAs(t.app, w.usernames.organiserAdmin);
      const res = await admin.request({ method: 'POST', url: '/api/statistics/sharing', payload: { isShared: true } });
      expect(res.json()).toMatchObject({ isShared: true });
      expect((await admin.request({ method: 'GET', url: '/api/statistics/sharing' })).json()).toMatchObject({
        isShared: true,
      });
    }
    const audit = await queryRows<{ type: string; data: unknown }>(
      t.database.db,
      sql`select type, data from audit_events
      where organiser_id = ${small.organiserId} and type = 'statistics.set-sharing'`,
    );
    expect(audit).toEqual([{ type: 'statistics.set-sharing', data: { isShared: true } }]);

    // 8 + 4 pupils: the small organiser is hidden, and so the other one too (else 12 − 8 = 4 gives it away).
    // The outsider shares but is not a member: not shown.
    const both = (await region()).json();
    expect(both.organisers.map((o: { organiserId: string }) => o.organiserId).sort()).toEqual(
      [world.organiserId, small.organiserId].sort(),
    );
    for (const o of both.organisers) expect(o).toMatchObject({ pupils: null, figures: null });
    expect(both.total.pupils).toBe(12);
    expect(both.total.figures).toMatchObject({ scheduled: 12 * 540, known: 2160 });
    // Every band is under 5 somewhere: no band count is shown that could be subtracted.
    for (const o of both.organisers) expect(Object.values(o.bands).filter((v) => v !== null)).toEqual([]);
    expect(JSON.stringify(both)).not.toMatch(/personId|Anna|Bo\d/);
    const viewed = await queryRows<{ data: { organiserIds: string[] } }>(
      t.database.db,
      sql`select data from audit_events
      where organiser_id = ${regionId} and type = 'statistics.view-region' order by id desc limit 1`,
    );
    expect(viewed[0].data.organiserIds.sort()).toEqual([world.organiserId, small.organiserId].sort());

    const smallAdmin = await logInAs(t.app, small.usernames.organiserAdmin);
    await smallAdmin.request({ method: 'POST', url: '/api/statistics/sharing', payload: { isShared: false } });
    const one = (await region()).json();
    expect(one.organisers).toEqual([
      expect.objectContaining({
        organiserId: world.organiserId,
        pupils: 8,
        figures: expect.objectContaining({ absentRate: 0.25 }),
      }),
    ]);
    expect(one.organisers[0].bands).toEqual({
      below5: null,
      from5to10: null,
      from10to20: null,
      from20to50: null,
      from50: null,
      noData: null,
    });
    const csv = await regionUser.request({ method: 'GET', url: `/api/statistics/region.csv?${PERIOD}` });
    expect(csv.body.replace('\uFEFF', '').trim().split('\r\n')).toEqual([
      expect.stringMatching(/^Huvudman;Elever;/),
      expect.stringMatching(/^Testkommun;8;4320;2160;25,0;/),
      expect.stringMatching(/^Region Testlän samverkan;8;/),
    ]);
    expect(await unsafeStatsForCli(t.database.db, 'region', '2026-01-12', '2026-01-14', '2026-01-14')).toContainEqual({
      regionId,
      ...one,
    });
  });

  it('gives a region user nothing but the regional path: every other API route is 404', async () => {
    await t.database.db.transaction((tx) =>
      createRegion(tx, {
        name: 'Region Annat län',
        organiserIds: [world.organiserId],
        user: { username: 'region-routes', password: 'secret', displayName: 'Regionen' },
      }),
    );
    const regionUser = await logInAs(t.app, 'region-routes');
    const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const id = world.pupilsA[0];
    let checked = 0;
    for (const [path, methods] of Object.entries(spec.paths)) {
      if (!path.startsWith('/api/') || path.startsWith('/api/auth/') || path.startsWith('/api/statistics/region'))
        continue;
      const url = path.replace(/\{[^}]+\}/g, id) + `?${PERIOD}`;
      for (const [method, operation] of Object.entries(methods)) {
        // Public endpoints (no session, e.g. the SMS provider's token-checked callback) are not the user's.
        if (
          Array.isArray((operation as { security?: unknown[] }).security) &&
          (operation as { security: unknown[] }).security.length === 0
        )
          continue;
        const res = await regionUser.request({
          method: method.toUpperCase() as 'GET',
          url,
          payload: method === 'get' ? undefined : {},
        });
        expect([method, path, res.statusCode]).toEqual([method, path, 404]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(spec.paths['/api/pupils/{id}'] ?? spec.paths['/api/pupils/{pupilId}']).toBeDefined();
  });

  it('gives the CLI the same per-unit figures as the views', async () => {
    const rows = (await unsafeStatsForCli(
      t.database.db,
      'school',
      '2026-01-12',
      '2026-01-14',
      '2026-01-14',
    )) as StatsUnitRow[];
    const mine = rows.find((r) => r.schoolUnitId === world.schoolUnitId);
    expect(mine).toEqual({
      organiserId: world.organiserId,
      schoolUnitId: world.schoolUnitId,
      schoolUnitName: 'Testskolan 7–9',
      scheduled: 4320,
      known: 2160,
      valid: 60,
      invalid: 480,
      other: 0,
      pupils: 8,
      coverage: 0.5,
      absentRate: 0.25,
      isUncertain: true,
      bands: { below5: 2, from5to10: 0, from10to20: 0, from20to50: 1, from50: 1, noData: 4 },
    });
  });
});
