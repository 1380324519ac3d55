/**
 * Transport hardening (issue 15, items 4, 5, 6, 8, 13): body limits after authentication,
 * security headers, no caching of personal data, bad input answered 400 (never 500) in the
 * usual shape, and logs without personal data or SQL parameters.
 */
import { Writable } from 'node:stream';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildApp } from '../app.js';
import { clockFor } from '../clock.js';
import { buildTestApp, logInAs, openTestDatabase, testConfig, type Session, type TestApp } from '../test/support.js';
import { createWorld, type World } from '../test/factories.js';
import { devTransport } from '../modules/messages/channels/dev.js';

const MB = 1024 * 1024;

describe('HTTP hardening', () => {
  let t: TestApp;
  let world: World;
  let principal: Session;

  beforeAll(async () => {
    t = await buildTestApp();
    world = await createWorld(t.database, ['2026-01-12', '2026-01-13', '2026-01-14']);
    principal = await logInAs(t.app, world.usernames.principal);
  });
  afterAll(() => t.close());

  const flagUrl = () => `/api/pupils/${world.pupilsA[0]}/concern-flag`;

  it('refuses an anonymous 5 MB body with 401 before parsing it, and a signed-in one over 1 MB with 413', async () => {
    // Not JSON at all: a parse would answer 400, so 401 shows the body was never parsed.
    const junk = `{${'x'.repeat(5 * MB)}`;
    const anonymous = await t.app.inject({
      method: 'POST',
      url: flagUrl(),
      headers: { 'content-type': 'application/json' },
      payload: junk,
    });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toEqual({ error: 'UNAUTHENTICATED', message: expect.any(String) });
    const publicRoute = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: junk,
    });
    expect(publicRoute.statusCode).toBe(413);
    const big = await principal.request({ method: 'POST', url: flagUrl(), payload: { note: 'x'.repeat(1.2 * MB) } });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toEqual({ error: 'PAYLOAD_TOO_LARGE', message: expect.any(String) });
    // Under the limit the same route works.
    expect((await principal.request({ method: 'POST', url: flagUrl(), payload: { note: 'Orolig' } })).statusCode).toBe(
      204,
    );
  });

  it('sends the security headers, and no-store on API JSON, errors, CSV and PDF', async () => {
    const responses = [
      await principal.request({ method: 'GET', url: '/api/auth/me' }),
      await t.app.inject({ method: 'GET', url: '/api/auth/me' }),
      await principal.request({ method: 'GET', url: '/api/statistics/school.csv?from=2026-01-12&to=2026-01-14' }),
      await principal.request({ method: 'GET', url: '/api/early-warning.csv?scope=school' }),
      await (await logInAs(t.app, world.usernames.organiserAdmin)).request({
        method: 'GET',
        url: '/api/statistics/board-report.pdf?from=2026-01-12&to=2026-01-14',
      }),
      await t.app.inject({ method: 'GET', url: '/api/no-such-route' }),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 401, 200, 200, 200, 404]);
    for (const res of responses) {
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('sends HSTS only when configured for HTTPS, and serves the web app publicly with the CSP', async () => {
    const { database, close } = await openTestDatabase();
    const webDistDir = await mkdtemp(path.join(os.tmpdir(), 'narvaro-web-'));
    await mkdir(path.join(webDistDir, 'assets'));
    await writeFile(
      path.join(webDistDir, 'index.html'),
      '<!doctype html><script type="module" src="/assets/app.js"></script>',
    );
    await writeFile(path.join(webDistDir, 'assets', 'app.js'), 'console.log(1)');
    const config = testConfig({ isHstsEnabled: true, webDistDir });
    const app = await buildApp({ database, config, clock: clockFor(config) });
    try {
      expect((await app.inject({ method: 'GET', url: '/healthz' })).headers['strict-transport-security']).toBe(
        'max-age=31536000; includeSubDomains',
      );
      const page = await app.inject({ method: 'GET', url: '/pupils/123' });
      expect([page.statusCode, page.body, page.headers['cache-control']]).toEqual([
        200,
        expect.stringContaining('/assets/app.js'),
        'no-store',
      ]);
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect((await app.inject({ method: 'GET', url: '/assets/app.js' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/pupils/123' })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/api/nothing' })).json().error).toBe('NOT_FOUND');
    } finally {
      await app.close();
      await close();
    }
  });

  it('answers impossible dates, NUL bytes, huge numbers and wrong content types with 400/415 in the usual shape', async () => {
    const bad: [string, Promise<{ statusCode: number; json: () => { error: string; message: string } }>, number][] = [
      [
        'impossible date',
        principal.request({ method: 'GET', url: '/api/statistics/school?from=2026-02-30&to=2026-03-01' }),
        400,
      ],
      [
        'date out of range',
        principal.request({ method: 'GET', url: '/api/statistics/school?from=9999-99-99&to=9999-99-99' }),
        400,
      ],
      [
        'NUL in login username',
        t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'rektor\u0000', password: 'x' } }),
        400,
      ],
      ['NUL in a body', principal.request({ method: 'POST', url: flagUrl(), payload: { note: 'a\u0000b' } }), 400],
      ['NUL in a query', principal.request({ method: 'GET', url: '/api/pupils?search=%00' }), 400],
      [
        'huge integer',
        principal.request({ method: 'GET', url: '/api/early-warning?scope=school&minStep=99999999999999999999' }),
        400,
      ],
      ['huge number in a body', principal.request({ method: 'POST', url: flagUrl(), payload: { note: 1e308 } }), 400],
      [
        'malformed JSON',
        principal.request({
          method: 'POST',
          url: flagUrl(),
          headers: { 'content-type': 'application/json' },
          payload: '{"note":',
        }),
        400,
      ],
      [
        'XML',
        principal.request({
          method: 'POST',
          url: flagUrl(),
          headers: { 'content-type': 'application/xml' },
          payload: '<note/>',
        }),
        415,
      ],
      [
        'zip as JSON',
        principal.request({
          method: 'POST',
          url: flagUrl(),
          headers: { 'content-type': 'application/json' },
          payload: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff]),
        }),
        400,
      ],
    ];
    for (const [name, pending, status] of bad) {
      const res = await pending;
      expect([name, res.statusCode]).toEqual([name, status]);
      expect([
        name,
        Object.keys(res.json())
          .filter((k) => k !== 'details')
          .sort(),
      ]).toEqual([name, ['error', 'message']]);
    }
  });

  it("answers Fastify's own errors in the usual shape without echoing the URL", async () => {
    const badUrl = await t.app.inject({ method: 'GET', url: '/api/pupils/%E0%A4%A<script>' });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json()).toEqual({ error: 'VALIDATION_FAILED', message: expect.any(String) });
    expect(badUrl.body).not.toContain('script');
    const missing = await principal.request({ method: 'GET', url: '/api/no-such-route-<b>x</b>' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: 'NOT_FOUND', message: expect.any(String) });
    const emptyJson = await principal.request({
      method: 'POST',
      url: flagUrl(),
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(emptyJson.statusCode).toBe(400);
    expect(emptyJson.json().error).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(emptyJson.json())).not.toContain('FST_');
  });
});

/** The app logging at info into `lines`, as a deployment's log collector would see it. */
async function appWithCapturedLog() {
  const lines: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const { database, close } = await openTestDatabase();
  const config = testConfig({ logLevel: 'info' });
  const app = await buildApp({ database, config, clock: clockFor(config), logStream });
  return { app, database, close, lines };
}

describe('logs without personal data', () => {
  it('logs an unhandled database error without the SQL parameters, and no query strings', async () => {
    const { app, database, close, lines } = await appWithCapturedLog();
    const civicNo = '20100101-1234';
    // A bug reached with personal data in the parameters (division by zero is no bad input: 500).
    app.get('/api/test/failing-query', { config: { audience: 'public' } }, async () =>
      database.db.execute(sql`select 1 / 0 as x where ${civicNo} <> ${'Tolvan Tolvansson'}`),
    );
    try {
      const res = await app.inject({ method: 'GET', url: `/api/test/failing-query?search=${civicNo}` });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: 'INTERNAL', message: expect.any(String) });
    } finally {
      await app.close();
      await close();
    }
    const log = lines.join('');
    expect(log).toContain('unhandled error');
    expect(log).toContain('22012');
    expect(log).not.toContain(civicNo);
    expect(log).not.toContain('Tolvan');
    expect(log).not.toContain('search=');
  });

  it('logs a path that carries a personal number without it (a client that looks pupils up by personnummer)', async () => {
    const { app, database, close, lines } = await appWithCapturedLog();
    const uuid = '20100101-1234-4abc-8def-123456789012';
    try {
      for (const url of [
        '/api/pupils/201001011234',
        '/api/pupils/20100101-1234/messages',
        '/ss12000/v2.1/persons/1001011234',
        '/api/x/100101+1234',
        `/api/pupils/${uuid}`,
      ])
        expect((await app.inject({ method: 'GET', url })).statusCode).toBeGreaterThanOrEqual(400);
    } finally {
      await app.close();
      await close();
    }
    const log = lines.join('');
    expect(log).toContain('/api/pupils/[personnummer]/messages');
    expect(log).not.toMatch(/201001011234|20100101-1234(?!-)|1001011234|100101\+1234/);
    // An id is not a personal number.
    expect(log).toContain(uuid);
  });

  it('keeps the development channel off stdout and redacts its file by default', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'narvaro-dev-'));
    const file = path.join(dir, 'messages.log');
    const stdout = vi.spyOn(process.stdout, 'write');
    const log = vi.spyOn(console, 'log');
    const message = {
      reference: 'org/1',
      to: 'anna.svensson@example.se',
      subject: 'Frånvaro för Tolvan',
      body: 'Tolvan Tolvansson (20100101-1234) var frånvarande på Skolan.',
      locale: 'sv',
    };
    await devTransport('email', file).send(message);
    await devTransport('sms', file).send({ ...message, to: '+46701234567' });
    const printed = [...stdout.mock.calls, ...log.mock.calls].map((c) => String(c[0])).join('');
    stdout.mockRestore();
    log.mockRestore();
    expect(printed).not.toMatch(/Tolvan|anna\.svensson|0701234567|20100101/);
    const written = await readFile(file, 'utf8');
    expect(written.trim().split('\n')).toHaveLength(2);
    expect(written).not.toMatch(/Tolvan|anna\.svensson|701234567|20100101|Skolan/);
    expect(written).toContain('org/1');
    await devTransport('email', file, { isFull: true }).send(message);
    expect(await readFile(file, 'utf8')).toContain('Tolvan Tolvansson');
  });
});
