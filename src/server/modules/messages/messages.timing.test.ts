/**
 * When messages go out: the organiser's "as soon as the lesson is confirmed" policy (measured from
 * the kvittens to the SMTP hand-off, on a real SMTP server), its grace period in which a correction
 * withdraws the notice, and history that must never reach a family — a same-day notice after its
 * day, a monthly message about an older month, ladder messages replayed by a first evaluation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import {
  buildTestApp,
  logInAs,
  runJob,
  settableClock,
  testConfig,
  type Session,
  type TestApp,
} from '../../test/support.js';
import { addGuardian, createWorld, type World } from '../../test/factories.js';
import { queryRows, schema } from '../../db/client.js';
import { eachDate, weekdayOf } from '../../../shared/dates/index.js';
import { hasAbsence, isAbsentDay } from '../../../shared/measures/index.js';
import { LADDER_PRESETS } from '../../../shared/ladders/presets/index.js';
import type { LadderDefinition } from '../../../shared/ladders/index.js';
import { saveLadderVersion } from '../ladders/commands/save-ladder-version.js';
import { runMessageWorker, runMonthlyNotices } from './message-worker.js';
import { startMessageFixture, type MessageFixture } from './messages.fixture.js';
import { devTransport } from './channels/dev.js';

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}

describe('when messages go out, and history that never does', () => {
  // Wednesday 14 January 2026, 09:30 Stockholm.
  const clock = settableClock('2026-01-14T08:30:00Z');
  let fixture: MessageFixture;
  let smtp: MessageFixture['smtp'];
  let t: TestApp;
  let world: World;
  let teacher: Session;
  let admin: Session;
  const run = () => fixture.run();
  const notice = async (pupil: string) =>
    (
      await queryRows<{ status: string; last_error: string | null; send_after: Date | string }>(
        t.database.db,
        sql`select status, last_error, send_after from outbox where organiser_id = ${world.organiserId} and person_id = ${pupil} and template_key = 'franvaro-samma-dag'`,
      )
    )[0];
  const register = (slot: string, marks: { personId: string; kind: string; minutes?: number }[], date = '2026-01-14') =>
    teacher.request({
      method: 'PUT',
      url: `/api/lessons/${world.lessonsA.get(`${date} ${slot}`)}/registration`,
      payload: { marks },
    });
  const received = (address: string) => smtp.received.filter((m) => m.to === address);

  beforeAll(async () => {
    fixture = await startMessageFixture({
      clock,
      dates: ['2026-01-14', '2026-01-15'],
      world: { pupilsPerClass: 6 },
      config: (smtpUrl) => ({
        ...testConfig().messages,
        smtpUrl,
        devMessagesFile: path.join(os.tmpdir(), `narvaro-timing-${process.pid}.log`),
      }),
      sms: (config) => devTransport('sms', config.devMessagesFile),
    });
    ({ t, world, smtp } = fixture);
    for (const [i, pupil] of world.pupilsA.slice(0, 5).entries())
      await addGuardian(t.database, world, `G${i}`, { pupilIds: [pupil], email: `g${i}@example.test`, phone: null });
    teacher = await logInAs(t.app, world.usernames.teacher);
    admin = await logInAs(t.app, world.usernames.organiserAdmin);
  });
  afterAll(() => fixture.close());

  const setPolicy = async (policy: 'atTime' | 'immediate', graceMinutes: number) => {
    const current = (await admin.request({ method: 'GET', url: '/api/messages/settings' })).json();
    const saved = await admin.request({
      method: 'PUT',
      url: '/api/messages/settings',
      payload: { ...current, sameDayNoticePolicy: policy, sameDayNoticeGraceMinutes: graceMinutes },
    });
    expect(saved.statusCode).toBe(204);
  };

  it('the organiser sets the policy; only the organiser admin may, and the values are checked', async () => {
    const defaults = (await admin.request({ method: 'GET', url: '/api/messages/settings' })).json();
    expect(defaults).toMatchObject({
      sameDayNoticePolicy: 'atTime',
      sameDayNoticeTime: '15:00',
      sameDayNoticeGraceMinutes: 10,
    });
    const mentor = await logInAs(t.app, world.usernames.principal);
    expect(
      (
        await mentor.request({
          method: 'PUT',
          url: '/api/messages/settings',
          payload: { ...defaults, sameDayNoticePolicy: 'immediate' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await admin.request({
          method: 'PUT',
          url: '/api/messages/settings',
          payload: { ...defaults, sameDayNoticeGraceMinutes: 121 },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await admin.request({
          method: 'PUT',
          url: '/api/messages/settings',
          payload: { ...defaults, sameDayNoticeTime: '25:00' },
        })
      ).statusCode,
    ).toBe(400);
    // Saving the other settings alone keeps the policy.
    await setPolicy('immediate', 0);
    expect(
      (
        await admin.request({
          method: 'PUT',
          url: '/api/messages/settings',
          payload: { noticeEmail: null, leaveMentorLimitDays: 5, reportPastDays: 3 },
        })
      ).statusCode,
    ).toBe(204);
    expect((await admin.request({ method: 'GET', url: '/api/messages/settings' })).json()).toMatchObject({
      sameDayNoticePolicy: 'immediate',
      sameDayNoticeGraceMinutes: 0,
      reportPastDays: 3,
    });
    const [audit] = await queryRows<{ data: Record<string, unknown> }>(
      t.database.db,
      sql`select data from audit_events
      where organiser_id = ${world.organiserId} and type = 'message.save-settings' and data ? 'sameDayNoticePolicy' order by occurred_at desc limit 1`,
    );
    expect(audit.data).toMatchObject({ sameDayNoticePolicy: 'immediate', sameDayNoticeGraceMinutes: 0 });
  });

  it('"as soon as the lesson is confirmed" with grace 0: the kvittens wakes the sender and the notice reaches the SMTP server at once', async () => {
    await setPolicy('immediate', 0);
    const pupil = world.pupilsA[0];
    const kvittens = performance.now();
    expect((await register('08:00', [{ personId: pupil, kind: 'absent' }])).statusCode).toBe(200);
    const answered = performance.now();
    // No scheduled run in this app (its worker runs only when woken): arriving proves the wake-up ran the first cycle after due.
    expect(await waitFor(() => received('g0@example.test').length > 0, 15_000)).toBe(true);
    const handOff = received('g0@example.test')[0].at;
    console.log(
      `same-day notice, policy immediate, grace 0: kvittens → SMTP hand-off ${(handOff - kvittens).toFixed(0)} ms (request answered after ${(answered - kvittens).toFixed(0)} ms)`,
    );
    expect(received('g0@example.test')[0].raw).toContain('Anna1 Elev var idag 2026-01-14');
    expect(await notice(pupil)).toMatchObject({ status: 'queued', last_error: null });
  });

  it('with a grace period the notice waits; a correction within it withdraws it and nothing is sent, else it goes out when the grace ends', async () => {
    await setPolicy('immediate', 10);
    const [corrected, kept] = [world.pupilsA[1], world.pupilsA[2]];
    expect(
      (
        await register('09:15', [
          { personId: corrected, kind: 'absent' },
          { personId: kept, kind: 'absent' },
        ])
      ).statusCode,
    ).toBe(200);
    expect(new Date((await notice(kept)).send_after).getTime() - clock.now().getTime()).toBe(10 * 60_000);
    clock.advance(4 * 60_000);
    // The teacher corrects: the pupil was there.
    expect((await register('09:15', [{ personId: kept, kind: 'absent' }])).statusCode).toBe(200);
    expect(await notice(corrected)).toMatchObject({ status: 'withdrawn', last_error: 'ABSENCE_NOW_VALID' });
    clock.advance(5 * 60_000);
    await run();
    expect(received('g2@example.test')).toEqual([]); // still within the grace
    clock.advance(60_000);
    expect(await run()).toMatchObject({ expanded: 1, sent: 1 });
    expect(received('g2@example.test')).toHaveLength(1);
    expect(received('g1@example.test')).toEqual([]);
    expect(await notice(corrected)).toMatchObject({ status: 'withdrawn', last_error: 'ABSENCE_NOW_VALID' });
  });

  it('a same-day notice not sent on its day is withdrawn, never sent the next day', async () => {
    await setPolicy('atTime', 10);
    const pupil = world.pupilsA[3];
    clock.set('2026-01-14T09:00:00Z');
    await register('10:30', [{ personId: pupil, kind: 'absent' }]);
    expect(await notice(pupil)).toMatchObject({ status: 'pending' });
    // The server was down at 15:00; it starts again the next morning.
    clock.set('2026-01-15T06:30:00Z');
    await run();
    expect(await notice(pupil)).toMatchObject({ status: 'withdrawn', last_error: 'DAY_PASSED' });
    expect(received('g3@example.test')).toEqual([]);
  });

  it('a monthly message goes out only about the month just completed', async () => {
    const pupil = world.pupilsA[4];
    const days = eachDate('2026-01-05', '2026-01-30')
      .filter((d) => d >= '2026-01-16' && weekdayOf(d) <= 5)
      .map((date) => {
        const day = {
          date,
          scheduled: 300,
          known: 300,
          attended: 150,
          valid: 150,
          invalid: 0,
          other: 0,
          lateCount: 0,
          lateMinutes: 0,
        };
        return {
          organiserId: world.organiserId,
          personId: pupil,
          schoolUnitId: world.schoolUnitId,
          ...day,
          isAbsentDay: isAbsentDay(day),
          hasAbsence: hasAbsence(day),
        };
      });
    await t.database.db.insert(schema.pupilDays).values(days);
    clock.set('2026-02-03T05:00:00Z');
    expect(
      await runMonthlyNotices(t.database, { today: clock.today(), now: clock.now(), config: fixture.config }),
    ).toBeGreaterThan(0);
    // Nobody ran the sender in February; it starts in March.
    clock.set('2026-03-02T07:00:00Z');
    await run();
    const [row] = await queryRows<{ status: string; last_error: string | null }>(
      t.database.db,
      sql`select status, last_error from outbox
      where organiser_id = ${world.organiserId} and person_id = ${pupil} and template_key = 'manadsfranvaro-over-20'`,
    );
    expect(row).toEqual({ status: 'withdrawn', last_error: 'OUTDATED_MONTH' });
    expect(received('g4@example.test')).toEqual([]);
  });
});

describe('a first evaluation (first start, an import, a ladder with an earlier start) replays history: no family hears of it', () => {
  const stockholm = LADDER_PRESETS.stockholm as LadderDefinition;
  const LADDER: LadderDefinition = {
    ...stockholm,
    id: 'provtrappa',
    name: 'Provtrappa',
    alerts: [],
    steps: [
      {
        ...stockholm.steps[0],
        key: 'kontakt',
        name: 'Kontakt med hemmet',
        entry: 'automatic',
        triggers: { combine: 'any', triggers: [{ kind: 'anyInvalidAbsence', withinDays: 1 }] },
        actions: [{ kind: 'guardianMessage', templateKey: 'kontakt-hemmet' }],
      },
    ],
  };
  const clock = settableClock('2026-01-14T12:00:00Z');
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await buildTestApp({}, clock);
    world = await createWorld(t.database, ['2026-01-14']);
  });
  afterAll(() => t.close());

  it('steps entered days ago in the replay are recorded, their messages withdrawn; a step entered today is sent', async () => {
    const [past, today] = [world.pupilsA[0], world.pupilsA[1]];
    for (const [i, pupil] of [past, today].entries())
      await addGuardian(t.database, world, `R${i}`, { pupilIds: [pupil], phone: null });
    const day = (personId: string, date: string) => {
      const figures = {
        date,
        scheduled: 300,
        known: 300,
        attended: 240,
        valid: 0,
        invalid: 60,
        other: 0,
        lateCount: 0,
        lateMinutes: 0,
      };
      return {
        organiserId: world.organiserId,
        personId,
        schoolUnitId: world.schoolUnitId,
        ...figures,
        isAbsentDay: isAbsentDay(figures),
        hasAbsence: hasAbsence(figures),
      };
    };
    await t.database.db.execute(
      sql`delete from pupil_days where organiser_id = ${world.organiserId} and person_id in (${past}, ${today})`,
    );
    await t.database.db.insert(schema.pupilDays).values([day(past, '2026-01-12'), day(today, '2026-01-14')]);
    const [adminUser] = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id from users where organiser_id = ${world.organiserId} and username = ${world.usernames.organiserAdmin}`,
    );
    // Published today with a start five days back: within the seven days a late worker may still send, yet history all the same.
    await saveLadderVersion(
      t.database.db,
      { organiserId: world.organiserId, actorUserId: adminUser.id },
      { schoolUnitId: null, definition: LADDER, presetId: null, effectiveFrom: '2026-01-09', isPublished: true },
    );
    const principal = await logInAs(t.app, world.usernames.principal);
    expect((await runJob(principal, '/api/ladders/evaluate', { schoolUnitId: world.schoolUnitId })).status).toBe(
      'done',
    );
    await t.database.db.execute(
      sql`update outbox set send_after = ${clock.now().toISOString()}::timestamptz where organiser_id = ${world.organiserId}`,
    );
    const sent: string[] = [];
    const capture = {
      name: 'capture',
      send: async (m: { to: string }) => {
        sent.push(m.to);
        return { providerMessageId: null };
      },
    };
    await runMessageWorker(t.database, {
      now: clock.now(),
      config: testConfig().messages,
      transports: { email: capture, sms: capture },
    });
    const rows = await queryRows<{ person_id: string; status: string; last_error: string | null; date: string }>(
      t.database.db,
      sql`select person_id, status, last_error, payload->>'date' as date
      from outbox where organiser_id = ${world.organiserId} and template_key = 'kontakt-hemmet' order by payload->>'date'`,
    );
    expect(rows).toEqual([
      { person_id: past, status: 'withdrawn', last_error: 'OUTDATED_REPLAY', date: '2026-01-12' },
      { person_id: today, status: 'queued', last_error: null, date: '2026-01-14' },
    ]);
    expect(sent).toEqual(['r1@example.test']);
    // The step itself is kept.
    const states = await queryRows<{ person_id: string; step_key: string | null }>(
      t.database.db,
      sql`select person_id, step_key from pupil_ladder_states where organiser_id = ${world.organiserId} and person_id in (${past}, ${today})`,
    );
    expect(states.map((s) => s.step_key)).toEqual(['kontakt', 'kontakt']);
  });
});
