import { addDays } from '../../../shared/dates/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { logInAs, settableClock, testConfig, type TestApp } from '../../test/support.js';
import { addGuardian, type World } from '../../test/factories.js';
import { queryRows, schema } from '../../db/client.js';
import { runMessageWorker } from './message-worker.js';
import { decodeQuotedPrintable as decode, startMessageFixture, type MessageFixture } from './messages.fixture.js';
import { httpSmsTransport } from './channels/http-sms.js';
import type { Transport, Transports } from './channels/channel.js';
import { reclaimDeadLeases, retryDelayMs } from './commands/send-deliveries.js';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { formatIdentity } from '../../process-identity.js';

/** A local SMS provider stub: answers `failures` requests with 503, then 200 {id}. */
async function startSmsStub() {
  const requests: { to: string; text: string; reference: string; auth: string | undefined }[] = [];
  const state = { failures: 0 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      if (state.failures > 0) {
        state.failures--;
        res.writeHead(503).end('busy');
        return;
      }
      const json = JSON.parse(body);
      requests.push({ ...json, auth: req.headers.authorization });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `sms-${requests.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    requests,
    state,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('messages delivered for real: same-day notice, SMTP, SMS, retries, crash safety', () => {
  const clock = settableClock('2026-01-14T06:00:00Z'); // 07:00 Stockholm
  let t: TestApp;
  let world: World;
  let fixture: MessageFixture;
  let smtp: MessageFixture['smtp'];
  let sms: Awaited<ReturnType<typeof startSmsStub>>;
  let transports: Transports;
  const config = () => fixture.config;
  const run = () => fixture.run();

  beforeAll(async () => {
    sms = await startSmsStub();
    fixture = await startMessageFixture({
      clock,
      dates: ['2026-01-14'],
      config: () => ({ ...testConfig().messages, smsCallbackToken: 'cb-secret', retryBaseSeconds: 60, maxAttempts: 3 }),
      sms: () => httpSmsTransport({ url: sms.url, apiKey: 'key-1' }),
    });
    ({ t, world, smtp, transports } = fixture);
    await addGuardian(t.database, world, 'Maria', { pupilIds: [world.pupilsA[0]], phone: '070-123 45 67' });
    await addGuardian(t.database, world, 'John', { pupilIds: [world.pupilsA[0]], locale: 'en' });
  });
  afterAll(async () => {
    await fixture.close();
    await sms.close();
  });

  const outboxOf = (pupilId: string) =>
    queryRows<{ status: string; about_date: string; last_error: string | null }>(
      t.database.db,
      sql`select status, about_date::text as about_date, last_error from outbox where person_id = ${pupilId} and template_key = 'franvaro-samma-dag'`,
    );

  it('writes one notice per child and day with the registration, sends it at the configured time in each guardian’s language', async () => {
    const teacher = await logInAs(t.app, world.usernames.teacher);
    const pupil = world.pupilsA[0];
    for (const slot of ['08:00', '09:15']) {
      const res = await teacher.request({
        method: 'PUT',
        url: `/api/lessons/${world.lessonsA.get(`2026-01-14 ${slot}`)}/registration`,
        payload: { marks: [{ personId: pupil, kind: 'absent' }] },
      });
      expect(res.statusCode).toBe(200);
    }
    expect(await outboxOf(pupil)).toEqual([{ status: 'pending', about_date: '2026-01-14', last_error: null }]);
    // Before 15:00 nothing leaves.
    expect((await run()).sent).toBe(0);
    clock.set('2026-01-14T14:00:00Z');
    expect(await run()).toMatchObject({ expanded: 1, sent: 3 });
    expect(smtp.received.map((m) => m.to).sort()).toEqual(['john@example.test', 'maria@example.test']);
    const swedish = decode(smtp.received.find((m) => m.to === 'maria@example.test')!.raw);
    expect(swedish).toContain(
      'Anna1 Elev var idag 2026-01-14 frånvarande utan anmälan från Matematik 7A 08:00 och Matematik 7A 09:15 på Testskolan 7–9.',
    );
    expect(decode(smtp.received.find((m) => m.to === 'john@example.test')!.raw)).toContain(
      'was absent without notice today 2026-01-14 from Matematik 7A 08:00 and Matematik 7A 09:15',
    );
    expect(sms.requests).toEqual([
      expect.objectContaining({
        to: '0701234567',
        auth: 'Bearer key-1',
        text: expect.stringContaining('Anna1 Elev var idag'),
      }),
    ]);

    // The provider reports delivery; the staff see it on the pupil page.
    const reference = sms.requests[0].reference;
    const callback = await t.app.inject({
      method: 'POST',
      url: '/api/messages/sms-callback',
      headers: { 'x-callback-token': 'cb-secret' },
      payload: { reference, status: 'delivered' },
    });
    expect(callback.statusCode).toBe(204);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/messages/sms-callback',
          headers: { 'x-callback-token': 'wrong' },
          payload: { reference, status: 'delivered' },
        })
      ).statusCode,
    ).toBe(401);
    const mentor = await logInAs(t.app, world.usernames.mentor);
    const statuses = (await mentor.request({ method: 'GET', url: `/api/pupils/${pupil}/messages` }))
      .json()
      .messages.map((m: { channel: string; status: string }) => `${m.channel}:${m.status}`);
    expect(statuses.sort()).toEqual(['email:sent', 'email:sent', 'sms:delivered']);
    // A second run sends nothing again.
    expect((await run()).sent).toBe(0);
    expect(smtp.received).toHaveLength(2);
  });

  it('withdraws a notice not yet sent when the absence is corrected to valid', async () => {
    clock.set('2026-01-14T09:00:00Z');
    const teacher = await logInAs(t.app, world.usernames.teacher);
    const pupil = world.pupilsA[1];
    await addGuardian(t.database, world, 'Karin', { pupilIds: [pupil] });
    await teacher.request({
      method: 'PUT',
      url: `/api/lessons/${world.lessonsA.get('2026-01-14 10:30')}/registration`,
      payload: { marks: [{ personId: pupil, kind: 'absent' }] },
    });
    expect((await outboxOf(pupil))[0].status).toBe('pending');
    const mentor = await logInAs(t.app, world.usernames.mentor);
    const report = await mentor.request({
      method: 'POST',
      url: `/api/pupils/${pupil}/absences`,
      payload: { kind: 'guardianReport', fromDate: '2026-01-14', toDate: '2026-01-14', reasonCode: 'reported' },
    });
    expect(report.statusCode).toBe(201);
    expect(await outboxOf(pupil)).toEqual([
      { status: 'withdrawn', about_date: '2026-01-14', last_error: 'ABSENCE_NOW_VALID' },
    ]);
    clock.set('2026-01-14T14:30:00Z');
    const before = smtp.received.length;
    await run();
    expect(smtp.received.length).toBe(before);
    // Lateness under the limit alone gives no notice.
    await teacher.request({
      method: 'PUT',
      url: `/api/lessons/${world.lessonsA.get('2026-01-14 08:00')}/registration`,
      payload: {
        marks: [
          { personId: world.pupilsA[0], kind: 'absent' },
          { personId: world.pupilsA[2], kind: 'late', minutes: 5 },
        ],
      },
    });
    expect(await outboxOf(world.pupilsA[2])).toEqual([]);
  });

  it('retries with exponential backoff and gives up with the reason', async () => {
    expect([1, 2, 3].map((a) => retryDelayMs(a, 60) / 1000)).toEqual([60, 120, 240]);
    const pupil = world.pupilsB[0];
    await addGuardian(t.database, world, 'Sam', { pupilIds: [pupil], email: null, phone: '0709998877' });
    await t.database.db.insert(schema.outbox).values({
      organiserId: world.organiserId,
      id: randomUUID(),
      kind: 'guardianMessage',
      personId: pupil,
      templateKey: 'ladder-step',
      payload: { explanation: 'Steg 1.' },
      idempotencyKey: `test-retry-${pupil}`,
      sendAfter: clock.now(),
    });
    sms.state.failures = 2;
    const count = sms.requests.length;
    expect(await run()).toMatchObject({ sent: 0, retried: 1 });
    const row = async () =>
      (
        await queryRows<{ status: string; attempts: number; last_error: string; next_attempt_at: Date | string }>(
          t.database.db,
          sql`select d.status, d.attempts, d.last_error, d.next_attempt_at from message_deliveries d join outbox o on o.organiser_id = d.organiser_id and o.id = d.outbox_id where o.person_id = ${pupil}`,
        )
      )[0];
    expect(await row()).toMatchObject({ status: 'queued', attempts: 1, last_error: expect.stringContaining('503') });
    expect(new Date((await row()).next_attempt_at).getTime() - clock.now().getTime()).toBe(60_000);
    expect((await run()).sent).toBe(0); // not due yet
    clock.advance(60_000);
    expect(await run()).toMatchObject({ retried: 1 });
    clock.advance(120_000);
    expect(await run()).toMatchObject({ sent: 1 });
    expect(sms.requests.length).toBe(count + 1);
    expect(await row()).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('does not send guardians ladder messages about steps entered long ago (a replayed history)', async () => {
    const pupil = world.pupilsB[1];
    await addGuardian(t.database, world, 'Kim', { pupilIds: [pupil], email: 'kim@example.se', phone: null });
    const ladderMessage = (date: string) => ({
      organiserId: world.organiserId,
      id: randomUUID(),
      kind: 'guardianMessage' as const,
      personId: pupil,
      templateKey: 'ladder-step',
      payload: { date, explanation: 'Steg 1.', ladderVersionId: randomUUID() },
      idempotencyKey: `replay-${pupil}-${date}`,
      sendAfter: clock.now(),
    });
    await t.database.db
      .insert(schema.outbox)
      .values([ladderMessage(addDays(clock.today(), -30)), ladderMessage(clock.today())]);
    await run();
    const rows = await queryRows<{ date: string; status: string; last_error: string | null }>(
      t.database.db,
      sql`select payload->>'date' as date, status, last_error
      from outbox where organiser_id = ${world.organiserId} and idempotency_key like ${`replay-${pupil}-%`} order by 1`,
    );
    expect(rows).toEqual([
      { date: addDays(clock.today(), -30), status: 'withdrawn', last_error: 'OUTDATED_REPLAY' },
      { date: clock.today(), status: 'queued', last_error: null },
    ]);
  });

  it('loses nothing and doubles nothing when the worker dies mid-batch', async () => {
    const pupils = [...world.pupilsA, ...world.pupilsB].slice(0, 6);
    for (const pupil of pupils) {
      await t.database.db.insert(schema.outbox).values({
        organiserId: world.organiserId,
        id: randomUUID(),
        kind: 'guardianMessage',
        personId: pupil,
        templateKey: 'ladder-step',
        payload: { explanation: 'Batch.' },
        idempotencyKey: `batch-${pupil}`,
        sendAfter: clock.now(),
      });
    }
    const smtpBefore = smtp.received.length;
    const smsBefore = sms.requests.length;
    let sends = 0;
    const crashing = (inner: Transport): Transport => ({
      name: inner.name,
      send: async (m) => {
        if (sends === 3) throw new Error('worker killed');
        sends++;
        return inner.send(m);
      },
    });
    await expect(
      runMessageWorker(t.database, {
        now: clock.now(),
        config: config(),
        transports: { email: crashing(transports.email), sms: crashing(transports.sms) },
      }),
    ).rejects.toThrow('worker killed');
    const expected = (
      await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from message_deliveries d join outbox o on o.organiser_id = d.organiser_id and o.id = d.outbox_id
      where o.idempotency_key like 'batch-%'`,
      )
    )[0].n;
    expect(expected).toBeGreaterThan(3);
    const states = await queryRows<{ status: string; n: number }>(
      t.database.db,
      sql`select d.status, count(*)::int as n from message_deliveries d
      join outbox o on o.organiser_id = d.organiser_id and o.id = d.outbox_id where o.idempotency_key like 'batch-%' group by d.status order by d.status`,
    );
    expect(states.find((s) => s.status === 'sent')?.n).toBe(3);
    // Restart: a new worker, before the lease ends, leaves the claimed rows alone; after it, takes them over.
    expect((await run()).sent).toBe(0);
    clock.advance(6 * 60_000);
    expect((await run()).sent).toBe(expected - 3);
    const newEmails = smtp.received.slice(smtpBefore);
    const newSms = sms.requests.slice(smsBefore);
    expect(newEmails.length + newSms.length).toBe(expected);
    expect(new Set(newEmails.map((m) => m.messageId)).size).toBe(newEmails.length);
    expect(new Set(newSms.map((m) => m.reference)).size).toBe(newSms.length);
  });

  it('takes back at once the leases of a dead worker, never those of a live one', async () => {
    const pupils = [...world.pupilsA, ...world.pupilsB].slice(0, 4);
    for (const pupil of pupils) {
      await t.database.db.insert(schema.outbox).values({
        organiserId: world.organiserId,
        id: randomUUID(),
        kind: 'guardianMessage',
        personId: pupil,
        templateKey: 'ladder-step',
        payload: { explanation: 'Lease.' },
        idempotencyKey: `lease-${pupil}`,
        sendAfter: clock.now(),
      });
    }
    const dying: Transport = {
      name: 'smtp',
      send: async () => {
        throw new Error('worker killed');
      },
    };
    await expect(
      runMessageWorker(t.database, { now: clock.now(), config: config(), transports: { email: dying, sms: dying } }),
    ).rejects.toThrow('worker killed');
    // The crash above claimed the whole batch under this process's name: hand the leases to a dead and a live process.
    const child = spawnSync(process.execPath, ['-e', '']);
    const dead = formatIdentity({ pid: child.pid!, startTime: null, hostname: os.hostname() });
    const live = formatIdentity({ pid: process.ppid, startTime: null, hostname: os.hostname() });
    const claimed = await queryRows<{ id: string }>(
      t.database.db,
      sql`select d.id from message_deliveries d join outbox o on o.organiser_id = d.organiser_id and o.id = d.outbox_id
      where o.idempotency_key like 'lease-%' and d.status = 'sending' order by d.id`,
    );
    expect(claimed.length).toBeGreaterThan(1);
    const half = Math.floor(claimed.length / 2);
    for (const [i, row] of claimed.entries()) {
      await t.database.db.execute(
        sql`update message_deliveries set locked_by = ${i < half ? dead : live} where id = ${row.id}`,
      );
    }
    expect(await reclaimDeadLeases(t.database.db, { isSoleProcess: false, now: clock.now() })).toBe(half);
    expect((await run()).sent).toBe(half);
    // The sole process (PGlite) knows every other lease is dead.
    expect(await reclaimDeadLeases(t.database.db, { isSoleProcess: true, now: clock.now() })).toBe(
      claimed.length - half,
    );
    expect((await run()).sent).toBe(claimed.length - half);
  });
});
