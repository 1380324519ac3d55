/**
 * (14) Every page fits (issue 16, "done when"): every role opens every page of its menu on a phone
 * (390×844) and on a 1366 px screen. No page may scroll sideways; a wide table may scroll inside
 * its own `.table-scroll` region on the phone, but at 1366 px no table may be wider than its region
 * (a column out of sight is a hidden column). One browser context per role, both sizes in it.
 * Runs under the desktop project only; the viewport is set here.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { apiAs, ensureStockholmLadder, logIn, type DemoUser } from './support/app';
import { GUARDIAN_NAV_PATHS, isGuardian, NAV_PATHS, navItemsFor } from '../src/web/auth/navigation';

const VIEWPORTS = [
  { name: 'telefon 390×844', width: 390, height: 844, tablesMayScroll: true },
  { name: 'skärm 1366×768', width: 1366, height: 768, tablesMayScroll: false },
] as const;

const USERS: DemoUser[] = ['larare', 'mentor', 'rektor', 'elevhalsa', 'huvudman', 'admin', 'region', 'vardnadshavare'];

async function menuPaths(user: DemoUser): Promise<string[]> {
  const { api, me } = await apiAs(user);
  await api.dispose();
  return isGuardian(me) ? Object.values(GUARDIAN_NAV_PATHS) : navItemsFor(me).map((item) => NAV_PATHS[item]);
}

/** What does not fit on the open page: the page's own sideways scroll, and tables wider than their region. */
async function overflows(page: Page, tablesMayScroll: boolean): Promise<string[]> {
  return page.evaluate((tablesMayScroll) => {
    const found: string[] = [];
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth > window.innerWidth + 1)
      found.push(`sidan ${root.scrollWidth} px bred i ${window.innerWidth} px fönster`);
    if (!tablesMayScroll)
      for (const region of document.querySelectorAll<HTMLElement>('.table-scroll')) {
        if (region.scrollWidth <= region.clientWidth + 1) continue;
        const caption = region.querySelector('caption')?.textContent?.trim() ?? region.id;
        const widths = [...region.querySelectorAll<HTMLElement>('thead th')].map(
          (th) => `${th.textContent?.trim()} ${Math.round(th.getBoundingClientRect().width)}`,
        );
        found.push(`tabellen "${caption}" ${region.scrollWidth} px i ${region.clientWidth} px (${widths.join(', ')})`);
      }
    return found;
  }, tablesMayScroll);
}

async function openRole(browser: Browser, user: DemoUser): Promise<Page> {
  // isMobile so that the phone size behaves like a phone (meta viewport, no overlay scrollbars).
  const context = await browser.newContext({ isMobile: true, hasTouch: true, viewport: VIEWPORTS[0] });
  const page = await context.newPage();
  await logIn(page, user);
  return page;
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await ensureStockholmLadder();
});

for (const user of USERS) {
  test(`${user}: every page fits on a phone and at 1366 px`, async ({ browser }) => {
    test.setTimeout(240_000);
    const page = await openRole(browser, user);
    const findings: string[] = [];
    try {
      for (const path of await menuPaths(user)) {
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expect(page.locator('.loading')).toHaveCount(0);
        for (const viewport of VIEWPORTS) {
          await page.setViewportSize({ width: viewport.width, height: viewport.height });
          for (const finding of await overflows(page, viewport.tablesMayScroll))
            findings.push(`${path} (${viewport.name}): ${finding}`);
        }
      }
    } finally {
      await page.context().close();
    }
    expect(findings).toEqual([]);
  });
}
