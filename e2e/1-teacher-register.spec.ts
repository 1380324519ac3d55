/**
 * (1) The teacher's flow, on desktop and phone: log in, today's lessons, register the first 7A
 * lesson (one pupil absent, one late 10 min), confirm, reload and see the marks. Axe scans the
 * login, lesson list and register pages. A register with a long history shows its newest changes
 * and loads older ones by keyboard.
 */
import { expect, test } from '@playwright/test';
import {
  HISTORY_PAGE_SIZE,
  type LessonDetail,
  type MarkInput,
  type MyLessonsResponse,
} from '../src/shared/schemas/lessons';
import { apiAs, expectNoAxeViolations, expectNoHorizontalOverflow, logIn } from './support/app';

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

test('a register shows its newest changes and loads older ones with "Visa äldre ändringar"', async ({ page }) => {
  // A lesson of three weeks ago (outside "Ej klarmarkerade") corrected more often than the register
  // shows: one pupil absent and present again, ending present (for an imported record that was
  // attended, as most are, the figures end as they began).
  const { api, me } = await apiAs('larare');
  let lessonId: string;
  let total: number;
  try {
    const day = (await (await api.get('/api/lessons/mine?date=2026-11-02')).json()) as MyLessonsResponse;
    const lesson = day.lessons.find((l) => l.isConfirmed && !l.isCancelled);
    expect(lesson, 'larare has a confirmed lesson on 2 November').toBeTruthy();
    lessonId = lesson!.id;
    const detail = (await (await api.get(`/api/lessons/${lessonId}`)).json()) as LessonDetail;
    const toggled = detail.roster.find((entry) => entry.canChange);
    expect(toggled, 'a pupil the teacher may change').toBeTruthy();
    // Everyone else's marks as they stand (imported ones stand when left out).
    const others: MarkInput[] = detail.roster.flatMap((entry): MarkInput[] =>
      entry.personId !== toggled!.personId && entry.mark && entry.mark.kind !== 'imported'
        ? [
            {
              personId: entry.personId,
              kind: entry.mark.kind,
              ...(entry.mark.minutes === null ? {} : { minutes: entry.mark.minutes }),
              ...(entry.mark.reasonCode === null ? {} : { reasonCode: entry.mark.reasonCode }),
              ...(entry.mark.comment === null ? {} : { comment: entry.mark.comment }),
            },
          ]
        : [],
    );
    let answer = detail;
    for (let round = 0; round < HISTORY_PAGE_SIZE + 2; round++) {
      const kind = round % 2 === 0 ? 'absent' : 'present';
      const marks = [...others, { personId: toggled!.personId, kind } as const];
      const response = await api.put(`/api/lessons/${lessonId}/registration`, {
        headers: { 'X-CSRF-Token': me.csrfToken },
        data: { marks },
      });
      expect(response.status(), await response.text()).toBe(200);
      answer = (await response.json()) as LessonDetail;
    }
    total = answer.historyTotal;
    expect(total).toBeGreaterThan(HISTORY_PAGE_SIZE);
  } finally {
    await api.dispose();
  }

  await logIn(page, 'larare');
  await page.goto(`/lessons/${lessonId}`);
  const entries = page.locator('.history-list > li');
  await expect(entries).toHaveCount(HISTORY_PAGE_SIZE);
  await expect(page.getByText(`Visar ${HISTORY_PAGE_SIZE} av ${total} ändringar.`)).toBeVisible();
  const showOlder = page.getByRole('button', { name: 'Visa äldre ändringar' });
  await expectNoAxeViolations(page, 'register with a long history');
  // By keyboard: the next page comes, and focus moves to its first entry.
  await showOlder.focus();
  await page.keyboard.press('Enter');
  const shown = Math.min(total, 2 * HISTORY_PAGE_SIZE);
  await expect(entries).toHaveCount(shown);
  await expect(entries.nth(HISTORY_PAGE_SIZE)).toBeFocused();
  if (shown === total) await expect(showOlder).toBeHidden();
});
