/**
 * Access checks bound to the matched route (issue 15, item 1): whatever spelling of the path
 * reaches a route, its CSRF, session, principal and region checks hold; non-canonical paths are 400.
 * The routes are enumerated from the app itself, so a new route is covered the day it is added.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, logInAs, type Session, type TestApp } from '../test/support.js';
import { addGuardian, createWorld, type World } from '../test/factories.js';
import { createRegion } from '../modules/statistics/commands/create-region.js';
import { isCanonicalPath } from './authenticate.js';

describe('route-bound access checks', () => {
  let t: TestApp;
  let world: World;
  let principal: Session;
  let guardian: Session;
  let region: Session;

  beforeAll(async () => {
    t = await buildTestApp();
    world = await createWorld(t.database, ['2026-01-12']);
    principal = await logInAs(t.app, world.usernames.principal);
    guardian = await logInAs(
      t.app,
      (await addGuardian(t.database, world, 'Gun', { pupilIds: [world.pupilsA[0]] })).username,
    );
    await t.database.db.transaction((tx) =>
      createRegion(tx, {
        name: 'Region Test',
        organiserIds: [world.organiserId],
        user: { username: `region-${world.organiserId.slice(0, 8)}`, password: 'secret', displayName: 'Regionen' },
      }),
    );
    region = await logInAs(t.app, `region-${world.organiserId.slice(0, 8)}`);
  });
  afterAll(() => t.close());

  /** A concrete URL for a route pattern: every parameter a (non-existent) id, `*` a file name. */
  const concrete = (pattern: string) => pattern.replace(/:[A-Za-z]+/g, world.pupilsA[0]).replace('*', 'x.csv');
  const apiRoutes = () => t.app.routeAccess.filter((r) => r.url.startsWith('/api/'));
  const stateChanging = () => apiRoutes().filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method));
  const noToken = { 'x-csrf-token': '' };

  it('finds the routes to check', () => {
    expect(stateChanging().length).toBeGreaterThan(40);
    expect(
      stateChanging()
        .filter((r) => r.csrf)
        .map((r) => `${r.method} ${r.url}`),
    ).toContain('POST /api/pupils/:id/concern-flag');
    // Only routes that say so are public, and none of them trusts the session.
    expect(
      apiRoutes()
        .filter((r) => r.audience === 'public')
        .map((r) => `${r.method} ${r.url}`)
        .sort(),
    ).toEqual([
      'GET /api/auth/oidc/providers',
      'GET /api/openapi.json',
      'HEAD /api/auth/oidc/providers',
      'HEAD /api/openapi.json',
      'POST /api/auth/login',
      'POST /api/messages/sms-callback',
    ]);
  });

  it('refuses every state-changing session route without the CSRF token, however the path is spelled', async () => {
    for (const route of stateChanging().filter((r) => r.audience !== 'public')) {
      expect(route.csrf).toBe(true);
      const url = concrete(route.url);
      const plain = await principal.request({ method: route.method as 'POST', url, headers: noToken, payload: {} });
      // A guardian route is refused to staff by principal (WRONG_PRINCIPAL) before CSRF; every other route by CSRF.
      expect([route.method, route.url, plain.statusCode]).toEqual([route.method, route.url, 403]);
      if (route.audience !== 'guardian') expect(plain.json().error).toBe('CSRF_TOKEN_INVALID');
      const variants = [
        url.replace('/api/', '/%61pi/'),
        url.replace('/api/', '/api/%' + url.charCodeAt(5).toString(16)),
        url.replace('/api/', '//api/'),
        url.replace('/api/', '/api//'),
        url.replace('/api/', '/api/./'),
        url.replace('/api/', '/x/../api/'),
        url.replace('/api/', '/api\\'),
        url.replace('/api/', '/%2561pi/'),
      ];
      for (const variant of variants) {
        const res = await principal.request({
          method: route.method as 'POST',
          url: variant,
          headers: noToken,
          payload: {},
        });
        // 400 for the spelling; the test client resolves dot segments and backslashes itself, and then the route's own 403 answers.
        expect([variant, res.statusCode]).toEqual([
          variant,
          /[.\\]/.test(variant) ? expect.toBeOneOf([400, 403]) : 400,
        ]);
      }
    }
  });

  it('answers 400 with the error shape to a non-canonical path before any route runs', async () => {
    const res = await principal.request({
      method: 'POST',
      url: `/%61pi/pupils/${world.pupilsA[0]}/concern-flag`,
      headers: noToken,
      payload: { isFlagged: true },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'VALIDATION_FAILED', message: 'Ogiltig sökväg.' });
    expect(res.body).not.toContain('%61pi');
    for (const path of [
      '/%61pi/auth/me',
      '/api/%70upils',
      '//api/auth/me',
      '/api/./auth/me',
      '/api/x/../auth/me',
      '/api\\auth\\me',
      '/api/auth/m%65',
      '/api%2Fauth%2Fme',
      '/api/auth/me%00',
      '/api/auth/me/.',
      '/api/auth/%2e%2e/auth/me',
      '/api/auth/%2561',
    ]) {
      expect([path, isCanonicalPath(path)]).toEqual([path, false]);
      // (light-my-request resolves literal dot segments and backslashes before the app sees them; a real socket does not.)
      if (!/\/(\.|%2e){1,2}(\/|$)|\\/i.test(path))
        expect([path, (await guardian.request({ method: 'GET', url: path })).statusCode]).toEqual([path, 400]);
    }
    for (const path of [
      '/api/auth/me',
      '/api/pupils?search=%61%2F..',
      '/api/pupils/%C3%A5',
      '/',
      '/assets/index-abc.js',
    ])
      expect([path, isCanonicalPath(path)]).toEqual([path, true]);
  });

  it('asks for a session on every non-public route before reading the body', async () => {
    for (const route of apiRoutes().filter((r) => r.audience !== 'public')) {
      const res = await t.app.inject({
        method: route.method as 'POST',
        url: concrete(route.url),
        headers: { 'content-type': 'application/json' },
        payload: '{not json',
      });
      expect([route.method, route.url, res.statusCode]).toEqual([route.method, route.url, 401]);
      if (route.method !== 'HEAD') expect(res.json().error).toBe('UNAUTHENTICATED');
    }
  });

  it('hides every staff route from a guardian and every route not opened to them from a region user (404)', async () => {
    let checked = 0;
    for (const route of apiRoutes().filter((r) => r.audience === 'staff')) {
      for (const [who, session] of [
        ['guardian', guardian],
        ['region', region],
      ] as const) {
        if (who === 'region' && route.allowRegion) continue;
        const res = await session.request({ method: route.method as 'POST', url: concrete(route.url), payload: {} });
        expect([who, route.method, route.url, res.statusCode]).toEqual([who, route.method, route.url, 404]);
        checked++;
      }
    }
    for (const route of apiRoutes().filter((r) => r.audience === 'guardian')) {
      const res = await region.request({ method: route.method as 'POST', url: concrete(route.url), payload: {} });
      expect([route.method, route.url, res.statusCode]).toEqual([route.method, route.url, 404]);
    }
    expect(checked).toBeGreaterThan(100);
    // What stays open to them.
    expect((await guardian.request({ method: 'GET', url: '/api/guardian/overview' })).statusCode).toBe(200);
    expect(
      (await region.request({ method: 'GET', url: '/api/statistics/region?from=2026-01-12&to=2026-01-14' })).statusCode,
    ).toBe(200);
    expect((await region.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
  });

  it('gives a route that declares nothing the safe default: staff only, CSRF on state-changing methods', async () => {
    const { accessOf } = await import('./authenticate.js');
    expect(accessOf('POST', {})).toEqual({ audience: 'staff', allowRegion: false, csrf: true });
    expect(accessOf('GET', {})).toEqual({ audience: 'staff', allowRegion: false, csrf: false });
    expect(accessOf('POST', { audience: 'public' })).toEqual({ audience: 'public', allowRegion: false, csrf: false });
    expect(() => accessOf('GET', { audience: 'everyone' as 'any' })).toThrow(/audience/);
  });
});
