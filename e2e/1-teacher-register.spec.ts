/**
 * (1) The teacher's flow, on desktop and phone: log in, today's lessons, register the first 7A
 * lesson (one pupil absent, one late 10 min), confirm, reload and see the marks. Axe scans the
 * login, lesson list and register pages.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, expectNoHorizontalOverflow, logIn } from './support/app';

test('larare registers the first 7A lesson of the day', async ({ page }) => {
  await page.goto('/login');
  await expect(page).toHaveTitle('Logga in – Närvaro');
  await expectNoAxeViolations(page, 'login');

  await logIn(page, 'larare');
  await expect(page.getByRole('heading', { level: 1, name: 'Mina lektioner idag' })).toBeVisible();
  await expect(page).toHaveTitle('Mina lektioner idag – Närvaro');
  await expect(page.getByText('måndag 23 november 2026')).toBeVisible();
  const lesson7A = page
    .getByRole('region', { name: 'Lektioner', exact: true })
    .locator('li.lesson-card')
    .filter({ has: page.getByRole('link', { name: /\b7A\b/ }) })
    .first();
  await expect(lesson7A).toBeVisible();
  await expectNoAxeViolations(page, 'lesson list');
  await expectNoHorizontalOverflow(page);

  await lesson7A.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: /^Registrera / })).toBeVisible();
  const names = page.locator('.roster-name');
  await expect(names.nth(1)).toBeVisible();
  const absentName = (await names.nth(0).textContent())!;
  const lateName = (await names.nth(1).textContent())!;
  const absentRow = page.getByRole('group', { name: absentName, exact: true });
  const lateRow = page.getByRole('group', { name: lateName, exact: true });

  await absentRow.getByRole('button', { name: 'Frånvarande' }).click();
  await lateRow.getByRole('button', { name: 'Sen' }).click();
  await page.getByRole('spinbutton', { name: `Minuter sen för ${lateName}` }).fill('10');
  await expectNoAxeViolations(page, 'register');
  await expectNoHorizontalOverflow(page);

  await page.getByRole('button', { name: /^(Klarmarkera \(kvittera\)|Spara rättelse)$/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Lektionen är registrerad' })).toBeVisible();
  await expect(page.locator('.lesson-header-status')).toContainText('Klarmarkerad');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: /^Registrera / })).toBeVisible();
  await expect(absentRow.getByRole('button', { name: 'Frånvarande' })).toHaveAttribute('aria-pressed', 'true');
  await expect(lateRow.getByRole('button', { name: 'Sen' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('spinbutton', { name: `Minuter sen för ${lateName}` })).toHaveValue('10');
  await expect(page.getByRole('heading', { name: 'Ändringshistorik' })).toBeVisible();
  await expect(page.locator('.history-list')).toContainText(absentName);
});

test('unsaved marks are kept when the teacher leaves the register, and Sen moves focus to its minutes', async ({
  page,
}) => {
  await logIn(page, 'larare');
  // Another lesson than the first test's 7A lesson, so the two tests do not meet.
  const otherLesson = page
    .getByRole('region', { name: 'Lektioner', exact: true })
    .locator('li.lesson-card')
    .filter({ hasNot: page.getByRole('link', { name: /\b7A\b/ }) })
    .first();
  const lessonLink = otherLesson.getByRole('link');
  const lessonName = (await lessonLink.textContent())!;
  await lessonLink.click();
  const firstName = (await page.locator('.roster-name').first().textContent())!;
  const row = page.getByRole('group', { name: firstName, exact: true });
  await row.getByRole('button', { name: 'Sen' }).click();
  const minutes = page.getByRole('spinbutton', { name: `Minuter sen för ${firstName}` });
  await expect(minutes).toBeFocused();
  await page.keyboard.type('5');
  await expect(page.getByText('Du har osparade markeringar.')).toBeVisible();

  await page.getByRole('link', { name: 'Mina lektioner' }).first().click();
  const card = page
    .getByRole('region', { name: 'Lektioner', exact: true })
    .locator('li.lesson-card')
    .filter({ has: page.getByRole('link', { name: lessonName, exact: true }) })
    .first();
  await expect(card).toContainText('Osparade ändringar');

  await card.getByRole('link').click();
  await expect(page.getByText('Dina osparade markeringar för lektionen är återställda.')).toBeVisible();
  await expect(row.getByRole('button', { name: 'Sen' })).toHaveAttribute('aria-pressed', 'true');
  await expect(minutes).toHaveValue('5');
  await expectNoAxeViolations(page, 'register with a restored draft');

  await page.getByRole('button', { name: 'Börja om' }).click();
  await expect(page.getByText('Dina osparade markeringar för lektionen är återställda.')).toBeHidden();
  await expect(row.getByRole('button', { name: 'Sen' })).toHaveAttribute('aria-pressed', 'false');
});
