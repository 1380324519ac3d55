/**
 * Every message template rendered from the real data path — the registration, the monthly rule,
 * a ladder step and alert (via "Utvärdera nu"), a leave decision, an investigation opened by the
 * ladder (organiser and home municipality) — and sent: no message may carry an empty value, and
 * a value that is missing holds the message (failed with a reason) instead of sending it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, logInAs, runJob, settableClock, testConfig, type TestApp } from '../../test/support.js';
import { addGuardian, createWorld, type World } from '../../test/factories.js';
import { queryRows, schema } from '../../db/client.js';
import { eachDate, weekdayOf } from '../../../shared/dates/index.js';
import { hasAbsence, isAbsentDay } from '../../../shared/measures/index.js';
import { DEFAULT_TEMPLATES } from '../../../shared/messages/templates.js';
import { LADDER_PRESETS } from '../../../shared/ladders/presets/index.js';
import type { LadderDefinition } from '../../../shared/ladders/index.js';
import { saveLadderVersion } from '../ladders/commands/save-ladder-version.js';
import { runMessageWorker, runMonthlyNotices } from './message-worker.js';
import type { OutgoingMessage, Transport, Transports } from './channels/channel.js';

/** A transport that keeps what it was given. */
function capture(name: string): Transport & { sent: OutgoingMessage[] } {
  const sent: OutgoingMessage[] = [];
  return {
    name,
    sent,
    send: async (m) => {
      sent.push(m);
      return { providerMessageId: null };
    },
  };
}

const stockholm = LADDER_PRESETS.stockholm as LadderDefinition;
const monthRate = (threshold: number) => ({
  combine: 'any' as const,
  triggers: [
    {
      kind: 'rate' as const,
      measure: 'absent' as const,
      period: { kind: 'month' as const },
      comparator: 'gte' as const,
      threshold,
    },
  ],
});
/** A ladder that uses every kind of ladder message (built on a preset, so the format's other fields stay valid). */
const LADDER: LadderDefinition = {
  ...stockholm,
  id: 'provtrappa',
  name: 'Provtrappa',
  steps: [
    {
      ...stockholm.steps[0],
      key: 'kontakt',
      name: 'Kontakt med hemmet',
      triggers: monthRate(0.3),
      entry: 'automatic',
      actions: [
        { kind: 'guardianMessage', templateKey: 'kontakt-hemmet' },
        { kind: 'organiserNotice', templateKey: 'rapport-huvudman' },
      ],
    },
    {
      ...stockholm.steps[0],
      key: 'utredning',
      name: 'Utredning',
      triggers: monthRate(0.45),
      entry: 'automatic',
      actions: [{ kind: 'openCase', caseKind: 'investigation' }],
    },
  ],
  alerts: stockholm.alerts,
};

describe('every template from every trigger that uses it, never with an empty value', () => {
  // Friday 30 January 2026: the ladder's first (nightly) evaluation; then Monday 2 February, 08:00 Stockholm.
  const clock = settableClock('2026-01-30T07:00:00Z');
  const config = () => ({ ...testConfig().messages, monthlyNoticeThresholdPercent: 45 });
  let t: TestApp;
  let world: World;
  const email = capture('test-email');
  const sms = capture('test-sms');
  const transports: Transports = { email, sms };
  const run = () => runMessageWorker(t.database, { now: clock.now(), config: config(), transports });
  const [onStep, investigated, alertOnly, absentToday, lateToday] = [0, 1, 2, 3, 4];
  let pupils: string[];

  beforeAll(async () => {
    t = await buildTestApp({ messages: config() }, clock);
    world = await createWorld(t.database, ['2026-02-02'], { pupilsPerClass: 6 });
    pupils = [world.pupilsA[0], world.pupilsA[1], world.pupilsB[0], world.pupilsA[2], world.pupilsA[3]];
    for (const [i, pupil] of pupils.entries())
      await addGuardian(t.database, world, `Vh${i}`, {
        pupilIds: [pupil],
        phone: `070-000 00 0${i}`,
        locale: i === onStep ? 'en' : 'sv',
      });
    // January's absence: 35 % (step 1), 50 % (step 2: investigation; the monthly rule's 45 %), 25 % (the ladder's monthly alert only).
    const rates = new Map([
      [pupils[onStep], 0.35],
      [pupils[investigated], 0.5],
      [pupils[alertOnly], 0.25],
    ]);
    const rows = [...rates].flatMap(([personId, rate]) =>
      eachDate('2026-01-05', '2026-01-30')
        .filter((d) => weekdayOf(d) <= 5)
        .map((date) => {
          const day = {
            date,
            scheduled: 300,
            known: 300,
            attended: 300 - 300 * rate,
            valid: 300 * rate,
            invalid: 0,
            other: 0,
            lateCount: 0,
            lateMinutes: 0,
          };
          return {
            organiserId: world.organiserId,
            personId,
            schoolUnitId: world.schoolUnitId,
            ...day,
            isAbsentDay: isAbsentDay(day),
            hasAbsence: hasAbsence(day),
          };
        }),
    );
    await t.database.db.insert(schema.pupilDays).values(rows);
    // Home municipality other than the school's: the investigation also notifies it.
    await t.database.db.execute(
      sql`update organisations set municipality_code = '0180' where organiser_id = ${world.organiserId} and id = ${world.schoolUnitId}`,
    );
    await t.database.db.execute(
      sql`update persons set home_municipality_code = '0184' where organiser_id = ${world.organiserId} and id = ${pupils[investigated]}`,
    );
    const [admin] = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id from users where organiser_id = ${world.organiserId} and username = ${world.usernames.organiserAdmin}`,
    );
    await saveLadderVersion(
      t.database.db,
      { organiserId: world.organiserId, actorUserId: admin.id },
      { schoolUnitId: null, definition: LADDER, presetId: null, effectiveFrom: '2026-01-01', isPublished: true },
    );
  });
  afterAll(() => t.close());

  const outbox = () =>
    queryRows<{
      template_key: string;
      kind: string;
      person_id: string;
      status: string;
      last_error: string | null;
      idempotency_key: string;
      payload: Record<string, unknown>;
    }>(
      t.database.db,
      sql`select template_key, kind, person_id, status, last_error, idempotency_key, payload from outbox where organiser_id = ${world.organiserId} order by created_at, template_key`,
    );

  it('the registration, the monthly rule, "Utvärdera nu", a leave decision and the investigation: every template sent with every value filled', async () => {
    const principal = await logInAs(t.app, world.usernames.principal);
    expect((await runJob(principal, '/api/ladders/evaluate', { schoolUnitId: world.schoolUnitId })).status).toBe(
      'done',
    );
    clock.set('2026-02-02T07:00:00Z');
    const teacher = await logInAs(t.app, world.usernames.teacher);
    const registered = await teacher.request({
      method: 'PUT',
      url: `/api/lessons/${world.lessonsA.get('2026-02-02 08:00')}/registration`,
      payload: {
        marks: [
          { personId: pupils[absentToday], kind: 'absent' },
          { personId: pupils[lateToday], kind: 'late', minutes: 10 },
        ],
      },
    });
    expect(registered.statusCode).toBe(200);
    expect(await runMonthlyNotices(t.database, { today: clock.today(), now: clock.now(), config: config() })).toBe(1);
    expect((await runJob(principal, '/api/ladders/evaluate', { schoolUnitId: world.schoolUnitId })).status).toBe(
      'done',
    );
    const guardian = (
      await queryRows<{ username: string }>(
        t.database.db,
        sql`select u.username from users u join responsibles r on r.organiser_id = u.organiser_id and r.guardian_id = u.person_id
      where u.organiser_id = ${world.organiserId} and r.pupil_id = ${pupils[alertOnly]}`,
      )
    )[0].username;
    const parent = await logInAs(t.app, guardian);
    const leave = await parent.request({
      method: 'POST',
      url: '/api/guardian/leave-requests',
      payload: { pupilId: pupils[alertOnly], fromDate: '2026-02-09', toDate: '2026-02-10', reason: 'Resa' },
    });
    expect(leave.statusCode).toBe(201);
    expect(
      (
        await principal.request({
          method: 'POST',
          url: `/api/leave-requests/${leave.json().id}/decision`,
          payload: { decision: 'granted', reason: 'Planera skolarbetet med mentorn.' },
        })
      ).statusCode,
    ).toBe(204);

    // Rows written by the evaluation are due at the database's now(), the real time: bring them to the test's clock.
    await t.database.db.execute(
      sql`update outbox set send_after = ${clock.now().toISOString()}::timestamptz where organiser_id = ${world.organiserId} and send_after > ${clock.now().toISOString()}::timestamptz`,
    );
    clock.set('2026-02-02T14:00:00Z'); // 15:00, the same-day notice's time
    await run();
    const rows = await outbox();
    // A ladder never writes the same-day notice (the pupil 10 minutes late got none from anyone).
    expect(
      rows
        .filter((r) => r.template_key === 'franvaro-samma-dag')
        .map((r) => [r.person_id, r.idempotency_key.split(':')[0]]),
    ).toEqual([[pupils[absentToday], 'same-day']]);
    expect(rows.filter((r) => r.person_id === pupils[lateToday])).toEqual([]);
    // Nothing held for an empty value; every template of the catalogue went out from a real trigger.
    expect(rows.filter((r) => r.last_error?.startsWith('EMPTY_PLACEHOLDER'))).toEqual([]);
    const sentKeys = new Set(
      rows
        .filter((r) => r.status === 'queued')
        .map((r) =>
          DEFAULT_TEMPLATES[r.template_key]
            ? r.template_key
            : r.kind === 'organiserNotice'
              ? 'organiser-notice'
              : 'ladder-step',
        ),
    );
    expect([...sentKeys].sort()).toEqual(Object.keys(DEFAULT_TEMPLATES).sort());
    // The ladder's monthly alert for the pupil the monthly rule already told is not sent twice.
    expect(
      rows
        .filter((r) => r.person_id === pupils[investigated] && r.template_key === 'manadsfranvaro-over-20')
        .map((r) => r.status)
        .sort(),
    ).toEqual(['queued', 'withdrawn']);

    const all = [...email.sent, ...sms.sent];
    const noticeTexts = await queryRows<{ subject: string; body: string; template_key: string }>(
      t.database.db,
      sql`select d.subject, d.body, o.template_key from message_deliveries d
      join outbox o on o.organiser_id = d.organiser_id and o.id = d.outbox_id where d.organiser_id = ${world.organiserId} and o.kind = 'organiserNotice'`,
    );
    for (const text of [
      ...all.map((m) => `${m.subject}\n${m.body}`),
      ...noticeTexts.map((n) => `${n.subject}\n${n.body}`),
    ]) {
      // No placeholder left, no gap where a value belonged ("från  på", "i : ", "steget  .").
      expect(text).not.toMatch(/\{\{|\}\}| {2}| [:.,]|\(\)/);
    }
    const to = (i: number) => `vh${i}@example.test`;
    const bodyTo = (address: string, subjectPart: string) =>
      email.sent.find((m) => m.to === address && m.subject.includes(subjectPart))?.body ?? '';
    expect(bodyTo(to(absentToday), 'Frånvaro idag')).toContain(
      'Anna3 Elev var idag 2026-02-02 frånvarande utan anmälan från Matematik 7A 08:00 på Testskolan 7–9.',
    );
    expect(bodyTo(to(investigated), 'Frånvaron i')).toMatch(/var frånvarande 50\s% av skoltiden i januari 2026/);
    expect(bodyTo(to(alertOnly), 'Frånvaron i')).toMatch(/var frånvarande 25\s% av skoltiden i januari 2026/);
    expect(bodyTo(to(alertOnly), 'ledighet')).toContain(
      '2026-02-09–2026-02-10 är beviljad.\nMotivering: Planera skolarbetet med mentorn.',
    );
    // The ladder message says the step and the figures that fired it (in the guardian's language: English here).
    expect(bodyTo(to(onStep), 'About attendance')).toMatch(
      /Steg 1 \(Kontakt med hemmet\) sedan 2026-01-31: frånvaro 35,0\s% i januari 2026 \(gräns 30\s%\)/,
    );
    const notice = (key: string) => noticeTexts.find((n) => n.template_key === key);
    expect(notice('rapport-huvudman')).toMatchObject({
      subject: 'Anmälan till huvudmannen: Kontakt med hemmet',
      body: expect.stringContaining('Testskolan 7–9: Kontakt med hemmet den 2026-01-31.'),
    });
    expect(notice('utredning-oppnad')?.body).toContain(
      'Rektor vid Testskolan 7–9 har den 2026-01-31 inlett en utredning',
    );
    expect(notice('utredning-oppnad')?.body).toContain('klar senast 2026-02-28');
    expect(notice('utredning-oppnad-hemkommun')).toMatchObject({
      subject: expect.stringContaining('(0184)'),
      body: expect.stringContaining('folkbokförd i kommun 0184'),
    });
  });

  it('refuses a template with an unknown field, and holds (never sends) a message whose template names a value the trigger does not give', async () => {
    const admin = await logInAs(t.app, world.usernames.organiserAdmin);
    const unknown = await admin.request({
      method: 'PUT',
      url: '/api/messages/templates/franvaro-samma-dag/sv',
      payload: { subject: 'Frånvaro {{elevNamn}}', body: 'Hej {{pupilName}}' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toBe('TEMPLATE_INVALID');
    // {{month}} is a known field, but the same-day rule has no month: the notice must not go out with a hole.
    const saved = await admin.request({
      method: 'PUT',
      url: '/api/messages/templates/franvaro-samma-dag/sv',
      payload: {
        subject: 'Frånvaro idag: {{pupilName}}',
        body: '{{pupilName}} var borta i {{month}} från {{lessons}}.',
      },
    });
    expect(saved.statusCode).toBe(204);
    const pupil = world.pupilsA[4];
    await addGuardian(t.database, world, 'Saga', { pupilIds: [pupil], phone: '0701112233' });
    const teacher = await logInAs(t.app, world.usernames.teacher);
    await teacher.request({
      method: 'PUT',
      url: `/api/lessons/${world.lessonsA.get('2026-02-02 10:30')}/registration`,
      payload: { marks: [{ personId: pupil, kind: 'absent' }] },
    });
    const before = email.sent.length + sms.sent.length;
    clock.set('2026-02-02T14:05:00Z');
    await run();
    expect(email.sent.length + sms.sent.length).toBe(before);
    const [held] = (await outbox()).filter((r) => r.person_id === pupil && r.template_key === 'franvaro-samma-dag');
    expect(held).toMatchObject({ status: 'failed', last_error: 'EMPTY_PLACEHOLDER:month' });
    const deliveries = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from message_deliveries d join outbox o on o.organiser_id = d.organiser_id and o.id = d.outbox_id
      where o.organiser_id = ${world.organiserId} and o.person_id = ${pupil} and o.template_key = 'franvaro-samma-dag'`,
    );
    expect(deliveries[0].n).toBe(0);
    // The staff see why on the pupil's message list.
    const mentor = await logInAs(t.app, world.usernames.mentor);
    const messages = (await mentor.request({ method: 'GET', url: `/api/pupils/${pupil}/messages` })).json().messages;
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          templateKey: 'franvaro-samma-dag',
          status: 'failed',
          error: 'EMPTY_PLACEHOLDER:month',
        }),
      ]),
    );
  });
});
