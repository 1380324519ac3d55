/**
 * The nightly evaluation on a database (packed day rows, per school unit, only changed states
 * rewritten) gives exactly what the pure engine gives when it replays every day from the ladder's
 * start over the plain day rows — for all four presets, across nightly runs and a gap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../../test/support.js';
import { queryRows, schema, type Database } from '../../db/client.js';
import { eachDate, weekdayOf } from '../../../shared/dates/index.js';
import { isAbsentDay, hasAbsence, presentDay, type DayFigures } from '../../../shared/measures/index.js';
import { replayLadder, type LadderDefinition } from '../../../shared/ladders/index.js';
import { LADDER_PRESETS } from '../../../shared/ladders/presets/index.js';
import { evaluateLadders } from './commands/evaluate-ladders.js';
import { saveLadderVersion } from './commands/save-ladder-version.js';
import { findDayFigures } from './ladders.repo.js';

const START = '2026-01-05';
const SCHOOL_DAYS = eachDate(START, '2026-06-12').filter((d) => weekdayOf(d) <= 5);
/**
 * First evaluation (replays from START), nightly runs, then a gap of ten days and two more nights,
 * and runs into June so that steps end (exits) between nights and across a gap.
 */
const RUNS = [
  ...eachDate('2026-02-09', '2026-02-20'),
  '2026-03-02',
  '2026-03-03',
  '2026-03-31',
  '2026-04-01',
  '2026-05-20',
  ...eachDate('2026-05-29', '2026-06-01'),
  '2026-06-12',
];
const PUPILS_PER_UNIT = 40;

/** A small deterministic generator (the world must be the same on every run). */
function generator(seed: number) {
  let x = seed;
  return () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

/** A day of a pupil with one of several habits: present, often absent, late, unexcused, unregistered, long absences, absent in January only. */
function makeDay(date: string, habit: number, random: () => number, dayIndex: number): DayFigures {
  const day = presentDay(date, 300);
  const r = random();
  if (habit === 1 && r < 0.35) return { ...day, attended: 0, valid: 200, invalid: 100 };
  if (habit === 2 && r < 0.3) return { ...day, attended: 280, invalid: 20, lateCount: 1, lateMinutes: 20 };
  if (habit === 3 && r < 0.15) return { ...day, attended: 240, invalid: 60 };
  if (habit === 4 && r < 0.2) return { ...day, known: 120, attended: 120 };
  if (habit === 5 && dayIndex % 30 >= 12 && dayIndex % 30 < 26) return { ...day, attended: 0, valid: 300 };
  if (habit === 6) return date < '2026-02-01' && r < 0.6 ? { ...day, attended: 0, valid: 150, invalid: 150 } : day;
  if (r < 0.04) return { ...day, attended: 0, valid: 300 };
  if (r < 0.06) return { ...day, attended: 240, other: 60 };
  return day;
}

async function seedOrganiser(database: Database, preset: keyof typeof LADDER_PRESETS, seed: number) {
  const organiserId = randomUUID();
  const units = [randomUUID(), randomUUID()];
  const random = generator(seed);
  const db = database.db;
  await db.execute(sql`insert into organisations (organiser_id, id, display_name, organisation_type) values
    (${organiserId}, ${organiserId}, 'Provkommun', 'Huvudman'), (${organiserId}, ${units[0]}, 'Skola A', 'Skolenhet'), (${organiserId}, ${units[1]}, 'Skola B', 'Skolenhet')`);
  const pupils: { personId: string; unit: string }[] = [];
  for (const unit of units) {
    const groupId = randomUUID();
    await db.execute(
      sql`insert into groups (organiser_id, id, school_unit_id, display_name, group_type, start_date) values (${organiserId}, ${groupId}, ${unit}, 'Klass', 'Klass', ${START})`,
    );
    for (let i = 0; i < PUPILS_PER_UNIT; i++) {
      const personId = randomUUID();
      pupils.push({ personId, unit });
      await db.execute(
        sql`insert into group_memberships (organiser_id, group_id, person_id, start_date) values (${organiserId}, ${groupId}, ${personId}, ${START})`,
      );
    }
  }
  const dayRows = pupils.flatMap(({ personId, unit }, i) =>
    SCHOOL_DAYS.map((date, d) => makeDay(date, i % 7, random, d)).map((day) => ({
      organiserId,
      personId,
      schoolUnitId: unit,
      ...day,
      isAbsentDay: isAbsentDay(day),
      hasAbsence: hasAbsence(day),
    })),
  );
  for (let i = 0; i < dayRows.length; i += 1000) await db.insert(schema.pupilDays).values(dayRows.slice(i, i + 1000));
  // Concern flags (one cleared) and staff decisions, some dated between the nightly runs.
  const staff = randomUUID();
  await db.insert(schema.concernFlags).values([
    { organiserId, id: randomUUID(), personId: pupils[7].personId, setOn: '2026-02-03', setByUserId: staff },
    {
      organiserId,
      id: randomUUID(),
      personId: pupils[50].personId,
      setOn: '2026-02-12',
      clearedOn: '2026-03-02',
      setByUserId: staff,
    },
  ]);
  await db.insert(schema.ladderDecisions).values([
    {
      organiserId,
      id: randomUUID(),
      personId: pupils[1].personId,
      date: '2026-02-16',
      stepIndex: 0,
      reason: 'Åtgärder på plats',
      decidedByUserId: staff,
    },
    {
      organiserId,
      id: randomUUID(),
      personId: pupils[2].personId,
      date: '2026-03-10',
      stepIndex: 1,
      reason: 'Oro från mentor',
      decidedByUserId: staff,
    },
    // Closed between nights: the engine applies it on the next run, and the pupil stays off until newly qualifying.
    {
      organiserId,
      id: randomUUID(),
      personId: pupils[8].personId,
      date: '2026-03-10',
      stepIndex: 0,
      reason: 'Avslutat efter uppföljning',
      kind: 'close',
      decidedByUserId: staff,
    },
    {
      organiserId,
      id: randomUUID(),
      personId: pupils[15].personId,
      date: '2026-02-17',
      stepIndex: 0,
      reason: 'Avslutat efter uppföljning',
      kind: 'close',
      decidedByUserId: staff,
    },
  ]);
  await saveLadderVersion(
    db,
    { organiserId, actorUserId: staff },
    {
      schoolUnitId: null,
      definition: LADDER_PRESETS[preset],
      presetId: preset,
      effectiveFrom: START,
      isPublished: true,
    },
  );
  return { organiserId, pupils };
}

/** Day rows one by one: the reference the packed transport must equal. */
async function dayRowsOneByOne(database: Database, organiserId: string) {
  const rows = await queryRows<DayFigures & { person_id: string; late_count: number; late_minutes: number }>(
    database.db,
    sql`
    select person_id, date::text as date, scheduled, known, attended, valid, invalid, other, late_count, late_minutes
    from pupil_days where organiser_id = ${organiserId} order by person_id, date`,
  );
  const byPerson = new Map<string, DayFigures[]>();
  for (const r of rows) {
    byPerson.set(r.person_id, [
      ...(byPerson.get(r.person_id) ?? []),
      {
        date: r.date,
        scheduled: r.scheduled,
        known: r.known,
        attended: r.attended,
        valid: r.valid,
        invalid: r.invalid,
        other: r.other,
        lateCount: r.late_count,
        lateMinutes: r.late_minutes,
      },
    ]);
  }
  return byPerson;
}

describe('nightly ladder evaluation on the database equals the engine replaying every day', () => {
  let database: Database;
  let close: () => Promise<void>;
  beforeAll(async () => ({ database, close } = await openTestDatabase()));
  afterAll(() => close());

  it.each(Object.keys(LADDER_PRESETS).map((preset, i) => [preset, i + 1] as const))('%s', async (preset, seed) => {
    const { organiserId, pupils } = await seedOrganiser(database, preset as keyof typeof LADDER_PRESETS, seed);
    const ids = pupils.map((p) => p.personId);
    const rows = await dayRowsOneByOne(database, organiserId);
    expect(await findDayFigures(database.db, organiserId, ids, START, '2026-06-12')).toEqual(rows);

    for (const date of RUNS)
      await database.db.transaction((tx) => evaluateLadders(tx, { organiserId, actorUserId: null }, { date }));
    // A second run on the last day changes nothing.
    const again = await database.db.transaction((tx) =>
      evaluateLadders(tx, { organiserId, actorUserId: null }, { date: RUNS.at(-1)! }),
    );
    expect(again).toMatchObject({ pupils: ids.length, changes: 0, written: 0 });

    const last = RUNS.at(-1)!;
    const states = new Map(
      (
        await queryRows<{
          person_id: string;
          evaluation_date: string;
          step_index: number;
          step_key: string | null;
          since: string | null;
          explanation: string;
          school_unit_id: string;
        }>(
          database.db,
          sql`select person_id, evaluation_date::text as evaluation_date, step_index, step_key, since::text as since, explanation, school_unit_id
        from pupil_ladder_states where organiser_id = ${organiserId}`,
        )
      ).map((s) => [s.person_id, s]),
    );
    const changes = await queryRows<{
      person_id: string;
      date: string;
      from_step: number;
      to_step: number;
      by: string;
    }>(
      database.db,
      sql`
      select person_id, date::text as date, from_step, to_step, by from ladder_step_changes where organiser_id = ${organiserId} order by id`,
    );
    const flags = await queryRows<{ person_id: string; set_on: string; cleared_on: string | null }>(
      database.db,
      sql`
      select person_id, set_on::text as set_on, cleared_on::text as cleared_on from concern_flags where organiser_id = ${organiserId}`,
    );
    const decisions = await queryRows<{
      person_id: string;
      date: string;
      step_index: number;
      reason: string;
      kind: string;
    }>(
      database.db,
      sql`
      select person_id, date::text as date, step_index, reason, kind from ladder_decisions where organiser_id = ${organiserId}`,
    );

    let onStep = 0;
    for (const { personId, unit } of pupils) {
      const replayed = replayLadder(
        LADDER_PRESETS[preset as keyof typeof LADDER_PRESETS] as LadderDefinition,
        {
          days: (rows.get(personId) ?? []).filter((d) => d.date <= last),
          concernFlags: flags
            .filter((f) => f.person_id === personId)
            .map((f) => ({ setOn: f.set_on, ...(f.cleared_on ? { clearedOn: f.cleared_on } : {}) })),
          staffDecisions: decisions
            .filter((d) => d.person_id === personId)
            .map((d) => ({
              date: d.date,
              stepIndex: d.step_index,
              reason: d.reason,
              kind: d.kind as 'move' | 'close',
            })),
        },
        START,
        last,
      );
      const final = replayed.at(-1)!;
      if (final.stepIndex > 0) onStep++;
      expect(states.get(personId)).toEqual({
        person_id: personId,
        evaluation_date: last,
        step_index: final.stepIndex,
        step_key: final.stepKey,
        since: final.since,
        explanation: final.explanation,
        school_unit_id: unit,
      });
      expect(
        changes.filter((c) => c.person_id === personId).map((c) => `${c.date} ${c.from_step}→${c.to_step} ${c.by}`),
      ).toEqual(replayed.flatMap((r) => r.changes.map((c) => `${r.evaluationDate} ${c.from}→${c.to} ${c.by}`)));
    }
    // The generated habits put pupils on steps under every preset, and steps end (automatically and
    // by staff), so the comparison is not of empty ladders nor of ladders without exits.
    expect(onStep).toBeGreaterThan(3);
    expect(changes.filter((c) => c.by === 'exit').length).toBeGreaterThan(0);
    expect(changes.filter((c) => c.by === 'staffClose').length).toBeGreaterThan(0);
    // The history keeps the ended step: from_step names it, with the reason and the explanation.
    const [ended] = await queryRows<{ from_step: number; reason: string | null; explanation: string }>(
      database.db,
      sql`
      select from_step, reason, explanation from ladder_step_changes where organiser_id = ${organiserId} and by = 'exit' limit 1`,
    );
    expect(ended.from_step).toBeGreaterThan(0);
    expect(ended.reason).toMatch(/i 8 veckor$/);
    expect(ended.explanation).toMatch(/^Avslutat \d{4}-\d{2}-\d{2}: .+ i 8 veckor \(steg \d+, .+\)\.$/);
  });
});
