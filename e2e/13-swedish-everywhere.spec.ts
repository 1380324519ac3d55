/**
 * (13) Swedish everywhere, no codes (issue 16, item 8): every role signs in and opens every page
 * of its menu, plus a lesson, pupils (the most absent one and one with a case), a case and an
 * unknown address; the visible text must hold no untranslated i18n key, UPPER_SNAKE code, enum
 * value of the shared schemas, "undefined"/"null"/"NaN"/"[object Object]" or English word.
 * A second test per role opens what only shows after a click (dialogs, confirmations, forms that
 * open on a button, <details> panels, the browser's own confirm boxes) and scans each state with
 * the same checks and axe; a third scans the detail pages (the guardian's whole portal) on a phone.
 * The clicks save nothing: each state is left with its cancel button or the browser's "Avbryt"
 * (the setup files a report and a leave request, withdrawn afterwards, and gives the mentor fresh tasks).
 * A last test checks that together the roles open every page of the app's route table.
 */
import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import {
  apiAs,
  axeViolations,
  ensureStockholmLadder,
  giveMentorFreshTasks,
  logIn,
  teacherLessonsToday,
  TODAY,
  type DemoUser,
} from './support/app';
import { findUntranslated, scanRules } from '../src/server/test/untranslated';
import { GUARDIAN_NAV_PATHS, isGuardian, NAV_PATHS, navItemsFor } from '../src/web/auth/navigation';
import type { PupilListResponse } from '../src/shared/schemas/pupils';
import type { Me } from '../src/shared/schemas/auth';

const rules = scanRules();
/** Opens a page and waits until it has loaded its data. */
async function openPage(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0);
}

/** What the scan finds in the text on screen now, each finding labelled. */
async function visibleFindings(page: Page, label: string): Promise<string[]> {
  // Text marked as another language (the English message template and its preview) is meant to be English.
  const text = await page.evaluate(() => {
    const foreign = [...document.body.querySelectorAll<HTMLElement>('[lang]:not([lang|="sv"])')];
    const displays = foreign.map((element) => element.style.display);
    for (const element of foreign) element.style.display = 'none';
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text is wanted, not hidden nodes' text
    const shown = `${document.title}\n${document.body.innerText}`;
    // The page stays open for the next click: give the hidden parts back their display.
    foreign.forEach((element, i) => {
      element.style.display = displays[i];
    });
    return shown;
  });
  return findUntranslated(text, rules).map((finding) => `${label}: ${finding}`);
}

/** Opens a page and returns what the scan found on it. */
async function scan(page: Page, path: string): Promise<string[]> {
  await openPage(page, path);
  return visibleFindings(page, path);
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

/**
 * A state that only shows after a click, and the clicks that lead there from `path`. `look` scans
 * what is on screen (text and axe) under a name; the run ends by cancelling what it opened.
 */
interface ClickedState {
  path: string;
  run: (page: Page, look: (what: string) => Promise<void>) => Promise<void>;
}

/** The role's pupils: one on a ladder step (its page has the step forms) and one without an open case. */
async function pupilsToClick(
  api: APIRequestContext,
  me: Me,
): Promise<{ onStep: string | undefined; withoutOpenCase: string | undefined }> {
  const scope = me.abilities.earlyWarningScopes[0];
  const { rows } = await getJson<{ rows: { personId: string }[] }>(api, `/api/early-warning?scope=${scope}&minStep=1`);
  const { pupils } = await getJson<PupilListResponse>(api, `/api/pupils?from=2026-08-17&to=${TODAY}`);
  const { cases } = await getJson<{ cases: { pupilId: string; status: string }[] }>(api, '/api/cases?scope=school');
  const withOpenCase = new Set(cases.filter((c) => c.status === 'open').map((c) => c.pupilId));
  return {
    onStep: rows[0]?.personId,
    withoutOpenCase: pupils.find((pupil) => !withOpenCase.has(pupil.personId))?.personId,
  };
}

/** Clicks a button when the page has one (data-dependent states); returns whether it did. */
async function clickIfShown(page: Page, name: string | RegExp): Promise<boolean> {
  const button = page.getByRole('button', { name, exact: typeof name === 'string' }).first();
  if ((await button.count()) === 0) return false;
  await button.click();
  return true;
}

/** Every state the role reaches by a click (issue 16, item 8: dialogs and panels were not scanned). */
async function clickedStates(user: DemoUser): Promise<ClickedState[]> {
  const { api, me } = await apiAs(user);
  try {
    const states: ClickedState[] = [];
    // Every <details> panel and the first expandable row of every menu and detail page.
    for (const { path } of await plannedPages(user))
      if (path !== '/login' && !path.includes('finns-inte'))
        states.push({
          path,
          run: async (page, look) => {
            const summaries = page.locator('main details:not([open]) > summary');
            const expanders = page.locator('main [aria-expanded="false"]');
            if ((await summaries.count()) + (await expanders.count()) === 0) return;
            // An opened panel leaves the locator's list, so the first closed one is always next.
            while ((await summaries.count()) > 0) await summaries.first().click();
            if ((await expanders.count()) > 0) await expanders.first().click();
            await look('utfällt');
          },
        });
    const followsPupils = user === 'mentor' || user === 'rektor' || user === 'elevhalsa';
    if (followsPupils) {
      const { onStep, withoutOpenCase } = await pupilsToClick(api, me);
      expect(onStep, `${user} sees a pupil on a step`).toBeTruthy();
      expect(withoutOpenCase, `${user} sees a pupil without an open case`).toBeTruthy();
      states.push(
        {
          path: `/pupils/${withoutOpenCase}`,
          run: async (page, look) => {
            await page.getByRole('button', { name: 'Öppna ärende' }).click();
            await look('bekräfta öppna ärende');
            await page.getByRole('alert').getByRole('button', { name: 'Avbryt' }).click();
            if (await clickIfShown(page, 'Återkalla')) await look('återkalla anmälan');
          },
        },
        {
          path: `/pupils/${onStep}`,
          run: async (page, look) => {
            // Rektor and elevhälsa close a step in a modal dialog; everyone here may change the step.
            if (user !== 'mentor') {
              await page.getByRole('button', { name: 'Avsluta steg', exact: true }).click();
              const dialog = page.getByRole('dialog');
              await expect(dialog).toBeVisible();
              await look('dialogen avsluta steg');
              await dialog.getByRole('button', { name: 'Avsluta steget' }).click();
              await look('dialogen avsluta steg utan motivering');
              await dialog.getByRole('button', { name: 'Avbryt' }).click();
              await expect(dialog).toBeHidden();
            }
            await page.getByRole('button', { name: 'Ändra steg', exact: true }).click();
            await look('ändra steg utan motivering');
            if (await clickIfShown(page, /^Visa \d+ dagar till/)) await look('fler dagar');
          },
        },
        {
          path: '/tasks',
          run: async (page, look) => {
            if (await clickIfShown(page, 'Klar')) {
              await look('markera uppgift som klar');
              await page.getByRole('button', { name: 'Avbryt' }).click();
            }
            if (await clickIfShown(page, 'Ge till…')) {
              await expect(page.getByText('Hämtar personal…')).toHaveCount(0);
              await look('ge uppgiften till någon annan');
              await page.getByRole('button', { name: 'Avbryt' }).click();
            }
          },
        },
      );
      const { cases } = await getJson<{ cases: { id: string; status: string }[] }>(api, '/api/cases?scope=school');
      const openCase = cases.find((c) => c.status === 'open');
      if (openCase)
        states.push({
          path: `/cases/${openCase.id}`,
          run: async (page, look) => {
            if (!(await clickIfShown(page, 'Ny kartläggning'))) return;
            await look('ny kartläggning');
            await page.getByRole('form', { name: 'Ny kartläggning' }).getByLabel('Typ').selectOption('inDepth');
            await look('ny fördjupad kartläggning');
          },
        });
    }
    if (user === 'mentor' || user === 'rektor')
      states.push({
        path: '/leave-requests',
        run: async (page, look) => {
          if (await clickIfShown(page, 'Spara beslut')) await look('beslut utan val');
          await page.getByLabel('Visa även beslutade').check();
          await page.waitForLoadState('networkidle');
          await look('även beslutade');
        },
      });
    if (user === 'larare') {
      const [lesson] = await teacherLessonsToday(api);
      if (lesson)
        states.push({
          path: `/lessons/${lesson.id}`,
          run: async (page, look) => {
            // "Sen" without minutes: the register lists the problem before anything is sent.
            await page
              .getByRole('button', { name: /^Sen\b/ })
              .first()
              .click();
            await page.getByRole('button', { name: /^(Klarmarkera \(kvittera\)|Spara rättelse)$/ }).click();
            await look('sen utan minuter');
            await clickIfShown(page, 'Börja om');
          },
        });
    }
    if (user === 'huvudman')
      states.push(
        {
          path: '/statistics',
          run: async (page, look) => {
            await page.getByRole('button', { name: /^(Börja|Sluta) dela$/ }).click();
            await look('bekräfta delning med regionen');
            await page
              .getByRole('group', { name: 'Dela med regionen' })
              .getByRole('button', { name: 'Avbryt' })
              .click();
          },
        },
        {
          path: '/messages/settings',
          run: async (page, look) => {
            const choice = page.getByLabel('Mall', { exact: true });
            for (const value of await choice
              .locator('option')
              .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value))) {
              await choice.selectOption(value);
              await look(`mallen ${value} med förhandsvisning`);
            }
            const body = page.getByLabel('Text', { exact: true }).first();
            await body.fill(`${await body.inputValue()} {{okänt}}`);
            await look('mall med okänt fält');
          },
        },
      );
    if (user === 'admin')
      states.push(
        {
          path: '/admin/import',
          run: async (page, look) => {
            // A person with a broken id, no name and wrong values, and a broken file: rejected, nothing saved.
            await page.getByLabel('Filer (JSON)').setInputFiles([
              {
                name: 'persons.json',
                mimeType: 'application/json',
                buffer: Buffer.from(
                  JSON.stringify({
                    data: [
                      {
                        id: 'inte-ett-id',
                        civicNo: { value: '1' },
                        sex: 'okänt',
                        phoneNumbers: [{ value: '0701234567', mobile: 'ja' }],
                      },
                    ],
                  }),
                ),
              },
              {
                name: 'groups.json',
                mimeType: 'application/json',
                buffer: Buffer.from('{ "data": ['),
              },
            ]);
            await page.getByRole('button', { name: 'Ladda upp och läs in' }).click();
            await expect(page.getByRole('table', { name: /problem/ })).toBeVisible({ timeout: 30_000 });
            await look('importrapport med fel');
          },
        },
        {
          path: '/admin/users',
          run: async (page, look) => {
            await page.getByRole('button', { name: 'Mer' }).first().click();
            await look('kontots detaljer');
            await page.getByRole('button', { name: 'Visa kontots logg' }).click();
            await page.waitForLoadState('networkidle');
            await look('kontots logg');
          },
        },
      );
    const menu = navItemsFor(me).map((item) => NAV_PATHS[item]);
    if (menu.includes('/early-warning'))
      states.push({
        path: '/early-warning',
        run: async (page, look) => {
          // "Visa eleverna utan pågående åtgärd" (a school, or one unit in the organiser's table).
          const show = page.locator('main button[aria-pressed="false"]');
          if ((await show.count()) === 0) return;
          await show.first().click();
          await page.waitForLoadState('networkidle');
          await look('elever utan pågående åtgärd');
        },
      });
    if (me.abilities.canManageLadders && menu.includes('/ladder'))
      states.push({
        path: '/ladder',
        run: async (page, look) => {
          await page.getByLabel('En trappfil (importera JSON)').check();
          await look('utkast från trappfil');
          await page.getByRole('button', { name: 'Skapa utkast' }).click();
          await look('utkast utan fil');
        },
      });
    if (menu.includes('/admin/retention'))
      states.push({
        path: '/admin/retention',
        run: async (page, look) => {
          await page.getByRole('button', { name: 'Gallra nu' }).click();
          await look('bekräfta gallring');
        },
      });
    if (menu.includes('/admin/data-access'))
      states.push({
        path: '/admin/data-access',
        run: async (page, look) => {
          if (await clickIfShown(page, /^Återkalla /)) await look('bekräfta återkalla nyckel');
        },
      });
    if (user === 'vardnadshavare')
      states.push(
        {
          path: '/guardian/report',
          run: async (page, look) => {
            await page.getByRole('button', { name: 'Skicka anmälan' }).click();
            await look('anmälan utan barn');
          },
        },
        {
          path: '/guardian/reports',
          run: async (page, look) => {
            if (await clickIfShown(page, /^Ändra\b/)) {
              await look('ändra anmälan');
              await page.getByRole('button', { name: 'Avbryt' }).click();
            }
            if (await clickIfShown(page, /^Återkalla\b/)) await look('bekräfta återkalla anmälan');
          },
        },
        {
          path: '/guardian/leave',
          run: async (page, look) => {
            await page.getByRole('button', { name: 'Skicka ansökan' }).click();
            await look('ansökan utan skäl');
            if (await clickIfShown(page, /^Återkalla\b/)) await look('bekräfta återkalla ansökan');
          },
        },
      );
    return states;
  } finally {
    await api.dispose();
  }
}

/** The phone's pages: the detail pages, and for the guardian (who uses the portal on a phone) every page. */
async function phonePages(user: DemoUser): Promise<string[]> {
  const { api, me } = await apiAs(user);
  try {
    if (isGuardian(me)) return Object.values(GUARDIAN_NAV_PATHS);
    return (await detailPages(api, user, me)).map(({ path }) => path);
  } finally {
    await api.dispose();
  }
}

/**
 * What the guardian has waiting, so that the cards with "Ändra", "Återkalla" and the staff's
 * decision form are on screen: a report and a leave request next month, withdrawn afterwards.
 */
const waiting = { reportId: '', leaveId: '' };

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await ensureStockholmLadder();
  // The demo's staff have done their tasks: fresh ones give the task forms something to open.
  await giveMentorFreshTasks();
  const { api, me } = await apiAs('vardnadshavare');
  try {
    const headers = { 'X-CSRF-Token': me.csrfToken };
    const { children } = await getJson<{ children: { personId: string }[] }>(api, '/api/guardian/overview');
    const pupilId = children[0].personId;
    const report = await api.post('/api/guardian/absences', {
      headers,
      data: { pupilIds: [pupilId], fromDate: '2026-12-14', toDate: '2026-12-14', reasonCode: 'reported' },
    });
    expect(report.status(), await report.text()).toBe(201);
    waiting.reportId = ((await report.json()) as { ids: string[] }).ids[0];
    const leave = await api.post('/api/guardian/leave-requests', {
      headers,
      data: { pupilId, fromDate: '2026-12-15', toDate: '2026-12-15', reason: 'Tandläkare i en annan stad (e2e).' },
    });
    expect(leave.status(), await leave.text()).toBe(201);
    waiting.leaveId = ((await leave.json()) as { id: string }).id;
  } finally {
    await api.dispose();
  }
});

test.afterAll(async () => {
  const { api, me } = await apiAs('vardnadshavare');
  try {
    const headers = { 'X-CSRF-Token': me.csrfToken };
    if (waiting.reportId) await api.delete(`/api/guardian/absences/${waiting.reportId}`, { headers });
    if (waiting.leaveId) await api.post(`/api/guardian/leave-requests/${waiting.leaveId}/withdraw`, { headers });
  } finally {
    await api.dispose();
  }
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

  test(`${user}: dialogs, confirmations and panels in Swedish and accessible`, async ({ page }) => {
    test.setTimeout(300_000);
    const findings: string[] = [];
    let label = '';
    // The browser's own confirm boxes: their text is scanned and "Avbryt" chosen, so nothing is
    // done; leaving a page with unsaved marks is allowed.
    page.on('dialog', (dialog) => {
      if (dialog.type() === 'beforeunload') return void dialog.accept();
      findings.push(...findUntranslated(dialog.message(), rules).map((finding) => `${label}: ${finding}`));
      return void dialog.dismiss();
    });
    // A click on something that is not there fails at once instead of waiting out the test.
    page.setDefaultTimeout(15_000);
    const looked: string[] = [];
    const lookAt = (path: string) => async (what: string) => {
      label = `${path} (${what})`;
      looked.push(label);
      findings.push(...(await visibleFindings(page, label)));
      findings.push(...(await axeViolations(page)).map((violation) => `${label}: axe ${violation}`));
    };
    if (user === USERS[0]) {
      // Once, not per role: failed logins are counted per address.
      await logIn(page, user, 'fel-lösenord').catch(() => undefined);
      await expect(page.getByRole('alert')).toBeVisible();
      await lookAt('/login')('fel lösenord');
    }
    await logIn(page, user);
    for (const { path, run } of await clickedStates(user)) {
      label = path;
      await openPage(page, path);
      await run(page, lookAt(path));
    }
    if (user === 'admin') {
      // Ends only this account's other sessions (the API clients above, already closed).
      await page.getByRole('button', { name: 'Logga ut mina andra sessioner' }).click();
      await expect(page.locator('.user-menu [role="status"]')).toBeVisible();
      await lookAt(new URL(page.url()).pathname)('utloggad på andra enheter');
    }
    // What was opened depends on the data (a task, a pending request): listed in the report.
    test.info().annotations.push({ type: 'opened', description: looked.join('; ') });
    expect(looked.length, 'states opened').toBeGreaterThan(0);
    expect(findings).toEqual([]);
  });

  test(`${user}: detail pages on a phone in Swedish`, async ({ browser }) => {
    test.setTimeout(180_000);
    const paths = await phonePages(user);
    test.skip(paths.length === 0, 'no detail pages for this role');
    // isMobile so that the phone size behaves like a phone (meta viewport, the compact header).
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const findings: string[] = [];
    try {
      await logIn(page, user);
      for (const path of paths) findings.push(...(await scan(page, path)).map((finding) => `telefon ${finding}`));
    } finally {
      await context.close();
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
