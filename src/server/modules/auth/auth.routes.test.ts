import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, failureOf, logInAs, type TestApp } from '../../test/support.js';
import { createWorld, type World } from '../../test/factories.js';
import { queryRows } from '../../db/client.js';

describe('authentication', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    t = await buildTestApp({ loginAttemptsPerWindow: 3 });
    world = await createWorld(t.database, []);
  });
  afterAll(() => t.close());

  it('logs in with a secure HttpOnly session cookie and logs out', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: world.usernames.mentor, password: 'secret' } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'narvaro_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
    expect(response.json()).toMatchObject({ username: world.usernames.mentor, roles: expect.arrayContaining([{ role: 'mentor', schoolUnitId: world.schoolUnitId }]) });
    const session = await logInAs(t.app, world.usernames.mentor);
    expect((await session.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await session.request({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect((await session.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('answers wrong passwords the same for known and unknown users, then throttles with a Swedish message', async () => {
    const attempt = (username: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'wrong' } });
    const unknown = await attempt('nobody-here');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual({ error: 'INVALID_CREDENTIALS', message: 'Fel användarnamn eller lösenord.' });
    for (let i = 0; i < 3; i++) expect((await attempt(world.usernames.teacher)).statusCode).toBe(401);
    const blocked = await attempt(world.usernames.teacher);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().message).toMatch(/För många misslyckade inloggningsförsök/);
    // Even the right password waits out the window.
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: world.usernames.teacher, password: 'secret' } });
    expect(right.statusCode).toBe(429);
  });

  it('rejects state-changing requests without the CSRF token', async () => {
    const session = await logInAs(t.app, world.usernames.mentor);
    const response = await session.request({ method: 'POST', url: '/api/auth/logout', headers: { 'x-csrf-token': 'forged' } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toBe('CSRF_TOKEN_INVALID');
  });

  it('audits logins and keeps the audit log insert-only', async () => {
    const rows = await queryRows<{ type: string }>(t.database.db, sql`select type from audit_events where organiser_id = ${world.organiserId}`);
    expect(rows.map((r) => r.type)).toEqual(expect.arrayContaining(['auth.login', 'auth.logout', 'auth.login-failed']));
    expect(await failureOf(t.database, sql`update audit_events set type = 'x' where organiser_id = ${world.organiserId}`)).toMatch(/insert-only/);
    expect(await failureOf(t.database, sql`delete from audit_events where organiser_id = ${world.organiserId}`)).toMatch(/insert-only/);
  });

  it('serves health and the OpenAPI document with every API route', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const documented = Object.keys(doc.paths);
    const routes = t.app.printRoutes({ commonPrefix: false });
    expect(documented).toEqual(expect.arrayContaining(['/api/auth/login', '/api/lessons/mine', '/api/lessons/{id}/registration', '/api/pupils/{id}', '/api/completeness']));
    expect(routes).toContain('/api/pupils');
  });
});
