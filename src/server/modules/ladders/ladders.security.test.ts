/**
 * Security review (session 9): a ladder draft's preview names pupils with their would-be step and
 * absence (the early-warning list's data), read through GET /api/jobs/:id. Reading it is audited
 * like the early-warning list (`pupil.read-list`, view `ladder-preview`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, logInAs, runJob, type TestApp } from '../../test/support.js';
import { createWorld, type World } from '../../test/factories.js';
import { queryRows, schema } from '../../db/client.js';
import { eachDate, weekdayOf } from '../../../shared/dates/index.js';
import { recomputePupilDays } from '../measures/recompute-pupil-days.js';

const JANUARY = eachDate('2026-01-08', '2026-01-30').filter((d) => weekdayOf(d) <= 5);

describe('ladder preview reads', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    t = await buildTestApp({ today: '2026-02-02' });
    world = await createWorld(t.database, JANUARY);
    const { organiserId } = world;
    await t.database.db
      .insert(schema.lessonConfirmations)
      .values([...world.lessonsA.values()].map((lessonId) => ({ organiserId, lessonId })));
    await t.database.db.insert(schema.attendanceMarks).values(
      JANUARY.flatMap((d) =>
        ['08:00', '09:15'].map((slot) => ({
          organiserId,
          lessonId: world.lessonsA.get(`${d} ${slot}`)!,
          personId: world.pupilsA[0],
          kind: 'absent',
        })),
      ),
    );
    await recomputePupilDays(t.database.db, organiserId, world.pupilsA, '2026-01-01', '2026-01-31');
  });
  afterAll(() => t.close());

  it('audits who read the pupils of a preview', async () => {
    const rektor = await logInAs(t.app, world.usernames.principal);
    const draft = await rektor.request({
      method: 'POST',
      url: '/api/ladders/versions',
      payload: { schoolUnitId: world.schoolUnitId, presetId: 'stockholm', effectiveFrom: '2026-01-08', publish: false },
    });
    expect(draft.statusCode).toBe(201);
    const preview = await runJob(rektor, `/api/ladders/versions/${draft.json().id}/preview`, {});
    expect(preview.result.rows.map((r: { personId: string }) => r.personId)).toEqual([world.pupilsA[0]]);
    const reads = await queryRows<{ data: { view: string; pupilIds: string[] } }>(
      t.database.db,
      sql`select data from audit_events where organiser_id = ${world.organiserId} and type = 'pupil.read-list'`,
    );
    expect(reads.map((r) => r.data)).toContainEqual(
      expect.objectContaining({ view: 'ladder-preview', pupilIds: [world.pupilsA[0]] }),
    );
  });
});
