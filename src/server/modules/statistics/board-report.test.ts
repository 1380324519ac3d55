// The board report PDF through the HTTP app: tagged, Swedish, and its text extractable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, logInAs, type TestApp } from '../../test/support.js';
import { createWorld, type World } from '../../test/factories.js';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import type { Clock } from '../../clock.js';
import { handleScheduledBoardReports } from './scheduled-board-reports.js';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { schema } from '../../db/client.js';
import { recomputePupilDays } from '../measures/recompute-pupil-days.js';
import { suppressBoardReport } from './board-report.js';
import type { OrganiserStatisticsResponse } from '../../../shared/schemas/statistics.js';
import { extractPdfText } from '../../test/pdf-text.js';
import { findUntranslated, scanRules } from '../../test/untranslated.js';

describe('board report', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    t = await buildTestApp();
    world = await createWorld(t.database, ['2026-01-12', '2026-01-13']);
    const teacher = await logInAs(t.app, world.usernames.teacher);
    for (const [key, lessonId] of world.lessonsA) {
      const marks = key.endsWith('08:00') ? [{ personId: world.pupilsA[0], kind: 'absent' }] : [];
      await teacher.request({ method: 'PUT', url: `/api/lessons/${lessonId}/registration`, payload: { marks } });
    }
  });
  afterAll(() => t.close());

  it('renders a tagged Swedish PDF with the headline figures, the per-school table and the administrator text', async () => {
    const admin = await logInAs(t.app, world.usernames.organiserAdmin);
    const text = 'Frånvaron följs upp månadsvis på varje skola.';
    const res = await admin.request({
      method: 'GET',
      url: `/api/statistics/board-report.pdf?from=2026-01-12&to=2026-01-13&text=${encodeURIComponent(text)}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    // Tagged: a structure tree, marked content and the document language.
    expect(raw).toMatch(/\/StructTreeRoot/);
    expect(raw).toMatch(/\/MarkInfo/);
    expect(raw).toMatch(/\/Lang \(sv-SE\)/);
    const content = extractPdfText(pdf);
    expect(content).toContain('Nämndrapport: närvaro och frånvaro, Testkommun');
    expect(content).toContain('Per skolenhet');
    expect(content).toContain('Registreringskvalitet');
    expect(content).toContain('Testskolan 7–9'.replace('–', '\x96'));
    // 8 pupils; class A known 4 × 360 min, pupil 0 absent 2 × 60 → 120 / 1440 = 8,3 %, coverage 50 % → uncertain.
    expect(content).toMatch(/Elever: 8\. Frånvaro: 8,3 % \(osäker\)/);
    expect(content).toContain(text);
    // The trend: a tagged Figure (vector lines, alt text) and the same numbers as a table.
    expect(raw).toMatch(/\/S \/Figure/);
    expect(content).toContain('Frånvaro per månad'.replace('å', '\xe5'));
    expect(content).toMatch(/jan 2026\s*\n?8,3 %/);
    // Case figures come from case management (none in this world), messages from the outbox.
    expect(content).toContain('Utredningar inledda');
    expect(content).not.toContain('ej tillg'.replace('ä', '\xe4'));
    // Swedish only: no key, code or English word (issue 16, item 8).
    expect(findUntranslated(content, scanRules())).toEqual([]);
  });

  it('is generated on a schedule, stored once per period and listed for download', async () => {
    const admin = await logInAs(t.app, world.usernames.organiserAdmin);
    const put = await admin.request({
      method: 'PUT',
      url: '/api/statistics/board-report-schedule',
      payload: { frequency: 'monthly', text: 'Månadsrapport.' },
    });
    expect(put.statusCode).toBe(200);
    expect((await admin.request({ method: 'GET', url: '/api/statistics/board-report-schedule' })).json()).toEqual({
      frequency: 'monthly',
      text: 'Månadsrapport.',
    });
    const clock = { today: () => '2026-02-03', now: () => new Date('2026-02-03T02:00:00Z') } as Clock;
    expect(await handleScheduledBoardReports(t.database, clock)).toBeGreaterThanOrEqual(1);
    expect(await handleScheduledBoardReports(t.database, clock)).toBe(0);
    const list = (await admin.request({ method: 'GET', url: '/api/statistics/board-reports' })).json().reports;
    expect(list).toEqual([expect.objectContaining({ from: '2026-01-01', to: '2026-01-31', origin: 'scheduled' })]);
    const pdf = await admin.request({ method: 'GET', url: `/api/statistics/board-reports/${list[0].id}` });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.toString('latin1').startsWith('%PDF-1.7')).toBe(true);
    const audit = await queryRows<{ type: string }>(
      t.database.db,
      sql`select type from audit_events where organiser_id = ${world.organiserId} and type like 'statistics.%board%' order by id`,
    );
    expect(audit.map((a) => a.type)).toEqual([
      'statistics.set-board-report-schedule',
      'statistics.generate-board-report',
    ]);
    const principal = await logInAs(t.app, world.usernames.principal);
    expect((await principal.request({ method: 'GET', url: '/api/statistics/board-reports' })).statusCode).toBe(403);
    expect(
      (await principal.request({ method: 'GET', url: `/api/statistics/board-reports/${list[0].id}` })).statusCode,
    ).toBe(403);
  });

  it('is for the organiser only', async () => {
    const principal = await logInAs(t.app, world.usernames.principal);
    expect(
      (
        await principal.request({
          method: 'GET',
          url: '/api/statistics/board-report.pdf?from=2026-01-12&to=2026-01-13',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('suppresses small per-school counts as the regional statistics do (issue 15, item 12)', async () => {
    // 1. The same world, but class 7B (4 pupils) belongs to a second school: two schools of 4 pupils each.
    const small = await createWorld(t.database, ['2026-01-12', '2026-01-13']);
    const db = t.database.db;
    const { organiserId } = small;
    const secondSchool = randomUUID();
    await db.insert(schema.organisations).values({
      organiserId,
      id: secondSchool,
      displayName: 'Lillskolan',
      organisationType: 'Skolenhet',
      parentId: organiserId,
      schoolUnitCode: '87654321',
    });
    await db
      .update(schema.groups)
      .set({ schoolUnitId: secondSchool })
      .where(and(eq(schema.groups.organiserId, organiserId), eq(schema.groups.id, small.classB)));
    await db
      .update(schema.activities)
      .set({ schoolUnitId: secondSchool })
      .where(and(eq(schema.activities.organiserId, organiserId), eq(schema.activities.id, small.activityB)));
    await db
      .update(schema.lessons)
      .set({ schoolUnitId: secondSchool })
      .where(and(eq(schema.lessons.organiserId, organiserId), eq(schema.lessons.activityId, small.activityB)));
    for (const pupil of small.pupilsB) {
      await db
        .update(schema.enrolments)
        .set({ schoolUnitId: secondSchool })
        .where(and(eq(schema.enrolments.organiserId, organiserId), eq(schema.enrolments.personId, pupil)));
    }
    await recomputePupilDays(db, organiserId, [...small.pupilsA, ...small.pupilsB], '2026-01-12', '2026-01-13');
    const admin = await logInAs(t.app, small.usernames.organiserAdmin);
    const statistics = (
      await admin.request({ method: 'GET', url: '/api/statistics/organiser?from=2026-01-12&to=2026-01-13' })
    ).json();
    expect(statistics.schoolUnits.map((u: { current: { pupils: number } }) => u.current.pupils)).toEqual([4, 4]);
    const res = await admin.request({
      method: 'GET',
      url: '/api/statistics/board-report.pdf?from=2026-01-12&to=2026-01-13',
    });
    const content = extractPdfText(res.rawPayload);
    // 2. The organiser total of 8 is shown; each school's 4 pupils, rates and counts are not.
    expect(content).toMatch(/Elever: 8\. Frånvaro/);
    const perSchool = content.slice(content.indexOf('Per skolenhet'), content.indexOf('Registreringskvalitet'));
    expect(perSchool).toContain('Lillskolan');
    expect(perSchool).not.toMatch(/\b4\b/);
    expect(perSchool).not.toMatch(/%/);
    expect(perSchool).toMatch(/Dolt: färre än 5 elever/);
  });

  it('hides a small school and one more, so the total cannot give it away', () => {
    const unit = (id: string, pupils: number, above: number, onStep: number, withoutMeasure: number) => ({
      schoolUnitId: id,
      current: { pupils, aboveListShare: above },
      previous: { pupils },
      onStep,
      withoutMeasure,
    });
    const statistics = {
      total: { current: { pupils: 73, aboveListShare: 11 }, onStep: 9, withoutMeasure: 3 },
      schoolUnits: [unit('a', 40, 6, 5, 2), unit('b', 3, 1, 1, 0), unit('c', 30, 4, 3, 1)],
    } as unknown as OrganiserStatisticsResponse;
    const cells = suppressBoardReport(statistics);
    // 3. School b (3 pupils) is primary; c (30, the smallest visible) is hidden so that 73 − 40 − x does not reveal b.
    expect(cells.schoolUnits.map((u) => [u.pupils, u.isHidden])).toEqual([
      [40, false],
      [null, true],
      [null, true],
    ]);
    // 4. Counts under 5 are hidden wherever they are; the margins the summary prints stay when they are large enough.
    expect(cells.schoolUnits.map((u) => u.aboveListShare)).toEqual([6, null, null]);
    expect(cells.schoolUnits.every((u) => u.withoutMeasure === null)).toBe(true);
    expect(cells.total).toEqual({ pupils: 73, aboveListShare: 11, onStep: 9, withoutMeasure: null });
  });
});
