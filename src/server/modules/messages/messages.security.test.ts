/**
 * Security review (session 9): what staff see of guardians they cannot reach.
 * - A provider's error quotes the address it refused (a real SMTP server's 550 names the mailbox);
 *   staff never see addresses (docs/permissions.md), so a delivery error is stored and shown
 *   without e-mail addresses and numbers: message log, unreachable guardians, the export's rows.
 * - A protected pupil's guardians are not named to staff (as on the pupil page and in the log),
 *   also not in the list of guardians who cannot be reached.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { buildTestApp, logInAs, settableClock, testConfig, type TestApp } from '../../test/support.js';
import { addGuardian, createWorld, type World } from '../../test/factories.js';
import { queryRows, schema } from '../../db/client.js';
import { runMessageWorker } from './message-worker.js';
import { smtpTransport } from './channels/smtp.js';
import type { Transports } from './channels/channel.js';

describe('guardian contact details in what staff see of deliveries', () => {
  const clock = settableClock('2026-01-14T10:00:00Z');
  const config = { ...testConfig().messages, smsCallbackToken: 'cb-secret' };
  let t: TestApp;
  let world: World;
  let smtp: SMTPServer;
  let transports: Transports;

  beforeAll(async () => {
    // An SMTP server that refuses every mailbox the way real ones do: quoting it.
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        const error = new Error(`<${address.address}>: Recipient address rejected: User unknown`) as Error & {
          responseCode: number;
        };
        error.responseCode = 550;
        callback(error);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const url = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    const unused = { name: 'none', send: () => Promise.reject(new Error('no SMS in this test')) };
    transports = { email: smtpTransport(url, 'Närvaro <noreply@skola.test>'), sms: unused };
    t = await buildTestApp({ messages: config }, clock);
    world = await createWorld(t.database, ['2026-01-14']);
  });
  afterAll(async () => {
    await transports.email.close?.();
    await new Promise<void>((r) => smtp.close(() => r()));
    await t.close();
  });

  const queueMessage = (pupilId: string) =>
    t.database.db.insert(schema.outbox).values({
      organiserId: world.organiserId,
      id: randomUUID(),
      kind: 'guardianMessage',
      personId: pupilId,
      templateKey: 'ladder-step',
      payload: { explanation: 'Steg 1.' },
      idempotencyKey: `security-${pupilId}`,
      sendAfter: clock.now(),
    });

  it('stores and shows a refused delivery without the address the provider quoted', async () => {
    const pupil = world.pupilsA[0];
    await addGuardian(t.database, world, 'Maria', { pupilIds: [pupil], email: 'maria.svensson@example.test' });
    await queueMessage(pupil);
    expect(await runMessageWorker(t.database, { now: clock.now(), config, transports })).toMatchObject({ failed: 1 });
    const [stored] = await queryRows<{ id: string; last_error: string }>(
      t.database.db,
      sql`select d.id, d.last_error from message_deliveries d join outbox o on o.organiser_id = d.organiser_id and o.id = d.outbox_id
        where o.person_id = ${pupil} and d.channel = 'email'`,
    );
    // The reason stays useful; the address is gone (the export's message_deliveries.csv reads this column).
    expect(stored.last_error).toMatch(/550/);
    expect(stored.last_error).not.toContain('maria.svensson');

    const rektor = await logInAs(t.app, world.usernames.principal);
    const log = await rektor.request({ method: 'GET', url: '/api/messages' });
    expect(log.statusCode).toBe(200);
    expect(log.json().messages.find((m: { deliveryId: string }) => m.deliveryId === stored.id).error).toMatch(/550/);
    const unreachable = await rektor.request({ method: 'GET', url: '/api/messages/unreachable-guardians' });
    expect(unreachable.json().guardians).toEqual([
      expect.objectContaining({
        guardianName: 'Maria Förälder',
        problem: 'lastDeliveryFailed',
        lastError: expect.stringMatching(/550/),
      }),
    ]);
    for (const body of [log.body, unreachable.body]) expect(body).not.toContain('maria.svensson');

    // The SMS provider's delivery report may quote the number (or anything else it was given).
    const report = await t.app.inject({
      method: 'POST',
      url: '/api/messages/sms-callback',
      headers: { 'x-callback-token': 'cb-secret' },
      payload: {
        reference: `${world.organiserId}/${stored.id}`,
        status: 'failed',
        error: 'Number +46 70-123 45 67 unreachable (ref 200001011234, maria.svensson@example.test)',
      },
    });
    expect(report.statusCode).toBe(204);
    const afterReport = (await rektor.request({ method: 'GET', url: '/api/messages' })).body;
    expect(afterReport).toContain('unreachable');
    for (const quoted of ['123 45 67', '200001011234', 'maria.svensson']) expect(afterReport).not.toContain(quoted);
  });

  it("does not name a protected pupil's guardian among those who cannot be reached", async () => {
    await addGuardian(t.database, world, 'Skyddad', {
      pupilIds: [world.protectedPupil],
      securityMarking: 'Skyddad folkbokföring',
      email: null,
    });
    for (const username of [world.usernames.principal, world.usernames.mentor, world.usernames.studentHealth]) {
      const res = await (await logInAs(t.app, username)).request({
        method: 'GET',
        url: '/api/messages/unreachable-guardians',
      });
      expect(res.statusCode).toBe(200);
      const row = res.json().guardians.find((g: { pupilId: string }) => g.pupilId === world.protectedPupil);
      expect([username, row]).toEqual([
        username,
        expect.objectContaining({ guardianName: null, problem: 'noChannel' }),
      ]);
      expect(res.body).not.toContain('Skyddad Förälder');
    }
  });
});
