/**
 * (5) Rektor's Registreringsgrad (worst first, accessible) and the system admin's import:
 * a broken file is rejected and every problem is listed with file, post, id and field.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, logIn } from './support/app';

/** Parses "88,2 %" (Swedish percent) to 88.2. */
const percent = (text: string) => Number(text.replace(/[^\d,]/g, '').replace(',', '.'));

test('rektor sees registration completeness per teacher, worst first', async ({ page }) => {
  await logIn(page, 'rektor');
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Registreringsgrad' }).click();
  await expect(page).toHaveTitle('Registreringsgrad – Närvaro');
  const teachers = page.getByRole('table', { name: 'Registreringsgrad per lärare' });
  await expect(teachers.getByRole('row').nth(1)).toBeVisible();
  await expect(teachers.getByRole('columnheader', { name: /Andel klarmarkerade/ })).toHaveAttribute('aria-sort', 'ascending');
  const shares = (await teachers.locator('tbody tr td:nth-child(3)').allTextContents()).filter((t) => /\d/.test(t)).map(percent);
  expect(shares.length).toBeGreaterThan(1);
  expect(shares).toEqual([...shares].sort((a, b) => a - b));
  await expectNoAxeViolations(page, 'completeness');
});

test('admin: a broken SS12000 file is rejected with the problem listed', async ({ page }) => {
  await logIn(page, 'admin');
  await expect(page).toHaveURL(/\/admin\/import$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  await page.getByLabel('Filer (JSON)').setInputFiles({ name: 'persons.json', mimeType: 'application/json', buffer: Buffer.from('{ "data": [') });
  await expect(page.getByText('1 fil vald.')).toBeVisible();
  await page.getByRole('button', { name: 'Ladda upp och läs in' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Importen avvisades' })).toBeVisible({ timeout: 30_000 });
  const problems = page.getByRole('table', { name: /problem/ });
  await expect(problems.getByRole('row').filter({ hasText: 'persons' }).first()).toBeVisible();
  await expectNoAxeViolations(page, 'import');
});

test('huvudman sets retention periods: an out-of-range period is refused in Swedish, a valid one saved and previewed', async ({ page }) => {
  await logIn(page, 'huvudman');
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Gallring' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Gallring' })).toBeVisible();
  const preview = page.getByRole('table', { name: /tas bort eller töms/ });
  await expect(preview.getByRole('row', { name: /Loggrader/ })).toBeVisible();
  await expectNoAxeViolations(page, 'retention');

  const audit = page.getByLabel('Loggar över läsning och ändringar (månader)');
  await audit.fill('6');
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('alert')).toContainText('mellan 24 och 240');
  await audit.fill('48');
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Gallringsreglerna är sparade.' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Loggar över läsning och ändringar (månader)')).toHaveValue('48');
});
