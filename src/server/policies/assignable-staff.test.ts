// Issue 15, item 2: case members, intervention owners and task assignees come from the same
// candidate list the UI offers (staff with a role at the pupil's school unit), checked on the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { buildTestApp, logInAs, type Session, type TestApp } from '../test/support.js';
import { addGuardian, createWorld, type World } from '../test/factories.js';
import { queryRows, schema } from '../db/client.js';
import { createUser } from '../modules/auth/commands/create-user.js';

describe('assignable staff', () => {
  let t: TestApp;
  let world: World;
  let rektor: Session;
  let caseId: string;
  let taskId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp();
    world = await createWorld(t.database, []);
    const db = t.database.db;
    const users = await queryRows<{ id: string; username: string }>(
      db,
      sql`select id, username from users where organiser_id = ${world.organiserId}`,
    );
    for (const [key, username] of Object.entries(world.usernames))
      ids[key] = users.find((u) => u.username === username)!.id;
    ids.guardian = (
      await queryRows<{ id: string }>(
        db,
        sql`select id from users where username = ${(await addGuardian(t.database, world, 'Maria', { pupilIds: [world.pupilsA[0]] })).username}`,
      )
    )[0].id;
    // A rektor of another school unit of the same organiser: staff, but no relationship to the pupil's school.
    const otherUnit = randomUUID();
    await db.insert(schema.organisations).values({
      organiserId: world.organiserId,
      id: otherUnit,
      displayName: 'Andra skolan',
      organisationType: 'Skolenhet',
      parentId: world.organiserId,
    });
    ids.otherSchool = await createUser(db, {
      organiserId: world.organiserId,
      username: `other-${world.organiserId.slice(0, 8)}`,
      password: 'secret',
      displayName: 'Annan Rektor',
      personId: null,
      roles: [{ role: 'principal', schoolUnitId: otherUnit }],
    });
    rektor = await logInAs(t.app, world.usernames.principal);
    caseId = (
      await rektor.request({ method: 'POST', url: '/api/cases', payload: { pupilId: world.pupilsA[0] } })
    ).json().id;
    taskId = randomUUID();
    await db.insert(schema.tasks).values({
      organiserId: world.organiserId,
      id: taskId,
      personId: world.pupilsA[0],
      role: 'principal',
      assigneeUserId: ids.principal,
      schoolUnitId: world.schoolUnitId,
      title: 'Kontakta hemmet',
      dueDate: '2026-01-20',
      idempotencyKey: `test:${taskId}`,
    });
  });
  afterAll(() => t.close());

  const notCandidates = ['guardian', 'organiserAdmin', 'systemAdmin', 'otherSchool'];

  it('offers only school staff in both pickers', async () => {
    const caseStaff = (await rektor.request({ method: 'GET', url: `/api/cases/${caseId}/staff` }))
      .json()
      .users.map((u: { id: string }) => u.id);
    const assignees = (await rektor.request({ method: 'GET', url: `/api/tasks/${taskId}/assignees` }))
      .json()
      .users.map((u: { id: string }) => u.id);
    expect(caseStaff).toEqual(assignees);
    for (const key of ['teacher', 'otherTeacher', 'mentor', 'principal', 'studentHealth'])
      expect(caseStaff).toContain(ids[key]);
    for (const key of notCandidates) expect(caseStaff).not.toContain(ids[key]);
  });

  it('refuses a member, an intervention owner or an assignee outside the list with NOT_ASSIGNABLE', async () => {
    for (const key of [...notCandidates, 'unknown']) {
      const userId = ids[key] ?? randomUUID();
      const member = await rektor.request({
        method: 'POST',
        url: `/api/cases/${caseId}/members`,
        payload: { userId, role: 'other' },
      });
      expect({ key, status: member.statusCode, body: member.json() }).toMatchObject({
        key,
        status: 422,
        body: { error: 'NOT_ASSIGNABLE', details: [{ path: '/userId' }] },
      });
      const intervention = await rektor.request({
        method: 'POST',
        url: `/api/cases/${caseId}/interventions`,
        payload: {
          code: 'school.schedule-adaptation',
          responsibleUserId: userId,
          startDate: '2026-01-14',
          followUpScheme: 'norrkoping',
          goal: 'Kommer i tid',
        },
      });
      expect({ key, status: intervention.statusCode, error: intervention.json().error }).toEqual({
        key,
        status: 422,
        error: 'NOT_ASSIGNABLE',
      });
      const reassign = await rektor.request({
        method: 'POST',
        url: `/api/tasks/${taskId}/reassign`,
        payload: { userId },
      });
      expect({ key, status: reassign.statusCode, error: reassign.json().error }).toEqual({
        key,
        status: 422,
        error: 'NOT_ASSIGNABLE',
      });
    }
    const members = await queryRows<{ user_id: string }>(
      t.database.db,
      sql`select user_id from case_members where organiser_id = ${world.organiserId} and case_id = ${caseId}`,
    );
    for (const key of notCandidates) expect(members.map((m) => m.user_id)).not.toContain(ids[key]);
    const [task] = await queryRows<{ assignee_user_id: string }>(
      t.database.db,
      sql`select assignee_user_id from tasks where organiser_id = ${world.organiserId} and id = ${taskId}`,
    );
    expect(task.assignee_user_id).toBe(ids.principal);
  });

  it('accepts staff of the school', async () => {
    expect(
      (
        await rektor.request({
          method: 'POST',
          url: `/api/cases/${caseId}/members`,
          payload: { userId: ids.teacher, role: 'other' },
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (
        await rektor.request({
          method: 'POST',
          url: `/api/tasks/${taskId}/reassign`,
          payload: { userId: ids.studentHealth },
        })
      ).statusCode,
    ).toBe(204);
  });
});
