/** (4) Login errors are shown in Swedish, as the server words them. */
import { expect, test } from '@playwright/test';

test('wrong password shows "Fel användarnamn eller lösenord."', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('Användarnamn').fill('larare');
  await page.getByLabel('Lösenord').fill('fel-lösenord');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByRole('alert')).toContainText('Fel användarnamn eller lösenord.');
  await expect(page.getByLabel('Lösenord')).toHaveValue('');
  await expect(page).toHaveURL(/\/login$/);
});
