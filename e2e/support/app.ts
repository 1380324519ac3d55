/** Shared steps for the browser tests: demo accounts, login, accessibility scan, keyboard moves. */
import {
  expect,
  request as playwrightRequest,
  type APIRequestContext,
  type Locator,
  type Page,
} from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import type { Me } from '../../src/shared/schemas/auth';
import type { LessonDetail, LessonSummary, MarkInput, MyLessonsResponse } from '../../src/shared/schemas/lessons';

/** NARVARO_TODAY of scripts/e2e-server.mjs (a Monday). */
export const TODAY = '2026-11-23';
export const DEMO_PASSWORD = 'demo';
export const BASE_URL = `http://127.0.0.1:${process.env.E2E_PORT ?? '3311'}`;
export type DemoUser =
  | 'admin'
  | 'huvudman'
  | 'rektor'
  | 'elevhalsa'
  | 'mentor'
  | 'larare'
  | 'vardnadshavare'
  | 'region';

/** Logs in through the form; waits until the app has left /login. */
export async function logIn(page: Page, username: DemoUser, password = DEMO_PASSWORD): Promise<void> {
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** WCAG 2.0/2.1/2.2 A and AA scan of the current page: one readable line per violation (empty when clean). */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join('\n    ')}`,
  );
}

/** WCAG 2.0/2.1/2.2 A and AA scan of the current page; fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  expect(await axeViolations(page), `axe violations on ${label}`).toEqual([]);
}

/** The page does not scroll sideways (at 375 px everything must fit; wide tables scroll inside their own region). */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, 'page width').toBeLessThanOrEqual(clientWidth);
}

/** Presses Tab until `target` has focus, like a keyboard user would. */
export async function tabUntil(page: Page, target: Locator, maxPresses = 300): Promise<void> {
  for (let i = 0; i < maxPresses; i += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** A signed-in API client (own cookie jar) for arranging data or checking access outside the page. */
export async function apiAs(username: DemoUser): Promise<{ api: APIRequestContext; me: Me }> {
  const api = await playwrightRequest.newContext({ baseURL: BASE_URL });
  const response = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(response.status(), `login as ${username}`).toBe(200);
  return { api, me: (await response.json()) as Me };
}

/**
 * Rektor moves a 7A pupil who is not on step 3 to Stockholm's manual step 2 ("Fördjupad
 * kartläggning"), which gives the 7A mentor fresh tasks that are not yet due: the demo's staff
 * have done the earlier ones (issue 16), so a test that works tasks makes its own.
 * @returns the pupil's name
 */
export async function giveMentorFreshTasks(): Promise<string> {
  const { api, me } = await apiAs('rektor');
  try {
    const warning = await api.get('/api/early-warning?scope=school&minStep=0');
    expect(warning.status()).toBe(200);
    const { rows } = (await warning.json()) as {
      rows: {
        personId: string;
        givenName: string;
        familyName: string;
        className: string | null;
        stepIndex: number;
        isProtected: boolean;
      }[];
    };
    const pupil = rows.find((r) => r.className === '7A' && r.stepIndex < 2 && !r.isProtected);
    expect(pupil, 'a 7A pupil below step 2').toBeTruthy();
    const decided = await api.post(`/api/pupils/${pupil!.personId}/ladder-decisions`, {
      headers: { 'X-CSRF-Token': me.csrfToken },
      data: { stepIndex: 2, reason: 'Fortsatt frånvaro efter den enkla kartläggningen (e2e).' },
    });
    expect(decided.status(), await decided.text()).toBe(204);
    return `${pupil!.givenName} ${pupil!.familyName}`;
  } finally {
    await api.dispose();
  }
}

const isClass7A = (lesson: LessonSummary) => lesson.groupNames.some((name) => /\b7A\b/.test(name));

/** larare's lessons today, in time order. */
export async function teacherLessonsToday(api: APIRequestContext): Promise<LessonSummary[]> {
  const response = await api.get(`/api/lessons/mine?date=${TODAY}`);
  expect(response.status()).toBe(200);
  const body = (await response.json()) as MyLessonsResponse;
  return [...body.lessons].sort((a, b) => a.startTime.localeCompare(b.startTime));
}

/** The first lesson of class 7A today (the lesson the teacher test registers). */
export async function firstLessonOf7A(api: APIRequestContext): Promise<LessonDetail> {
  const lesson = (await teacherLessonsToday(api)).find((l) => isClass7A(l) && !l.isCancelled);
  expect(lesson, 'larare has a 7A lesson today').toBeTruthy();
  const response = await api.get(`/api/lessons/${lesson!.id}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as LessonDetail;
}

/**
 * Makes sure the teacher test's registration exists (first pupil absent, second late 10 min),
 * so tests that read it do not depend on running after it. Same marks → no change.
 */
export async function ensureTeacherRegistration(): Promise<{
  lesson: LessonDetail;
  absentPupil: { id: string; name: string };
}> {
  const { api, me } = await apiAs('larare');
  try {
    const lesson = await firstLessonOf7A(api);
    const [first, second] = lesson.roster;
    // As the register view would send it: everyone else's current marks (imported ones stand
    // unless overridden), and pupils whose report covers an unconfirmed lesson absent.
    const marks: MarkInput[] = lesson.roster.slice(2).flatMap((entry): MarkInput[] => {
      if (entry.mark && entry.mark.kind !== 'imported') {
        return [
          {
            personId: entry.personId,
            kind: entry.mark.kind,
            ...(entry.mark.minutes ? { minutes: entry.mark.minutes } : {}),
          },
        ];
      }
      const isCovered = entry.covering.some((c) => c.kind !== 'staffReason' && c.isWholeLesson);
      return !entry.mark && !lesson.lesson.isConfirmed && isCovered
        ? [{ personId: entry.personId, kind: 'absent' }]
        : [];
    });
    marks.push({ personId: first.personId, kind: 'absent' }, { personId: second.personId, kind: 'late', minutes: 10 });
    const response = await api.put(`/api/lessons/${lesson.lesson.id}/registration`, {
      headers: { 'X-CSRF-Token': me.csrfToken },
      data: { marks },
    });
    expect(response.status(), await response.text()).toBe(200);
    return { lesson, absentPupil: { id: first.personId, name: `${first.givenName} ${first.familyName}` } };
  } finally {
    await api.dispose();
  }
}

/** The Stockholm preset's name (docs/domain/ladders.md, 'The presets') and the start of the spring term 2026. */
export const STOCKHOLM_LADDER = 'Frånvarotrappan – Stockholms stad';
export const SPRING_TERM_START = '2026-01-08';

/**
 * Makes sure rektor's school follows a published Stockholm ladder from the spring term and that
 * the pupils' steps are evaluated, so tests that read steps and tasks do not depend on running
 * after the ladder test (which does the same through the UI). Cheap when already done.
 */
export async function ensureStockholmLadder(): Promise<void> {
  const { api, me } = await apiAs('rektor');
  try {
    const schoolUnitId = me.roles.find((grant) => grant.role === 'principal')?.schoolUnitId;
    expect(schoolUnitId, 'rektor has a school unit').toBeTruthy();
    const ladders = await api.get('/api/ladders');
    expect(ladders.status()).toBe(200);
    const { versions } = (await ladders.json()) as {
      versions: { schoolUnitId: string | null; presetId: string | null; status: string }[];
    };
    const headers = { 'X-CSRF-Token': me.csrfToken };
    if (
      !versions.some((v) => v.schoolUnitId === schoolUnitId && v.presetId === 'stockholm' && v.status === 'published')
    ) {
      const created = await api.post('/api/ladders/versions', {
        headers,
        data: { schoolUnitId, presetId: 'stockholm', effectiveFrom: SPRING_TERM_START, publish: true },
      });
      expect(created.status(), await created.text()).toBe(201);
    }
    const started = await api.post('/api/ladders/evaluate', { headers, data: { schoolUnitId } });
    expect(started.status(), await started.text()).toBe(202);
    const { jobId } = (await started.json()) as { jobId: string };
    // The evaluation runs as a background job; wait for it to finish.
    await expect
      .poll(async () => ((await (await api.get(`/api/jobs/${jobId}`)).json()) as { status: string }).status, {
        timeout: 120_000,
      })
      .toMatch(/^(done|failed)$/);
    expect(((await (await api.get(`/api/jobs/${jobId}`)).json()) as { status: string }).status).toBe('done');
  } finally {
    await api.dispose();
  }
}
