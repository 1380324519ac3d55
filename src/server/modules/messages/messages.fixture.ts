/**
 * Set-up shared by the message tests: a real SMTP server, the app on a test's clock with a world,
 * and a worker run that sends over that server.
 */
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Clock } from '../../clock.js';
import type { MessageConfig } from '../../config.js';
import { buildTestApp, type TestApp } from '../../test/support.js';
import { createWorld, type World } from '../../test/factories.js';
import { runMessageWorker } from './message-worker.js';
import { smtpTransport } from './channels/smtp.js';
import type { Transport, Transports } from './channels/channel.js';

/** One message as the SMTP server received it, with when it arrived (performance.now()). */
export interface ReceivedMail {
  to: string;
  raw: string;
  messageId: string;
  at: number;
}

/** A real SMTP server that keeps every received message. */
export async function startSmtp() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      stream.on('end', () => {
        const at = performance.now();
        const messageId = /^Message-ID:\s*(\S+)/im.exec(raw)?.[1] ?? '';
        for (const to of session.envelope.rcptTo) received.push({ to: to.address, raw, messageId, at });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    received,
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export interface MessageFixture {
  t: TestApp;
  world: World;
  smtp: Awaited<ReturnType<typeof startSmtp>>;
  config: MessageConfig;
  transports: Transports;
  /** One message-worker run at the clock's now, with the fixture's config and transports. */
  run: () => ReturnType<typeof runMessageWorker>;
  close: () => Promise<void>;
}

/**
 * Starts the SMTP server, then the app with `config(smtpUrl)` as its message config and a world on
 * `dates`; e-mail goes to the SMTP server, SMS through `sms(config)`.
 */
export async function startMessageFixture(options: {
  clock: Clock;
  dates: string[];
  world?: Parameters<typeof createWorld>[2];
  config: (smtpUrl: string) => MessageConfig;
  sms: (config: MessageConfig) => Transport;
}): Promise<MessageFixture> {
  const smtp = await startSmtp();
  const config = options.config(smtp.url);
  const t = await buildTestApp({ messages: config }, options.clock);
  const world = await createWorld(t.database, options.dates, options.world);
  const transports: Transports = {
    email: smtpTransport(smtp.url, 'Närvaro <noreply@skola.test>'),
    sms: options.sms(config),
  };
  return {
    t,
    world,
    smtp,
    config,
    transports,
    run: () => runMessageWorker(t.database, { now: options.clock.now(), config, transports }),
    close: async () => {
      await t.close();
      await smtp.close();
    },
  };
}

/** Unescapes quoted-printable so Swedish text can be asserted. */
export const decodeQuotedPrintable = (raw: string) =>
  Buffer.from(
    raw
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => `%${h}`)
      .replace(/%(?![0-9A-F]{2})/g, '%25'),
    'utf8',
  )
    .toString()
    .replace(/(%[0-9A-F]{2})+/g, (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return m;
      }
    });
