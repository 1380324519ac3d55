/**
 * The organiser changes when the same-day notice goes out while today's notices wait: those
 * notices follow the new setting (a later time, or 'immediate' with its grace counted from the
 * change), not the one in force when they were written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logInAs, settableClock, testConfig, type Session, type TestApp } from '../../test/support.js';
import { addGuardian, type World } from '../../test/factories.js';
import { decodeQuotedPrintable, startMessageFixture, type MessageFixture } from './messages.fixture.js';
import { devTransport } from './channels/dev.js';

describe('a change of the same-day policy applies to the notices still waiting today', () => {
  const clock = settableClock('2026-01-14T08:00:00Z'); // 09:00 Stockholm
  let t: TestApp;
  let world: World;
  let fixture: MessageFixture;
  let admin: Session;

  beforeAll(async () => {
    fixture = await startMessageFixture({
      clock,
      dates: ['2026-01-14'],
      world: { pupilsPerClass: 6 }, // the last one has protected identity
      config: () => testConfig().messages,
      sms: (config) => devTransport('sms', config.devMessagesFile),
    });
    ({ t, world } = fixture);
    for (const [i, pupil] of world.pupilsA.slice(0, 5).entries())
      await addGuardian(t.database, world, `P${i}`, { pupilIds: [pupil], phone: null });
    admin = await logInAs(t.app, world.usernames.organiserAdmin);
  });
  afterAll(() => fixture.close());

  const at = (hhmm: string) =>
    clock.set(`2026-01-14T${String(Number(hhmm.slice(0, 2)) - 1).padStart(2, '0')}:${hhmm.slice(3)}:00Z`);
  const mailsTo = (i: number) => fixture.smtp.received.filter((m) => m.to === `p${i}@example.test`).length;
  async function markAbsent(i: number, slot: string) {
    const teacher = await logInAs(t.app, world.usernames.teacher);
    const res = await teacher.request({
      method: 'PUT',
      url: `/api/lessons/${world.lessonsA.get(`2026-01-14 ${slot}`)}/registration`,
      payload: { marks: [{ personId: world.pupilsA[i], kind: 'absent' }] },
    });
    expect(res.statusCode).toBe(200);
  }
  async function setPolicy(change: Record<string, unknown>) {
    const current = (await admin.request({ method: 'GET', url: '/api/messages/settings' })).json();
    const saved = await admin.request({
      method: 'PUT',
      url: '/api/messages/settings',
      payload: { ...current, ...change },
    });
    expect(saved.statusCode).toBe(204);
  }

  it('a later set time holds a waiting notice; a switch to immediate sends it after the grace from the change', async () => {
    at('09:00');
    await markAbsent(0, '08:00'); // due at 15:00 as written
    at('10:00');
    await setPolicy({ sameDayNoticePolicy: 'atTime', sameDayNoticeTime: '16:00' });
    at('10:05');
    await markAbsent(1, '09:15');
    at('15:00');
    await fixture.run();
    expect([mailsTo(0), mailsTo(1)]).toEqual([0, 0]);

    at('15:25');
    await markAbsent(2, '10:30');
    at('15:30');
    await setPolicy({ sameDayNoticePolicy: 'immediate', sameDayNoticeGraceMinutes: 10 });
    // The grace is counted from the change: a correction until 15:40 still withdraws them.
    await fixture.run();
    expect([mailsTo(0), mailsTo(1), mailsTo(2)]).toEqual([0, 0, 0]);
    at('15:40');
    await fixture.run();
    expect([mailsTo(0), mailsTo(1), mailsTo(2)]).toEqual([1, 1, 1]);
  });

  it('immediate: a lesson confirmed within another’s grace gets its own grace before the notice lists it', async () => {
    // The policy is 'immediate' with 10 minutes since the test above.
    at('16:00');
    await markAbsent(3, '08:00'); // due 16:10
    at('16:08');
    await markAbsent(3, '09:15'); // its grace runs to 16:18
    at('16:10');
    await fixture.run();
    expect(mailsTo(3)).toBe(0);
    // The teacher corrects the second lesson within its grace: the pupil was there.
    at('16:12');
    const teacher = await logInAs(t.app, world.usernames.teacher);
    const res = await teacher.request({
      method: 'PUT',
      url: `/api/lessons/${world.lessonsA.get('2026-01-14 09:15')}/registration`,
      payload: { marks: [] },
    });
    expect(res.statusCode).toBe(200);
    at('16:22');
    await fixture.run();
    const mails = fixture.smtp.received.filter((m) => m.to === 'p3@example.test');
    expect(mails).toHaveLength(1);
    expect(decodeQuotedPrintable(mails[0].raw)).toContain('frånvarande utan anmälan från Matematik 7A 08:00 på');
  });

  it('saving other settings does not move a waiting notice', async () => {
    at('17:00');
    await markAbsent(4, '10:30'); // due 17:10
    at('17:05');
    await setPolicy({ noticeEmail: 'huvudman@example.test' });
    at('17:10');
    await fixture.run();
    expect(mailsTo(4)).toBe(1);
  });
});
