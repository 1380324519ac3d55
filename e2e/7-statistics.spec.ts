/**
 * (7) Statistik: huvudman sees every school unit of the autumn term with coverage beside the
 * rates; rektor sees only their own school. Nothing is downloaded; axe runs on both views.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, logIn } from './support/app';

test.skip(({ isMobile }) => isMobile, 'desktop only');

const AUTUMN = '/statistics?period=custom&from=2026-08-17&to=2026-11-23';

test('huvudman sees both school units with coverage for the autumn term', async ({ page }) => {
  await logIn(page, 'huvudman');
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Statistik' }).click();
  await expect(page).toHaveTitle('Statistik – Närvaro');
  await page.goto(AUTUMN);
  await expect(
    page.getByText('17 aug. 2026 – 23 nov. 2026').or(page.getByText(/17 aug\.? 2026.*23 nov\.? 2026/)),
  ).toBeVisible();
  const units = page.getByRole('table', { name: 'Frånvaro per skolenhet' });
  const rows = units.locator('tbody tr');
  await expect(rows).toHaveCount(3); // two school units and the whole organiser
  for (const index of [0, 1]) await expect(rows.nth(index)).toContainText(/täckning \d+\s?%/);
  await expect(page.getByRole('link', { name: 'Nämndrapport (PDF)' })).toHaveAttribute(
    'href',
    /board-report\.pdf\?from=2026-08-17&to=2026-11-23/,
  );
  await expect(page.getByRole('link', { name: /^Ladda ner CSV/ }).first()).toHaveAttribute(
    'href',
    /organiser\.csv\?from=2026-08-17&to=2026-11-23/,
  );
  await expectNoAxeViolations(page, 'statistics (organiser)');
});

test("huvudman sees the school units without their classes, and one unit's classes on request", async ({ page }) => {
  await logIn(page, 'huvudman');
  await page.goto(AUTUMN);
  await page.getByRole('navigation', { name: 'Vy' }).getByRole('link', { name: 'Skolenheter' }).click();
  const units = page.getByRole('table', { name: 'Frånvaro per skolenhet' });
  await expect(units.locator('tbody tr')).toHaveCount(2, { timeout: 20_000 });
  await expect(page.getByRole('table', { name: /: Per årskurs$/ })).toHaveCount(2);
  await expect(page.getByRole('table', { name: /: Per klass$/ })).toHaveCount(0);
  const show = page.getByRole('button', { name: /^Visa klasserna på / }).first();
  const unitName = (await show.innerText()).replace('Visa klasserna på ', '');
  await show.click();
  await expect(page.getByRole('table', { name: `${unitName}: Per klass` })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('table', { name: /: Per årskurs$/ })).toHaveCount(1);
  await expectNoAxeViolations(page, 'statistics (school units, one unit chosen)');
});

test('rektor sees only their own school', async ({ page }) => {
  await logIn(page, 'rektor');
  await page.goto(AUTUMN);
  // The server may be busy with the message worker's first run over the demo's outbox.
  await expect(page.getByRole('heading', { level: 1, name: 'Statistik' })).toBeVisible({ timeout: 20_000 });
  const units = page.getByRole('table', { name: 'Frånvaro per skolenhet' });
  await expect(units.locator('tbody tr')).toHaveCount(1, { timeout: 20_000 });
  await expect(units.locator('tbody tr').first()).toContainText(/täckning \d+\s?%/);
  await expect(page.getByRole('link', { name: 'Nämndrapport (PDF)' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'statistics (school)');
});

test('rektor opens the pupils behind an absence band, each with their own figures, one click from the pupil page', async ({
  page,
}) => {
  await logIn(page, 'rektor');
  await page.goto(AUTUMN);
  const bands = page.getByRole('table', { name: /elever per frånvaronivå$/ });
  await expect(bands).toBeVisible({ timeout: 20_000 });
  // The 10–20 % band: the count is a link whose name says whose pupils it opens.
  const row = bands.locator('tbody tr').filter({ hasText: '10–20' });
  const count = Number((await row.locator('td').first().innerText()).replace(/\s/g, ''));
  expect(count).toBeGreaterThan(0);
  await row.getByRole('link', { name: /visa eleverna/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Eleverna bakom siffran' })).toBeVisible();
  const pupils = page.getByRole('table', { name: /^Elever på/ });
  await expect(pupils.locator('tbody tr')).toHaveCount(count);
  await expect(page.getByText('Frånvaroband: 10–20 %.')).toBeVisible();
  await expectNoAxeViolations(page, 'statistics pupils (school)');
  await pupils.locator('tbody tr').first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/pupils\/[0-9a-f-]{36}/);
});

test('rektor goes from a ladder-step count to the pupils on that step in early warning', async ({ page }) => {
  await logIn(page, 'rektor');
  await page.goto(AUTUMN);
  const steps = page.getByRole('table', { name: /: elever per steg$/ });
  await expect(steps).toBeVisible({ timeout: 20_000 });
  const row = steps.locator('tbody tr').first();
  const count = Number((await row.locator('td').first().innerText()).replace(/\s/g, ''));
  expect(count).toBeGreaterThan(0);
  await row.getByRole('link', { name: /visa eleverna på steg \d+ i Tidiga signaler/ }).click();
  await expect(page).toHaveURL(/\/early-warning\?scope=school&unit=[0-9a-f-]{36}&step=\d+/);
  // The list filtered to the step shows as many pupils as the statistics counted.
  await expect(
    page.getByRole('heading', { level: 2, name: new RegExp(`^Elever på ett steg \\(${count} av \\d+ visas\\)`) }),
  ).toBeVisible({ timeout: 20_000 });
  await expectNoAxeViolations(page, 'early warning from statistics');
});

test('huvudman sees the monthly trend as a chart with its table, and the case figures say what is not available yet', async ({
  page,
}) => {
  await logIn(page, 'huvudman');
  await page.goto(AUTUMN);
  const trend = page.getByRole('table', { name: 'Hela huvudmannen: frånvaro per månad, i år och året innan' });
  await expect(trend).toBeVisible({ timeout: 20_000 });
  // August (from the 17th) to November: four months, each with a rate.
  await expect(trend.locator('tbody tr')).toHaveCount(4);
  await expect(trend.locator('tbody tr').first()).toContainText(/\d+,\d\s?%/);
  await expect(page.locator('svg.trend-chart')).toHaveAttribute('aria-hidden', 'true');
  await expect(page.getByRole('link', { name: /^Ladda ner CSV ?: Frånvaro per månad/ })).toHaveAttribute(
    'href',
    /months\.csv\?from=2026-08-17&to=2026-11-23/,
  );
  const activity = page.getByRole('table', { name: 'Ärenden och meddelanden i perioden' });
  // The demo's ladder (Stockholm) opens investigations; the figure is counted, never "not available".
  await expect(activity.getByRole('row', { name: /Utredningar inledda/ })).toContainText(/\d/);
  await expect(activity).not.toContainText('ej tillgängligt');
  await expect(page.getByRole('group', { name: 'Hur ofta' })).toBeVisible();
  await expectNoAxeViolations(page, 'statistics (organiser, trend)');
});

test('a region user sees only the regional aggregates of sharing organisers', async ({ page }) => {
  await logIn(page, 'region');
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  await expect(nav.getByRole('link')).toHaveText(['Regional statistik']);
  await nav.getByRole('link', { name: 'Regional statistik' }).click();
  await expect(page).toHaveTitle('Regional statistik – Närvaro');
  await page.goto('/region?period=custom&from=2026-08-17&to=2026-11-23');
  await expect(page.getByText(/1 av 1 huvudmän i Region Örebro län samverkan delar/)).toBeVisible({ timeout: 20_000 });
  const table = page.getByRole('table', { name: 'Frånvaro per huvudman' });
  await expect(table.locator('tbody tr')).toHaveCount(2); // Exempelkommun and the region total
  await expect(table.locator('tbody tr').first()).toContainText('Exempelkommun');
  await expectNoAxeViolations(page, 'region');
  // Pupil pages do not exist for a region user.
  const response = await page.request.get('/api/pupils?from=2026-08-17&to=2026-11-23');
  expect(response.status()).toBe(404);
});
