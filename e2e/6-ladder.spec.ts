/**
 * (6) Attendance ladders: rektor switches the school to the Stockholm preset from the spring
 * term, previews and publishes it and runs the evaluation; the 9B near home-stayer is on
 * "Utredning + anmälan" with the reason in one sentence (January's 7A pupil has left the ladder:
 * steps end). Rektor ends a step-1 pupil's step in the "Avsluta steg" dialog. The mentor then
 * completes a step-1 task ("Uppmärksamma") of a 7A pupil and gives another to rektor. A draft
 * saved twice stays one draft (same version), and "Släng utkast" removes it. Axe scans the
 * ladder, early-warning, task and pupil pages. Desktop only; safe to run after the other specs, and they after it
 * (a second run publishes one more version of the same ladder).
 */
import { expect, test } from '@playwright/test';
import {
  ensureStockholmLadder,
  expectNoAxeViolations,
  giveMentorFreshTasks,
  logIn,
  SPRING_TERM_START,
  STOCKHOLM_LADDER,
} from './support/app';

const nav = (page: import('@playwright/test').Page) => page.getByRole('navigation', { name: 'Huvudmeny' });

test('rektor publishes the Stockholm ladder and a pupil with high absence this autumn is on "Utredning + anmälan"', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await logIn(page, 'rektor');
  await expect(page).toHaveURL(/\/early-warning$/);
  await nav(page).getByRole('link', { name: 'Närvarotrappa' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Närvarotrappa' })).toBeVisible();
  await expect(page).toHaveTitle('Närvarotrappa – Närvaro');

  // A draft from the preset, applying from the first day of the spring term.
  const newDraft = page.getByRole('form', { name: 'Nytt utkast' });
  await newDraft.getByRole('radio', { name: STOCKHOLM_LADDER, exact: true }).check();
  await newDraft.getByLabel('Gäller från').fill(SPRING_TERM_START);
  await newDraft.getByRole('button', { name: 'Skapa utkast' }).click();
  const draftHeading = page.getByRole('heading', {
    level: 2,
    name: new RegExp(`^Utkast: ${STOCKHOLM_LADDER}, version \\d+$`),
  });
  await expect(draftHeading).toBeFocused();
  const version = (await draftHeading.textContent())!.replace(/^.*version /, '');
  await expect(
    page.getByRole('status').filter({ hasText: `Utkastet är skapat som version ${version}.` }),
  ).toBeVisible();
  const draft = page.getByRole('region', { name: `Utkast: ${STOCKHOLM_LADDER}, version ${version}` });
  await expect(draft.getByRole('group', { name: 'Steg 3: Utredning + anmälan' })).toBeVisible();
  await expectNoAxeViolations(page, 'ladder page with a draft');

  // Preview (a background job): who would be on which step today under the draft.
  await expect(draft.getByLabel('Förhandsgranska per datum')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await draft.getByRole('button', { name: 'Förhandsgranska' }).click();
  const preview = draft.getByRole('table', { name: 'Nuvarande steg och steg enligt utkastet per elev' });
  // Steps end (issue 16): January's pupil has left the ladder by November; the 9B near home-stayer is on step 3.
  await expect(
    preview
      .getByRole('row')
      .filter({ hasText: 'Utredning + anmälan' })
      .filter({ hasText: /2026 \(gräns (40|20) %\)/ })
      .first(),
  ).toBeVisible({ timeout: 90_000 });

  // Publish, confirming in the panel.
  await draft.getByRole('button', { name: 'Publicera' }).click();
  await draft.getByRole('button', { name: 'Ja, publicera' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Version ${version} är publicerad och gäller från 8 jan. 2026.` }),
  ).toBeVisible();
  const inForce = page.getByRole('region', { name: 'Gällande trappa' });
  await expect(inForce).toContainText(`${STOCKHOLM_LADDER}, version ${version}, gäller från 8 jan. 2026.`);
  await expect(inForce.getByRole('heading', { name: 'Steg 3: Utredning + anmälan' })).toBeVisible();
  await expect(inForce).toContainText('All frånvaro minst 40 % under en avslutad kalendermånad');
  await expectNoAxeViolations(page, 'ladder page after publishing');

  // Evaluate now, as a background job with progress (replays the year for the school the first time).
  await nav(page).getByRole('link', { name: 'Tidiga signaler' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tidiga signaler' })).toBeVisible();
  const evaluate = page.getByRole('button', { name: /^(Utvärdera nu|Utvärderar…)$/ });
  await evaluate.click();
  await expect(page.getByRole('status').filter({ hasText: 'Utvärderingen är klar' })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Utvärdera nu' })).toBeEnabled();

  await expect(page.getByText('Elever med oroande frånvaro utan pågående åtgärd:')).toBeVisible();
  // Never a calm KPI alone: overdue tasks and investigations stand beside it.
  await expect(page.getByText('Försenade uppgifter:')).toBeVisible();
  await expect(page.getByText('Försenade utredningar:')).toBeVisible();
  const table = page.getByRole('table', { name: 'Elever på ett steg i närvarotrappan' });
  const row = table
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: '9B', exact: true }) })
    .filter({ hasText: 'Utredning + anmälan' })
    .filter({ hasText: /2026 \(gräns (40|20) %\)/ })
    .first();
  await expect(row).toBeVisible();
  await expectNoAxeViolations(page, 'early warning');

  // Sorting by name sets aria-sort; the step filter narrows the list.
  await table.getByRole('button', { name: /^Namn/ }).click();
  await expect(table.getByRole('columnheader', { name: /^Namn/ })).toHaveAttribute('aria-sort', 'descending');
  await page.getByLabel('Steg', { exact: true }).selectOption({ label: 'Steg 3 · Utredning + anmälan' });
  await expect(table.getByRole('row').filter({ hasText: 'Uppmärksamma' })).toHaveCount(0);

  // The pupil page answers "why is this pupil on step 3?".
  const pupilLink = row.getByRole('link').first(); // the second link is the pupil's cases
  const pupilName = (await pupilLink.textContent())!;
  await pupilLink.click();
  await expect(page.getByRole('heading', { level: 1, name: pupilName })).toBeVisible();
  const ladder = page.getByRole('region', { name: 'Närvarotrappa' });
  await expect(ladder.getByText('Steg 3 av 4: Utredning + anmälan')).toBeVisible();
  await expect(ladder.locator('.ladder-state-why')).toContainText(/2026 \(gräns (40|20) %\)/);
  await expect(ladder).toContainText(`${STOCKHOLM_LADDER}, version`);
  await expect(ladder.getByRole('table', { name: 'Elevens stegändringar' }).getByRole('row').nth(1)).toBeVisible();
  await expectNoAxeViolations(page, 'pupil page with the ladder section');
});

test("rektor ends a pupil's step with a reason in an accessible dialog; the history keeps it", async ({ page }) => {
  test.setTimeout(180_000);
  await ensureStockholmLadder();
  await logIn(page, 'rektor');
  const table = page.getByRole('table', { name: 'Elever på ett steg i närvarotrappan' });
  // A step-1 pupil outside 7A (the mentor spec works with 7A's tasks).
  const row = table
    .getByRole('row')
    .filter({ hasText: 'Uppmärksamma' })
    .filter({ hasNot: page.getByRole('cell', { name: '7A', exact: true }) })
    .first();
  const pupilLink = row.getByRole('link').first();
  const pupilName = (await pupilLink.textContent())!;
  await pupilLink.click();
  await expect(page.getByRole('heading', { level: 1, name: pupilName })).toBeVisible();
  const ladder = page.getByRole('region', { name: 'Närvarotrappa' });
  await ladder.getByRole('button', { name: 'Avsluta steg' }).click();
  const dialog = page.getByRole('dialog', { name: 'Avsluta Steg 1 · Uppmärksamma' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Skäl')).toBeFocused();
  await dialog.getByRole('button', { name: 'Avsluta steget' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Ange ett skäl');
  await expectNoAxeViolations(page, 'end-step dialog');
  await dialog.getByLabel('Skäl').fill('Frånvaron har upphört efter samtal med vårdnadshavare.');
  await dialog.getByRole('button', { name: 'Avsluta steget' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Steg 1 · Uppmärksamma är avslutat.' })).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(ladder.getByText('Inte på något steg')).toBeVisible();
  await expect(ladder.locator('.ladder-state-why')).toContainText(
    /^Avslutat \d{4}-\d{2}-\d{2} av personal: Frånvaron har upphört efter samtal med vårdnadshavare \(steg 1, Uppmärksamma\)\.$/,
  );
  const history = ladder.getByRole('table', { name: 'Elevens stegändringar' });
  await expect(history.getByRole('row').nth(1)).toContainText('Avslutat av');
  await expect(history.getByRole('row').nth(1)).toContainText(
    'Orsak: Frånvaron har upphört efter samtal med vårdnadshavare.',
  );
});

test('mentor completes a step-2 task of a 7A pupil with a note', async ({ page }) => {
  test.setTimeout(180_000);
  await ensureStockholmLadder();
  await giveMentorFreshTasks();
  await logIn(page, 'mentor');
  await nav(page).getByRole('link', { name: 'Uppgifter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Uppgifter' })).toBeVisible();
  await expect(page).toHaveTitle('Uppgifter – Närvaro');

  const mine = page.getByRole('region', { name: /^Mina uppgifter/ });
  const task = mine
    .getByRole('listitem')
    .filter({ hasText: 'Fördjupad kartläggning med centrala mallar' })
    .filter({ hasText: '(7A)' })
    .first();
  await expect(task).toBeVisible();
  const taskId = await task.getAttribute('data-task-id');
  const pupilName = (await task.getByRole('link').textContent())!;
  await expectNoAxeViolations(page, 'tasks');

  await task.getByRole('button', { name: 'Klar' }).click();
  const note = `Samtal med vårdnadshavare, e2e ${Date.now()}`;
  await expect(task.getByLabel('Anteckning (valfritt)')).toBeFocused();
  await task.getByLabel('Anteckning (valfritt)').fill(note);
  await expectNoAxeViolations(page, 'tasks with the done form open');
  await task.getByRole('button', { name: 'Markera som klar' }).click();
  await expect(page.getByRole('status').filter({ hasText: `för ${pupilName} är klarmarkerad.` })).toBeVisible();
  await expect(page.locator(`[data-task-id="${taskId}"]`)).toHaveCount(0);

  // "Ge till…": another open task goes to rektor and leaves "Mina uppgifter".
  const otherId = await mine
    .getByRole('listitem')
    .filter({ hasText: 'Upprätta åtgärdsplan' })
    .filter({ hasText: '(7A)' })
    .first()
    .getAttribute('data-task-id');
  const other = mine.locator(`[data-task-id="${otherId}"]`);
  await other.getByRole('button', { name: 'Ge till…' }).click();
  const giveTo = other.getByRole('combobox', { name: 'Ge uppgiften till' });
  await expect(giveTo).toBeFocused();
  await expectNoAxeViolations(page, 'tasks with the reassign form open');
  await giveTo.selectOption((await giveTo.locator('option', { hasText: 'Jenny Eriksson' }).getAttribute('value'))!);
  await other.getByRole('button', { name: 'Ge uppgiften', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'är given till Jenny Eriksson.' })).toBeVisible();
  await expect(other).toHaveCount(0);
  await expect(
    page.getByRole('region', { name: /^Andra uppgifter/ }).locator(`[data-task-id="${otherId}"]`),
  ).toContainText('Jenny Eriksson');

  await page.getByLabel('Visa klara').check();
  const done = page.locator(`[data-task-id="${taskId}"]`);
  await expect(done).toContainText('Klarmarkerad');
  await expect(done).toContainText(note);

  // The mentor's own view of the early warnings lists the pupil.
  await nav(page).getByRole('link', { name: 'Tidiga signaler' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tidiga signaler' })).toBeVisible();
  await expect(
    page
      .getByRole('table', { name: 'Elever på ett steg i närvarotrappan' })
      .getByRole('link', { name: pupilName, exact: true }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Utvärdera nu' })).toHaveCount(0);
});

test('rektor saves a draft twice as the same version and then discards it', async ({ page }) => {
  await logIn(page, 'rektor');
  await page.goto('/ladder');
  const newDraft = page.getByRole('form', { name: 'Nytt utkast' });
  await newDraft.getByRole('radio', { name: STOCKHOLM_LADDER, exact: true }).check();
  await newDraft.getByRole('button', { name: 'Skapa utkast' }).click();
  const created = page.getByRole('heading', { level: 2, name: /^Utkast: .*, version \d+$/ });
  await expect(created).toBeFocused();
  const version = (await created.textContent())!.replace(/^.*version /, '');
  const history = page.getByRole('table', { name: 'Versioner av trappan' });
  const drafts = history.getByRole('row').filter({ hasText: 'Utkast' });

  for (const name of ['E2E-trappa A', 'E2E-trappa B']) {
    const draft = page.getByRole('region', { name: /^Utkast: / });
    await draft.getByLabel('Trappans namn').fill(name);
    await draft.getByRole('button', { name: 'Spara ändringar' }).first().click();
    await expect(
      page.getByRole('status').filter({ hasText: `Ändringarna är sparade i utkastet, version ${version}.` }),
    ).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: `Utkast: ${name}, version ${version}` })).toBeFocused();
    await expect(drafts).toHaveCount(1);
  }

  const draft = page.getByRole('region', { name: `Utkast: E2E-trappa B, version ${version}` });
  await draft.getByRole('button', { name: 'Släng utkast' }).click();
  await expect(draft.getByRole('button', { name: 'Ja, släng utkastet' })).toBeFocused();
  await expectNoAxeViolations(page, 'ladder page confirming a discard');
  await draft.getByRole('button', { name: 'Ja, släng utkastet' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Utkastet version ${version} är slängt.` })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Versioner' })).toBeFocused();
  await expect(drafts).toHaveCount(0);
});
