/**
 * (10) Data access (issue 13, sections 3–4): huvudman creates an SS12000 API token (shown once),
 * reads attendance with it, revokes it; then exports everything as a background job, sees its
 * progress and downloads a zip. Axe scans the page with the token shown and with the finished export.
 */
import { expect, test } from '@playwright/test';
import { BASE_URL, expectNoAxeViolations, expectNoHorizontalOverflow, logIn } from './support/app';

test('huvudman makes and revokes an API token, exports everything and downloads the zip', async ({ page, request }) => {
  test.setTimeout(300_000);
  await logIn(page, 'huvudman');
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Dataåtkomst' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dataåtkomst' })).toBeVisible();
  await expect(page).toHaveTitle('Dataåtkomst – Närvaro');

  // A token, shown once, that works against the SS12000 API.
  const name = `E2E ${Date.now()}`;
  await page.getByLabel('Namn på nyckeln').fill(name);
  await page.getByRole('button', { name: 'Skapa API-nyckel' }).click();
  await expect(page.getByRole('heading', { name: `Ny API-nyckel: ${name}` })).toBeFocused();
  const token = await page.getByLabel('API-nyckel', { exact: true }).inputValue();
  expect(token).toMatch(/^narvaro_/);
  await expect(page.getByRole('status').filter({ hasText: `API-nyckeln ${name} är skapad.` })).toBeVisible();
  await expectNoAxeViolations(page, 'data access page with a new token');
  await expectNoHorizontalOverflow(page);
  const read = await request.get(`${BASE_URL}/ss12000/v2.1/absences?limit=2`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(read.status()).toBe(200);
  expect(Array.isArray((await read.json()).data)).toBe(true);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: `Återkalla ${name}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `API-nyckeln ${name} är återkallad.` })).toBeVisible();
  expect(
    (
      await request.get(`${BASE_URL}/ss12000/v2.1/absences`, { headers: { authorization: `Bearer ${token}` } })
    ).status(),
  ).toBe(401);

  // The export: a warning about cases, progress while it runs, then a download link to a zip.
  await expect(page.getByLabel(/Ta med ärenden/)).toBeChecked();
  await expect(page.getByText(/Varning: ärenden innehåller känsliga uppgifter/)).toBeVisible();
  await page.getByRole('button', { name: 'Starta export' }).click();
  await expect(page.getByRole('button', { name: 'Exporten pågår…' })).toBeDisabled();
  await expect(
    page.getByRole('progressbar', { name: 'Export' }).or(page.getByLabel('Export', { exact: true })),
  ).toBeVisible();
  const link = page.getByRole('link', { name: /Ladda ned exporten \(narvaro-export-\d{4}-\d{2}-\d{2}\.zip\)/ });
  await expect(link).toBeVisible({ timeout: 240_000 });
  await expect(page.getByRole('status').filter({ hasText: /Exporten är klar/ })).toBeVisible();
  await expectNoAxeViolations(page, 'data access page with a finished export');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^narvaro-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const file = await download.path();
  const { readFileSync } = await import('node:fs');
  const bytes = readFileSync(file);
  // A zip starts with the local file header signature PK\x03\x04.
  expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
});
