/**
 * Registrations, corrections and a guardian's report racing on the same class and the same pupil
 * days (several sessions at once, as on a Monday morning): every request succeeds, and every
 * derived row (pupil days, roll-ups, kept statistics cells, pending same-day notices) equals a
 * recomputation from the raw marks afterwards. On PGlite (one connection, transactions queued)
 * it runs with less in flight; the interleavings that matter happen on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, logInAs, settableClock, type Session, type TestApp } from '../../test/support.js';
import { addGuardian, createWorld, type World } from '../../test/factories.js';
import { storedAndRecomputed } from '../../test/derived-rows.js';
import { keepRollupCuts } from '../statistics/rollup-cuts.js';

// Wednesday 2026-01-14 09:00 in Stockholm; the day before is already history (corrections).
const clock = settableClock('2026-01-14T08:00:00Z');
const TODAY = '2026-01-14';
const DATES = ['2026-01-13', TODAY];
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const ROUNDS = onPostgres ? 6 : 2;

/** A small deterministic generator, so a failing interleaving's inputs can be replayed. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function randomMarks(next: () => number, pupils: string[]) {
  return pupils.flatMap((personId) => {
    const r = next();
    if (r < 0.35) return [];
    if (r < 0.6) return [{ personId, kind: 'absent' }];
    if (r < 0.75) return [{ personId, kind: 'late', minutes: 1 + Math.floor(next() * 59) }];
    if (r < 0.9) return [{ personId, kind: 'left', minutes: 1 + Math.floor(next() * 59) }];
    return [{ personId, kind: 'other' }];
  });
}

describe('concurrent registrations keep every derived row right', () => {
  let t: TestApp;
  let world: World;
  let sessions: Session[];
  let principal: Session;
  let admin: Session;
  let parent: Session;
  beforeAll(async () => {
    t = await buildTestApp({}, clock);
    world = await createWorld(t.database, DATES, { pupilsPerClass: 8 });
    // Cut dates kept, as after the nightly job: registrations must keep the "to date" rows right too.
    await t.database.db.transaction((tx) => keepRollupCuts(tx, world.organiserId, [TODAY]));
    const guardian = await addGuardian(t.database, world, 'Vera', { pupilIds: [world.pupilsA[0], world.pupilsB[0]] });
    parent = await logInAs(t.app, guardian.username);
    principal = await logInAs(t.app, world.usernames.principal);
    admin = await logInAs(t.app, world.usernames.organiserAdmin);
    sessions = [
      await logInAs(t.app, world.usernames.teacher),
      await logInAs(t.app, world.usernames.otherTeacher),
      principal,
      await logInAs(t.app, world.usernames.principal),
    ];
  });
  afterAll(() => t.close());

  it('answers every racing request with 2xx and leaves no derived row stale', async () => {
    const next = random(14);
    const [teacher, otherTeacher, , secondPrincipal] = sessions;
    const statuses: number[] = [];
    const failures: string[] = [];
    const put = async (session: Session, lessonId: string, pupils: string[]) => {
      const response = await session.request({
        method: 'PUT',
        url: `/api/lessons/${lessonId}/registration`,
        payload: { marks: randomMarks(next, pupils) },
      });
      statuses.push(response.statusCode);
      if (response.statusCode >= 300) failures.push(`${response.statusCode} ${response.body}`);
    };
    for (let round = 0; round < ROUNDS; round++) {
      const work: Promise<unknown>[] = [];
      for (const date of DATES) {
        for (const [key, lessonId] of world.lessonsA) {
          if (!key.startsWith(date)) continue;
          // The same lesson from two sessions at once (teacher and rektor), and its pupils' other lessons.
          work.push(
            put(teacher, lessonId, world.pupilsA),
            put(date === TODAY ? principal : secondPrincipal, lessonId, world.pupilsA),
          );
        }
        for (const [key, lessonId] of world.lessonsB) {
          if (key.startsWith(date))
            work.push(put(otherTeacher, lessonId, world.pupilsB), put(secondPrincipal, lessonId, world.pupilsB));
        }
      }
      // A guardian's report for part of today races the registrations of the same pupils' day.
      work.push(
        parent
          .request({
            method: 'POST',
            url: '/api/guardian/absences',
            payload: {
              pupilIds: [world.pupilsA[0], world.pupilsB[0]],
              fromDate: TODAY,
              toDate: TODAY,
              fromTime: round % 2 ? '09:00' : '10:00',
              toTime: '11:00',
              reasonCode: 'reported',
            },
          })
          .then((r) => {
            statuses.push(r.statusCode);
            if (r.statusCode >= 300) failures.push(`${r.statusCode} ${r.body}`);
          }),
      );
      // Statistics read while the writes are in flight (the kept cells are stored by reads).
      work.push(admin.request({ method: 'GET', url: `/api/statistics/organiser?from=2026-01-01&to=${TODAY}` }));
      await Promise.all(work);
    }
    expect(failures).toEqual([]);
    expect(statuses.every((s) => s >= 200 && s < 300)).toBe(true);

    const { stored, recomputed } = await storedAndRecomputed(t.database, world.organiserId, TODAY);
    expect(stored.pupilDays).toEqual(recomputed.pupilDays);
    expect(stored.pupilPeriods).toEqual(recomputed.pupilPeriods);
    expect(stored.unitMonths).toEqual(recomputed.unitMonths);
    expect(stored.pendingNotices).toEqual(recomputed.pendingNotices);
    expect(recomputed.pupilDays.length).toBeGreaterThan(0);

    // Kept statistics cells: what the cache answers equals a computation without it.
    for (const period of [`from=2026-01-01&to=${TODAY}`, 'from=2026-01-01&to=2026-01-31']) {
      const cached = (await admin.request({ method: 'GET', url: `/api/statistics/organiser?${period}` })).json();
      await t.database.db.execute(sql`delete from stat_cells where organiser_id = ${world.organiserId}`);
      const fresh = (await admin.request({ method: 'GET', url: `/api/statistics/organiser?${period}` })).json();
      expect(cached).toEqual(fresh);
    }
  });
});
