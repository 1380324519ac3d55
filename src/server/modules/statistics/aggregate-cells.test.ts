/**
 * The cells of the school and organiser views, whichever way a period is read (one roll-up row per
 * pupil with no grouping, several rows grouped per pupil, or pupil days), equal a reference built
 * in TypeScript from single pupil days with each day's placement: per pupil and cell, then bands by
 * the shared `absenceBand`. The world has pupils who change class, årskurs and school unit mid-period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { buildTestApp, logInAs, settableClock, type TestApp } from '../../test/support.js';
import { handleKeepRollupCuts } from '../../job-registry.js';
import { createWorld, type World } from '../../test/factories.js';
import { queryRows, schema } from '../../db/client.js';
import { absenceBand, emptyBandCounts } from '../../../shared/statistics/index.js';
import { aggregateCells, planPeriod, type Breakdown } from './statistics.repo.js';
import { keepRollupCuts } from './rollup-cuts.js';
import { ACROSS_UNITS } from './cell-cache.js';
import { CLASS_KEY, PLACEMENT_JOINS, SCHOOL_YEAR_KEY, refreshStatisticsRollups } from './rollups.js';

const DATES = ['2026-01-29', '2026-01-30', '2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05'];
const BREAKDOWNS: Breakdown[] = ['none', 'year', 'class', 'sex'];
const LIST_RULE_SHARE = 0.5;

interface DayRow {
  person_id: string;
  date: string;
  unit: string;
  year: string;
  class: string;
  sex: string;
  known: number;
  scheduled: number;
  valid: number;
  invalid: number;
}

describe('statistics cells', () => {
  let t: TestApp;
  let world: World;
  let otherUnit: string;
  beforeAll(async () => {
    t = await buildTestApp();
    world = await createWorld(t.database, DATES);
    const [teacher, otherTeacher] = [
      await logInAs(t.app, world.usernames.teacher),
      await logInAs(t.app, world.usernames.otherTeacher),
    ];
    const [a0, a1, a2] = world.pupilsA;
    const register = async (lessonId: string, marks: object[], as = teacher) =>
      expect(
        (await as.request({ method: 'PUT', url: `/api/lessons/${lessonId}/registration`, payload: { marks } }))
          .statusCode,
      ).toBe(200);
    for (const [key, lessonId] of world.lessonsA) {
      await register(
        lessonId,
        key.startsWith('2026-01-30')
          ? [{ personId: a0, kind: 'absent' }]
          : key.startsWith('2026-02')
            ? [
                { personId: a1, kind: 'absent' },
                { personId: a2, kind: 'late', minutes: 30 },
              ]
            : [],
      );
    }
    for (const [key, lessonId] of world.lessonsB)
      await register(
        lessonId,
        key.startsWith('2026-01-30') ? [{ personId: world.pupilsB[0], kind: 'absent' }] : [],
        otherTeacher,
      );
    const db = t.database.db;
    const o = world.organiserId;
    await db
      .update(schema.persons)
      .set({ sex: 'Kvinna' })
      .where(and(eq(schema.persons.organiserId, o), eq(schema.persons.id, a0)));
    await db
      .update(schema.persons)
      .set({ sex: 'Man' })
      .where(and(eq(schema.persons.organiserId, o), eq(schema.persons.id, a1)));
    // a1 moves from 7A to 7B on 2 February (class change in the unit).
    await db
      .update(schema.groupMemberships)
      .set({ endDate: '2026-02-01' })
      .where(and(eq(schema.groupMemberships.organiserId, o), eq(schema.groupMemberships.personId, a1)));
    await db
      .insert(schema.groupMemberships)
      .values({ organiserId: o, groupId: world.classB, personId: a1, startDate: '2026-02-02' });
    // a2 goes up to årskurs 8 on 3 February (same class).
    await db
      .update(schema.enrolments)
      .set({ endDate: '2026-02-02' })
      .where(and(eq(schema.enrolments.organiserId, o), eq(schema.enrolments.personId, a2)));
    await db.insert(schema.enrolments).values({
      organiserId: o,
      personId: a2,
      schoolUnitId: world.schoolUnitId,
      schoolType: 'GR',
      schoolYear: 8,
      startDate: '2026-02-03',
    });
    // b0's last two days are at another school unit.
    otherUnit = randomUUID();
    await db.insert(schema.organisations).values({
      organiserId: o,
      id: otherUnit,
      displayName: 'Andra skolan',
      organisationType: 'Skolenhet',
      parentId: o,
    });
    await db.execute(
      sql`update pupil_days set school_unit_id = ${otherUnit} where organiser_id = ${o} and person_id = ${world.pupilsB[0]} and date >= '2026-02-03'`,
    );
    await db.transaction((tx) =>
      refreshStatisticsRollups(tx, o, [a1, a2, world.pupilsB[0]], DATES[0], DATES[DATES.length - 1]),
    );
  });
  afterAll(() => t.close());

  /** Cells computed from single days: sums per pupil in each cell, then counted. */
  async function reference(from: string, to: string): Promise<Map<string, unknown>> {
    const days = await queryRows<DayRow>(
      t.database.db,
      sql`select pd.person_id, pd.date::text as date, pd.school_unit_id as unit,
        ${SCHOOL_YEAR_KEY} as year, ${CLASS_KEY} as class, coalesce(p.sex, '') as sex, pd.known, pd.scheduled, pd.valid, pd.invalid
      from pupil_days pd join persons p on p.organiser_id = pd.organiser_id and p.id = pd.person_id ${PLACEMENT_JOINS}
      where pd.organiser_id = ${world.organiserId} and pd.date between ${from} and ${to}`,
    );
    const perPupil = new Map<
      string,
      { cell: string; known: number; scheduled: number; valid: number; invalid: number }
    >();
    for (const d of days) {
      for (const unit of [d.unit, null]) {
        for (const b of BREAKDOWNS) {
          const key = b === 'none' ? '' : b === 'year' ? d.year : b === 'class' ? d.class : d.sex;
          const cell = `${b}|${unit}|${key}`;
          const p = perPupil.get(`${cell}|${d.person_id}`) ?? { cell, known: 0, scheduled: 0, valid: 0, invalid: 0 };
          p.known += d.known;
          p.scheduled += d.scheduled;
          p.valid += d.valid;
          p.invalid += d.invalid;
          perPupil.set(`${cell}|${d.person_id}`, p);
        }
      }
    }
    const cells = new Map<
      string,
      {
        pupils: number;
        known: number;
        scheduled: number;
        valid: number;
        invalid: number;
        aboveListShare: number;
        bands: ReturnType<typeof emptyBandCounts>;
      }
    >();
    for (const p of perPupil.values()) {
      const c = cells.get(p.cell) ?? {
        pupils: 0,
        known: 0,
        scheduled: 0,
        valid: 0,
        invalid: 0,
        aboveListShare: 0,
        bands: emptyBandCounts(),
      };
      c.pupils++;
      c.known += p.known;
      c.scheduled += p.scheduled;
      c.valid += p.valid;
      c.invalid += p.invalid;
      if (p.known > 0 && p.valid + p.invalid > LIST_RULE_SHARE * p.known) c.aboveListShare++;
      c.bands[absenceBand({ known: p.known, absent: p.valid + p.invalid })]++;
      cells.set(p.cell, c);
    }
    return cells;
  }

  it.each([
    ['2026-01-01', '2026-06-30', 'one half-year row per pupil and placement'],
    ['2026-02-01', '2026-02-28', 'one month row per pupil and placement'],
    ['2026-01-01', '2026-02-03', 'half-year cut: January row plus pupil days'],
    ['2026-01-30', '2026-02-03', 'pupil days only'],
  ])('%s..%s (%s) equal the per-day reference', async (from, to) => {
    const cells = await aggregateCells(t.database.db, world.organiserId, from, to, 'all', {
      breakdowns: BREAKDOWNS,
      perUnit: 'both',
      listRuleShare: LIST_RULE_SHARE,
    });
    const actual = new Map(
      cells.map((c) => [
        `${c.breakdown}|${c.schoolUnitId}|${c.key}`,
        {
          pupils: c.pupils,
          known: c.totals.known,
          scheduled: c.totals.scheduled,
          valid: c.totals.valid,
          invalid: c.totals.invalid,
          aboveListShare: c.aboveListShare,
          bands: c.bands,
        },
      ]),
    );
    const expected = await reference(from, to);
    expect(expected.size).toBeGreaterThan(10);
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
  });

  /** The cells of [from, to] against the reference, and the plan it was read by. */
  async function expectReference(from: string, to: string): Promise<string[]> {
    const cells = await aggregateCells(t.database.db, world.organiserId, from, to, 'all', {
      breakdowns: BREAKDOWNS,
      perUnit: 'both',
      listRuleShare: LIST_RULE_SHARE,
    });
    const actual = new Map(
      cells.map((c) => [
        `${c.breakdown}|${c.schoolUnitId}|${c.key}`,
        {
          pupils: c.pupils,
          known: c.totals.known,
          scheduled: c.totals.scheduled,
          valid: c.totals.valid,
          invalid: c.totals.invalid,
          aboveListShare: c.aboveListShare,
          bands: c.bands,
        },
      ]),
    );
    expect(Object.fromEntries(actual), `${from}..${to}`).toEqual(Object.fromEntries(await reference(from, to)));
    const plan = await planPeriod(t.database.db, world.organiserId, from, to);
    return [...plan.periodKeys, ...plan.dayRanges.map((r) => `${r.from}..${r.to}`)];
  }

  it('reads a running period from the roll-up kept to date, kept current by registrations and moved a day at a time', async () => {
    const o = world.organiserId;
    expect(await expectReference('2026-01-01', '2026-02-03')).toEqual(['2026-01', '2026-02-01..2026-02-03']);
    await t.database.db.transaction((tx) => keepRollupCuts(tx, o, ['2026-02-03']));
    expect(await expectReference('2026-01-01', '2026-02-03')).toEqual(['2026-H1~2026-02-03']);
    expect(await expectReference('2026-02-01', '2026-02-03')).toEqual(['2026-02~2026-02-03']);
    // A correction before the cut changes the "to date" rows in its own transaction.
    const teacher = await logInAs(t.app, world.usernames.teacher);
    const lesson = world.lessonsA.get('2026-02-02 08:00')!;
    expect(
      (
        await teacher.request({
          method: 'PUT',
          url: `/api/lessons/${lesson}/registration`,
          payload: {
            marks: [
              { personId: world.pupilsA[0], kind: 'absent' },
              { personId: world.pupilsA[3], kind: 'absent' },
            ],
          },
        })
      ).statusCode,
    ).toBe(200);
    expect(await expectReference('2026-01-01', '2026-02-03')).toEqual(['2026-H1~2026-02-03']);
    // The next day's cut extends this one; the old one goes with its rows.
    await t.database.db.transaction((tx) => keepRollupCuts(tx, o, ['2026-02-04']));
    expect(await expectReference('2026-01-01', '2026-02-04')).toEqual(['2026-H1~2026-02-04']);
    expect(await expectReference('2026-02-01', '2026-02-04')).toEqual(['2026-02~2026-02-04']);
    expect(await expectReference('2026-01-01', '2026-02-03')).toEqual(['2026-01', '2026-02-01..2026-02-03']);
    const left = await queryRows<{ period_key: string }>(
      t.database.db,
      sql`select distinct period_key from pupil_periods where organiser_id = ${o} and period_key like '%~%' order by 1`,
    );
    expect(left.map((r) => r.period_key)).toEqual(['2026-02~2026-02-04', '2026-H1~2026-02-04']);
    // The month-to-date figures in the trend come from the same rows.
    const admin = await logInAs(t.app, world.usernames.organiserAdmin);
    const months = (
      await admin.request({ method: 'GET', url: '/api/statistics/months?from=2026-02-01&to=2026-02-04' })
    ).json().months;
    const cell = (
      await aggregateCells(t.database.db, o, '2026-02-01', '2026-02-04', 'all', {
        breakdowns: ['none'],
        perUnit: true,
        listRuleShare: LIST_RULE_SHARE,
      })
    ).find((c) => c.schoolUnitId === world.schoolUnitId)!;
    expect(
      months[0].schoolUnits.find((u: { schoolUnitId: string }) => u.schoolUnitId === world.schoolUnitId).current,
    ).toMatchObject({
      pupils: cell.pupils,
      scheduled: cell.totals.scheduled,
      known: cell.totals.known,
      valid: cell.totals.valid,
      invalid: cell.totals.invalid,
    });
    await t.database.db.transaction((tx) => keepRollupCuts(tx, o, []));
  });

  it('has a nightly job that keeps every organiser to today and to the same date a year ago', async () => {
    const cutsOf = async () =>
      (
        await queryRows<{ d: string }>(
          t.database.db,
          sql`select cut_date::text as d from rollup_cuts where organiser_id = ${world.organiserId} order by 1`,
        )
      ).map((r) => r.d);
    const clock = settableClock('2026-02-03T23:10:00Z'); // 00:10 on 4 February in Stockholm
    await handleKeepRollupCuts(t.database, clock);
    expect(await cutsOf()).toEqual(['2025-02-04', '2026-02-04']);
    clock.advance(24 * 3600 * 1000);
    await handleKeepRollupCuts(t.database, clock);
    await handleKeepRollupCuts(t.database, clock); // a second worker's catch-up run changes nothing
    expect(await cutsOf()).toEqual(['2025-02-05', '2026-02-05']);
    // ... and has brought the kept cells of this half-year up to date for the morning's views.
    const cellsOfHalf = await queryRows<{ period_key: string; current: boolean }>(
      t.database.db,
      sql`select s.period_key, c.generation is not distinct from s.generation as current
      from stat_cell_sources s left join stat_cells c using (organiser_id, period_key, school_unit_id)
      where s.organiser_id = ${world.organiserId} and (s.period_key like '2026-H1%' or s.period_key like '2026-02%')`,
    );
    expect(cellsOfHalf.map((r) => r.period_key)).toEqual(
      expect.arrayContaining(['2026-H1~2026-02-05', '2026-02~2026-02-05', '2026-H1', '2026-02']),
    );
    expect(cellsOfHalf.every((r) => r.current)).toBe(true);
    expect(await expectReference('2026-02-01', '2026-02-05')).toEqual(['2026-02']);
    await t.database.db.transaction((tx) => keepRollupCuts(tx, world.organiserId, []));
  });

  it('opens the pupils behind each school figure for rektor, as many as the figure counts, audited; never for huvudman', async () => {
    const period = 'from=2026-01-01&to=2026-02-05';
    const rektor = await logInAs(t.app, world.usernames.principal);
    const school = (await rektor.request({ method: 'GET', url: `/api/statistics/school?${period}` })).json();
    const unit = school.schoolUnits.find((u: { schoolUnitId: string }) => u.schoolUnitId === world.schoolUnitId);
    expect(unit.canListPupils).toBe(true);
    const rows: [string, { key: string; current: { pupils: number; bands: Record<string, number> } }][] = [
      ['none', { key: '', current: unit.current }],
      ...(['year', 'class', 'sex'] as const).flatMap((b) =>
        unit[`by${b[0].toUpperCase()}${b.slice(1)}`].map((row: never) => [b, row] as [string, never]),
      ),
    ];
    expect(rows.length).toBeGreaterThan(5);
    for (const [breakdown, row] of rows) {
      const cell = `${period}&schoolUnitId=${world.schoolUnitId}&breakdown=${breakdown}&key=${encodeURIComponent(row.key)}`;
      const all = await rektor.request({ method: 'GET', url: `/api/statistics/pupils?${cell}` });
      expect(all.statusCode, cell).toBe(200);
      expect(all.json().pupils, cell).toHaveLength(row.current.pupils);
      for (const [band, count] of Object.entries(row.current.bands)) {
        const listed = (
          await rektor.request({ method: 'GET', url: `/api/statistics/pupils?${cell}&band=${band}` })
        ).json().pupils as { band: string }[];
        expect(listed.length, `${cell} ${band}`).toBe(count);
        expect(listed.every((p) => p.band === band)).toBe(true);
      }
    }
    // a1 changed class: listed in both classes, each with the days spent there.
    const inClass = async (classId: string) =>
      (
        (
          await rektor.request({
            method: 'GET',
            url: `/api/statistics/pupils?${period}&schoolUnitId=${world.schoolUnitId}&breakdown=class&key=${classId}`,
          })
        ).json().pupils as { personId: string; scheduled: number }[]
      ).find((p) => p.personId === world.pupilsA[1]);
    expect((await inClass(world.classA))!.scheduled).toBeGreaterThan(0);
    expect((await inClass(world.classB))!.scheduled).toBeGreaterThan(0);

    const [audit] = await queryRows<{ data: Record<string, unknown> }>(
      t.database.db,
      sql`select data from audit_events
      where organiser_id = ${world.organiserId} and type = 'statistics.read-pupils' order by occurred_at desc limit 1`,
    );
    expect(Object.keys(audit.data).sort()).toEqual([
      'band',
      'breakdown',
      'from',
      'key',
      'pupils',
      'schoolUnitId',
      'to',
    ]);

    const huvudman = await logInAs(t.app, world.usernames.organiserAdmin);
    const organiserSchool = (await huvudman.request({ method: 'GET', url: `/api/statistics/school?${period}` })).json();
    expect(organiserSchool.schoolUnits.every((u: { canListPupils: boolean }) => u.canListPupils === false)).toBe(true);
    for (const username of [world.usernames.organiserAdmin, world.usernames.mentor, world.usernames.teacher]) {
      const user = await logInAs(t.app, username);
      const res = await user.request({
        method: 'GET',
        url: `/api/statistics/pupils?${period}&schoolUnitId=${world.schoolUnitId}`,
      });
      expect(res.statusCode, username).toBe(403);
      expect(res.json().error).toBe('FORBIDDEN');
    }
  });

  it('reads a whole half-year as one row per pupil, with the multi-row pupils counted', async () => {
    const plan = await planPeriod(t.database.db, world.organiserId, '2026-01-01', '2026-06-30');
    expect(plan).toEqual({ periodKeys: ['2026-H1'], dayRanges: [] });
    const rows = await queryRows<{ person_id: string; unit_rows: number; period_rows: number }>(
      t.database.db,
      sql`select person_id, unit_rows, period_rows
      from pupil_periods where organiser_id = ${world.organiserId} and period_key = '2026-H1' and (unit_rows > 1 or period_rows > 1)`,
    );
    const counts = new Map(rows.map((r) => [r.person_id, [r.unit_rows, r.period_rows]]));
    expect(counts.get(world.pupilsA[1])).toEqual([2, 2]);
    expect(counts.get(world.pupilsA[2])).toEqual([2, 2]);
    expect(counts.get(world.pupilsB[0])).toEqual([1, 2]);
    expect(new Set(rows.map((r) => r.person_id)).size).toBe(3);
  });

  it('keeps the cells of a one-key period between reads, recomputing only the units a write touched', async () => {
    const db = t.database.db;
    const o = world.organiserId;
    /** Per unit: the generations and times of its kept cells (one row per breakdown). */
    const stored = async () => {
      const rows = await queryRows<{ unit: string; breakdown: string; generation: string; computed_at: string }>(
        db,
        sql`select school_unit_id as unit,
        breakdown, generation::text, computed_at::text from stat_cells where organiser_id = ${o} and period_key = '2026-02' order by breakdown`,
      );
      const units = new Map<string, { generation: string; breakdowns: string[]; computed: string[] }>();
      for (const r of rows) {
        const unit = units.get(r.unit) ?? { generation: r.generation, breakdowns: [], computed: [] };
        unit.breakdowns.push(r.breakdown);
        unit.computed.push(r.computed_at);
        units.set(r.unit, unit);
      }
      return units;
    };
    expect(await expectReference('2026-02-01', '2026-02-28')).toEqual(['2026-02']);
    expect(await expectReference('2026-01-01', '2026-01-31')).toEqual(['2026-01']);
    const january = async () =>
      (
        await queryRows<{ generation: string }>(
          db,
          sql`select generation::text from stat_cells
      where organiser_id = ${o} and period_key = '2026-01' order by school_unit_id`,
        )
      ).map((r) => r.generation);
    const januaryBefore = await january();
    expect(januaryBefore.length).toBeGreaterThan(0);
    const first = await stored();
    // b0 was in two units in February: the organiser's cells add them once, from the across-units entry.
    expect([...first.keys()].sort()).toEqual([world.schoolUnitId, otherUnit, ACROSS_UNITS].sort());
    expect(first.get(world.schoolUnitId)!.breakdowns).toEqual(['class', 'none', 'sex', 'year']);
    await expectReference('2026-02-01', '2026-02-28');
    expect(await stored()).toEqual(first);

    // A registration in the first unit makes its cells stale, not the others'.
    const teacher = await logInAs(t.app, world.usernames.teacher);
    expect(
      (
        await teacher.request({
          method: 'PUT',
          url: `/api/lessons/${world.lessonsA.get('2026-02-04 08:00')}/registration`,
          payload: { marks: [{ personId: world.pupilsA[3], kind: 'absent' }] },
        })
      ).statusCode,
    ).toBe(200);
    await expectReference('2026-02-01', '2026-02-28');
    const second = await stored();
    expect(second.get(world.schoolUnitId)!.generation).not.toBe(first.get(world.schoolUnitId)!.generation);
    expect(second.get(otherUnit)).toEqual(first.get(otherUnit));
    expect(second.get(ACROSS_UNITS)).toEqual(first.get(ACROSS_UNITS));
    // A February registration leaves January's roll-up rows, and so its kept cells, alone.
    await expectReference('2026-01-01', '2026-01-31');
    expect(await january()).toEqual(januaryBefore);

    // The sex breakdown follows a change of the person (a trigger on persons), in both units.
    await db
      .update(schema.persons)
      .set({ sex: 'Man' })
      .where(and(eq(schema.persons.organiserId, o), eq(schema.persons.id, world.pupilsB[0])));
    await expectReference('2026-02-01', '2026-02-28');
    expect((await stored()).get(otherUnit)!.generation).not.toBe(second.get(otherUnit)!.generation);

    // Stored cells are what a read uses while their generation is the source's, and never after a write moved it.
    await db.execute(
      sql`update stat_cells set cells = '[]' where organiser_id = ${o} and period_key = '2026-02' and school_unit_id = ${world.schoolUnitId}`,
    );
    const emptied = await aggregateCells(db, o, '2026-02-01', '2026-02-28', 'all', {
      breakdowns: ['none'],
      perUnit: true,
      listRuleShare: LIST_RULE_SHARE,
    });
    expect(emptied.find((c) => c.schoolUnitId === world.schoolUnitId)).toBeUndefined();
    await db.execute(sql`update stat_cell_sources set generation = nextval('stat_cell_generation')
      where organiser_id = ${o} and period_key = '2026-02' and school_unit_id = ${world.schoolUnitId}`);
    await expectReference('2026-02-01', '2026-02-28');

    // Kept per breakdown: a view of the units' totals (the organiser view) computes only those.
    await db.execute(sql`delete from stat_cells where organiser_id = ${o} and period_key = '2026-02'`);
    await aggregateCells(db, o, '2026-02-01', '2026-02-28', 'all', {
      breakdowns: ['none'],
      perUnit: 'both',
      listRuleShare: LIST_RULE_SHARE,
    });
    expect((await stored()).get(world.schoolUnitId)!.breakdowns).toEqual(['none']);
    await expectReference('2026-02-01', '2026-02-28');
    expect((await stored()).get(world.schoolUnitId)!.breakdowns).toEqual(['class', 'none', 'sex', 'year']);
  });
});
