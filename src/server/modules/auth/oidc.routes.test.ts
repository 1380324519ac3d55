import { createHash } from 'node:crypto';
/**
 * Single sign-on against a real OpenID provider (oidc-provider on 127.0.0.1), driven like a
 * browser: Närvaro's login route → the provider's authorization and interaction → the callback.
 * Accounts come from an SS12000 import, as in production.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { queryRows, schema } from '../../db/client.js';
import { buildTestApp, type TestApp } from '../../test/support.js';
import { startTestOidcProvider, type TestAccount, type TestOidcProvider } from '../../test/oidc-test-provider.js';
import { importSs12000 } from '../imports/commands/import-ss12000.js';
import { IDS, recordsOf, smallImport } from '../imports/test/small-import.js';
import { createUser } from './commands/create-user.js';
import { NO_ORGANISER_ID } from './commands/log-in-with-oidc.js';

const BASE = 'https://narvaro.test';
const EVA: TestAccount = { sub: 'eva-at-idp', email: 'Eva.Testsson@skolan.se', name: 'Eva Testsson' };
const CECILIA: TestAccount = { sub: 'cecilia-at-broker', personal_identity_number: '198203111235' };
/** David is only "Annan ansvarig" in this data set: no custody. */
const DAVID: TestAccount = { sub: 'david-at-broker', personal_identity_number: '198506212342' };

let t: TestApp;
let idp: TestOidcProvider;
let organiserId: string;

beforeAll(async () => {
  idp = await startTestOidcProvider({ baseUrls: [BASE] });
  const provider = (kind: 'staff' | 'guardian', claim: string) => ({
    issuer: idp.issuer,
    clientId: `narvaro-${kind}`,
    clientSecret: idp.clientSecret,
    claim,
  });
  t = await buildTestApp({
    oidc: {
      publicBaseUrl: BASE,
      staff: provider('staff', 'email'),
      guardian: provider('guardian', 'personal_identity_number'),
    },
  });
  const fixture = smallImport();
  organiserId = fixture.organiserId;
  const persons = recordsOf(fixture.files, 'persons');
  persons.find((p) => p.id === IDS.teacher)!.emails = [{ value: 'eva.testsson@skolan.se', type: 'Skola personal' }];
  persons.find((p) => p.id === IDS.pupil2)!.responsibles = [
    { person: { id: IDS.guardian1 }, relationType: 'Vårdnadshavare' },
    { person: { id: IDS.guardian2 }, relationType: 'Annan ansvarig' },
  ];
  const report = await importSs12000(t.database, { files: fixture.files, actorUserId: null });
  expect(report.status).toBe('applied');
});
afterAll(async () => {
  await t.close();
  await idp.close();
});

/** Follows the provider's redirects with its own cookie jar until it sends the browser back to Närvaro. */
async function throughProvider(location: string): Promise<URL> {
  const jar = new Map<string, string>();
  let next = location;
  for (let hops = 0; hops < 10 && !next.startsWith(BASE); hops++) {
    const response = await fetch(next, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      if (/expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(pair.slice(0, at));
      else jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const target = response.headers.get('location');
    if (!target) throw new Error(`provider answered ${response.status} at ${next}: ${await response.text()}`);
    next = new URL(target, next).href;
  }
  return new URL(next);
}

interface SignIn {
  callback: LightMyRequestResponse;
  session?: string;
  binding: string;
  callbackPath: string;
}

async function signIn(
  kind: 'staff' | 'guardian',
  account: TestAccount,
  change: { state?: string } = {},
): Promise<SignIn> {
  idp.signInAs(account);
  const start = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/${kind}/login` });
  expect(start.statusCode).toBe(302);
  const binding = start.cookies.find((c) => c.name === 'narvaro_oidc')!;
  expect(binding).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/auth/oidc' });
  const authorization = new URL(start.headers.location as string);
  expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorization.searchParams.get('redirect_uri')).toBe(`${BASE}/api/auth/oidc/${kind}/callback`);
  const back = await throughProvider(authorization.href);
  if (change.state) back.searchParams.set('state', change.state);
  const callbackPath = back.pathname + back.search;
  const callback = await t.app.inject({ method: 'GET', url: callbackPath, cookies: { narvaro_oidc: binding.value } });
  expect(callback.statusCode).toBe(302);
  return {
    callback,
    binding: binding.value,
    callbackPath,
    session: callback.cookies.find((c) => c.name === 'narvaro_session')?.value,
  };
}

const me = (session: string) =>
  t.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { narvaro_session: session } });
const lastRefusal = async () =>
  (
    await queryRows<{ organiser_id: string; data: Record<string, unknown> }>(
      t.database.db,
      sql`
  SELECT organiser_id, data FROM audit_events WHERE type = 'auth.login-failed' ORDER BY id DESC LIMIT 1`,
    )
  )[0];

describe('OIDC sign-in', () => {
  it('tells the web app which sign-in buttons to show', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/oidc/providers' })).json()).toEqual({
      staff: true,
      guardian: true,
    });
  });

  it("signs a staff member in by e-mail with the roles SS12000 gives, and offers the provider's logout", async () => {
    const { callback, session } = await signIn('staff', EVA);
    expect(callback.headers.location).toBe('/');
    const cookie = callback.cookies.find((c) => c.name === 'narvaro_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
    const user = (await me(session!)).json();
    expect(user).toMatchObject({
      kind: 'staff',
      displayName: 'Eva Testsson',
      roles: expect.arrayContaining([
        { role: 'mentor', schoolUnitId: IDS.unit },
        { role: 'teacher', schoolUnitId: IDS.unit },
      ]),
    });
    expect(user.endSessionUrl).toMatch(
      new RegExp(`^${idp.issuer}/session/end\\?client_id=narvaro-staff&post_logout_redirect_uri=`),
    );
    const [login] = await queryRows<{ data: Record<string, unknown> }>(
      t.database.db,
      sql`
      SELECT data FROM audit_events WHERE organiser_id = ${organiserId} AND type = 'auth.login' ORDER BY id DESC LIMIT 1`,
    );
    expect(login.data).toMatchObject({ kind: 'staff', provider: 'oidc-staff' });
  });

  it('signs a guardian in by personal number and shows their children only', async () => {
    const { session } = await signIn('guardian', CECILIA);
    expect((await me(session!)).json()).toMatchObject({ kind: 'guardian', roles: [] });
    const overview = await t.app.inject({
      method: 'GET',
      url: '/api/guardian/overview',
      cookies: { narvaro_session: session! },
    });
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Alva');
  });

  it('refuses the same callback twice (the sign-in in progress is single use)', async () => {
    const first = await signIn('staff', EVA);
    expect(first.session).toBeDefined();
    const replay = await t.app.inject({
      method: 'GET',
      url: first.callbackPath,
      cookies: { narvaro_oidc: first.binding },
    });
    expect(replay.headers.location).toBe('/login?error=OIDC_FAILED');
    expect(replay.cookies.find((c) => c.name === 'narvaro_session')).toBeUndefined();
  });

  it('refuses a callback without the browser that started it', async () => {
    idp.signInAs(EVA);
    const start = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/staff/login' });
    const back = await throughProvider(start.headers.location as string);
    const callback = await t.app.inject({ method: 'GET', url: back.pathname + back.search });
    expect(callback.headers.location).toBe('/login?error=OIDC_FAILED');
  });

  for (const [name, tamper] of [
    ['a signature by another key', 'foreign-key'],
    ['a wrong nonce', 'nonce'],
    ['an expired ID token', 'expired'],
  ] as const) {
    it(`refuses ${name}`, async () => {
      idp.tamper(tamper);
      try {
        const { callback, session } = await signIn('staff', EVA);
        expect(callback.headers.location).toBe('/login?error=OIDC_FAILED');
        expect(session).toBeUndefined();
        expect((await lastRefusal()).data).toMatchObject({ reason: 'verification-failed', provider: 'oidc-staff' });
      } finally {
        idp.tamper(null);
      }
    });
  }

  it('refuses a wrong state', async () => {
    const { callback, session } = await signIn('staff', EVA, { state: 'forged-state' });
    expect(callback.headers.location).toBe('/login?error=OIDC_FAILED');
    expect(session).toBeUndefined();
  });

  it('refuses an unknown person and audits it without the personal number', async () => {
    const { callback, session } = await signIn('guardian', {
      sub: 'stranger',
      personal_identity_number: '197001011234',
    });
    expect(callback.headers.location).toBe('/login?error=OIDC_UNKNOWN_PERSON');
    expect(session).toBeUndefined();
    const refusal = await lastRefusal();
    expect(refusal).toMatchObject({
      organiser_id: NO_ORGANISER_ID,
      data: { reason: 'unknown-person', provider: 'oidc-guardian' },
    });
    const all = await queryRows<{ data: unknown }>(t.database.db, sql`SELECT data FROM audit_events`);
    expect(JSON.stringify(all)).not.toContain('197001011234');
    expect(JSON.stringify(all)).not.toContain('198203111235');
    const staff = await signIn('staff', { sub: 'x', email: 'nobody@skolan.se' });
    expect(staff.callback.headers.location).toBe('/login?error=OIDC_UNKNOWN_PERSON');
  });

  it('traces a refused subject that is itself a personal number without a hash anyone can recompute', async () => {
    // Some brokers send the personal number as the subject; a plain hash of issuer and subject can
    // be reversed by trying every personal number (security review, session 9).
    const pnr = '197002021236';
    const first = await signIn('guardian', { sub: pnr, personal_identity_number: pnr });
    expect(first.callback.headers.location).toBe('/login?error=OIDC_UNKNOWN_PERSON');
    const { subjectHash } = (await lastRefusal()).data as { subjectHash: string };
    const plain = (s: string) => createHash('sha256').update(s).digest('hex');
    expect(subjectHash).toMatch(/^[0-9a-f]{16,}$/);
    for (const guess of [`${idp.issuer}|${pnr}`, pnr, `${idp.issuer}${pnr}`])
      expect(plain(guess)).not.toContain(subjectHash);
    await signIn('guardian', { sub: pnr, personal_identity_number: pnr });
    expect(((await lastRefusal()).data as { subjectHash: string }).subjectHash).toBe(subjectHash);
  });

  it('refuses a guardian without custody (no account is made on the fly), audited on the organiser', async () => {
    const { callback, session } = await signIn('guardian', DAVID);
    expect(callback.headers.location).toBe('/login?error=OIDC_NO_CUSTODY');
    expect(session).toBeUndefined();
    expect(await lastRefusal()).toMatchObject({ organiser_id: organiserId, data: { reason: 'no-custody' } });
    const accounts = await t.database.db.select().from(schema.users).where(sql`person_id = ${IDS.guardian2}::uuid`);
    expect(accounts).toEqual([]);
  });

  it('refuses a disabled account', async () => {
    await t.database.db
      .update(schema.users)
      .set({ isActive: false, disabledBy: 'admin' })
      .where(sql`person_id = ${IDS.teacher}::uuid`);
    try {
      const { callback } = await signIn('staff', EVA);
      expect(callback.headers.location).toBe('/login?error=OIDC_ACCOUNT_DISABLED');
      expect(await lastRefusal()).toMatchObject({ organiser_id: organiserId, data: { reason: 'inactive' } });
    } finally {
      await t.database.db
        .update(schema.users)
        .set({ isActive: true, disabledBy: null })
        .where(sql`person_id = ${IDS.teacher}::uuid`);
    }
  });
});

describe('local passwords per organiser', () => {
  it('refuses staff and guardian passwords when the organiser turned them off; the system administrator still may', async () => {
    await t.database.db.transaction(async (tx) => {
      await createUser(tx, {
        organiserId,
        username: 'lokal-larare',
        password: 'secret',
        displayName: 'Lokal Lärare',
        roles: [{ role: 'teacher', schoolUnitId: IDS.unit }],
      });
      await createUser(tx, {
        organiserId,
        username: 'lokal-admin',
        password: 'secret',
        displayName: 'Admin',
        roles: [{ role: 'systemAdmin', schoolUnitId: null }],
      });
      await tx.insert(schema.authSettings).values({ organiserId, localLoginEnabled: false });
    });
    const login = (username: string, password = 'secret') =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    const refused = await login('lokal-larare');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'LOCAL_LOGIN_DISABLED', message: expect.stringMatching(/avstängd/) });
    // A wrong password still looks like any wrong password.
    expect((await login('lokal-larare', 'wrong')).json().error).toBe('INVALID_CREDENTIALS');
    expect((await login('lokal-admin')).statusCode).toBe(200);
    expect((await lastRefusal()).data).toMatchObject({ reason: 'bad-password' });
  });
});
