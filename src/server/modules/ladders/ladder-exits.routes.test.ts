// Staff closing a pupil's ladder step over HTTP (docs/domain/ladders.md D7): who may, what is recorded,
// and that the pupil stays off the ladder until newly qualifying.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { buildTestApp, logInAs, type TestApp } from '../../test/support.js';
import { createWorld, type World } from '../../test/factories.js';
import { queryRows, schema } from '../../db/client.js';
import { eachDate, weekdayOf } from '../../../shared/dates/index.js';
import { recomputePupilDays } from '../measures/recompute-pupil-days.js';
import { LADDER_PRESETS } from '../../../shared/ladders/presets/index.js';
import { saveLadderVersion } from './commands/save-ladder-version.js';
import { evaluateLadders } from './commands/evaluate-ladders.js';

const JANUARY = eachDate('2026-01-08', '2026-01-30').filter((d) => weekdayOf(d) <= 5);
const FEBRUARY = eachDate('2026-02-02', '2026-02-13').filter((d) => weekdayOf(d) <= 5);

describe('closing a ladder step', () => {
  let t: TestApp;
  let world: World;
  let pupil: string;
  beforeAll(async () => {
    t = await buildTestApp({ today: '2026-02-13' });
    world = await createWorld(t.database, [...JANUARY, ...FEBRUARY]);
    pupil = world.pupilsA[0];
    const { organiserId } = world;
    await t.database.db
      .insert(schema.lessonConfirmations)
      .values([...world.lessonsA.values(), ...world.lessonsB.values()].map((lessonId) => ({ organiserId, lessonId })));
    // Absent in every first lesson in January and February: 33 % each month, on "Uppmärksamma" from 31 January.
    const marks = [...JANUARY, ...FEBRUARY].map((d) => ({
      organiserId,
      lessonId: world.lessonsA.get(`${d} 08:00`)!,
      personId: pupil,
      kind: 'absent',
    }));
    await t.database.db.insert(schema.attendanceMarks).values(marks);
    await recomputePupilDays(
      t.database.db,
      organiserId,
      [...world.pupilsA, ...world.pupilsB],
      '2026-01-01',
      '2026-02-28',
    );
    await saveLadderVersion(
      t.database.db,
      { organiserId, actorUserId: randomUUID() },
      {
        schoolUnitId: null,
        definition: LADDER_PRESETS.stockholm,
        presetId: 'stockholm',
        effectiveFrom: '2026-01-08',
        isPublished: true,
      },
    );
    await t.database.db.transaction((tx) =>
      evaluateLadders(tx, { organiserId, actorUserId: null }, { date: '2026-02-13' }),
    );
  });
  afterAll(() => t.close());

  const close = (
    user: Awaited<ReturnType<typeof logInAs>>,
    id: string,
    reason = 'Frånvaron har upphört efter åtgärdsplanen.',
  ) => user.request({ method: 'POST', url: `/api/pupils/${id}/ladder-step/close`, payload: { reason } });

  it('is refused to a mentor (403) and hidden from a teacher without the pupil (404); a short reason is a 400', async () => {
    expect((await close(await logInAs(t.app, world.usernames.mentor), pupil)).statusCode).toBe(403);
    expect((await close(await logInAs(t.app, world.usernames.otherTeacher), pupil)).statusCode).toBe(404);
    expect((await close(await logInAs(t.app, world.usernames.studentHealth), pupil, 'x')).statusCode).toBe(400);
    const [state] = await queryRows<{ step_index: number }>(
      t.database.db,
      sql`select step_index from pupil_ladder_states where organiser_id = ${world.organiserId} and person_id = ${pupil}`,
    );
    expect(state.step_index).toBe(1);
  });

  it('lets elevhälsa close the step: no step, the ended step kept in the history with the reason, audited; a second close is a 409', async () => {
    const health = await logInAs(t.app, world.usernames.studentHealth);
    expect((await close(health, pupil)).statusCode).toBe(204);
    const ladder = (await health.request({ method: 'GET', url: `/api/pupils/${pupil}/ladder` })).json();
    expect(ladder.state).toMatchObject({
      stepIndex: 0,
      since: '2026-02-13',
      explanation: 'Avslutat 2026-02-13 av personal: Frånvaron har upphört efter åtgärdsplanen (steg 1, Uppmärksamma).',
    });
    expect(ladder.changes[0]).toMatchObject({
      date: '2026-02-13',
      fromStep: 1,
      toStep: 0,
      by: 'staffClose',
      reason: 'Frånvaron har upphört efter åtgärdsplanen.',
      decidedBy: 'studentHealth Personal',
    });
    expect(ladder.changes[1]).toMatchObject({ date: '2026-01-31', fromStep: 0, toStep: 1, by: 'triggers' });
    const audit = await queryRows<{ pupil_id: string; data: { fromStep: number; stepKey: string; reason: string } }>(
      t.database.db,
      sql`select pupil_id, data from audit_events where organiser_id = ${world.organiserId} and type = 'ladder.close-step'`,
    );
    expect(audit).toEqual([
      {
        pupil_id: pupil,
        data: { fromStep: 1, stepKey: 'uppmarksamma', reason: 'Frånvaron har upphört efter åtgärdsplanen.' },
      },
    ]);
    const again = await close(await logInAs(t.app, world.usernames.principal), pupil);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('LADDER_NO_STEP');
  });

  it('keeps the step closed on later evaluations while the only evidence predates the close, and drops the pupil from early warning', async () => {
    // January (33 %) is still the last ended month until 27 February, but it predates the close.
    await t.database.db.transaction((tx) =>
      evaluateLadders(tx, { organiserId: world.organiserId, actorUserId: null }, { date: '2026-02-27' }),
    );
    const [state] = await queryRows<{ step_index: number; explanation: string }>(
      t.database.db,
      sql`select step_index, explanation from pupil_ladder_states where organiser_id = ${world.organiserId} and person_id = ${pupil}`,
    );
    expect(state).toEqual({ step_index: 0, explanation: expect.stringMatching(/^Avslutat 2026-02-13 av personal/) });
    const rektor = await logInAs(t.app, world.usernames.principal);
    const warning = (await rektor.request({ method: 'GET', url: '/api/early-warning?scope=school' })).json();
    expect(warning.rows.map((r: { personId: string }) => r.personId)).not.toContain(pupil);
  });

  it('shows overdue tasks and investigations beside the KPI for the pupils of the view', async () => {
    const rektor = await logInAs(t.app, world.usernames.principal);
    const before = (await rektor.request({ method: 'GET', url: '/api/early-warning?scope=school' })).json();
    const [version] = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id from ladder_versions where organiser_id = ${world.organiserId} limit 1`,
    );
    await t.database.db.insert(schema.tasks).values({
      organiserId: world.organiserId,
      id: randomUUID(),
      personId: world.pupilsA[2],
      ladderVersionId: version.id,
      stepKey: 'uppmarksamma',
      role: 'mentor',
      schoolUnitId: world.schoolUnitId,
      assigneeUserId: null,
      title: 'Försenad',
      dueDate: '2026-02-01',
      idempotencyKey: randomUUID(),
    });
    const after = (await rektor.request({ method: 'GET', url: '/api/early-warning?scope=school' })).json();
    // Counted although the pupil is on no step: late work is late whatever the step.
    expect(after.overdueTasks).toBe(before.overdueTasks + 1);
    expect(after.overdueInvestigations).toBe(0);
  });
});
