/**
 * A same-day notice whose delivery failed and waits for a retry is re-checked before the retry:
 * a correction to valid, or midnight (Europe/Stockholm), since the first attempt means the retry
 * would tell the family something false or about yesterday. The retry after a channel failure
 * sends one copy, never two.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { logInAs, settableClock, testConfig, type TestApp } from '../../test/support.js';
import { addGuardian, type World } from '../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { runMessageWorker } from './message-worker.js';
import { decodeQuotedPrintable, startMessageFixture, type MessageFixture } from './messages.fixture.js';
import { DeliveryError, type Transport } from './channels/channel.js';
import { devTransport } from './channels/dev.js';

describe('a same-day notice waiting for a retry is checked again before it is sent', () => {
  const clock = settableClock('2026-01-14T07:00:00Z'); // 08:00 Stockholm
  let t: TestApp;
  let world: World;
  let fixture: MessageFixture;
  /** E-mail through the real SMTP server, failing (temporarily) while `failing` is true. */
  const email = { failing: false };
  let flaky: Transport;
  const run = () =>
    runMessageWorker(t.database, {
      now: clock.now(),
      config: fixture.config,
      transports: { email: flaky, sms: fixture.transports.sms },
    });

  beforeAll(async () => {
    fixture = await startMessageFixture({
      clock,
      dates: ['2026-01-14'],
      world: { pupilsPerClass: 5 },
      // Retries 10 minutes apart: a retry of a notice sent at 23:55 falls after midnight.
      config: () => ({ ...testConfig().messages, retryBaseSeconds: 600, maxAttempts: 5 }),
      sms: (config) => devTransport('sms', config.devMessagesFile),
    });
    ({ t, world } = fixture);
    flaky = {
      name: 'smtp',
      send: async (m) => {
        if (email.failing) throw new DeliveryError('SMTP: 421 try again later');
        return fixture.transports.email.send(m);
      },
    };
  });
  afterAll(() => fixture.close());

  const deliveriesOf = (pupilId: string) =>
    queryRows<{ status: string; attempts: number; last_error: string | null; outbox_status: string }>(
      t.database.db,
      sql`select d.status, d.attempts, d.last_error, o.status as outbox_status from message_deliveries d
      join outbox o on o.organiser_id = d.organiser_id and o.id = d.outbox_id
      where o.person_id = ${pupilId} and o.template_key = 'franvaro-samma-dag'`,
    );
  let reportId = '';
  const mailsTo = (address: string) => fixture.smtp.received.filter((m) => m.to === address);

  async function markAbsent(pupilId: string, slot: string) {
    const teacher = await logInAs(t.app, world.usernames.teacher);
    const res = await teacher.request({
      method: 'PUT',
      url: `/api/lessons/${world.lessonsA.get(`2026-01-14 ${slot}`)}/registration`,
      payload: { marks: [{ personId: pupilId, kind: 'absent' }] },
    });
    expect(res.statusCode).toBe(200);
  }

  it('withdraws the retry when the absence was reported valid after the failed attempt', async () => {
    const pupil = world.pupilsA[0];
    await addGuardian(t.database, world, 'Ylva', { pupilIds: [pupil] });
    await markAbsent(pupil, '08:00');
    clock.set('2026-01-14T14:00:00Z'); // 15:00: due
    email.failing = true;
    expect(await run()).toMatchObject({ expanded: 1, sent: 0, retried: 1 });
    email.failing = false;
    // The guardian reports the day before the retry.
    const mentor = await logInAs(t.app, world.usernames.mentor);
    const report = await mentor.request({
      method: 'POST',
      url: `/api/pupils/${pupil}/absences`,
      payload: { kind: 'guardianReport', fromDate: '2026-01-14', toDate: '2026-01-14', reasonCode: 'reported' },
    });
    expect(report.statusCode).toBe(201);
    reportId = report.json().id;
    clock.advance(10 * 60_000);
    await run();
    expect(mailsTo('ylva@example.test')).toHaveLength(0);
    expect(await deliveriesOf(pupil)).toEqual([
      { status: 'withdrawn', attempts: 1, last_error: 'ABSENCE_NOW_VALID', outbox_status: 'withdrawn' },
    ]);
  });

  it('sends the notice after all when the report is taken back the same day', async () => {
    const pupil = world.pupilsA[0];
    clock.set('2026-01-14T14:30:00Z');
    const mentor = await logInAs(t.app, world.usernames.mentor);
    expect((await mentor.request({ method: 'DELETE', url: `/api/absences/${reportId}` })).statusCode).toBe(204);
    await run();
    expect(mailsTo('ylva@example.test')).toHaveLength(1);
    expect(decodeQuotedPrintable(mailsTo('ylva@example.test')[0].raw)).toContain('Matematik 7A 08:00');
    expect(await deliveriesOf(pupil)).toEqual([
      { status: 'sent', attempts: 2, last_error: null, outbox_status: 'queued' },
    ]);
  });

  it('a retry after part of the day was corrected lists only the lessons still absent', async () => {
    const pupil = world.pupilsA[3];
    await addGuardian(t.database, world, 'Tove', { pupilIds: [pupil] });
    clock.set('2026-01-14T10:00:00Z');
    await markAbsent(pupil, '08:00');
    await markAbsent(pupil, '09:15');
    clock.set('2026-01-14T14:00:00Z');
    email.failing = true;
    expect(await run()).toMatchObject({ expanded: 1, retried: 1 });
    email.failing = false;
    // The teacher corrects the first lesson: the pupil was there.
    const teacher = await logInAs(t.app, world.usernames.teacher);
    const res = await teacher.request({
      method: 'PUT',
      url: `/api/lessons/${world.lessonsA.get('2026-01-14 08:00')}/registration`,
      payload: { marks: [] },
    });
    expect(res.statusCode).toBe(200);
    clock.advance(10 * 60_000);
    await run();
    const mails = mailsTo('tove@example.test');
    expect(mails).toHaveLength(1);
    const text = decodeQuotedPrintable(mails[0].raw);
    expect(text).toContain('frånvarande utan anmälan från Matematik 7A 09:15 på');
    expect(text).not.toContain('08:00');
  });

  it('withdraws the retry that would fall after midnight (DAY_PASSED)', async () => {
    const pupil = world.pupilsA[1];
    await addGuardian(t.database, world, 'Vera', { pupilIds: [pupil] });
    clock.set('2026-01-14T22:50:00Z'); // 23:50 Stockholm: a late kvittens is due at once
    await markAbsent(pupil, '09:15');
    email.failing = true;
    expect(await run()).toMatchObject({ expanded: 1, retried: 1 });
    email.failing = false;
    clock.set('2026-01-14T23:01:00Z'); // 00:01 on the 15th, the retry is due
    await run();
    expect(mailsTo('vera@example.test')).toHaveLength(0);
    expect(await deliveriesOf(pupil)).toEqual([
      { status: 'withdrawn', attempts: 1, last_error: 'DAY_PASSED', outbox_status: 'withdrawn' },
    ]);
  });

  it('sends one copy on a retry that is still true and on its day', async () => {
    const pupil = world.pupilsA[2];
    await addGuardian(t.database, world, 'Ebba', { pupilIds: [pupil] });
    clock.set('2026-01-14T12:00:00Z');
    await markAbsent(pupil, '09:15');
    clock.set('2026-01-14T14:00:00Z');
    email.failing = true;
    expect(await run()).toMatchObject({ retried: 1 });
    email.failing = false;
    clock.advance(10 * 60_000);
    expect(await run()).toMatchObject({ sent: 1 });
    expect(await run()).toMatchObject({ sent: 0 });
    expect(mailsTo('ebba@example.test')).toHaveLength(1);
    expect(await deliveriesOf(pupil)).toEqual([
      { status: 'sent', attempts: 2, last_error: null, outbox_status: 'queued' },
    ]);
  });
});
