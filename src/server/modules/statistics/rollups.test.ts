/**
 * One definition: the statistics roll-ups (pupil × month/half-year, unit × month) are exactly the
 * sums of `pupil_days`, after the first build and after registrations change; and the statistics
 * over them equal the per-pupil `aggregateFigures` whichever mix of roll-up rows and pupil days a
 * period is read from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, logInAs, type TestApp } from '../../test/support.js';
import { storedAndRecomputed } from '../../test/derived-rows.js';
import { createWorld, type World } from '../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { aggregateFigures } from '../measures/aggregate-figures.js';
import { countBands } from '../../../shared/statistics/index.js';
import { planPeriod } from './statistics.repo.js';
import { CLASS_KEY, PLACEMENT_JOINS, PUPIL_DAY_SUMS, SCHOOL_YEAR_KEY, refreshStatisticsRollups } from './rollups.js';
import { and, eq } from 'drizzle-orm';
import { schema } from '../../db/client.js';
import { keepRollupCuts } from './rollup-cuts.js';

const DATES = ['2026-01-29', '2026-01-30', '2026-02-02', '2026-02-03'];
const SUMS =
  'scheduled, known, attended, valid, invalid, other, late_count, late_minutes, absent_days, absence_occasions, school_days';

describe('statistics roll-ups', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    t = await buildTestApp();
    world = await createWorld(t.database, DATES);
  });
  afterAll(() => t.close());

  /** Rows where a roll-up and the pupil-day sums differ (empty = they agree). */
  async function disagreements(): Promise<unknown[]> {
    const o = world.organiserId;
    // The reference: placement looked up on every single day, then summed.
    const fromDays = (
      period: string,
    ) => sql`select pd.person_id, ${sql.raw(period)} as period_key, pd.school_unit_id, ${SCHOOL_YEAR_KEY} as y, ${CLASS_KEY} as c, ${PUPIL_DAY_SUMS}
      from pupil_days pd ${PLACEMENT_JOINS} where pd.organiser_id = ${o} group by 1, 2, 3, 4, 5`;
    const fromPeriods = sql`select person_id, period_key, school_unit_id, school_year_key, class_key, ${sql.raw(SUMS)} from pupil_periods where organiser_id = ${o}`;
    const days = sql`select * from ((${fromDays("to_char(pd.date, 'YYYY-MM')")}) union all (${fromDays("to_char(pd.date, 'YYYY') || case when extract(month from pd.date) <= 6 then '-H1' else '-H2' end")})) d`;
    const pupils = await queryRows(
      t.database.db,
      sql`(${days} except ${fromPeriods}) union all (${fromPeriods} except ${days})`,
    );
    const unitDays = sql`select school_unit_id, to_char(date, 'YYYY-MM') as month, count(distinct person_id)::int as pupils, sum(scheduled)::int as scheduled,
      sum(known)::int as known, sum(valid)::int as valid, sum(invalid)::int as invalid from pupil_days where organiser_id = ${o} group by 1, 2`;
    const unitRollup = sql`select school_unit_id, month, pupils, scheduled, known, valid, invalid from unit_months where organiser_id = ${o}`;
    const units = await queryRows(
      t.database.db,
      sql`(${unitDays} except ${unitRollup}) union all (${unitRollup} except ${unitDays})`,
    );
    return [...pupils, ...units];
  }

  it('are the sums of pupil days after the first build and after registrations change', async () => {
    const [count] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from pupil_periods where organiser_id = ${world.organiserId}`,
    );
    expect(count.n).toBeGreaterThan(0);
    expect(await disagreements()).toEqual([]);

    const teacher = await logInAs(t.app, world.usernames.teacher);
    const [a0, a1] = world.pupilsA;
    for (const [key, lessonId] of world.lessonsA) {
      const marks = key.startsWith('2026-01-30')
        ? [{ personId: a0, kind: 'absent' }]
        : [{ personId: a1, kind: 'late', minutes: 10 }];
      expect(
        (await teacher.request({ method: 'PUT', url: `/api/lessons/${lessonId}/registration`, payload: { marks } }))
          .statusCode,
      ).toBe(200);
    }
    const mentor = await logInAs(t.app, world.usernames.mentor);
    expect(
      (
        await mentor.request({
          method: 'POST',
          url: `/api/pupils/${a0}/absences`,
          payload: { kind: 'guardianReport', fromDate: '2026-02-02', toDate: '2026-02-03', reasonCode: 'reported' },
        })
      ).statusCode,
    ).toBe(201);
    expect(await disagreements()).toEqual([]);

    // a2 moves from 7A to 7B on 2 February: a placement change with no new pupil day.
    const a2 = world.pupilsA[2];
    const db = t.database.db;
    await db
      .update(schema.groupMemberships)
      .set({ endDate: '2026-02-01' })
      .where(and(eq(schema.groupMemberships.organiserId, world.organiserId), eq(schema.groupMemberships.personId, a2)));
    await db
      .insert(schema.groupMemberships)
      .values({ organiserId: world.organiserId, groupId: world.classB, personId: a2, startDate: '2026-02-02' });
    await db.transaction((tx) => refreshStatisticsRollups(tx, world.organiserId, [a2], '2026-01-29', '2026-02-03'));
    const rows = await queryRows<{ class_key: string }>(
      db,
      sql`select class_key from pupil_periods where organiser_id = ${world.organiserId} and person_id = ${a2} and period_key = '2026-H1' order by first_date`,
    );
    expect(rows.map((r) => r.class_key)).toEqual([world.classA, world.classB]);
    expect(await disagreements()).toEqual([]);

    // Registrations reach the roll-ups as increments of the rows holding the day, except for a
    // pupil with several rows in a period the day feeds (a2's half-year: 7A, then 7B), whose rows
    // are summed again (after their January row took the increment). Both give the sums of pupil days.
    const lessonOn = (lessons: Map<string, string>, date: string) =>
      [...lessons].find(([key]) => key.startsWith(date))![1];
    const registrations: [typeof teacher, string, unknown[]][] = [
      [
        teacher,
        lessonOn(world.lessonsA, '2026-01-30'),
        [
          { personId: a2, kind: 'absent' },
          { personId: world.pupilsA[3], kind: 'late', minutes: 25 },
        ],
      ],
      [
        await logInAs(t.app, world.usernames.otherTeacher),
        lessonOn(world.lessonsB, '2026-02-03'),
        [{ personId: a2, kind: 'left', minutes: 30 }],
      ],
      [teacher, lessonOn(world.lessonsA, '2026-02-02'), [{ personId: a1, kind: 'absent' }]],
    ];
    for (const [user, lessonId, marks] of registrations) {
      const response = await user.request({
        method: 'PUT',
        url: `/api/lessons/${lessonId}/registration`,
        payload: { marks },
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(await disagreements()).toEqual([]);
    }
  });

  it('gives the per-pupil figures whether a period is read from half-years, months or pupil days', async () => {
    const admin = await logInAs(t.app, world.usernames.organiserAdmin);
    const cases: [string, string, RegExp][] = [
      ['2026-01-01', '2026-06-30', /^H$/], // the half-year row
      ['2026-01-29', '2026-02-03', /^H$/], // no school day outside: still the half-year row
      ['2026-01-30', '2026-02-28', /^M\+D$/], // January cut between school days: February's row plus pupil days
      ['2026-02-02', '2026-02-02', /^D$/],
    ];
    for (const [from, to, shape] of cases) {
      const plan = await planPeriod(t.database.db, world.organiserId, from, to);
      const kinds = [
        plan.periodKeys.some((k) => k.includes('H')) ? 'H' : '',
        plan.periodKeys.some((k) => !k.includes('H')) ? 'M' : '',
        plan.dayRanges.length ? 'D' : '',
      ]
        .filter(Boolean)
        .join('+');
      expect(kinds, `${from}..${to}`).toMatch(shape);
      const total = (
        await admin.request({ method: 'GET', url: `/api/statistics/organiser?from=${from}&to=${to}` })
      ).json().total.current;
      const perPupil = [...(await aggregateFigures(t.database.db, world.organiserId, sql`true`, from, to)).values()];
      const sum = (k: 'scheduled' | 'known' | 'valid' | 'invalid' | 'absentDays' | 'absenceOccasions' | 'lateCount') =>
        perPupil.reduce((a, f) => a + f[k], 0);
      expect(total, `${from}..${to}`).toMatchObject({
        pupils: perPupil.length,
        scheduled: sum('scheduled'),
        known: sum('known'),
        valid: sum('valid'),
        invalid: sum('invalid'),
        absentDays: sum('absentDays'),
        absenceOccasions: sum('absenceOccasions'),
        lateCount: sum('lateCount'),
        bands: countBands(perPupil),
      });
    }
  });

  it('gives per-month figures (unit × month roll-up, or pupil days for a cut month) equal to the per-pupil sums', async () => {
    const admin = await logInAs(t.app, world.usernames.organiserAdmin);
    for (const [from, to] of [
      ['2026-01-01', '2026-02-28'],
      ['2026-01-30', '2026-02-02'],
    ]) {
      const res = await admin.request({ method: 'GET', url: `/api/statistics/months?from=${from}&to=${to}` });
      expect(res.statusCode).toBe(200);
      const months = res.json().months as {
        month: string;
        from: string;
        to: string;
        total: { current: Record<string, number> };
        schoolUnits: { current: { pupils: number } }[];
      }[];
      expect(months.map((m) => m.month)).toEqual(['2026-01', '2026-02']);
      for (const m of months) {
        const perPupil = [
          ...(await aggregateFigures(t.database.db, world.organiserId, sql`true`, m.from, m.to)).values(),
        ];
        const sum = (k: 'scheduled' | 'known' | 'valid' | 'invalid') => perPupil.reduce((a, f) => a + f[k], 0);
        expect(m.total.current, `${m.from}..${m.to}`).toMatchObject({
          pupils: null,
          scheduled: sum('scheduled'),
          known: sum('known'),
          valid: sum('valid'),
          invalid: sum('invalid'),
        });
        expect(m.schoolUnits[0].current.pupils).toBe(perPupil.length);
      }
    }
    const csv = await admin.request({ method: 'GET', url: '/api/statistics/months.csv?from=2026-01-01&to=2026-02-28' });
    expect(csv.body.replace('\uFEFF', '').split('\r\n')[0]).toMatch(/^Månad;Skolenhet;Elever;Schemalagd tid \(min\);/);
  });
});

describe('statistics roll-ups kept to cut dates', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    t = await buildTestApp();
    world = await createWorld(t.database, DATES);
  });
  afterAll(() => t.close());

  it('take a registration into the cut rows of the cuts on or after its day in its month and half-year', async () => {
    // A cut on a school day (the day itself is in its rows) and one in the next month.
    await t.database.db.transaction((tx) => keepRollupCuts(tx, world.organiserId, ['2026-01-30', '2026-02-02']));
    const teacher = await logInAs(t.app, world.usernames.teacher);
    const [a0, a1] = world.pupilsA;
    // Before both cuts, on the first, on the second, after both: first registrations, so every
    // pupil's day changes and reaches the roll-ups as an increment.
    for (const date of DATES) {
      const lessonId = [...world.lessonsA].find(([key]) => key.startsWith(date))![1];
      const marks = [
        { personId: a0, kind: 'absent' },
        { personId: a1, kind: 'late', minutes: 5 },
      ];
      const response = await teacher.request({
        method: 'PUT',
        url: `/api/lessons/${lessonId}/registration`,
        payload: { marks },
      });
      expect(response.statusCode, response.body).toBe(200);
    }
    const today = DATES[DATES.length - 1];
    const { stored, recomputed } = await storedAndRecomputed(t.database, world.organiserId, today);
    const cutKeys = new Set(stored.pupilPeriods.map((line) => line.split('|')[0]).filter((key) => key.includes('~')));
    expect([...cutKeys].sort()).toEqual([
      '2026-01~2026-01-30',
      '2026-02~2026-02-02',
      '2026-H1~2026-01-30',
      '2026-H1~2026-02-02',
    ]);
    expect(stored.pupilPeriods).toEqual(recomputed.pupilPeriods);
    expect(stored.unitMonths).toEqual(recomputed.unitMonths);
  });
});
