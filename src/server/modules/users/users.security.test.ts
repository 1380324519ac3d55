/**
 * Security review (session 9): an administrator's account is changed only by the system
 * administrator. A huvudman who could set the system administrator's password would sign in as
 * them and hold the role it may not grant (found by the review: 200, then a working login).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, logInAs, type Session, type TestApp } from '../../test/support.js';
import { addGuardian, createWorld, type World } from '../../test/factories.js';
import { createUser } from '../auth/commands/create-user.js';
import type { Account } from '../../../shared/schemas/users.js';

describe('administrator accounts', () => {
  let t: TestApp;
  let world: World;
  let organiserAdmin: Session;
  let systemAdmin: Session;
  const idOf = async (username: string): Promise<string> => {
    const list = await systemAdmin.request({ method: 'GET', url: `/api/users?search=${encodeURIComponent(username)}` });
    return (list.json().accounts as Account[]).find((a) => a.username === username)!.id;
  };
  const logIn = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  beforeAll(async () => {
    t = await buildTestApp();
    world = await createWorld(t.database, []);
    organiserAdmin = await logInAs(t.app, world.usernames.organiserAdmin);
    systemAdmin = await logInAs(t.app, world.usernames.systemAdmin);
  });
  afterAll(() => t.close());

  it("does not let the huvudman set the system administrator's password, disable it or change its roles (403)", async () => {
    const target = await idOf(world.usernames.systemAdmin);
    const attempts = [
      { url: `/api/users/${target}/password`, payload: { password: 'huvudmannen-tar-over' } },
      { url: `/api/users/${target}/disable`, payload: undefined },
      { url: `/api/users/${target}/enable`, payload: undefined },
      {
        url: `/api/users/${target}/roles`,
        payload: { role: 'principal', schoolUnitId: world.schoolUnitId, endsOn: null },
      },
    ];
    for (const { url, payload } of attempts) {
      const res = await organiserAdmin.request({ method: 'POST', url, payload });
      expect([url, res.statusCode, res.json().error]).toEqual([url, 403, 'FORBIDDEN']);
    }
    expect((await logIn(world.usernames.systemAdmin, 'huvudmannen-tar-over')).statusCode).toBe(401);
    expect((await systemAdmin.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
  });

  it("does not let one huvudman set another huvudman's password (403); the system administrator may", async () => {
    const colleagueName = `huvudman2-${world.organiserId.slice(0, 8)}`;
    const colleague = await createUser(t.database.db, {
      organiserId: world.organiserId,
      username: colleagueName,
      password: 'secret',
      displayName: 'Andra Huvudman',
      roles: [{ role: 'organiserAdmin', schoolUnitId: null }],
    });
    const payload = { password: 'ett-nytt-losenord' };
    const byHuvudman = await organiserAdmin.request({
      method: 'POST',
      url: `/api/users/${colleague}/password`,
      payload,
    });
    expect(byHuvudman.statusCode).toBe(403);
    expect((await logIn(colleagueName, payload.password)).statusCode).toBe(401);
    const bySystemAdmin = await systemAdmin.request({
      method: 'POST',
      url: `/api/users/${colleague}/password`,
      payload,
    });
    expect(bySystemAdmin.statusCode).toBe(200);
    expect((await logIn(colleagueName, payload.password)).statusCode).toBe(200);
  });

  it("still lets the huvudman administer school staff's accounts", async () => {
    const teacher = await idOf(world.usernames.teacher);
    const res = await organiserAdmin.request({
      method: 'POST',
      url: `/api/users/${teacher}/password`,
      payload: { password: 'larare-nytt-losenord' },
    });
    expect(res.statusCode).toBe(200);
    expect((await logIn(world.usernames.teacher, 'larare-nytt-losenord')).statusCode).toBe(200);
  });

  it("does not let the huvudman set a guardian account's password (403): they would sign in as the guardian; the system administrator may", async () => {
    const { username } = await addGuardian(t.database, world, 'Vera', {
      pupilIds: [world.pupilsA[1]],
      withAccount: true,
    });
    const guardian = await idOf(username);
    const payload = { password: 'huvudmannen-som-foralder' };
    const byHuvudman = await organiserAdmin.request({
      method: 'POST',
      url: `/api/users/${guardian}/password`,
      payload,
    });
    expect([byHuvudman.statusCode, byHuvudman.json().error]).toEqual([403, 'FORBIDDEN']);
    expect((await logIn(username, payload.password)).statusCode).toBe(401);
    expect((await logIn(username, 'secret')).statusCode).toBe(200);
    const bySystemAdmin = await systemAdmin.request({
      method: 'POST',
      url: `/api/users/${guardian}/password`,
      payload,
    });
    expect(bySystemAdmin.statusCode).toBe(200);
    expect((await logIn(username, payload.password)).statusCode).toBe(200);
  });

  it("shows an account's audit trail without the free text the account entered (a ladder step's reason)", async () => {
    const text = 'Eleven har diagnos X och mår dåligt hemma';
    const rektor = await logInAs(t.app, world.usernames.principal);
    const decided = await rektor.request({
      method: 'POST',
      url: `/api/pupils/${world.pupilsA[0]}/ladder-decisions`,
      payload: { stepIndex: 1, reason: text },
    });
    expect(decided.statusCode).toBeLessThan(300);
    const admin = await logInAs(t.app, world.usernames.organiserAdmin);
    const trail = await admin.request({
      method: 'GET',
      url: `/api/users/${await idOf(world.usernames.principal)}/audit`,
    });
    expect(trail.statusCode).toBe(200);
    expect(trail.json().events.map((e: { type: string }) => e.type)).toContain('ladder.decide-step');
    expect(trail.body).not.toContain(text);
  });
});
