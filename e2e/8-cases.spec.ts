/**
 * (8) Case management: rektor opens a case from a pupil on step 1 of the Stockholm ladder
 * (early warning → the pupil's cases → "Öppna ärende"); elevhälsa records a mapping with the
 * pupil's own voice; rektor opens the investigation; huvudman sees the notice in the inbox and
 * acknowledges it; elevhälsa adds an intervention and records its first follow-up, where the
 * system shows the computed absence before and since the start; rektor completes the
 * investigation and closes the case. Axe scans every page. Desktop only.
 */
import { expect, test, type Page } from '@playwright/test';
import { ensureStockholmLadder, expectNoAxeViolations, logIn } from './support/app';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Huvudmeny' });
/** Signs out (drops the session cookie) and signs in as another demo user. */
async function switchTo(page: Page, user: Parameters<typeof logIn>[1]) {
  await page.context().clearCookies();
  await page.goto('/login');
  await logIn(page, user);
}
const status = (page: Page, text: string | RegExp) =>
  expect(page.getByRole('status').filter({ hasText: text })).toBeVisible();

test('from a pupil on a step to a closed case with a computed follow-up', async ({ page }) => {
  test.setTimeout(300_000);
  await ensureStockholmLadder();

  // 1. Rektor: early warning → a step-1 pupil → the pupil's cases → open a case.
  await logIn(page, 'rektor');
  await expect(page.getByRole('heading', { level: 1, name: 'Tidiga signaler' })).toBeVisible();
  await page.getByLabel('Steg', { exact: true }).selectOption({ label: 'Steg 1 · Uppmärksamma' });
  const table = page.getByRole('table', { name: 'Elever på ett steg i närvarotrappan' });
  const caseLink = table.getByRole('link', { name: /^Ärenden för / }).first();
  const pupilName = (await caseLink.getAttribute('aria-label'))!.replace('Ärenden för ', '');
  await caseLink.click();
  await expect(page.getByRole('heading', { level: 1, name: pupilName })).toBeVisible();
  const cases = page.getByRole('region', { name: 'Ärenden' });
  await expect(cases.getByText('Inga ärenden.')).toBeVisible();
  await expectNoAxeViolations(page, 'pupil page with the cases section');
  await cases.getByRole('button', { name: 'Öppna ärende' }).click();
  await expect(cases.getByRole('alert')).toContainText('Vill du öppna ett ärende för eleven?');
  await cases.getByRole('button', { name: 'Ja, öppna ärende' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Ärende: ${pupilName}` })).toBeVisible();
  const caseUrl = page.url();
  await expectNoAxeViolations(page, 'new case');

  // 2. Elevhälsa: a simple mapping with the pupil's own voice.
  await switchTo(page, 'elevhalsa');
  await page.goto(caseUrl);
  await expect(page.getByRole('heading', { level: 1, name: `Ärende: ${pupilName}` })).toBeVisible();
  const mapping = page.getByRole('region', { name: 'Kartläggning' });
  await mapping.getByRole('button', { name: 'Ny kartläggning' }).click();
  const form = mapping.getByRole('form', { name: 'Ny kartläggning' });
  await form.getByLabel('Elevens egen röst').fill('Jag är trött på morgonen och matten känns för svår.');
  await form.getByLabel('Vårdnadshavarnas syn').fill('Sover dåligt.');
  await form.getByLabel(/^Undervisningen/).fill('Behöver extra anpassningar i matematik.');
  await expectNoAxeViolations(page, 'mapping form');
  await form.getByRole('button', { name: 'Spara kartläggning' }).click();
  await status(page, 'Kartläggningen är sparad.');
  await expect(mapping.getByText('Elevens egen röst finns med.')).toBeVisible();

  // 3. Rektor opens the investigation: the organiser is notified.
  await switchTo(page, 'rektor');
  await page.goto(caseUrl);
  const investigation = page.getByRole('region', { name: 'Utredning (7 kap. 19 a § skollagen)' });
  await investigation.getByRole('button', { name: 'Öppna utredning' }).click();
  await status(page, 'Utredningen är öppnad och huvudmannen har fått en anmälan.');
  await expect(investigation).toContainText('Öppnad 2026-11-23, ska vara klar senast 2026-12-23.');
  await expect(investigation).toContainText('Anmälan till huvudmannen: ej kvitterad');

  // 4. Huvudman: the notice in the inbox, acknowledged.
  await switchTo(page, 'huvudman');
  await nav(page).getByRole('link', { name: 'Inkorg' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inkorg: anmälningar' })).toBeVisible();
  const inbox = page.getByRole('table', { name: 'Anmälningar' });
  await expect(inbox.getByRole('row').filter({ hasText: pupilName }).first()).toBeVisible();
  await expectNoAxeViolations(page, 'organiser inbox');
  await inbox
    .getByRole('button', { name: `Kvittera anmälan för ${pupilName}` })
    .first()
    .click();
  await status(page, `Anmälan för ${pupilName} är kvitterad.`);
  await nav(page).getByRole('link', { name: 'Ärendeöversikt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ärendeöversikt' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Inställningar för ärenden' })).toBeVisible();
  await expectNoAxeViolations(page, 'organiser case overview');

  // 5. Elevhälsa: action plan and the first follow-up with computed figures.
  await switchTo(page, 'elevhalsa');
  await page.goto(caseUrl);
  const plan = page.getByRole('region', { name: 'Åtgärdsplan och uppföljning' });
  await plan
    .getByLabel('Insats', { exact: true })
    .selectOption({ label: 'Schemaanpassning; kortare dagar; senare start' });
  await plan.getByLabel('Mål', { exact: true }).fill('Kommer till första lektionen varje dag.');
  await plan.getByLabel('Startdatum').fill('2026-11-02');
  await plan.getByRole('button', { name: 'Lägg till insats' }).click();
  await status(page, 'Insatsen är tillagd med uppföljningar.');
  // The message is shown in the section where the user saved, not at the top of the page.
  await expect(plan.getByRole('status')).toHaveText('Insatsen är tillagd med uppföljningar.');
  await expect(plan).toContainText('Mål: Kommer till första lektionen varje dag.');
  const followUps = plan.getByRole('table', { name: /^Uppföljningar av Schemaanpassning/ });
  const start = followUps.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Start' }) });
  await start.getByLabel('Bedömning').fill('Kommer oftare till första lektionen.');
  await expect(start.getByLabel('Måluppfyllelse')).toHaveValue('');
  await start.getByLabel('Måluppfyllelse').selectOption({ label: 'Delvis uppnått' });
  await expectNoAxeViolations(page, 'case with the action plan');
  await start.getByRole('button', { name: 'Spara uppföljning' }).click();
  await status(page, 'Uppföljningen är sparad med beräknad frånvaro.');
  // Since = 2 – 23 Nov (22 days); before = the 22 days before the start, 11 Oct – 1 Nov.
  const recorded = plan
    .getByRole('table', { name: /^Uppföljningar av Schemaanpassning/ })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Start' }) });
  await expect(recorded).toContainText('2026-11-23: Delvis uppnått.');
  // The page shows the figures the server computed from the pupil's registrations (never typed).
  const saved = await (await page.request.get(caseUrl.replace('/cases/', '/api/cases/'))).json();
  const { before, since } = saved.interventions[0].followUps[0];
  expect(before).toMatchObject({ from: '2026-10-11', to: '2026-11-01' });
  expect(since).toMatchObject({ from: '2026-11-02', to: '2026-11-23' });
  const shown = (rate: number) =>
    new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 1 }).format(rate);
  expect(before.absentRate).toBeCloseTo(before.absent / before.known, 10);
  await expect(recorded).toContainText(`${shown(before.absentRate)} (2026-10-11 – 2026-11-01)`);
  await expect(recorded).toContainText(`${shown(since.absentRate)} (2026-11-02 – 2026-11-23)`);
  await expect(recorded).toContainText('Delvis uppnått. Kommer oftare till första lektionen.');

  // 6. Rektor completes the investigation and closes the case.
  await switchTo(page, 'rektor');
  await nav(page).getByRole('link', { name: 'Ärenden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ärenden' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Ärenden' }).getByRole('link', { name: pupilName })).toBeVisible();
  await expectNoAxeViolations(page, 'case list');
  await page.goto(caseUrl);
  const completeForm = page.getByRole('form', { name: 'Slutför utredningen' });
  await completeForm
    .getByLabel('Slutsats')
    .fill('Trötthet och brist på anpassningar i matematik; schemaanpassning och extra anpassningar.');
  await completeForm.getByRole('button', { name: 'Slutför utredningen' }).click();
  await status(page, 'Utredningen är slutförd.');
  // The page reloads the case after a change; wait for it before filling the next form.
  await expect(page.getByRole('region', { name: 'Utredning (7 kap. 19 a § skollagen)' })).toContainText(
    'Klar 2026-11-23.',
  );
  const close = page.getByRole('form', { name: 'Avsluta ärendet' });
  await close.getByLabel('Skäl').selectOption({ label: 'Närvaron är återställd' });
  await close.getByLabel('Resultat').fill('Närvaron är över 90 % sedan schemaanpassningen.');
  await close.getByRole('button', { name: 'Avsluta ärendet' }).click();
  await status(page, 'Ärendet är avslutat.');
  await expect(page.getByRole('region', { name: 'Händelser' })).toContainText('Ärendet avslutades');
  await expectNoAxeViolations(page, 'closed case');
});
