/**
 * (2) The mentor finds the pupil the teacher marked absent today, opens the pupil page and sees
 * the absence in the timeline and the figures. Axe scans the list and the pupil page.
 */
import { expect, test } from '@playwright/test';
import { ensureTeacherRegistration, expectNoAxeViolations, expectNoHorizontalOverflow, logIn } from './support/app';

test("mentor sees today's absence on the pupil page", async ({ page }) => {
  const { absentPupil, lesson } = await ensureTeacherRegistration();

  await logIn(page, 'mentor');
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Elever' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Elever' })).toBeVisible();
  await expect(page).toHaveTitle('Elever – Närvaro');
  await expect(page.getByRole('table')).toBeVisible();
  await expectNoAxeViolations(page, 'pupil list');
  await expectNoHorizontalOverflow(page);

  await page.getByLabel('Sök elev').fill(absentPupil.name);
  const link = page.getByRole('link', { name: absentPupil.name, exact: true });
  await expect(link).toBeVisible();
  await link.click();

  await expect(page.getByRole('heading', { level: 1, name: absentPupil.name })).toBeVisible();
  const today = page.locator('li.timeline-day[data-date="2026-11-23"]');
  await expect(today).toBeVisible();
  const lessonRow = today
    .locator('li.timeline-lesson')
    .filter({ hasText: lesson.lesson.activityName })
    .filter({ hasText: `${lesson.lesson.startTime}–${lesson.lesson.endTime}` });
  await expect(lessonRow).toContainText('Frånvarande');

  const figures = page.getByRole('region', { name: 'Nyckeltal för perioden' });
  await expect(figures).toBeVisible();
  const absence = figures
    .locator('.figure-summary-item')
    .filter({ has: page.locator('dt', { hasText: /^Frånvaro$/ }) });
  await expect(absence.locator('dd')).toHaveText(/\d+(,\d+)?\s?%/);
  const week48 = page.getByRole('row').filter({ hasText: 'v. 48' });
  await expect(week48).toContainText('Ofullständig vecka');
  await expectNoAxeViolations(page, 'pupil page');
  await expectNoHorizontalOverflow(page);
});

test('mentor registers a guardian report and withdraws it', async ({ page }) => {
  const { absentPupil } = await ensureTeacherRegistration();
  await logIn(page, 'mentor');
  await page.goto(`/pupils/${absentPupil.id}`);
  await expect(page.getByRole('heading', { level: 1, name: absentPupil.name })).toBeVisible();

  // After the school day, so the figures the other tests read stay as they are.
  const form = page.getByRole('form', { name: 'Registrera frånvaroanmälan / ledighet' });
  await form.getByLabel('Typ').selectOption('guardianReport');
  await form.getByLabel('Från klockan (valfritt)').fill('16:00');
  await form.getByLabel('Till klockan (valfritt)').fill('16:30');
  await form.getByLabel('Orsak').selectOption('reported');
  const comment = `e2e ${Date.now()}`;
  await form.getByLabel('Kommentar (valfritt)').fill(comment);
  await form.getByRole('button', { name: 'Registrera' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Frånvaron är registrerad.' })).toBeVisible();

  const row = page.getByRole('row').filter({ hasText: comment });
  await expect(row).toContainText('Frånvaroanmälan (vårdnadshavare)');
  page.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: /^Återkalla/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Anmälan är återkallad.' })).toBeVisible();
  await expect(row).toContainText('Återkallad');
});
