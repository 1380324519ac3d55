/**
 * (9) The guardian portal on a phone: the guardian reports absence for a child today → the
 * teacher sees it in the lesson register → the pupil's figures count it valid; a leave request
 * over 10 days (and over the mentor's limit) goes to the rektor, the mentor cannot decide it, the
 * rektor can, and the guardian sees the decision. Axe scans every page visited.
 */
import { expect, test, type Page } from '@playwright/test';
import type { GuardianOverview } from '../src/shared/schemas/guardians';
import type { PupilPage } from '../src/shared/schemas/pupils';
import {
  apiAs,
  expectNoAxeViolations,
  expectNoHorizontalOverflow,
  logIn,
  teacherLessonsToday,
  TODAY,
} from './support/app';
import type { LessonDetail } from '../src/shared/schemas/lessons';

const portalNav = (page: Page) => page.getByRole('navigation', { name: 'Huvudmeny' });

/** The portal page is accessible and fits the phone. */
async function checkPortalPage(page: Page, label: string): Promise<void> {
  await expectNoAxeViolations(page, label);
  await expectNoHorizontalOverflow(page);
}

/** The guardian's (only) child in the demo. */
async function guardianChild(): Promise<{ id: string; name: string }> {
  const { api } = await apiAs('vardnadshavare');
  try {
    const response = await api.get('/api/guardian/overview');
    expect(response.status()).toBe(200);
    const [child] = ((await response.json()) as GuardianOverview).children;
    expect(child, 'the demo guardian has a child').toBeTruthy();
    return { id: child.personId, name: `${child.givenName} ${child.familyName}` };
  } finally {
    await api.dispose();
  }
}

test('guardian reports absence today; the teacher sees it and it counts as valid', async ({ page, browser }) => {
  const child = await guardianChild();

  await logIn(page, 'vardnadshavare');
  // The portal, not the staff layout.
  await expect(page).toHaveURL(/\/guardian$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Mina barn' })).toBeVisible();
  await expect(portalNav(page).getByRole('link', { name: 'Anmäl frånvaro' })).toBeVisible();
  await expect(portalNav(page).getByRole('link', { name: 'Elever' })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: child.name })).toBeVisible();
  await expect(page.getByText(/Ledighet hittills i år: \d+ skoldag/)).toBeVisible();
  await expect(
    page.getByText(/Frånvaro denna termin \(sedan .+\): [\d,]+\s%, varav ogiltig [\d,]+\s%\./).first(),
  ).toBeVisible();
  await checkPortalPage(page, 'guardian: my children');

  // A staff address sends the guardian back to the portal.
  await page.goto('/pupils');
  await expect(page).toHaveURL(/\/guardian$/);

  await portalNav(page).getByRole('link', { name: 'Anmäl frånvaro' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Anmäl frånvaro' })).toBeVisible();
  await expect(page.getByText('Skriv inga uppgifter om hälsa/diagnos.', { exact: false })).toBeVisible();
  await checkPortalPage(page, 'guardian: report absence');
  const form = page.getByRole('form', { name: 'Skicka anmälan' });
  await expect(form.getByRole('checkbox', { name: child.name })).toBeChecked();
  await expect(form.getByLabel('Från datum')).toHaveValue(TODAY);
  await expect(form.getByRole('radio', { name: 'Hela dagen' })).toBeChecked();
  const comment = `Hemma idag ${Date.now()}`;
  await form.getByLabel('Kommentar till skolan (valfritt)').fill(comment);
  await form.getByRole('button', { name: 'Skicka anmälan' }).click();
  // The receipt takes the form's place and has the focus, so it is in view on the phone.
  const receipt = page.getByRole('region', { name: 'Frånvaron är anmäld.' });
  await expect(receipt.getByRole('heading', { name: 'Frånvaron är anmäld.' })).toBeFocused();
  await expect(receipt).toContainText(`${child.name}: 23 nov. 2026, hela dagen.`);
  await checkPortalPage(page, 'guardian: report sent');

  await portalNav(page).getByRole('link', { name: 'Mina anmälningar' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mina anmälningar' })).toBeVisible();
  await expect(page.locator('.portal-list > li').filter({ hasText: comment })).toContainText(child.name);
  await expect(page.locator('.portal-list > li').filter({ hasText: comment })).toContainText(
    '23 nov. 2026, hela dagen',
  );
  await checkPortalPage(page, 'guardian: my reports');

  // English, saved on the account (the messages follow it); then back to Swedish.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My reports' })).toBeVisible();
  await checkPortalPage(page, 'guardian: my reports (English)');
  await page.getByRole('button', { name: 'Svenska' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mina anmälningar' })).toBeVisible();

  // The teacher's register shows the report on the child's row in today's lesson.
  const { api: teacherApi } = await apiAs('larare');
  let lesson: LessonDetail | undefined;
  for (const summary of await teacherLessonsToday(teacherApi)) {
    if (summary.isCancelled) continue;
    const detail = (await (await teacherApi.get(`/api/lessons/${summary.id}`)).json()) as LessonDetail;
    if (detail.roster.some((entry) => entry.personId === child.id)) {
      lesson = detail;
      break;
    }
  }
  await teacherApi.dispose();
  expect(lesson, 'larare teaches the child today').toBeTruthy();

  const teacherContext = await browser.newContext({
    viewport: { width: 375, height: 667 },
    isMobile: true,
    hasTouch: true,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
  });
  const teacher = await teacherContext.newPage();
  await logIn(teacher, 'larare');
  await teacher.goto(`/lessons/${lesson!.lesson.id}`);
  await expect(teacher.getByRole('heading', { level: 1, name: /^Registrera / })).toBeVisible();
  const row = teacher.locator(`li.roster-row[data-person-id="${child.id}"]`);
  await expect(row.locator('.roster-pupil .badges').first()).toContainText('Anmäld frånvaro');
  const absent = row.getByRole('group', { name: child.name, exact: true }).getByRole('button', { name: 'Frånvarande' });
  if ((await absent.getAttribute('aria-pressed')) !== 'true') await absent.click();
  await expect(absent).toHaveAttribute('aria-pressed', 'true');
  await teacher.getByRole('button', { name: /^(Klarmarkera \(kvittera\)|Spara rättelse)$/ }).click();
  await expect(
    teacher.getByRole('status').filter({ hasText: /Lektionen är registrerad|Ingen ändring|sparad/ }),
  ).toBeVisible();
  // At the end of the list the sticky save bar sits below the last row; mid-list it covers part of
  // whichever row is under it, and axe's target-size then measures the uncovered sliver.
  await teacher.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expectNoAxeViolations(teacher, 'teacher: register with a guardian report');
  await teacherContext.close();

  // The pupil's figures for today: the absence is valid, none invalid.
  const { api: mentorApi } = await apiAs('mentor');
  const figures = await mentorApi.get(`/api/pupils/${child.id}?from=${TODAY}&to=${TODAY}`);
  expect(figures.status()).toBe(200);
  const { total } = (await figures.json()) as PupilPage;
  expect(total.valid).toBeGreaterThan(0);
  expect(total.invalid).toBe(0);
  await mentorApi.dispose();
});

test('leave over 10 days goes to the rektor; the mentor cannot decide, the rektor can, the guardian sees the decision', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const child = await guardianChild();
  const reason = `Resa till släkten ${Date.now()}`;

  await logIn(page, 'vardnadshavare');
  await portalNav(page).getByRole('link', { name: 'Ansök om ledighet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ansök om ledighet' })).toBeVisible();
  await checkPortalPage(page, 'guardian: apply for leave');
  const form = page.getByRole('form', { name: 'Ny ansökan' });
  await expect(form.getByText(/Ledighet hittills i år: \d+ skoldag/)).toBeVisible();
  // Three school weeks: over the mentor's limit (5) and over 10 days.
  await form.getByLabel('Från datum').fill('2026-11-30');
  await form.getByLabel('Till datum').fill('2026-12-18');
  await expect(
    form.getByText('Observera: ledigheten blir mer än 10 skoldagar detta läsår.', { exact: false }),
  ).toBeVisible();
  await expect(form.getByText('beslutas av rektor', { exact: false })).toBeVisible();
  await form.getByLabel('Skäl till ledigheten').fill(reason);
  await checkPortalPage(page, 'guardian: leave form with the 10-day warning');
  await form.getByRole('button', { name: 'Skicka ansökan' }).click();
  await expect(page.getByRole('status')).toContainText('Rektor beslutar.');
  await expect(page.getByRole('status')).toContainText('Mer än 10 skoldagar');
  const application = page.locator('.portal-list > li').filter({ hasText: reason });
  await expect(application).toContainText('Väntar på beslut');

  // The mentor neither lists nor decides it.
  const { api: mentorApi, me: mentor } = await apiAs('mentor');
  const mentorList = (await (await mentorApi.get('/api/leave-requests')).json()) as {
    leaveRequests: { id: string; reason: string }[];
  };
  expect(mentorList.leaveRequests.some((r) => r.reason === reason)).toBe(false);
  const { api: rektorApi } = await apiAs('rektor');
  const rektorList = (await (await rektorApi.get('/api/leave-requests')).json()) as {
    leaveRequests: { id: string; reason: string; decidedByRole: string }[];
  };
  const request = rektorList.leaveRequests.find((r) => r.reason === reason);
  expect(request?.decidedByRole).toBe('principal');
  const refused = await mentorApi.post(`/api/leave-requests/${request!.id}/decision`, {
    headers: { 'X-CSRF-Token': mentor.csrfToken },
    data: { decision: 'granted', reason: 'Mentorn försöker' },
  });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { message: string }).message).toContain('rektor');
  await mentorApi.dispose();
  await rektorApi.dispose();

  // The rektor decides in the staff UI.
  const rektorContext = await browser.newContext({
    viewport: { width: 375, height: 667 },
    isMobile: true,
    hasTouch: true,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
  });
  const rektor = await rektorContext.newPage();
  await logIn(rektor, 'rektor');
  await rektor.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Ledighet' }).click();
  await expect(rektor.getByRole('heading', { level: 1, name: 'Ledighetsansökningar' })).toBeVisible();
  const card = rektor.locator('.portal-list > li').filter({ hasText: reason });
  await expect(card).toContainText('Rektor beslutar');
  await expect(card).toContainText('Över 10 dagar detta läsår.');
  await expectNoAxeViolations(rektor, 'rektor: leave requests');
  const decision = card.getByRole('form', { name: `Beslut om ledighet för ${child.name}` });
  await decision.getByRole('radio', { name: 'Avslå' }).check();
  await decision.getByLabel('Motivering').fill('Inga synnerliga skäl');
  await decision.getByRole('button', { name: 'Spara beslut' }).click();
  await expect(rektor.getByRole('status')).toContainText(`Ledigheten för ${child.name} är avslagen.`);

  // The message log and the pupil page show the decision message and its delivery status.
  await rektor.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Meddelanden' }).click();
  await expect(rektor.getByRole('heading', { level: 1, name: 'Meddelanden' })).toBeVisible();
  await expect(rektor.getByRole('heading', { level: 2, name: 'Vårdnadshavare som inte nås' })).toBeVisible();
  await expect(
    rektor.getByRole('row').filter({ hasText: 'Beslut om ledighet' }).filter({ hasText: child.name }).first(),
  ).toBeVisible();
  await expectNoAxeViolations(rektor, 'rektor: message log');
  await rektor.goto(`/pupils/${child.id}`);
  const messages = rektor.getByRole('region', { name: 'Meddelanden till vårdnadshavare' });
  await expect(messages.getByRole('row').filter({ hasText: 'Beslut om ledighet' }).first()).toBeVisible();
  await expectNoAxeViolations(rektor, 'rektor: pupil page with messages');
  await rektorContext.close();

  // The guardian sees the decision at once on the leave page, and the message once the worker has sent it (every minute).
  await page.reload();
  await expect(application).toContainText('Avslagen');
  await expect(application).toContainText('Motivering: Inga synnerliga skäl');
  await portalNav(page).getByRole('link', { name: 'Meddelanden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Meddelanden' })).toBeVisible();
  const message = page
    .locator('.portal-list > li')
    .filter({ hasText: `Beslut om ledighet för ${child.name}` })
    .filter({ hasText: 'Inga synnerliga skäl' });
  await expect(async () => {
    await page.reload();
    await expect(message.first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 150_000, intervals: [5_000] });
  await checkPortalPage(page, 'guardian: messages');
});

test('huvudman edits a message template; an unknown field is refused in Swedish', async ({ page }) => {
  await logIn(page, 'huvudman');
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Meddelandeinställningar' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Meddelandeinställningar' })).toBeVisible();
  await page.getByLabel('Mall', { exact: true }).selectOption({ label: 'Beslut om ledighet' });
  const form = page.getByRole('form', { name: 'Beslut om ledighet (svenska)' });
  await expect(form.getByLabel('Ämne', { exact: true })).toHaveValue(/Beslut om ledighet/);
  await expectNoAxeViolations(page, 'huvudman: message settings');
  const body = form.getByLabel('Text', { exact: true });
  const original = await body.inputValue();
  // Swedish field names, and a preview with example values (issue 16, item 8).
  await expect(form).toContainText('{{elevens_namn}}');
  const preview = form.getByRole('region', { name: 'Förhandsvisning' });
  await expect(preview).toContainText('Ansökan om ledighet för Alva Andersson 2026-12-14–2026-12-18 är beviljad.');
  await body.fill(`${original}\n{{shoeSize}}`);
  await expect(preview).toContainText('Fält som inte finns och som gör att mallen inte kan sparas: {{shoeSize}}');
  await form.getByRole('button', { name: /^Spara mallen/ }).click();
  await expect(form.getByRole('alert')).toContainText('Okända fält i mallen');
  await form.getByRole('button', { name: /^Återställ standardtext/ }).click();
  await expect(body).toHaveValue(original);
  await expect(page.getByRole('status')).toContainText('Standardtexten för Beslut om ledighet (svenska) är ifylld.');
  await form.getByRole('button', { name: /^Spara mallen/ }).click();
  await expect(page.getByRole('status')).toContainText('är sparad');
});

test('huvudman chooses when the same-day notice is sent; the message log gives reasons in Swedish, never codes', async ({
  page,
}) => {
  await logIn(page, 'huvudman');
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Meddelandeinställningar' })
    .click();
  const form = page.getByRole('form', { name: 'Meddelande om frånvaro samma dag' });
  await expect(form.getByRole('radio', { name: 'Vid en bestämd tid' })).toBeChecked();
  await form.getByRole('radio', { name: 'Så snart lektionen är kvitterad' }).check();
  await form.getByLabel(/^Väntetid i minuter/).fill('5');
  await expectNoAxeViolations(page, 'huvudman: same-day notice policy');
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('status')).toContainText('Inställningen för meddelande samma dag är sparad.');
  await page.reload();
  await expect(form.getByRole('radio', { name: 'Så snart lektionen är kvitterad' })).toBeChecked();
  await expect(form.getByLabel(/^Väntetid i minuter/)).toHaveValue('5');
  // Back to the default, so the other specs see the demo as it starts.
  await form.getByRole('radio', { name: 'Vid en bestämd tid' }).check();
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('status')).toContainText('är sparad');

  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Meddelanden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Meddelanden' })).toBeVisible();
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  await expect(page.locator('main')).not.toContainText(/\b[A-Z]{2,}_[A-Z_]{2,}\b/);
  await page.screenshot({ path: 'test-results/huvudman-message-log.png' });
});
