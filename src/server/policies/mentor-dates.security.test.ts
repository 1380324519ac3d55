/**
 * Security review (session 9): the mentor relationship is current. A mentor reads and acts on a
 * pupil only while the pupil is a member of a group the mentor is assigned to as mentor on the
 * clock's today (the membership and the Mentor assignment both valid then). A former or future
 * mentee answers exactly as a pupil who never was one (404), on every pupil route and list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import {
  buildTestApp,
  logInAs,
  runJob,
  settableClock,
  TEST_TODAY,
  type Session,
  type TestApp,
} from '../test/support.js';
import { addGuardian, createWorld, type World } from '../test/factories.js';
import { queryRows, schema } from '../db/client.js';

const YESTERDAY = '2026-01-13';
const TOMORROW = '2026-01-15';
/** Noon in Stockholm on a date. */
const noonOf = (date: string) => `${date}T11:00:00Z`;

describe('a mentor reads current mentees only', () => {
  const clock = settableClock(noonOf(TEST_TODAY));
  let t: TestApp;
  let world: World;
  let mentor: Session;
  let rektor: Session;
  /** The pupils by their relationship to the mentor today. */
  let pupils: {
    current: string;
    membershipEnded: string;
    membershipStarts: string;
    assignmentEnded: string;
    assignmentStarts: string;
    never: string;
  };
  const others = () => {
    const { current: _, never: __, ...rest } = pupils;
    return Object.entries(rest);
  };

  beforeAll(async () => {
    t = await buildTestApp({}, clock);
    world = await createWorld(t.database, [YESTERDAY, TEST_TODAY]);
    const db = t.database.db;
    const { organiserId, classA, classB, pupilsA, pupilsB } = world;
    pupils = {
      current: pupilsA[0],
      membershipEnded: pupilsA[1],
      membershipStarts: pupilsA[2],
      assignmentEnded: pupilsB[0],
      assignmentStarts: pupilsB[1],
      never: pupilsB[2],
    };
    const membership = (groupId: string, personId: string) =>
      and(
        eq(schema.groupMemberships.organiserId, organiserId),
        eq(schema.groupMemberships.groupId, groupId),
        eq(schema.groupMemberships.personId, personId),
      );
    // Left the mentor's class 7A yesterday for 7B.
    await db
      .update(schema.groupMemberships)
      .set({ endDate: YESTERDAY })
      .where(membership(classA, pupils.membershipEnded));
    await db
      .insert(schema.groupMemberships)
      .values({ organiserId, groupId: classB, personId: pupils.membershipEnded, startDate: TEST_TODAY });
    // Moves from 7B to 7A tomorrow.
    await db
      .update(schema.groupMemberships)
      .set({ startDate: TOMORROW })
      .where(membership(classA, pupils.membershipStarts));
    await db.insert(schema.groupMemberships).values({
      organiserId,
      groupId: classB,
      personId: pupils.membershipStarts,
      startDate: '2025-08-01',
      endDate: TEST_TODAY,
    });
    // Mentor groups whose members stay, while the mentor's assignment ended yesterday / starts tomorrow.
    const [{ duty_id: mentorDuty }] = await queryRows<{ duty_id: string }>(
      db,
      sql`select duty_id from duty_assignments where organiser_id = ${organiserId} and group_id = ${classA}`,
    );
    for (const [name, personId, dates] of [
      ['Mentorsgrupp 1', pupils.assignmentEnded, { startDate: '2025-08-01', endDate: YESTERDAY }],
      ['Mentorsgrupp 2', pupils.assignmentStarts, { startDate: TOMORROW }],
    ] as const) {
      const groupId = randomUUID();
      await db.insert(schema.groups).values({
        organiserId,
        id: groupId,
        schoolUnitId: world.schoolUnitId,
        displayName: name,
        groupType: 'Mentor',
        startDate: '2025-08-01',
      });
      await db.insert(schema.groupMemberships).values({ organiserId, groupId, personId, startDate: '2025-08-01' });
      await db
        .insert(schema.dutyAssignments)
        .values({ organiserId, dutyId: mentorDuty, groupId, roleType: 'Mentor', ...dates });
    }
    mentor = await logInAs(t.app, world.usernames.mentor);
    rektor = await logInAs(t.app, world.usernames.principal);
  });
  afterAll(() => t.close());

  const status = async (url: string, method: 'GET' | 'POST' = 'GET', payload?: object) =>
    (await mentor.request({ method, url, ...(payload ? { payload } : {}) })).statusCode;

  it.each([
    ['pupil page', (id: string) => `/api/pupils/${id}`],
    ['pupil messages', (id: string) => `/api/pupils/${id}/messages`],
    ['pupil ladder', (id: string) => `/api/pupils/${id}/ladder`],
  ])('%s: a former or future mentee answers as a pupil who never was one', async (_, url) => {
    expect(await status(url(pupils.current))).toBe(200);
    expect(await status(url(pupils.never))).toBe(404);
    for (const [relation, id] of others()) expect([relation, await status(url(id))]).toEqual([relation, 404]);
  });

  it('acting on the pupil (ladder decision, concern flag, opening a case) is refused the same way', async () => {
    const acts = [
      (id: string) => status(`/api/pupils/${id}/concern-flag`, 'POST', { note: 'Orolig' }),
      (id: string) => status(`/api/pupils/${id}/ladder-decisions`, 'POST', { stepIndex: 0, reason: 'Test' }),
      (id: string) => status('/api/cases', 'POST', { pupilId: id }),
    ];
    for (const act of acts) {
      expect(await act(pupils.never)).toBe(404);
      for (const [relation, id] of others()) expect([relation, await act(id)]).toEqual([relation, 404]);
    }
  });

  it("the mentor's pupil list and early warning ('mine') hold current mentees only", async () => {
    const currentMentees = [pupils.current, world.protectedPupil].sort();
    const list = (
      await mentor.request({ method: 'GET', url: `/api/pupils?from=${YESTERDAY}&to=${TEST_TODAY}` })
    ).json();
    expect(list.pupils.map((p: { personId: string }) => p.personId).sort()).toEqual(currentMentees);

    const published = await rektor.request({
      method: 'POST',
      url: '/api/ladders/versions',
      payload: { schoolUnitId: world.schoolUnitId, presetId: 'stockholm', effectiveFrom: '2026-01-08', publish: true },
    });
    expect(published.statusCode).toBe(201);
    await runJob(rektor, '/api/ladders/evaluate', { schoolUnitId: world.schoolUnitId });
    const school = (await rektor.request({ method: 'GET', url: '/api/early-warning?scope=school&minStep=0' })).json();
    expect(school.rows.map((r: { personId: string }) => r.personId)).toEqual(
      expect.arrayContaining(Object.values(pupils)),
    );
    const mine = (await mentor.request({ method: 'GET', url: '/api/early-warning?scope=mine&minStep=0' })).json();
    expect(mine.rows.map((r: { personId: string }) => r.personId).sort()).toEqual(currentMentees);
    const school2 = (await mentor.request({ method: 'GET', url: '/api/early-warning?scope=school&minStep=0' })).json();
    expect(school2.rows.map((r: { personId: string }) => r.personId).sort()).toEqual(currentMentees);
  });

  it("tasks: the mentor sees and completes current mentees' tasks only", async () => {
    const taskOf = new Map<string, string>();
    for (const personId of Object.values(pupils)) {
      const id = randomUUID();
      taskOf.set(personId, id);
      await t.database.db.insert(schema.tasks).values({
        organiserId: world.organiserId,
        id,
        personId,
        role: 'principal',
        schoolUnitId: world.schoolUnitId,
        title: 'Kontakta hemmet',
        dueDate: '2026-01-20',
        idempotencyKey: `test:${id}`,
      });
    }
    const tasks = (await mentor.request({ method: 'GET', url: '/api/tasks' })).json().tasks;
    expect(tasks.map((task: { id: string }) => task.id)).toEqual([taskOf.get(pupils.current)]);
    const complete = (personId: string) =>
      status(`/api/tasks/${taskOf.get(personId)}/complete`, 'POST', { note: 'Klart' });
    expect(await complete(pupils.never)).toBe(404);
    for (const [relation, id] of others()) expect([relation, await complete(id)]).toEqual([relation, 404]);
    expect(await complete(pupils.current)).toBe(204);
  });

  it("leave: the mentor lists and decides current mentees' requests only", async () => {
    const guardian = await addGuardian(t.database, world, 'Nora', {
      pupilIds: Object.values(pupils),
      withAccount: true,
    });
    const parent = await logInAs(t.app, guardian.username);
    for (const pupilId of Object.values(pupils)) {
      const applied = await parent.request({
        method: 'POST',
        url: '/api/guardian/leave-requests',
        payload: { pupilId, fromDate: '2026-01-20', toDate: '2026-01-20', reason: 'Resa' },
      });
      expect(applied.statusCode).toBe(201);
    }
    const requests = (await rektor.request({ method: 'GET', url: '/api/leave-requests' })).json().leaveRequests;
    const requestOf = new Map<string, string>(
      requests.map((r: { id: string; pupilId: string }) => [r.pupilId, r.id] as const),
    );
    expect(requestOf.size).toBe(Object.values(pupils).length);
    const listed = (await mentor.request({ method: 'GET', url: '/api/leave-requests' })).json().leaveRequests;
    expect(listed.map((r: { pupilId: string }) => r.pupilId)).toEqual([pupils.current]);
    const decide = (pupilId: string) =>
      status(`/api/leave-requests/${requestOf.get(pupilId)}/decision`, 'POST', { decision: 'granted', reason: 'Ok' });
    expect(await decide(pupils.never)).toBe(404);
    for (const [relation, id] of others()) expect([relation, await decide(id)]).toEqual([relation, 404]);
    expect(await decide(pupils.current)).toBe(204);
  });

  it("follows the clock: yesterday's mentee until her last day, tomorrow's from his first", async () => {
    const page = (id: string) => status(`/api/pupils/${id}`);
    try {
      clock.set(noonOf(YESTERDAY));
      expect([await page(pupils.membershipEnded), await page(pupils.assignmentEnded)]).toEqual([200, 200]);
      expect([await page(pupils.membershipStarts), await page(pupils.assignmentStarts)]).toEqual([404, 404]);
      clock.set(noonOf(TOMORROW));
      expect([await page(pupils.membershipEnded), await page(pupils.assignmentEnded)]).toEqual([404, 404]);
      expect([await page(pupils.membershipStarts), await page(pupils.assignmentStarts)]).toEqual([200, 200]);
    } finally {
      clock.set(noonOf(TEST_TODAY));
    }
  });

  it('a case stays with its members: the mentor who joined it keeps it, a former mentor is not added to a new one', async () => {
    const openCase = async (pupilId: string) => {
      const opened = await rektor.request({ method: 'POST', url: '/api/cases', payload: { pupilId } });
      expect(opened.statusCode).toBe(201);
      return opened.json().id as string;
    };
    try {
      // Opened yesterday, while the pupil was still in the mentor's class: the mentor joins it.
      clock.set(noonOf(YESTERDAY));
      const joined = await openCase(pupils.membershipEnded);
      clock.set(noonOf(TEST_TODAY));
      // Opened today for a pupil whose mentor assignment ended yesterday: the former mentor is not a member.
      const notJoined = await openCase(pupils.assignmentEnded);
      expect(await status(`/api/cases/${joined}`)).toBe(200);
      expect(await status(`/api/pupils/${pupils.membershipEnded}`)).toBe(404);
      expect(await status(`/api/cases/${notJoined}`)).toBe(404);
    } finally {
      clock.set(noonOf(TEST_TODAY));
    }
  });
});
