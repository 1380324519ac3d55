/**
 * (13) Swedish everywhere, no codes (issue 16, item 8): every role signs in and opens every page
 * of its menu, plus a lesson, pupils (the most absent one and one with a case), a case and an
 * unknown address; the visible text must hold no untranslated i18n key, UPPER_SNAKE code, enum
 * value of the shared schemas, "undefined"/"null"/"NaN"/"[object Object]" or English word.
 * A last test checks that together the roles open every page of the app's route table.
 * Desktop only (the phone shows the same text).
 */
import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { apiAs, ensureStockholmLadder, logIn, teacherLessonsToday, TODAY, type DemoUser } from './support/app';
import { findUntranslated, scanRules } from '../src/server/test/untranslated';
import { GUARDIAN_NAV_PATHS, isGuardian, NAV_PATHS, navItemsFor } from '../src/web/auth/navigation';
import type { PupilListResponse } from '../src/shared/schemas/pupils';
import type { Me } from '../src/shared/schemas/auth';

const rules = scanRules();
/** Opens a page, waits until it has loaded its data, and returns what the scan found on it. */
async function scan(page: Page, path: string): Promise<string[]> {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0);
  // Text marked as another language (the English message template and its preview) is meant to be English.
  const text = await page.evaluate(() => {
    for (const element of document.body.querySelectorAll<HTMLElement>('[lang]:not([lang|="sv"])'))
      element.style.display = 'none';
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text is wanted, not hidden nodes' text
    return `${document.title}\n${document.body.innerText}`;
  });
  return findUntranslated(text, rules).map((finding) => `${path}: ${finding}`);
}

async function getJson<T>(api: APIRequestContext, url: string): Promise<T> {
  const response = await api.get(url);
  expect(response.status(), url).toBe(200);
  return (await response.json()) as T;
}

/** The detail pages a role can open: a lesson (teachers), pupils and a case (staff who follow pupils). */
async function detailPages(
  api: APIRequestContext,
  user: DemoUser,
  me: Me,
): Promise<{ path: string; pattern: string }[]> {
  const pages: { path: string; pattern: string }[] = [];
  if (user === 'larare') {
    const [lesson] = await teacherLessonsToday(api);
    if (lesson) pages.push({ path: `/lessons/${lesson.id}`, pattern: '/lessons/:lessonId' });
  }
  if (user === 'mentor' || user === 'rektor' || user === 'elevhalsa') {
    const { pupils } = await getJson<PupilListResponse>(api, `/api/pupils?from=2026-08-17&to=${TODAY}`);
    const mostAbsent = [...pupils].sort((a, b) => (b.figures.absentRate ?? 0) - (a.figures.absentRate ?? 0))[0];
    if (mostAbsent) pages.push({ path: `/pupils/${mostAbsent.personId}`, pattern: '/pupils/:pupilId' });
    const { cases } = await getJson<{ cases: { id: string; pupilId: string }[] }>(api, '/api/cases?scope=school');
    if (cases[0]) {
      pages.push({ path: `/cases/${cases[0].id}`, pattern: '/cases/:caseId' });
      pages.push({ path: `/pupils/${cases[0].pupilId}`, pattern: '/pupils/:pupilId' });
    }
  }
  const principalUnit = me.roles.find((grant) => grant.role === 'principal')?.schoolUnitId;
  if (principalUnit) {
    const cell = new URLSearchParams({ from: '2026-08-17', to: TODAY, schoolUnitId: principalUnit });
    pages.push({ path: `/statistics/pupils?${cell}`, pattern: '/statistics/pupils' });
  }
  return pages;
}

const USERS: DemoUser[] = ['larare', 'mentor', 'rektor', 'elevhalsa', 'huvudman', 'admin', 'region', 'vardnadshavare'];

/** Every page a user opens here: the menu, the detail pages and an unknown address. */
async function plannedPages(user: DemoUser): Promise<{ path: string; pattern: string }[]> {
  const { api, me } = await apiAs(user);
  try {
    const menu = isGuardian(me)
      ? Object.values(GUARDIAN_NAV_PATHS).map((path) => ({ path, pattern: path }))
      : navItemsFor(me).map((item) => ({
          path: NAV_PATHS[item],
          pattern: item === 'myLessons' ? '' : NAV_PATHS[item],
        }));
    const unknown = isGuardian(me)
      ? { path: '/guardian/finns-inte', pattern: '/guardian/*' }
      : { path: '/finns-inte', pattern: '*' };
    return [{ path: '/login', pattern: '/login' }, ...menu, ...(await detailPages(api, user, me)), unknown];
  } finally {
    await api.dispose();
  }
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await ensureStockholmLadder();
});

for (const user of USERS) {
  test(`${user}: every page in Swedish, without keys or codes`, async ({ page }) => {
    test.setTimeout(240_000);
    const findings: string[] = [];
    for (const { path } of await plannedPages(user)) {
      if (path !== '/login' && page.url().includes('/login')) await logIn(page, user);
      findings.push(...(await scan(page, path)));
    }
    expect(findings).toEqual([]);
  });
}

test('the roles together open every page of the route table', async () => {
  const app = fs.readFileSync('src/web/App.tsx', 'utf8');
  const routes = [...app.matchAll(/<Route (?:index|path="([^"]+)")/g)].map((m) => m[1] ?? '');
  const opened = new Set<string>();
  for (const user of USERS) for (const { pattern } of await plannedPages(user)) opened.add(pattern);
  expect(routes.filter((route) => !opened.has(route))).toEqual([]);
});
