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
  await expect(teachers.getByRole('columnheader', { name: /Andel klarmarkerade/ })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  const shares = (await teachers.locator('tbody tr td:nth-child(3)').allTextContents())
    .filter((t) => /\d/.test(t))
    .map(percent);
  expect(shares.length).toBeGreaterThan(1);
  expect(shares).toEqual([...shares].sort((a, b) => a - b));
  await expectNoAxeViolations(page, 'completeness');
});

test('admin: a broken SS12000 file is rejected with the problem listed', async ({ page }) => {
  await logIn(page, 'admin');
  await expect(page).toHaveURL(/\/admin\/import$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  await page
    .getByLabel('Filer (JSON)')
    .setInputFiles({ name: 'persons.json', mimeType: 'application/json', buffer: Buffer.from('{ "data": [') });
  await expect(page.getByText('1 fil vald.')).toBeVisible();
  await page.getByRole('button', { name: 'Ladda upp och läs in' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Importen avvisades' })).toBeVisible({ timeout: 30_000 });
  const problems = page.getByRole('table', { name: /problem/ });
  await expect(problems.getByRole('row').filter({ hasText: 'persons' }).first()).toBeVisible();
  await expectNoAxeViolations(page, 'import');
});

test('huvudman sets retention periods: an out-of-range period is refused in Swedish, a valid one saved and previewed', async ({
  page,
}) => {
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

test('admin: sets up the SS12000 sync (the secret is never shown) and syncs now', async ({ page }) => {
  // A school platform of our own on a random port; it serves empty lists, so the run changes nothing.
  const { startSs12000Stub, STUB_CLIENT } = await import('../src/server/modules/imports/test/ss12000-stub');
  const endpoints = [
    'organisations',
    'persons',
    'groups',
    'duties',
    'activities',
    'calendarEvents',
    'attendances',
    'absences',
  ];
  const stub = await startSs12000Stub(Object.fromEntries(endpoints.map((e) => [e, []])));
  try {
    await logIn(page, 'admin');
    const section = page.getByRole('region', { name: 'Synkronisering från skolplattformen (SS 12000)' });
    await section.getByLabel('API-adress').fill(stub.baseUrl);
    await section.getByLabel('Token-adress (OAuth2)').fill(stub.tokenUrl);
    await section.getByLabel('Klient-id').fill(STUB_CLIENT.clientId);
    await section.getByLabel('Klienthemlighet').fill(STUB_CLIENT.clientSecret);
    await section.getByRole('button', { name: 'Spara inställningar' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Inställningarna är sparade.' })).toBeVisible();
    await expect(section.getByText('En hemlighet är sparad.')).toBeVisible();
    await expect(section.getByLabel('Klienthemlighet')).toHaveValue('');
    await section.getByRole('button', { name: 'Synka nu' }).click();
    await expect(section.getByText(/Genomförd\./)).toBeVisible({ timeout: 30_000 });
    await expect(section.getByRole('table', { name: 'Hämtade poster' })).toBeVisible();
    expect(await page.content()).not.toContain(STUB_CLIENT.clientSecret);
    await expectNoAxeViolations(page, 'import with sync');
  } finally {
    await stub.close();
  }
});
