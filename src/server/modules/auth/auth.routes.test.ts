import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, failureOf, logInAs, settableClock, testConfig, type TestApp } from '../../test/support.js';
import { buildApp } from '../../app.js';
import { createWorld, type World } from '../../test/factories.js';
import { queryRows } from '../../db/client.js';

describe('authentication', () => {
  let t: TestApp;
  let world: World;
  const clock = settableClock('2026-01-14T08:00:00Z');
  beforeAll(async () => {
    t = await buildTestApp({ loginAttemptsPerWindow: 3, sessionIdleMinutes: 30 }, clock);
    world = await createWorld(t.database, []);
  });
  afterAll(() => t.close());

  it('logs in with a secure HttpOnly session cookie and logs out', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: world.usernames.mentor, password: 'secret' },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'narvaro_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
    expect(response.json()).toMatchObject({
      username: world.usernames.mentor,
      roles: expect.arrayContaining([{ role: 'mentor', schoolUnitId: world.schoolUnitId }]),
    });
    const session = await logInAs(t.app, world.usernames.mentor);
    expect((await session.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await session.request({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect((await session.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('answers wrong passwords the same for known and unknown users, then delays with a Swedish message, never locks', async () => {
    const attempt = (username: string, password = 'wrong', remoteAddress = '10.0.0.1') =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
    const unknown = await attempt('nobody-here');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual({ error: 'INVALID_CREDENTIALS', message: 'Fel användarnamn eller lösenord.' });
    for (let i = 0; i < 3; i++) expect((await attempt(world.usernames.teacher)).statusCode).toBe(401);
    const blocked = await attempt(world.usernames.teacher);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().message).toMatch(/För många misslyckade inloggningsförsök/);
    expect(blocked.headers['retry-after']).toBe('1');
    // Even the right password waits for the delay ...
    expect((await attempt(world.usernames.teacher, 'secret')).statusCode).toBe(429);
    // ... but the attacker's failures never reach the teacher at another address,
    expect((await attempt(world.usernames.teacher, 'secret', '10.0.0.2')).statusCode).toBe(200);
    // and each further failure doubles the wait instead of locking the account.
    clock.advance(1000);
    expect((await attempt(world.usernames.teacher)).statusCode).toBe(401);
    expect((await attempt(world.usernames.teacher)).headers['retry-after']).toBe('2');
    clock.advance(2000);
    expect((await attempt(world.usernames.teacher, 'secret')).statusCode).toBe(200);
    // A successful login clears the pair's failures.
    expect((await attempt(world.usernames.teacher)).statusCode).toBe(401);
  });

  it('budgets failures per IP across usernames', async () => {
    const ip = '10.0.0.9';
    // 30 = tenfold the pair budget of 3; spread over usernames so no pair reaches its own limit.
    for (let i = 0; i < 30; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `guess-${i}`, password: 'x' },
        remoteAddress: ip,
      });
      expect(res.statusCode).toBe(401);
    }
    const next = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: world.usernames.mentor, password: 'secret' },
      remoteAddress: ip,
    });
    expect(next.statusCode).toBe(429);
    clock.advance(1000);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: world.usernames.mentor, password: 'secret' },
          remoteAddress: ip,
        })
      ).statusCode,
    ).toBe(200);
  });

  it('counts failures in the database, so another web process (WEB_PROCESSES) delays the same attempts', async () => {
    // A second app on the same database stands for a second process: it shares no memory with the first.
    const other = await buildApp({ database: t.database, config: testConfig({ loginAttemptsPerWindow: 3 }), clock });
    try {
      const attempt = (app: typeof other, password: string) =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: world.usernames.otherTeacher, password },
          remoteAddress: '10.0.0.20',
        });
      expect((await attempt(t.app, 'wrong')).statusCode).toBe(401);
      expect((await attempt(other, 'wrong')).statusCode).toBe(401);
      expect((await attempt(t.app, 'wrong')).statusCode).toBe(401);
      expect((await attempt(other, 'secret')).statusCode).toBe(429);
      // Neither the username nor the address is kept in clear.
      const keys = await queryRows<{ key_hash: string }>(t.database.db, sql`select key_hash from throttle_keys`);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.every((k) => /^[0-9a-f]{64}$/.test(k.key_hash))).toBe(true);
      clock.advance(1000);
      expect((await attempt(t.app, 'secret')).statusCode).toBe(200);
      // Failures forgotten (an hour after the last) are swept by the next failure, whoever's.
      clock.advance(2 * 3600_000);
      expect((await attempt(other, 'wrong')).statusCode).toBe(401);
      expect(await queryRows(t.database.db, sql`select scope, hits from throttle_keys order by scope`)).toEqual([
        { scope: 'login-ip', hits: 1 },
        { scope: 'login-pair', hits: 1 },
      ]);
    } finally {
      await other.close();
    }
  });

  it('ends a session after SESSION_IDLE_MINUTES without a request', async () => {
    const session = await logInAs(t.app, world.usernames.studentHealth);
    expect((await session.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    // The session last served a request 31 minutes ago (idle limit 30 in this app).
    await t.database.db.execute(sql`update sessions set last_seen_at = now() - interval '31 minutes'
      where user_id = (select id from users where username = ${world.usernames.studentHealth})`);
    expect((await session.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const fresh = await logInAs(t.app, world.usernames.studentHealth);
    await t.database.db.execute(sql`update sessions set last_seen_at = now() - interval '29 minutes'
      where user_id = (select id from users where username = ${world.usernames.studentHealth})`);
    expect((await fresh.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
  });

  it("logs out the user's other sessions, keeps this one, and audits it", async () => {
    const phone = await logInAs(t.app, world.usernames.principal);
    const laptop = await logInAs(t.app, world.usernames.principal);
    const other = await logInAs(t.app, world.usernames.organiserAdmin);
    const res = await laptop.request({ method: 'POST', url: '/api/auth/sessions/log-out-others' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ended: 1 });
    expect((await phone.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await laptop.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await other.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    const [event] = await queryRows<{ data: unknown }>(
      t.database.db,
      sql`select data from audit_events where organiser_id = ${world.organiserId} and type = 'auth.logout-others'`,
    );
    expect(event.data).toEqual({ ended: 1 });
    expect(
      (
        await laptop.request({
          method: 'POST',
          url: '/api/auth/sessions/log-out-others',
          headers: { 'x-csrf-token': 'forged' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('rejects state-changing requests without the CSRF token', async () => {
    const session = await logInAs(t.app, world.usernames.mentor);
    const response = await session.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toBe('CSRF_TOKEN_INVALID');
  });

  it('audits logins and keeps the audit log insert-only', async () => {
    const rows = await queryRows<{ type: string }>(
      t.database.db,
      sql`select type from audit_events where organiser_id = ${world.organiserId}`,
    );
    expect(rows.map((r) => r.type)).toEqual(expect.arrayContaining(['auth.login', 'auth.logout', 'auth.login-failed']));
    expect(
      await failureOf(t.database, sql`update audit_events set type = 'x' where organiser_id = ${world.organiserId}`),
    ).toMatch(/insert-only/);
    expect(
      await failureOf(t.database, sql`delete from audit_events where organiser_id = ${world.organiserId}`),
    ).toMatch(/insert-only/);
  });

  it('serves health and the OpenAPI document with every API route', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const documented = Object.keys(doc.paths);
    const routes = t.app.printRoutes({ commonPrefix: false });
    expect(documented).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/lessons/mine',
        '/api/lessons/{id}/registration',
        '/api/pupils/{id}',
        '/api/completeness',
      ]),
    );
    expect(routes).toContain('/api/pupils');
  });
});
