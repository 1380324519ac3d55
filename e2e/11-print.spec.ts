/**
 * (11) Printing: early warning, the pupil page and a case on paper show content only (no menus,
 * forms or buttons) and every table column (no table cut at the page edge).
 */
import { expect, test, type Page } from '@playwright/test';
import { logIn } from './support/app';

async function expectPrintable(page: Page, label: string) {
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header'), `${label}: menu hidden`).toBeHidden();
  await expect(page.locator('main form:visible, main button:visible'), `${label}: no forms or buttons`).toHaveCount(0);
  const cut = await page
    .locator('.table-scroll')
    .evaluateAll((regions) => regions.filter((r) => r.scrollWidth > r.clientWidth + 1).length);
  expect(cut, `${label}: tables wider than the page`).toBe(0);
  await page.emulateMedia({ media: 'screen' });
}

test('early warning, the pupil page and a case print without menus, forms or cut tables', async ({ page }) => {
  await logIn(page, 'rektor');
  await page.goto('/early-warning');
  const firstPupil = page.getByRole('table').first().getByRole('link').first();
  await expect(firstPupil).toBeVisible();
  await expectPrintable(page, 'early warning');

  await firstPupil.click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.table-scroll').first()).toBeVisible();
  await expectPrintable(page, 'pupil page');

  await page.goto('/cases?scope=school');
  const firstCase = page.getByRole('table').first().getByRole('link').first();
  await expect(firstCase).toBeVisible();
  await firstCase.click();
  await expect(page.getByRole('heading', { level: 1, name: /^Ärende: / })).toBeVisible();
  await expectPrintable(page, 'case');
});

test('early warning shows every column at 1366 px without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await logIn(page, 'rektor');
  await page.goto('/early-warning');
  await expect(page.getByRole('table').first().getByRole('link').first()).toBeVisible();
  const widths = await page
    .locator('.table-scroll')
    .first()
    .evaluate((r) => ({ scroll: r.scrollWidth, client: r.clientWidth }));
  expect(widths.scroll, 'early-warning table width').toBeLessThanOrEqual(widths.client + 1);
});
