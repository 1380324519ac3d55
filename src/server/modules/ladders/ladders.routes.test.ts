import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, finishedJob, logInAs, runJob, type TestApp } from '../../test/support.js';
import { createWorld, type World } from '../../test/factories.js';
import { queryRows, schema } from '../../db/client.js';
import { eachDate, weekdayOf } from '../../../shared/dates/index.js';
import { recomputePupilDays } from '../measures/recompute-pupil-days.js';
import { runBackgroundJob } from '../../jobs/background-jobs.js';
import { ladderJobRunners } from './ladder-jobs.js';
import { randomUUID } from 'node:crypto';

const JANUARY = eachDate('2026-01-08', '2026-01-30').filter((d) => weekdayOf(d) <= 5);
const FEBRUARY = eachDate('2026-02-02', '2026-02-13').filter((d) => weekdayOf(d) <= 5);

describe('ladders over HTTP: preset, evaluation, early warning, tasks', () => {
  let t: TestApp;
  let world: World;
  let absentPupil: string;
  beforeAll(async () => {
    t = await buildTestApp({ today: '2026-02-13' });
    world = await createWorld(t.database, [...JANUARY, ...FEBRUARY]);
    absentPupil = world.pupilsA[0];
    const { organiserId } = world;
    // Every lesson confirmed; pupil 0 absent in two of three lessons every January day (≈ 67 %).
    await t.database.db
      .insert(schema.lessonConfirmations)
      .values([...world.lessonsA.values(), ...world.lessonsB.values()].map((lessonId) => ({ organiserId, lessonId })));
    const marks = JANUARY.flatMap((d) =>
      ['08:00', '09:15'].map((slot) => ({
        organiserId,
        lessonId: world.lessonsA.get(`${d} ${slot}`)!,
        personId: absentPupil,
        kind: 'absent',
      })),
    );
    await t.database.db.insert(schema.attendanceMarks).values(marks);
    await recomputePupilDays(
      t.database.db,
      organiserId,
      [...world.pupilsA, ...world.pupilsB],
      '2026-01-01',
      '2026-02-28',
    );
  });
  afterAll(() => t.close());

  it('rektor picks the Stockholm preset, previews, publishes and evaluates; the pupil is on the investigation step with its explanation', async () => {
    const rektor = await logInAs(t.app, world.usernames.principal);
    const ladders = await rektor.request({ method: 'GET', url: '/api/ladders' });
    expect(ladders.json().presets.map((p: { id: string }) => p.id)).toEqual([
      'kyrkbacksskolan',
      'stockholm',
      'orebro',
      'norrkoping',
    ]);
    const draft = await rektor.request({
      method: 'POST',
      url: '/api/ladders/versions',
      payload: { schoolUnitId: world.schoolUnitId, presetId: 'stockholm', effectiveFrom: '2026-01-08', publish: false },
    });
    expect(draft.statusCode).toBe(201);
    const preview = await runJob(rektor, `/api/ladders/versions/${draft.json().id}/preview`, {});
    expect(preview).toMatchObject({ status: 'done', kind: 'ladder.preview', error: null });
    expect(preview.result.date).toBe('2026-02-13');
    expect(preview.result.rows).toEqual([
      expect.objectContaining({
        personId: absentPupil,
        current: { stepIndex: 0, stepKey: null },
        draft: expect.objectContaining({ stepKey: 'utredning-anmalan' }),
      }),
    ]);
    expect(
      (await rektor.request({ method: 'POST', url: `/api/ladders/versions/${draft.json().id}/publish`, payload: {} }))
        .statusCode,
    ).toBe(204);
    const evaluated = await runJob(rektor, '/api/ladders/evaluate', { schoolUnitId: world.schoolUnitId });
    expect(evaluated).toMatchObject({ status: 'done', result: { onStep: 1 } });
    expect(evaluated.progress.done).toBe(evaluated.progress.total);
    expect(evaluated.progress.total).toBeGreaterThan(1);

    const warning = await rektor.request({ method: 'GET', url: '/api/early-warning?scope=school' });
    const row = warning.json().rows[0];
    expect(row).toMatchObject({
      personId: absentPupil,
      stepIndex: 3,
      stepKey: 'utredning-anmalan',
      since: '2026-01-31',
      openTasks: 1,
      isWithoutMeasure: false,
    });
    expect(row.explanation).toBe(
      'Steg 3 (Utredning + anmälan) sedan 2026-01-31: frånvaro 66,7 % i januari 2026 (gräns 40 %).',
    );
    // Absent in two of three lessons every day: first lessons hold 50 % of the absence and 33 % of
    // the schedule, a ratio of 1.5, below the pattern rule's 2, so nothing is flagged.
    expect(row.patterns).toEqual([]);
    const outbox = await queryRows<{ kind: string; template_key: string }>(
      t.database.db,
      sql`select kind, template_key from outbox where organiser_id = ${world.organiserId}`,
    );
    expect(outbox.map((o) => o.kind)).toContain('organiserNotice');

    // Published versions are immutable.
    const failure = await t.database.db
      .execute(sql`update ladder_versions set effective_from = '2026-02-01' where organiser_id = ${world.organiserId}`)
      .then(
        () => 'ok',
        (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message),
      );
    expect(failure).toMatch(/immutable/);
  });

  it('gives tasks to the role, lets them be completed, and exports CSV', async () => {
    const rektor = await logInAs(t.app, world.usernames.principal);
    const tasks = (await rektor.request({ method: 'GET', url: '/api/tasks' })).json().tasks;
    // The step's openCase action opens the case itself (cases module); its remaining task is the rektor's.
    expect(tasks.map((task: { role: string }) => task.role)).toEqual(['principal']);
    const other = await logInAs(t.app, world.usernames.otherTeacher);
    expect(
      (await other.request({ method: 'POST', url: `/api/tasks/${tasks[0].id}/complete`, payload: {} })).statusCode,
    ).toBe(404);
    const done = await rektor.request({
      method: 'POST',
      url: `/api/tasks/${tasks[0].id}/complete`,
      payload: { note: 'Utredning slutförd' },
    });
    expect(done.statusCode).toBe(204);
    const again = await rektor.request({ method: 'POST', url: `/api/tasks/${tasks[0].id}/complete`, payload: {} });
    expect(again.statusCode).toBe(409);
    const csv = await rektor.request({ method: 'GET', url: '/api/early-warning.csv?scope=school' });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('Utredning + anmälan');
  });

  it('records staff decisions and concern flags with the pupil ladder history', async () => {
    const mentor = await logInAs(t.app, world.usernames.mentor);
    const flagged = world.pupilsA[1];
    expect(
      (await mentor.request({ method: 'POST', url: `/api/pupils/${flagged}/concern-flag`, payload: { note: 'Oro' } }))
        .statusCode,
    ).toBe(204);
    expect(
      (
        await mentor.request({
          method: 'POST',
          url: `/api/pupils/${absentPupil}/ladder-decisions`,
          payload: { stepIndex: 0, reason: 'Närvaron återställd efter åtgärder' },
        })
      ).statusCode,
    ).toBe(204);
    const ladder = (await mentor.request({ method: 'GET', url: `/api/pupils/${absentPupil}/ladder` })).json();
    expect(ladder.state).toMatchObject({ stepIndex: 0, ladderName: expect.stringContaining('Stockholm') });
    expect(ladder.changes[0]).toMatchObject({
      fromStep: 3,
      toStep: 0,
      by: 'staff',
      reason: 'Närvaron återställd efter åtgärder',
    });
    expect(
      (await mentor.request({ method: 'GET', url: `/api/pupils/${flagged}/ladder` })).json().concernFlag,
    ).toMatchObject({ note: 'Oro' });
  });

  it('edits and discards drafts but never a published version; previews from another date; lists assignees; names who decided', async () => {
    const admin = await logInAs(t.app, world.usernames.organiserAdmin);
    const draft = (
      await admin.request({
        method: 'POST',
        url: '/api/ladders/versions',
        payload: { schoolUnitId: null, presetId: 'orebro', effectiveFrom: '2026-01-08', publish: false },
      })
    ).json();
    const ladders = (await admin.request({ method: 'GET', url: '/api/ladders' })).json();
    const definition = ladders.versions.find((v: { id: string }) => v.id === draft.id).definition;
    const edited = await admin.request({
      method: 'PUT',
      url: `/api/ladders/versions/${draft.id}`,
      payload: { definition: { ...definition, name: 'Örebro, vår version' }, effectiveFrom: '2026-02-01' },
    });
    expect(edited.statusCode).toBe(204);
    const after = (await admin.request({ method: 'GET', url: '/api/ladders' }))
      .json()
      .versions.find((v: { id: string }) => v.id === draft.id);
    expect(after).toMatchObject({ name: 'Örebro, vår version', effectiveFrom: '2026-02-01', status: 'draft' });
    const preview = (await runJob(admin, `/api/ladders/versions/${draft.id}/preview`, { effectiveFrom: '2026-01-08' }))
      .result;
    // Örebro's first stage takes the concern flag set on pupil 1 above.
    expect(preview.rows.find((r: { personId: string }) => r.personId === world.pupilsA[1])).toMatchObject({
      className: '7A',
      draft: { stepIndex: 1 },
    });
    expect((await admin.request({ method: 'DELETE', url: `/api/ladders/versions/${draft.id}` })).statusCode).toBe(204);
    const published = (await admin.request({ method: 'GET', url: '/api/ladders' }))
      .json()
      .versions.find((v: { status: string }) => v.status === 'published');
    expect(
      (
        await admin.request({
          method: 'PUT',
          url: `/api/ladders/versions/${published.id}`,
          payload: { definition: published.definition, effectiveFrom: '2026-02-01' },
        })
      ).statusCode,
    ).toBe(409);
    expect((await admin.request({ method: 'DELETE', url: `/api/ladders/versions/${published.id}` })).statusCode).toBe(
      409,
    );

    const rektor = await logInAs(t.app, world.usernames.principal);
    const task = (await rektor.request({ method: 'GET', url: '/api/tasks?status=all' })).json().tasks[0];
    expect(task.stepName).toBe('Utredning + anmälan');
    const assignees = (await rektor.request({ method: 'GET', url: `/api/tasks/${task.id}/assignees` })).json().users;
    expect(assignees.flatMap((u: { roles: string[] }) => u.roles)).toEqual(
      expect.arrayContaining(['principal', 'studentHealth', 'mentor']),
    );
    const ladder = (await rektor.request({ method: 'GET', url: `/api/pupils/${absentPupil}/ladder` })).json();
    expect(ladder.changes.find((c: { by: string }) => c.by === 'staff').decidedBy).toBe('mentor Personal');
  });

  it('runs the preview as a job with progress for its starter only, on a chosen date, and reports failures in Swedish', async () => {
    const admin = await logInAs(t.app, world.usernames.organiserAdmin);
    const draft = (
      await admin.request({
        method: 'POST',
        url: '/api/ladders/versions',
        payload: { schoolUnitId: null, presetId: 'stockholm', effectiveFrom: '2026-01-08', publish: false },
      })
    ).json();
    // On 30 January the month is not over, so nobody is on a step; on 12 February the absent pupil
    // is on the investigation step (the mentor's decision on the 13th takes them off it).
    const early = await runJob(admin, `/api/ladders/versions/${draft.id}/preview`, { date: '2026-01-30' });
    expect(early).toMatchObject({ status: 'done', result: { date: '2026-01-30' } });
    expect(early.progress.total).toBeGreaterThan(0);
    expect(early.progress.done).toBe(early.progress.total);
    expect(early.result.rows.filter((r: { draft: { stepIndex: number } }) => r.draft.stepIndex > 0)).toEqual([]);
    const late = await runJob(admin, `/api/ladders/versions/${draft.id}/preview`, { date: '2026-02-12' });
    expect(late.result.rows.find((r: { personId: string }) => r.personId === absentPupil)).toMatchObject({
      className: '7A',
      draft: { stepKey: 'utredning-anmalan' },
    });
    const future = await admin.request({
      method: 'POST',
      url: `/api/ladders/versions/${draft.id}/preview`,
      payload: { date: '2026-02-14' },
    });
    expect(future.statusCode).toBe(400);

    // Another user cannot read the job; a job whose draft is gone fails with a Swedish message.
    const rektor = await logInAs(t.app, world.usernames.principal);
    const started = (
      await admin.request({ method: 'POST', url: `/api/ladders/versions/${draft.id}/preview`, payload: {} })
    ).json();
    expect((await rektor.request({ method: 'GET', url: `/api/jobs/${started.jobId}` })).statusCode).toBe(404);
    await finishedJob(admin, started.jobId);
    // A job whose draft was discarded before it ran.
    const doomed = randomUUID();
    const adminUser = (
      await queryRows<{ id: string }>(
        t.database.db,
        sql`select id from users where organiser_id = ${world.organiserId} and username = ${world.usernames.organiserAdmin}`,
      )
    )[0].id;
    await t.database.db.insert(schema.backgroundJobs).values({
      organiserId: world.organiserId,
      id: doomed,
      kind: 'ladder.preview',
      status: 'queued',
      input: { versionId: randomUUID(), effectiveFrom: null, date: '2026-02-13' },
      createdByUserId: adminUser,
    });
    await runBackgroundJob(
      t.database.db,
      ladderJobRunners(t.database),
      { organiserId: world.organiserId, jobId: doomed },
      () => {},
    );
    const failed = await finishedJob(admin, doomed);
    expect(failed).toMatchObject({
      status: 'failed',
      result: null,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('Trappversionen finns inte längre') },
    });
  });

  it('refuses ladder changes to roles without them and validates definitions', async () => {
    const teacher = await logInAs(t.app, world.usernames.teacher);
    expect((await teacher.request({ method: 'GET', url: '/api/ladders' })).statusCode).toBe(403);
    expect(
      (
        await teacher.request({
          method: 'POST',
          url: '/api/ladders/versions',
          payload: { schoolUnitId: world.schoolUnitId, presetId: 'orebro', effectiveFrom: '2026-01-08', publish: true },
        })
      ).statusCode,
    ).toBe(403);
    expect((await teacher.request({ method: 'GET', url: '/api/early-warning?scope=organiser' })).statusCode).toBe(403);
    const admin = await logInAs(t.app, world.usernames.organiserAdmin);
    const bad = await admin.request({
      method: 'POST',
      url: '/api/ladders/versions',
      payload: {
        schoolUnitId: null,
        definition: { id: 'x', steps: 'none' },
        effectiveFrom: '2026-01-08',
        publish: false,
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('LADDER_INVALID');
    expect(bad.json().details[0].path).toMatch(/^\/definition/);
    const organiserView = await admin.request({ method: 'GET', url: '/api/early-warning?scope=organiser&minStep=0' });
    expect(organiserView.statusCode).toBe(200);
  });

  it('exports a version only to the roles that read ladders, drafts included (issue 15, item 10)', async () => {
    const admin = await logInAs(t.app, world.usernames.organiserAdmin);
    const rektor = await logInAs(t.app, world.usernames.principal);
    const organiserDraft = await admin.request({
      method: 'POST',
      url: '/api/ladders/versions',
      payload: { schoolUnitId: null, presetId: 'orebro', effectiveFrom: '2026-03-01', publish: false },
    });
    const schoolDraft = await rektor.request({
      method: 'POST',
      url: '/api/ladders/versions',
      payload: { schoolUnitId: world.schoolUnitId, presetId: 'orebro', effectiveFrom: '2026-03-01', publish: false },
    });
    expect([organiserDraft.statusCode, schoolDraft.statusCode]).toEqual([201, 201]);
    const expected: [keyof World['usernames'], number][] = [
      ['teacher', 404],
      ['otherTeacher', 404],
      ['mentor', 404],
      ['principal', 200],
      ['studentHealth', 200],
      ['organiserAdmin', 200],
      ['systemAdmin', 200],
    ];
    for (const [role, status] of expected) {
      const session = await logInAs(t.app, world.usernames[role]);
      for (const id of [organiserDraft.json().id, schoolDraft.json().id]) {
        const exported = await session.request({ method: 'GET', url: `/api/ladders/versions/${id}/export` });
        expect({ role, id, status: exported.statusCode }).toEqual({ role, id, status });
      }
    }
  });
});
