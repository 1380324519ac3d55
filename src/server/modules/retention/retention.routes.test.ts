import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { buildTestApp, failureOf, logInAs, type TestApp } from '../../test/support.js';
import { createWorld, type World } from '../../test/factories.js';
import { queryRows, schema } from '../../db/client.js';
import { DEFAULT_RETENTION_POLICY } from '../../../shared/retention/policy.js';

// Today is 2026-01-14 (TEST_TODAY). Defaults: comments 12 months (before 2025-01-14 go),
// registrations 24 months after leaving (left before 2024-01-14), messages 12, audit 36 (before 2023-01-14).
const OLD = '2024-10-01';
const RECENT = '2026-01-12';

describe('retention', () => {
  let t: TestApp;
  let world: World;
  const leaver = () => world.pupilsB[0]!;
  const stayer = () => world.pupilsA[0]!;

  beforeAll(async () => {
    t = await buildTestApp();
    world = await createWorld(t.database, [OLD, RECENT]);
    const { organiserId } = world;
    const db = t.database.db;
    const oldLesson = world.lessonsA.get(`${OLD} 08:00`)!;
    const recentLesson = world.lessonsA.get(`${RECENT} 08:00`)!;
    await db.insert(schema.attendanceMarks).values([
      {
        organiserId,
        lessonId: oldLesson,
        personId: stayer(),
        kind: 'absent',
        comment: 'sa att hen var hos tandläkaren',
      },
      { organiserId, lessonId: recentLesson, personId: stayer(), kind: 'absent', comment: 'kom inte' },
      { organiserId, lessonId: world.lessonsB.get(`${RECENT} 08:00`)!, personId: leaver(), kind: 'absent' },
    ]);
    await db.insert(schema.attendanceMarkHistory).values([
      {
        organiserId,
        lessonId: oldLesson,
        personId: stayer(),
        previous: null,
        next: { kind: 'absent', minutes: null, reasonCode: null, comment: 'sa att hen var hos tandläkaren' },
      },
      {
        organiserId,
        lessonId: recentLesson,
        personId: stayer(),
        previous: null,
        next: { kind: 'absent', minutes: null, reasonCode: null, comment: 'kom inte' },
      },
    ]);
    await db.insert(schema.absences).values([
      {
        organiserId,
        id: randomUUID(),
        personId: stayer(),
        kind: 'guardianReport',
        startsAt: new Date(`${OLD}T06:00:00Z`),
        endsAt: new Date(`${OLD}T15:00:00Z`),
        comment: 'gammal kommentar',
      },
      {
        organiserId,
        id: randomUUID(),
        personId: stayer(),
        kind: 'guardianReport',
        startsAt: new Date('2025-06-02T06:00:00Z'),
        endsAt: new Date('2025-06-02T15:00:00Z'),
        comment: 'mellan kommentar',
      },
      {
        organiserId,
        id: randomUUID(),
        personId: stayer(),
        kind: 'guardianReport',
        startsAt: new Date(`${RECENT}T06:00:00Z`),
        endsAt: new Date(`${RECENT}T15:00:00Z`),
        comment: 'ny kommentar',
      },
    ]);
    // The leaver's last enrolment ended more than 24 months ago.
    await db
      .update(schema.enrolments)
      .set({ endDate: '2023-12-31' })
      .where(and(eq(schema.enrolments.organiserId, organiserId), eq(schema.enrolments.personId, leaver())));
    const message = (status: string, createdAt: string, personId: string) => ({
      organiserId,
      id: randomUUID(),
      kind: 'guardianMessage',
      personId,
      templateKey: 'test',
      payload: {},
      idempotencyKey: randomUUID(),
      status,
      createdAt: new Date(createdAt),
    });
    const oldSent = message('queued', '2024-06-01T10:00:00Z', stayer());
    await db
      .insert(schema.outbox)
      .values([
        oldSent,
        message('pending', '2024-06-01T10:00:00Z', stayer()),
        message('queued', '2026-01-10T10:00:00Z', stayer()),
      ]);
    await db.insert(schema.messageDeliveries).values({
      organiserId,
      id: randomUUID(),
      outboxId: oldSent.id,
      channel: 'email',
      address: 'vh@example.se',
      body: 'Anna har varit frånvarande',
      status: 'sent',
      createdAt: new Date('2024-06-01T10:00:00Z'),
    });
    await db.insert(schema.backgroundJobs).values({
      organiserId,
      id: randomUUID(),
      kind: 'ladder.preview',
      status: 'done',
      input: {},
      result: {},
      createdByUserId: randomUUID(),
      createdAt: new Date('2025-11-01T10:00:00Z'),
      finishedAt: new Date('2025-11-01T10:01:00Z'),
    });
    await db.insert(schema.auditEvents).values([
      {
        organiserId,
        type: 'pupil.read',
        pupilId: stayer(),
        data: { view: 'page' },
        occurredAt: new Date('2022-06-01T10:00:00Z'),
      },
      {
        organiserId,
        type: 'pupil.read',
        pupilId: stayer(),
        data: { view: 'page' },
        occurredAt: new Date('2025-06-01T10:00:00Z'),
      },
    ]);
  });
  afterAll(() => t.close());

  const rowsOf = (table: string, personId?: string) =>
    queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from ${sql.identifier(table)} where organiser_id = ${world.organiserId} ${personId ? sql`and person_id = ${personId}` : sql``}`,
    ).then(([row]) => row!.n);

  it("is the organiser administrator's: others are refused", async () => {
    const mentor = await logInAs(t.app, world.usernames.mentor);
    expect((await mentor.request({ method: 'GET', url: '/api/retention/policy' })).statusCode).toBe(403);
    const principal = await logInAs(t.app, world.usernames.principal);
    expect((await principal.request({ method: 'POST', url: '/api/retention/run' })).json().error).toBe('FORBIDDEN');
  });

  it('rejects periods outside the limits with the rule and range, and keeps the previous policy', async () => {
    const admin = await logInAs(t.app, world.usernames.organiserAdmin);
    const response = await admin.request({
      method: 'PUT',
      url: '/api/retention/policy',
      payload: { ...DEFAULT_RETENTION_POLICY, auditEventsMonths: 3 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: 'RETENTION_POLICY_INVALID',
      details: [{ path: '/auditEventsMonths' }],
    });
    const policy = (await admin.request({ method: 'GET', url: '/api/retention/policy' })).json();
    expect(policy.updatedAt).toBeNull();
    expect(policy.rules.find((r: { key: string }) => r.key === 'auditEventsMonths').months).toBe(36);
  });

  it('previews exactly what a run removes, removes only what is past its period, and records the run', async () => {
    const admin = await logInAs(t.app, world.usernames.organiserAdmin);
    const leaverDaysBefore = await rowsOf('pupil_days', leaver());
    const stayerDaysBefore = await rowsOf('pupil_days', stayer());
    expect(leaverDaysBefore).toBeGreaterThan(0);
    // The roll-up holds the same pupil's sums per month and half-year: it goes with the days.
    const leaverPeriodsBefore = await rowsOf('pupil_periods', leaver());
    const stayerPeriodsBefore = await rowsOf('pupil_periods', stayer());
    expect(leaverPeriodsBefore).toBeGreaterThan(0);
    const preview = (await admin.request({ method: 'GET', url: '/api/retention/preview' })).json();
    expect(preview.cutoffs).toEqual({
      commentsBefore: '2025-01-14',
      leftBefore: '2024-01-14',
      messagesBefore: '2025-01-14',
      auditBefore: '2023-01-14',
    });
    expect(preview.counts).toMatchObject({
      markComments: 1,
      markHistoryComments: 1,
      absenceComments: 1,
      messages: 2,
      auditEvents: 1,
      finishedJobs: 1,
    });
    // The leaver's registration, enrolment-free pupil days and nothing of anyone else.
    expect(preview.counts.leftPupilRows).toBe(1 + leaverDaysBefore + leaverPeriodsBefore);

    const run = await admin.request({ method: 'POST', url: '/api/retention/run' });
    expect(run.statusCode).toBe(200);
    expect(run.json().counts).toEqual(preview.counts);

    const db = t.database.db;
    const marks = await db
      .select()
      .from(schema.attendanceMarks)
      .where(eq(schema.attendanceMarks.organiserId, world.organiserId));
    expect(marks.map((m) => m.comment ?? '').sort()).toEqual(['', 'kom inte']);
    expect(marks.some((m) => m.personId === leaver())).toBe(false);
    const history = await db
      .select()
      .from(schema.attendanceMarkHistory)
      .where(eq(schema.attendanceMarkHistory.organiserId, world.organiserId));
    expect(history.map((h) => (h.next as { comment: string | null }).comment ?? '').sort()).toEqual(['', 'kom inte']);
    expect(history.every((h) => (h.next as { kind: string }).kind === 'absent')).toBe(true);
    const absences = await db.select().from(schema.absences).where(eq(schema.absences.organiserId, world.organiserId));
    expect(absences.map((a) => a.comment ?? '').sort()).toEqual(['', 'mellan kommentar', 'ny kommentar']);
    expect(await rowsOf('pupil_days', leaver())).toBe(0);
    expect(await rowsOf('pupil_days', stayer())).toBe(stayerDaysBefore);
    expect(await rowsOf('pupil_periods', leaver())).toBe(0);
    expect(await rowsOf('pupil_periods', stayer())).toBe(stayerPeriodsBefore);
    const outbox = await db.select().from(schema.outbox).where(eq(schema.outbox.organiserId, world.organiserId));
    expect(outbox.map((o) => o.status).sort()).toEqual(['pending', 'queued']);
    expect(await rowsOf('message_deliveries')).toBe(0);

    const audit = await db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.organiserId, world.organiserId));
    expect(audit.some((a) => a.occurredAt < new Date('2023-01-14'))).toBe(false);
    expect(audit.filter((a) => a.type === 'pupil.read')).toHaveLength(1);
    const record = audit.find((a) => a.type === 'retention.apply')!;
    expect(record.data).toMatchObject({ counts: preview.counts, cutoffs: preview.cutoffs });

    // A second run finds nothing left to thin.
    const again = (await admin.request({ method: 'POST', url: '/api/retention/run' })).json();
    expect(Object.values(again.counts).every((n) => n === 0)).toBe(true);
  });

  it('leaves insert-only tables insert-only outside a retention run', async () => {
    expect(
      await failureOf(t.database, sql`delete from audit_events where organiser_id = ${world.organiserId}`),
    ).toMatch(/insert-only/);
    expect(
      await failureOf(
        t.database,
        sql`update attendance_mark_history set next = null where organiser_id = ${world.organiserId}`,
      ),
    ).toMatch(/insert-only/);
  });

  it('applies a changed policy on the next run', async () => {
    const admin = await logInAs(t.app, world.usernames.organiserAdmin);
    const saved = await admin.request({
      method: 'PUT',
      url: '/api/retention/policy',
      payload: { ...DEFAULT_RETENTION_POLICY, absenceCommentsMonths: 1 },
    });
    expect(saved.statusCode).toBe(200);
    const preview = (await admin.request({ method: 'GET', url: '/api/retention/preview' })).json();
    expect(preview.cutoffs.commentsBefore).toBe('2025-12-14');
    // Only the June 2025 comment is newer than 12 months and older than 1 month.
    expect(preview.counts).toMatchObject({ markComments: 0, markHistoryComments: 0, absenceComments: 1 });
    const audit = await t.database.db
      .select()
      .from(schema.auditEvents)
      .where(
        and(
          eq(schema.auditEvents.organiserId, world.organiserId),
          eq(schema.auditEvents.type, 'retention.update-policy'),
        ),
      );
    expect(audit).toHaveLength(1);
  });
});
