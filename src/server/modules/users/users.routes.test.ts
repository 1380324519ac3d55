import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, logInAs, type Session, type TestApp } from '../../test/support.js';
import { createWorld, type World } from '../../test/factories.js';
import { queryRows } from '../../db/client.js';
import type { Account } from '../../../shared/schemas/users.js';

describe('user administration', () => {
  let t: TestApp;
  let world: World;
  let admin: Session;
  beforeAll(async () => {
    t = await buildTestApp();
    world = await createWorld(t.database, []);
    admin = await logInAs(t.app, world.usernames.organiserAdmin);
  });
  afterAll(() => t.close());

  const accountNamed = async (session: Session, username: string): Promise<Account> => {
    const list = await session.request({ method: 'GET', url: `/api/users?search=${encodeURIComponent(username)}` });
    expect(list.statusCode).toBe(200);
    return (list.json().accounts as Account[]).find((a) => a.username === username)!;
  };

  it("lists the organiser's accounts with roles, their source and status, filtered by role and school unit", async () => {
    const response = await admin.request({
      method: 'GET',
      url: `/api/users?role=mentor&schoolUnitId=${world.schoolUnitId}`,
    });
    expect(response.statusCode).toBe(200);
    const { accounts, schoolUnits } = response.json() as { accounts: Account[]; schoolUnits: { id: string }[] };
    expect(accounts.map((a) => a.username)).toEqual([world.usernames.mentor]);
    expect(accounts[0]).toMatchObject({
      isActive: true,
      source: 'manual',
      hasPassword: true,
      lastLoginAt: null,
      roles: expect.arrayContaining([
        expect.objectContaining({ role: 'mentor', schoolUnitId: world.schoolUnitId, source: 'manual', endsOn: null }),
      ]),
    });
    expect(schoolUnits.map((u) => u.id)).toContain(world.schoolUnitId);
  });

  it('is for administrators only', async () => {
    const principal = await logInAs(t.app, world.usernames.principal);
    expect((await principal.request({ method: 'GET', url: '/api/users' })).statusCode).toBe(403);
    const teacher = await accountNamed(admin, world.usernames.teacher);
    expect((await principal.request({ method: 'POST', url: `/api/users/${teacher.id}/disable` })).statusCode).toBe(403);
  });

  it('disables an account (its sessions end) and enables it again, audited', async () => {
    const teacherSession = await logInAs(t.app, world.usernames.otherTeacher);
    const target = await accountNamed(admin, world.usernames.otherTeacher);
    const disabled = await admin.request({ method: 'POST', url: `/api/users/${target.id}/disable` });
    expect(disabled.json()).toMatchObject({ isActive: false, disabledBy: 'admin' });
    expect((await teacherSession.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: world.usernames.otherTeacher, password: 'secret' },
        })
      ).statusCode,
    ).toBe(401);
    expect((await admin.request({ method: 'POST', url: `/api/users/${target.id}/enable` })).json()).toMatchObject({
      isActive: true,
      disabledBy: null,
    });
    const trail = await admin.request({ method: 'GET', url: `/api/users/${target.id}/audit` });
    expect(trail.json().events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['user.enable', 'user.disable', 'auth.login']),
    );
    const [read] = await queryRows<{ n: number }>(
      t.database.db,
      sql`
      SELECT count(*)::int AS n FROM audit_events WHERE type = 'user.read-audit' AND subject_id = ${target.id}`,
    );
    expect(Number(read.n)).toBe(1);
  });

  it('grants a manual role with an end date, lets it lapse, and revokes it; an SS12000 grant cannot be revoked by hand', async () => {
    const target = await accountNamed(admin, world.usernames.teacher);
    const grant = (endsOn: string | null) =>
      admin.request({
        method: 'POST',
        url: `/api/users/${target.id}/roles`,
        payload: { role: 'studentHealth', schoolUnitId: world.schoolUnitId, endsOn },
      });
    expect((await grant('2099-06-30')).json().roles).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ role: 'studentHealth', source: 'manual', endsOn: '2099-06-30' }),
      ]),
    );
    const teacher = await logInAs(t.app, world.usernames.teacher);
    expect((await teacher.request({ method: 'GET', url: '/api/auth/me' })).json().roles).toEqual(
      expect.arrayContaining([{ role: 'studentHealth', schoolUnitId: world.schoolUnitId }]),
    );
    // Ended yesterday or earlier: no longer in force.
    await grant('2020-01-01');
    expect((await teacher.request({ method: 'GET', url: '/api/auth/me' })).json().roles).not.toContainEqual({
      role: 'studentHealth',
      schoolUnitId: world.schoolUnitId,
    });
    const revoked = await admin.request({
      method: 'POST',
      url: `/api/users/${target.id}/roles/revoke`,
      payload: { role: 'studentHealth', schoolUnitId: world.schoolUnitId },
    });
    expect(revoked.json().roles.map((r: { role: string }) => r.role)).not.toContain('studentHealth');

    await t.database.db.execute(
      sql`UPDATE user_roles SET source = 'ss12000' WHERE user_id = ${target.id} AND role = 'teacher'`,
    );
    const refused = await admin.request({
      method: 'POST',
      url: `/api/users/${target.id}/roles/revoke`,
      payload: { role: 'teacher', schoolUnitId: world.schoolUnitId },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('ROLE_FROM_SS12000');
    // Only the system administrator hands out administrator roles.
    const escalate = await admin.request({
      method: 'POST',
      url: `/api/users/${target.id}/roles`,
      payload: { role: 'systemAdmin', schoolUnitId: null, endsOn: null },
    });
    expect(escalate.statusCode).toBe(403);
  });

  it("resets a local password and ends the account's sessions", async () => {
    const target = await accountNamed(admin, world.usernames.studentHealth);
    const old = await logInAs(t.app, world.usernames.studentHealth);
    expect(
      (await admin.request({ method: 'POST', url: `/api/users/${target.id}/password`, payload: { password: 'kort' } }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await admin.request({
          method: 'POST',
          url: `/api/users/${target.id}/password`,
          payload: { password: 'ett-nytt-langt-losenord' },
        })
      ).statusCode,
    ).toBe(200);
    expect((await old.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    await logInAs(t.app, world.usernames.studentHealth, 'ett-nytt-langt-losenord');
  });

  it("answers 404 for another organiser's account", async () => {
    const other = await createWorld(t.database, []);
    const stranger = await accountNamed(await logInAs(t.app, other.usernames.organiserAdmin), other.usernames.teacher);
    expect((await admin.request({ method: 'POST', url: `/api/users/${stranger.id}/disable` })).statusCode).toBe(404);
    expect((await admin.request({ method: 'GET', url: `/api/users/${stranger.id}/audit` })).statusCode).toBe(404);
  });

  it('shows and changes the SS12000 role mapping and the local-password setting', async () => {
    const mapping = (await admin.request({ method: 'GET', url: '/api/users/role-mapping' })).json().entries as {
      sourceKind: string;
      sourceValue: string;
      role: string | null;
    }[];
    expect(mapping).toContainEqual({ sourceKind: 'duty', sourceValue: 'Kurator', role: 'studentHealth' });
    expect(mapping).toContainEqual({ sourceKind: 'duty', sourceValue: 'Studie- och yrkesvägledare', role: null });
    const changed = await admin.request({
      method: 'PUT',
      url: '/api/users/role-mapping',
      payload: { entries: [{ sourceKind: 'duty', sourceValue: 'Studie- och yrkesvägledare', role: 'studentHealth' }] },
    });
    expect(changed.json().entries).toContainEqual({
      sourceKind: 'duty',
      sourceValue: 'Studie- och yrkesvägledare',
      role: 'studentHealth',
    });
    expect(
      (
        await admin.request({
          method: 'PUT',
          url: '/api/users/role-mapping',
          payload: { entries: [{ sourceKind: 'duty', sourceValue: 'Trollkarl', role: 'teacher' }] },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await admin.request({
          method: 'PUT',
          url: '/api/users/sign-in-settings',
          payload: { localLoginEnabled: false },
        })
      ).json(),
    ).toEqual({ localLoginEnabled: false });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: world.usernames.mentor, password: 'secret' },
        })
      ).json().error,
    ).toBe('LOCAL_LOGIN_DISABLED');
    expect((await admin.request({ method: 'GET', url: '/api/users/sign-in-settings' })).json()).toEqual({
      localLoginEnabled: false,
    });
    await admin.request({ method: 'PUT', url: '/api/users/sign-in-settings', payload: { localLoginEnabled: true } });
  });
});
