import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, logInAs, settableClock, testConfig, type Session, type TestApp } from '../../test/support.js';
import { addGuardian, createWorld, type World } from '../../test/factories.js';
import { queryRows } from '../../db/client.js';

// Wednesday 2026-01-14 07:00 in Stockholm; lessons at 08:00, 09:15, 10:30 on Wed–Fri.
const clock = settableClock('2026-01-14T06:00:00Z');
const DATES = [
  '2026-01-14',
  '2026-01-15',
  '2026-01-16',
  '2026-01-19',
  '2026-01-20',
  '2026-01-21',
  '2026-01-22',
  '2026-01-23',
  '2026-01-26',
  '2026-01-27',
  '2026-01-28',
  '2026-01-29',
];

describe('guardian portal: access, absence reports and leave', () => {
  let t: TestApp;
  let world: World;
  let parent: Session;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await buildTestApp({}, clock);
    world = await createWorld(t.database, DATES);
    const [child, otherChild, , protectedChild] = world.pupilsA;
    ids.child = child;
    const guardian = await addGuardian(t.database, world, 'Vera', { pupilIds: [child, world.pupilsB[0]] });
    // Not custody: a contact person ('Annan ansvarig') of another pupil.
    await addGuardian(t.database, world, 'Ivar', { pupilIds: [otherChild], relationType: 'Annan ansvarig' }).then(
      (g) => {
        ids.noCustody = g.username;
      },
    );
    // Protected identity: the guardian living elsewhere (not protected) must not see the child; the one sharing it does.
    ids.outside = (await addGuardian(t.database, world, 'Olle', { pupilIds: [protectedChild] })).username;
    ids.sharing = (
      await addGuardian(t.database, world, 'Stina', {
        pupilIds: [protectedChild],
        securityMarking: 'Skyddad folkbokföring',
      })
    ).username;
    ids.guardianPerson = guardian.personId;
    parent = await logInAs(t.app, guardian.username);
  });
  afterAll(() => t.close());

  const childrenOf = async (session: Session) =>
    (await session.request({ method: 'GET', url: '/api/guardian/overview' }))
      .json()
      .children.map((c: { personId: string }) => c.personId);

  it('shows a guardian only the children in their custody, never a link hidden by protected identity', async () => {
    expect(await childrenOf(parent)).toEqual(expect.arrayContaining([ids.child, world.pupilsB[0]]));
    expect(await childrenOf(parent)).toHaveLength(2);
    const noCustody = await logInAs(t.app, ids.noCustody);
    expect(await childrenOf(noCustody)).toEqual([]);
    const report = { fromDate: '2026-01-14', toDate: '2026-01-14', reasonCode: 'reported' };
    const refused = await noCustody.request({
      method: 'POST',
      url: '/api/guardian/absences',
      payload: { ...report, pupilIds: [world.pupilsA[1]] },
    });
    expect(refused.statusCode).toBe(404);
    expect(await childrenOf(await logInAs(t.app, ids.outside))).toEqual([]);
    expect(await childrenOf(await logInAs(t.app, ids.sharing))).toEqual([world.protectedPupil]);
    // Data minimised: no other pupil, staff data or guardian contact data in the overview.
    const body = (await parent.request({ method: 'GET', url: '/api/guardian/overview' })).body;
    expect(body).not.toContain(world.pupilsA[1]);
    expect(body).not.toMatch(/Personal|@example/);
  });

  it('keeps guardians and staff on their own side of the API', async () => {
    const staffRoute = await parent.request({ method: 'GET', url: `/api/pupils/${ids.child}` });
    // Staff routes do not exist for a guardian.
    expect(staffRoute.statusCode).toBe(404);
    expect(staffRoute.json().error).toBe('NOT_FOUND');
    const mentor = await logInAs(t.app, world.usernames.mentor);
    expect((await mentor.request({ method: 'GET', url: '/api/guardian/overview' })).json().error).toBe(
      'WRONG_PRINCIPAL',
    );
    expect((await parent.request({ method: 'GET', url: '/api/auth/me' })).json()).toMatchObject({
      kind: 'guardian',
      roles: [],
    });
  });

  it('lands a report as a guardian report: the teacher sees it in the register and it counts as valid', async () => {
    const tooEarly = await parent.request({
      method: 'POST',
      url: '/api/guardian/absences',
      payload: { pupilIds: [ids.child], fromDate: '2026-01-13', toDate: '2026-01-14', reasonCode: 'reported' },
    });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.json()).toMatchObject({
      error: 'REPORT_DATE_TOO_EARLY',
      message: expect.stringMatching(/från och med idag/),
    });

    const created = await parent.request({
      method: 'POST',
      url: '/api/guardian/absences',
      payload: {
        pupilIds: [ids.child, world.pupilsB[0]],
        fromDate: '2026-01-14',
        toDate: '2026-01-14',
        reasonCode: 'reported',
        comment: 'Hemma idag',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().ids).toHaveLength(2);

    const teacher = await logInAs(t.app, world.usernames.teacher);
    const lessonId = world.lessonsA.get('2026-01-14 08:00')!;
    const register = (await teacher.request({ method: 'GET', url: `/api/lessons/${lessonId}` })).json();
    const entry = register.roster.find((r: { personId: string }) => r.personId === ids.child);
    expect(entry.covering).toEqual([expect.objectContaining({ kind: 'guardianReport', isWholeLesson: true })]);
    for (const [key, id] of world.lessonsA) {
      if (!key.startsWith('2026-01-14')) continue;
      expect(
        (
          await teacher.request({
            method: 'PUT',
            url: `/api/lessons/${id}/registration`,
            payload: { marks: [{ personId: ids.child, kind: 'absent' }] },
          })
        ).statusCode,
      ).toBe(200);
    }
    const mentor = await logInAs(t.app, world.usernames.mentor);
    const page = (
      await mentor.request({ method: 'GET', url: `/api/pupils/${ids.child}?from=2026-01-14&to=2026-01-14` })
    ).json();
    expect(page.total).toMatchObject({ scheduled: 180, valid: 180, invalid: 0 });
    // Valid all day: no same-day notice is waiting for this child.
    const notices = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from outbox where person_id = ${ids.child} and status = 'pending'`,
    );
    expect(notices[0].n).toBe(0);
  });

  it('changes or withdraws a report before it starts, not after', async () => {
    const created = await parent.request({
      method: 'POST',
      url: '/api/guardian/absences',
      payload: {
        pupilIds: [ids.child],
        fromDate: '2026-01-16',
        toDate: '2026-01-16',
        fromTime: '08:00',
        toTime: '10:00',
        reasonCode: 'approvedAppointment',
      },
    });
    const [id] = created.json().ids;
    const changed = await parent.request({
      method: 'PUT',
      url: `/api/guardian/absences/${id}`,
      payload: {
        fromDate: '2026-01-16',
        toDate: '2026-01-16',
        fromTime: '09:00',
        toTime: '10:00',
        reasonCode: 'approvedAppointment',
      },
    });
    expect(changed.statusCode).toBe(200);
    const overview = (await parent.request({ method: 'GET', url: '/api/guardian/overview' })).json();
    expect(overview.reports.find((r: { id: string }) => r.id === id)).toMatchObject({
      isWithdrawn: true,
      canChange: false,
    });
    expect(overview.reports.find((r: { id: string }) => r.id === changed.json().id)).toMatchObject({
      isWithdrawn: false,
      canChange: true,
    });
    expect(
      (await parent.request({ method: 'DELETE', url: `/api/guardian/absences/${changed.json().id}` })).statusCode,
    ).toBe(204);
    // Today's report has started (whole day from 00:00): the school handles changes now.
    const today = overview.reports.find(
      (r: { pupilId: string; startsAt: string; isWithdrawn: boolean }) =>
        r.pupilId === ids.child && r.startsAt.startsWith('2026-01-13T23') && !r.isWithdrawn,
    );
    const closed = await parent.request({ method: 'DELETE', url: `/api/guardian/absences/${today.id}` });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error).toBe('ABSENCE_REPORT_CLOSED');
  });

  it('routes leave above the school limit to the rektor, warns past 10 days, and a granted leave becomes valid leave with a message', async () => {
    const short = await parent.request({
      method: 'POST',
      url: '/api/guardian/leave-requests',
      payload: { pupilId: ids.child, fromDate: '2026-01-19', toDate: '2026-01-21', reason: 'Resa' },
    });
    expect(short.json()).toMatchObject({ decidedByRole: 'mentor', schoolDays: 3, isOverTenDays: false });
    const long = await parent.request({
      method: 'POST',
      url: '/api/guardian/leave-requests',
      payload: { pupilId: ids.child, fromDate: '2026-01-19', toDate: '2026-01-30', reason: 'Släktbesök utomlands' },
    });
    // The short request still pending counts towards the year's total (3 + 10 days).
    expect(long.json()).toMatchObject({ decidedByRole: 'principal', schoolDays: 10, isOverTenDays: true });

    const mentor = await logInAs(t.app, world.usernames.mentor);
    const principal = await logInAs(t.app, world.usernames.principal);
    expect(
      (await mentor.request({ method: 'GET', url: '/api/leave-requests' }))
        .json()
        .leaveRequests.map((r: { id: string }) => r.id),
    ).toEqual([short.json().id]);
    // The one deciding sees the pupil's context; the list read is audited.
    const forRektor = (await principal.request({ method: 'GET', url: '/api/leave-requests' })).json().leaveRequests;
    expect(forRektor.find((r: { id: string }) => r.id === long.json().id).context).toEqual({
      termFrom: null,
      termTo: null,
      absentRate: null,
      invalidRate: null,
      ladder: null,
      openCaseId: null,
    });
    const audited = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_events where type = 'pupil.read-list' and data->>'view' = 'leave-requests'`,
    );
    expect(audited[0].n).toBeGreaterThan(0);
    const denied = await mentor.request({
      method: 'POST',
      url: `/api/leave-requests/${long.json().id}/decision`,
      payload: { decision: 'granted', reason: 'OK' },
    });
    expect(denied.statusCode).toBe(403);
    const granted = await principal.request({
      method: 'POST',
      url: `/api/leave-requests/${long.json().id}/decision`,
      payload: { decision: 'granted', reason: 'Beviljas, planera skolarbetet med mentorn.' },
    });
    expect(granted.statusCode).toBe(204);
    const page = (
      await mentor.request({ method: 'GET', url: `/api/pupils/${ids.child}?from=2026-01-19&to=2026-01-23` })
    ).json();
    expect(page.absences[0]).toMatchObject({ kind: 'leave', isWithdrawn: false });
    const message = await queryRows<{ template_key: string; payload: { recipientPersonId: string; decision: string } }>(
      t.database.db,
      sql`select template_key, payload from outbox where person_id = ${ids.child} and template_key = 'leave-decision'`,
    );
    expect(message).toEqual([
      expect.objectContaining({
        payload: expect.objectContaining({ decision: 'granted', recipientPersonId: ids.guardianPerson }),
      }),
    ]);

    // 10 days granted already: one more day is past the 10-day line, so the rektor decides even
    // this short request (issue 15, item 7), and the guardian sees the warning.
    const more = await parent.request({
      method: 'POST',
      url: '/api/guardian/leave-requests',
      payload: { pupilId: ids.child, fromDate: '2026-02-02', toDate: '2026-02-02', reason: 'Tandläkare' },
    });
    expect(more.json()).toMatchObject({ decidedByRole: 'principal', leaveDaysBefore: 10, isOverTenDays: true });
    // The short request was the mentor's when it came in; with 10 days granted since, it is no longer.
    const late = await mentor.request({
      method: 'POST',
      url: `/api/leave-requests/${short.json().id}/decision`,
      payload: { decision: 'granted', reason: 'OK' },
    });
    expect({ status: late.statusCode, error: late.json().error }).toEqual({
      status: 403,
      error: 'LEAVE_NEEDS_PRINCIPAL',
    });
    expect(
      (
        await principal.request({
          method: 'POST',
          url: `/api/leave-requests/${short.json().id}/decision`,
          payload: { decision: 'rejected', reason: 'Redan mycket ledighet.' },
        })
      ).statusCode,
    ).toBe(204);
    const leaveDays = async () => {
      const child = (await parent.request({ method: 'GET', url: '/api/guardian/overview' }))
        .json()
        .children.find((c: { personId: string }) => c.personId === ids.child);
      return { soFar: child.leaveDaysThisYear, planned: child.leaveDaysPlanned };
    };
    // "Ledighet hittills i år" counts only leave that has begun (issue 16): all 10 days are still to come.
    expect(await leaveDays()).toEqual({ soFar: 0, planned: 10 });
    clock.set('2026-01-21T06:00:00Z');
    try {
      expect(await leaveDays()).toEqual({ soFar: 3, planned: 7 });
    } finally {
      clock.set('2026-01-14T06:00:00Z');
    }
  });

  it('lets a guardian withdraw a leave request while it waits for a decision, not after (issue 16)', async () => {
    const apply = async (fromDate: string) =>
      (
        await parent.request({
          method: 'POST',
          url: '/api/guardian/leave-requests',
          payload: { pupilId: world.pupilsB[0], fromDate, toDate: fromDate, reason: 'Tandläkare' },
        })
      ).json().id as string;
    const withdraw = (session: Session, id: string) =>
      session.request({ method: 'POST', url: `/api/guardian/leave-requests/${id}/withdraw`, payload: {} });
    const pending = await apply('2026-01-28');
    // Another guardian does not see it.
    const other = await logInAs(t.app, ids.sharing);
    expect((await withdraw(other, pending)).statusCode).toBe(404);
    expect((await withdraw(parent, pending)).statusCode).toBe(204);
    const listed = (await parent.request({ method: 'GET', url: '/api/guardian/overview' }))
      .json()
      .leaveRequests.find((r: { id: string }) => r.id === pending);
    expect(listed.status).toBe('withdrawn');
    const again = await withdraw(parent, pending);
    expect({ status: again.statusCode, error: again.json().error }).toEqual({
      status: 409,
      error: 'LEAVE_REQUEST_DECIDED',
    });
    const [event] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_events where type = 'leave.withdraw'`,
    );
    expect(event.n).toBe(1);
  });

  it('rate-limits reports per guardian account with a Swedish message', async () => {
    const limited = await buildTestApp({ messages: { ...testConfig().messages, guardianRequestsPerHour: 2 } }, clock);
    try {
      const w = await createWorld(limited.database, ['2026-01-15']);
      const g = await addGuardian(limited.database, w, 'Rut', { pupilIds: [w.pupilsA[0]] });
      const session = await logInAs(limited.app, g.username);
      const report = () =>
        session.request({
          method: 'POST',
          url: '/api/guardian/absences',
          payload: { pupilIds: [w.pupilsA[0]], fromDate: '2026-01-15', toDate: '2026-01-15', reasonCode: 'reported' },
        });
      expect((await report()).statusCode).toBe(201);
      expect((await report()).statusCode).toBe(201);
      const third = await report();
      expect(third.statusCode).toBe(429);
      expect(third.json()).toMatchObject({ error: 'RATE_LIMITED', message: expect.stringMatching(/Vänta en stund/) });
    } finally {
      await limited.close();
    }
  });

  it('applies the same leave rule to leave registered by staff on the pupil page (issue 15, item 7)', async () => {
    const mentor = await logInAs(t.app, world.usernames.mentor);
    const principal = await logInAs(t.app, world.usernames.principal);
    const leave = (session: Session, pupil: string, fromDate: string, toDate: string) =>
      session.request({
        method: 'POST',
        url: `/api/pupils/${pupil}/absences`,
        payload: { kind: 'leave', fromDate, toDate, reasonCode: 'leave' },
      });
    const pupil = world.pupilsA[1];
    // 1. Within the school's limit (5 days) and the year's 10: the mentor may.
    expect((await leave(mentor, pupil, '2026-02-02', '2026-02-04')).statusCode).toBe(201);
    // 2. Longer than the school's limit: the rektor's decision.
    const long = await leave(mentor, pupil, '2026-03-02', '2026-03-09');
    expect({ status: long.statusCode, error: long.json().error }).toEqual({
      status: 403,
      error: 'LEAVE_NEEDS_PRINCIPAL',
    });
    // 3. The rektor grants 6 more days: 9 in the year.
    expect((await leave(principal, pupil, '2026-03-02', '2026-03-09')).statusCode).toBe(201);
    // 4. Two days more is short, but takes the year to 11: the rektor's again; one day (10) is still the mentor's.
    const past = await leave(mentor, pupil, '2026-04-13', '2026-04-14');
    expect({ status: past.statusCode, error: past.json().error }).toEqual({
      status: 403,
      error: 'LEAVE_NEEDS_PRINCIPAL',
    });
    expect((await leave(mentor, pupil, '2026-04-13', '2026-04-13')).statusCode).toBe(201);
    // 5. A pupil who is not the mentor's: not disclosed.
    expect((await leave(mentor, world.pupilsB[1], '2026-02-02', '2026-02-02')).statusCode).toBe(404);
    // 6. Staff without the rektor or mentor relationship: refused.
    const health = await logInAs(t.app, world.usernames.studentHealth);
    expect((await leave(health, pupil, '2026-05-04', '2026-05-04')).statusCode).toBe(403);
  });
});
