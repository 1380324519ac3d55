/**
 * (12) Single sign-on against a real OpenID provider (scripts/e2e-oidc-provider.ts, configured as
 * both the staff and the guardian provider by scripts/e2e-server.mjs): the demo's teacher signs in
 * with "Logga in med skolkonto" (matched on the e-mail in the imported SS12000 data), the demo's
 * guardian with "Logga in med e-legitimation" (matched on the personal number) and sees exactly the
 * children SS12000 gives them custody of; a person the data set does not know is refused with a
 * Swedish message and no session. The provider's sign-in page has a button per test person.
 * Desktop and phone. Axe scans the login page with the buttons, the landing pages and the refusal.
 */
import { expect, test, type Page } from '@playwright/test';
import { generateDemo } from '../src/server/demo/generate-demo';
import type { Ss12000Person } from '../src/server/demo/ss12000-types';
import type { GuardianOverview } from '../src/shared/schemas/guardians';
import type { Me } from '../src/shared/schemas/auth';
import type { UnconfirmedLessonsResponse } from '../src/shared/schemas/lessons';
import { apiAs, expectNoAxeViolations, teacherLessonsToday, TODAY } from './support/app';

/** The data set the server imported (the same deterministic generation for the same day). */
const demo = generateDemo({ today: TODAY });
const demoAccount = (username: string) => demo.accounts.find((a) => a.username === username)!;

/** From the login page through the provider, whose page signs in the person whose button is pressed. */
async function signInThroughProvider(
  page: Page,
  method: 'Logga in med skolkonto' | 'Logga in med e-legitimation',
  person: string,
): Promise<void> {
  await page.goto('/login');
  await page.getByRole('link', { name: method }).click();
  await expect(page.getByRole('heading', { name: 'Testinloggning' })).toBeVisible();
  await page.getByRole('button', { name: person, exact: true }).click();
}

/** Who the browser's session belongs to (null when it has none). */
async function sessionOf(page: Page): Promise<Me | null> {
  const response = await page.request.get('/api/auth/me');
  return response.ok() ? ((await response.json()) as Me) : null;
}

test('the login page offers both providers beside the password form', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('link', { name: 'Logga in med e-legitimation' })).toHaveAttribute(
    'href',
    '/api/auth/oidc/guardian/login',
  );
  await expect(page.getByRole('link', { name: 'Logga in med skolkonto' })).toHaveAttribute(
    'href',
    '/api/auth/oidc/staff/login',
  );
  await expect(page.getByLabel('Användarnamn')).toBeVisible();
  await expectNoAxeViolations(page, 'login with SSO buttons');
});

test('a teacher signs in with the school account and sees their own lessons', async ({ page }) => {
  const teacher = demoAccount('larare');
  await signInThroughProvider(page, 'Logga in med skolkonto', teacher.displayName);

  await expect(page.getByRole('heading', { level: 1, name: 'Mina lektioner idag' })).toBeVisible();
  const me = (await sessionOf(page))!;
  expect({ username: me.username, kind: me.kind, displayName: me.displayName }).toEqual({
    username: 'larare',
    kind: 'staff',
    displayName: teacher.displayName,
  });
  expect(me.roles.map((grant) => grant.role)).toEqual(['teacher']);

  // The same lessons as the teacher's account shows with a password: theirs, no one else's
  // (today's lessons, and the list of their earlier lessons still without a kvittens).
  const { api } = await apiAs('larare');
  try {
    const today = (await teacherLessonsToday(api)).map((l) => `/lessons/${l.id}`);
    const unconfirmed = (
      (await (await api.get('/api/lessons/mine/unconfirmed')).json()) as UnconfirmedLessonsResponse
    ).lessons.map((l) => `/lessons/${l.id}`);
    expect(today.length).toBeGreaterThan(0);
    await expect(page.locator('li.lesson-card').first()).toBeVisible();
    const shown = await page
      .locator('li.lesson-card a[href^="/lessons/"]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    expect(shown).toEqual(expect.arrayContaining(today));
    expect(shown.filter((href) => !today.includes(href) && !unconfirmed.includes(href))).toEqual([]);
  } finally {
    await api.dispose();
  }
  await expectNoAxeViolations(page, 'lesson list after SSO');
});

test('a guardian signs in with e-legitimation and sees exactly the children in their custody', async ({ page }) => {
  const guardian = demoAccount('vardnadshavare');
  // Custody as the SS12000 data set says it: pupils whose responsibles include the guardian.
  const children = (demo.files.persons as Ss12000Person[])
    .filter((p) =>
      p.responsibles?.some((r) => r.person.id === guardian.personId && r.relationType === 'Vårdnadshavare'),
    )
    .map((p) => `${p.givenName} ${p.familyName}`);
  expect(children.length).toBeGreaterThan(0);

  await signInThroughProvider(page, 'Logga in med e-legitimation', guardian.displayName);

  await expect(page).toHaveURL(/\/guardian$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Mina barn' })).toBeVisible();
  for (const name of children) await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  const me = (await sessionOf(page))!;
  expect({ username: me.username, kind: me.kind, roles: me.roles }).toEqual({
    username: 'vardnadshavare',
    kind: 'guardian',
    roles: [],
  });
  const overview = (await (await page.request.get('/api/guardian/overview')).json()) as GuardianOverview;
  expect(overview.children.map((c) => `${c.givenName} ${c.familyName}`).sort()).toEqual([...children].sort());
  // Staff pages stay closed to a guardian.
  expect([403, 404]).toContain((await page.request.get('/api/pupils')).status());
  await expectNoAxeViolations(page, 'guardian portal after SSO');
});

for (const method of ['Logga in med skolkonto', 'Logga in med e-legitimation'] as const) {
  test(`an unknown person is refused cleanly (${method})`, async ({ page }) => {
    await signInThroughProvider(page, method, 'Okänd person');

    await expect(page).toHaveURL(/\/login\?error=OIDC_UNKNOWN_PERSON$/);
    await expect(page.getByRole('alert')).toHaveText(/^Vi hittar inget konto i Närvaro för den du loggade in som\./);
    expect(await sessionOf(page)).toBeNull();
    await expectNoAxeViolations(page, 'SSO refusal');
  });
}
