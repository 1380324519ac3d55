/**
 * The register view and a registration's answer carry only the newest HISTORY_PAGE_SIZE history
 * entries with the total and a cursor; GET /api/lessons/:id/history pages the older ones. A lesson
 * corrected more often than that: the first page is the newest, paging gives every other entry
 * exactly once in the stored order (time, then id — also when a registration's clock is behind the
 * rows before it), the answer of every registration equals a fresh read, and the history endpoint
 * answers every user as the register view does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, logInAs, settableClock, type Session, type TestApp } from '../../test/support.js';
import { createWorld, type World } from '../../test/factories.js';
import { queryRows } from '../../db/client.js';
import {
  HISTORY_PAGE_SIZE,
  type LessonDetail,
  type LessonHistoryPage,
  type MarkHistoryEntry,
  type MarkInput,
} from '../../../shared/schemas/lessons.js';

const TODAY = '2026-01-14';
// Wednesday 09:00 in Stockholm.
const clock = settableClock('2026-01-14T08:00:00Z');
/** More pupils than a page holds: one registration can write more rows than the register view shows. */
const PUPILS = HISTORY_PAGE_SIZE + 5;

/** What identifies an entry in these checks (entries carry no id). */
const entryKey = (e: MarkHistoryEntry) => `${e.changedAt} ${e.personId} ${JSON.stringify(e.next)}`;

describe("a lesson's history: the newest in the register, the rest page by page", () => {
  let t: TestApp;
  let world: World;
  let teacher: Session;
  let lessonId: string;

  const view = async (session: Session, id = lessonId): Promise<LessonDetail> => {
    const response = await session.request({ method: 'GET', url: `/api/lessons/${id}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const page = (session: Session, query: string, id = lessonId) =>
    session.request({ method: 'GET', url: `/api/lessons/${id}/history?${query}` });

  /** Registers as the teacher; the answer must equal a fresh read of the register. */
  async function register(marks: MarkInput[], label: string): Promise<LessonDetail> {
    const response = await teacher.request({
      method: 'PUT',
      url: `/api/lessons/${lessonId}/registration`,
      payload: { marks },
    });
    expect(response.statusCode, `${label}: ${response.body}`).toBe(200);
    const answer: LessonDetail = response.json();
    expect(answer, `${label}: answer vs fresh read`).toEqual(await view(teacher));
    return answer;
  }

  /** The stored history in the order the API gives it, as entry keys. */
  const stored = async (): Promise<string[]> =>
    (
      await queryRows<{ person_id: string; changed_at: Date | string; next: unknown }>(
        t.database.db,
        sql`select person_id, changed_at, next from attendance_mark_history
          where organiser_id = ${world.organiserId} and lesson_id = ${lessonId} order by changed_at desc, id desc`,
      )
    ).map((r) => `${new Date(r.changed_at).toISOString()} ${r.person_id} ${JSON.stringify(r.next)}`);

  beforeAll(async () => {
    t = await buildTestApp({}, clock);
    world = await createWorld(t.database, [TODAY], { pupilsPerClass: PUPILS });
    teacher = await logInAs(t.app, world.usernames.teacher);
    lessonId = world.lessonsA.get(`${TODAY} 08:00`)!;
  });
  afterAll(() => t.close());

  it('answers each registration with the newest entries, the total and a cursor, as a fresh read does', async () => {
    const pupils = world.pupilsA;
    expect(pupils).toHaveLength(PUPILS);
    // 1. One registration writes more rows than a page holds: the page is all its own rows.
    const first = await register(
      pupils.map((personId) => ({ personId, kind: 'absent' })),
      'everyone absent',
    );
    expect(first.history).toHaveLength(HISTORY_PAGE_SIZE);
    expect(first.historyTotal).toBe(PUPILS);
    expect(first.historyCursor).not.toBeNull();
    // 2. Later corrections at one time (ties go by id), and one whose clock is behind every row so far.
    clock.set('2026-01-14T08:30:00Z');
    const present = pupils.slice(0, 10);
    await register(
      pupils.slice(10).map((personId) => ({ personId, kind: 'absent' })),
      'ten present',
    );
    clock.set('2026-01-14T07:50:00Z');
    const late = await register(
      [
        ...present.slice(0, 5).map((personId): MarkInput => ({ personId, kind: 'late', minutes: 5 })),
        ...pupils.slice(10).map((personId): MarkInput => ({ personId, kind: 'absent' })),
      ],
      'five late, clock behind',
    );
    expect(late.historyTotal).toBe(PUPILS + 10 + 5);
    // The late rows are older in time than every row before them, so not among the newest.
    expect(late.history.some((e) => e.changedAt === '2026-01-14T07:50:00.000Z')).toBe(false);
    // 3. Nothing changes: the same page, total and cursor.
    clock.set('2026-01-14T08:45:00Z');
    const again = await register(
      [
        ...present.slice(0, 5).map((personId): MarkInput => ({ personId, kind: 'late', minutes: 5 })),
        ...pupils.slice(10).map((personId): MarkInput => ({ personId, kind: 'absent' })),
      ],
      'sent again',
    );
    expect(again.history).toEqual(late.history);
    expect([again.historyTotal, again.historyCursor]).toEqual([late.historyTotal, late.historyCursor]);
    clock.set('2026-01-14T08:00:00Z');
  });

  it('gives the newest entries in the register view and every older one exactly once by paging, in order', async () => {
    const all = await stored();
    expect(all.length).toBeGreaterThan(HISTORY_PAGE_SIZE);
    const detail = await view(teacher);
    expect(detail.history.map(entryKey)).toEqual(all.slice(0, HISTORY_PAGE_SIZE));
    expect(detail.historyTotal).toBe(all.length);
    // Without a cursor the history endpoint gives what the register view gives.
    const newest = await page(teacher, '');
    expect(newest.statusCode, newest.body).toBe(200);
    expect(newest.json()).toEqual({
      history: detail.history,
      historyTotal: detail.historyTotal,
      historyCursor: detail.historyCursor,
    });
    // Pages of 7 (not a divisor of the total) from the register view's cursor to the end.
    const seen = [...detail.history];
    let cursor = detail.historyCursor;
    while (cursor !== null) {
      const response = await page(teacher, `before=${cursor}&limit=7`);
      expect(response.statusCode, response.body).toBe(200);
      const older: LessonHistoryPage = response.json();
      expect(older.history.length).toBeGreaterThan(0);
      expect(older.history.length).toBeLessThanOrEqual(7);
      expect(older.historyTotal).toBe(all.length);
      seen.push(...older.history);
      cursor = older.historyCursor;
    }
    expect(seen.map(entryKey)).toEqual(all);
    // The default page size is the register view's.
    const defaultPage: LessonHistoryPage = (await page(teacher, `before=${detail.historyCursor}`)).json();
    expect(defaultPage.history.map(entryKey)).toEqual(all.slice(HISTORY_PAGE_SIZE, 2 * HISTORY_PAGE_SIZE));
  });

  it('answers every user as the register view does, and audits what a page showed', async () => {
    const lessons = [lessonId, world.lessonsB.get(`${TODAY} 08:00`)!, '00000000-0000-4000-8000-000000000000'];
    for (const [role, username] of Object.entries(world.usernames)) {
      const session = await logInAs(t.app, username);
      for (const id of lessons) {
        const registerView = await session.request({ method: 'GET', url: `/api/lessons/${id}` });
        const history = await page(session, 'limit=3', id);
        expect(history.statusCode, `${role} on ${id}`).toBe(registerView.statusCode);
        if (history.statusCode !== 200) expect(history.json()).toEqual(registerView.json());
      }
    }
    // Another organiser's lesson: not disclosed.
    const other = await createWorld(t.database, [TODAY]);
    expect((await page(teacher, 'limit=3', other.lessonsA.get(`${TODAY} 08:00`)!)).statusCode).toBe(404);
    // Elevhälsa reads the register, so the history too; each page is audited with its pupils.
    const studentHealth = await logInAs(t.app, world.usernames.studentHealth);
    const shown: LessonHistoryPage = (await page(studentHealth, 'limit=4')).json();
    const [event] = await queryRows<{ subject_id: string; data: { pupils: number; pupilIds: string[] } }>(
      t.database.db,
      sql`select a.subject_id, a.data from audit_events a join users u on u.organiser_id = a.organiser_id and u.id = a.actor_user_id
        where a.organiser_id = ${world.organiserId} and a.type = 'lesson.read-history' and u.username = ${world.usernames.studentHealth}
        order by a.id desc limit 1`,
    );
    expect(event.subject_id).toBe(lessonId);
    expect(event.data.pupilIds.sort()).toEqual([...new Set(shown.history.map((e) => e.personId))].sort());
    expect(event.data.pupils).toBe(event.data.pupilIds.length);
  });

  it('refuses bad input with stable codes', async () => {
    const detail = await view(teacher);
    const expectations: [string, number, string][] = [
      ['before=abc', 400, 'VALIDATION_FAILED'],
      ['before=-1', 400, 'VALIDATION_FAILED'],
      ['before=1234567890123456789012', 400, 'VALIDATION_FAILED'],
      ['limit=0', 400, 'VALIDATION_FAILED'],
      ['limit=201', 400, 'VALIDATION_FAILED'],
      ['limit=x', 400, 'VALIDATION_FAILED'],
      // Well-formed, but no entry of this lesson's history.
      ['before=999999999999', 400, 'HISTORY_CURSOR_INVALID'],
    ];
    for (const [query, status, code] of expectations) {
      const response = await page(teacher, query);
      expect(response.statusCode, query).toBe(status);
      expect(response.json().error, query).toBe(code);
    }
    // This lesson's cursor on another lesson of the same teacher.
    const elsewhere = await page(teacher, `before=${detail.historyCursor}`, world.lessonsA.get(`${TODAY} 09:15`)!);
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error).toBe('HISTORY_CURSOR_INVALID');
  });
});
