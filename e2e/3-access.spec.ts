/**
 * (3) Access: what each role must not reach, through the UI and the API; elevhälsa sees its
 * school's pupils; and the register page works with the keyboard alone.
 */
import { expect, test } from '@playwright/test';
import type { PupilListResponse } from '../src/shared/schemas/pupils';
import { apiAs, ensureTeacherRegistration, logIn, tabUntil, teacherLessonsToday, TODAY } from './support/app';

const DENIED = [403, 404];

test('larare cannot open a pupil page or the completeness report', async ({ page }) => {
  const { absentPupil } = await ensureTeacherRegistration();
  await logIn(page, 'larare');

  const pupil = await page.request.get(`/api/pupils/${absentPupil.id}?from=2026-11-01&to=${TODAY}`);
  expect(DENIED).toContain(pupil.status());
  const completeness = await page.request.get(`/api/completeness?from=2026-11-01&to=${TODAY}`);
  expect(DENIED).toContain(completeness.status());

  await page.goto(`/pupils/${absentPupil.id}`);
  await expect(page.getByRole('alert')).toContainText(/saknar behörighet|hittades inte/i);
  await expect(page.getByText(absentPupil.name)).toHaveCount(0);
});

test('mentor cannot register a lesson of a class it does not teach', async () => {
  const teacher = await apiAs('larare');
  const mentor = await apiAs('mentor');
  try {
    const mentorLessons = new Set((await teacherLessonsToday(mentor.api)).map((l) => l.id));
    const candidates = (await teacherLessonsToday(teacher.api)).filter(
      (l) => !l.groupNames.some((g) => /\b7A\b/.test(g)) && !mentorLessons.has(l.id),
    );
    expect(candidates.length, 'larare teaches another class than 7A today').toBeGreaterThan(0);
    const response = await mentor.api.put(`/api/lessons/${candidates[0].id}/registration`, {
      headers: { 'X-CSRF-Token': mentor.me.csrfToken },
      data: { marks: [] },
    });
    expect(DENIED).toContain(response.status());
    const body = await response.json();
    expect(typeof body.message).toBe('string');
  } finally {
    await teacher.api.dispose();
    await mentor.api.dispose();
  }
});

test('elevhälsa sees the pupils of its school', async ({ page }) => {
  await logIn(page, 'elevhalsa');
  const response = await page.request.get(`/api/pupils?from=2026-11-01&to=${TODAY}`);
  expect(response.status()).toBe(200);
  const list = (await response.json()) as PupilListResponse;
  expect(list.pupils.length).toBeGreaterThan(0);
  expect(new Set(list.pupils.map((p) => p.schoolUnitName))).toEqual(new Set(['Exempelskolan 7–9']));
  // Pupils only: staff in a staff group (Personalgrupp) are not pupils.
  expect(list.pupils.filter((p) => p.className === null).map((p) => `${p.givenName} ${p.familyName}`)).toEqual([]);

  await page.goto('/pupils');
  await expect(page.getByRole('heading', { level: 1, name: 'Elever' })).toBeVisible();
  await expect(page.getByRole('table').getByRole('row')).not.toHaveCount(1);
  await expect(page.getByRole('heading', { level: 2, name: `${list.pupils.length} elever` })).toBeVisible();
});

test('the register page can be completed with the keyboard alone', async ({ page }) => {
  await logIn(page, 'larare');
  await expect(page.getByRole('heading', { level: 1, name: 'Mina lektioner idag' })).toBeVisible();

  // The last lesson of the day, so the teacher test's lesson is left alone.
  const lessonLink = page
    .getByRole('region', { name: 'Lektioner', exact: true })
    .locator('li.lesson-card')
    .last()
    .getByRole('link');
  await tabUntil(page, lessonLink);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /^Registrera / })).toBeFocused();

  const name = (await page.locator('.roster-name').first().textContent())!;
  const absent = page.getByRole('group', { name, exact: true }).getByRole('button', { name: 'Frånvarande' });
  await tabUntil(page, absent);
  await page.keyboard.press('Space');
  await expect(absent).toHaveAttribute('aria-pressed', 'true');

  const submit = page.getByRole('button', { name: /^(Klarmarkera \(kvittera\)|Spara rättelse)$/ });
  await tabUntil(page, submit);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Lektionen är registrerad' })).toBeVisible();
});

/**
 * Role × resource: every demo account against the API of each kind of data. ✔ = 200, everything
 * else must be refused (403 or 404, never data). Mirrors docs/permissions.md.
 */
test('access matrix: each role reaches exactly its resources', async () => {
  const { absentPupil } = await ensureTeacherRegistration();
  const rektor = await apiAs('rektor');
  const cases = (await (await rektor.api.get('/api/cases?scope=school&status=all')).json()) as {
    cases: { id: string; className: string | null }[];
  };
  await rektor.api.dispose();
  expect(cases.cases.length, 'the demo ladder has opened cases').toBeGreaterThan(0);
  const someCase = cases.cases[0];
  const mentorIsMember = /\b7A\b/.test(someCase.className ?? '');
  const period = `from=2026-11-01&to=${TODAY}`;

  const users = ['larare', 'mentor', 'elevhalsa', 'rektor', 'huvudman', 'admin', 'vardnadshavare', 'region'] as const;
  const resources: { name: string; url: string; allowed: readonly (typeof users)[number][] }[] = [
    {
      name: 'pupil page (7A)',
      url: `/api/pupils/${absentPupil.id}?${period}`,
      allowed: ['mentor', 'elevhalsa', 'rektor'],
    },
    {
      name: 'a case',
      url: `/api/cases/${someCase.id}`,
      allowed: ['elevhalsa', 'rektor', 'huvudman', ...(mentorIsMember ? ['mentor' as const] : [])],
    },
    { name: 'organiser inbox', url: '/api/organiser/notices', allowed: ['huvudman'] },
    { name: 'organiser statistics', url: `/api/statistics/organiser?${period}`, allowed: ['huvudman'] },
    { name: 'regional statistics', url: `/api/statistics/region?${period}`, allowed: ['region'] },
    { name: 'message log', url: '/api/messages', allowed: ['elevhalsa', 'rektor', 'huvudman'] },
    { name: 'retention rules', url: '/api/retention/policy', allowed: ['huvudman', 'admin'] },
    { name: 'guardian portal', url: '/api/guardian/overview', allowed: ['vardnadshavare'] },
  ];

  const actual: string[] = [];
  const expected: string[] = [];
  for (const user of users) {
    const { api } = await apiAs(user);
    for (const resource of resources) {
      const status = (await api.get(resource.url)).status();
      actual.push(
        `${user} → ${resource.name}: ${status === 200 ? 'allowed' : DENIED.includes(status) ? 'denied' : `HTTP ${status}`}`,
      );
      expected.push(`${user} → ${resource.name}: ${resource.allowed.includes(user) ? 'allowed' : 'denied'}`);
    }
    await api.dispose();
  }
  expect(actual).toEqual(expected);
});
