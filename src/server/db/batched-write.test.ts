// Upserts in batches: a large write into rows the organiser does not have yet goes in as a plain
// insert (the first import), and the counts and changed rows are the same as with ON CONFLICT.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../test/support.js';
import { queryRows, schema, type Database } from './client.js';
import { ROWS_PER_BATCH, upsertRows, type WriteSpec } from './batched-write.js';
import { addDays } from '../../shared/dates/index.js';
import { presentDay } from '../../shared/measures/index.js';

const SPEC = (): WriteSpec => ({
  table: schema.pupilDays,
  columns: Object.keys(days(['x'], 1, 0)[0]),
  onConflict: 'update',
  returning: 't.person_id',
});

/** One pupil day per pupil and date from 2026-01-01, `scheduled` minutes each. */
function days(pupils: string[], count: number, scheduled: number) {
  return pupils.flatMap((personId) =>
    Array.from({ length: count }, (_, i) => ({
      ...presentDay(addDays('2026-01-01', i), scheduled),
      personId,
      schoolUnitId: pupils[0],
      isAbsentDay: false,
      hasAbsence: false,
    })),
  );
}

describe('upsertRows', () => {
  let database: Database;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ database, close } = await openTestDatabase());
  });
  afterAll(() => close());

  it('writes a first load, a repeat and a mix of stored and new rows with exact counts', async () => {
    const organiserId = randomUUID();
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    // A batch and a half per pupil: the second batch holds the rest of a's days and the start of b's.
    const perPupil = ROWS_PER_BATCH + ROWS_PER_BATCH / 2;
    const first = days([a, b], perPupil, 300);
    const written = await upsertRows<{ person_id: string }>(database.db, SPEC(), organiserId, first);
    expect(written).toMatchObject({ inserted: 2 * perPupil, updated: 0, unchanged: 0 });
    // Changed rows come back once per distinct `returning` row and batch: a in two batches, b in two.
    expect(written.changed.map((r) => r.person_id).sort()).toEqual([a, a, b, b].sort());
    expect(written.changed.every((r) => r.inserted)).toBe(true);

    const again = await upsertRows(database.db, SPEC(), organiserId, first);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 * perPupil, changed: [] });

    // b's days change, c is new: the batches holding b must update, not fail on the key.
    const mixed = [...days([b], 600, 240), ...days([c], 600, 300)];
    const result = await upsertRows<{ person_id: string }>(database.db, SPEC(), organiserId, mixed);
    expect(result).toMatchObject({ inserted: 600, updated: 600, unchanged: 0 });
    expect(result.changed.map((r) => `${r.person_id}:${r.inserted}`).sort()).toEqual(
      [`${b}:false`, `${c}:true`].sort(),
    );

    const [sums] = await queryRows<{ rows: number; scheduled: number }>(
      database.db,
      sql`select count(*)::int as rows, sum(scheduled)::int as scheduled from pupil_days where organiser_id = ${organiserId}`,
    );
    expect(sums).toEqual({
      rows: 2 * perPupil + 600,
      scheduled: 300 * (2 * perPupil - 600) + 240 * 600 + 300 * 600,
    });
  });

  it('tells text keys apart by case, as PostgreSQL does', async () => {
    const organiserId = randomUUID();
    const terms = Array.from({ length: 1200 }, (_, i) => ({
      id: `HT${2000 + i}`,
      name: `Hösttermin ${i}`,
      startDate: '2026-08-17',
      endDate: '2026-12-22',
    }));
    const spec: WriteSpec = { table: schema.terms, columns: Object.keys(terms[0]), onConflict: 'update' };
    expect(await upsertRows(database.db, spec, organiserId, terms)).toMatchObject({ inserted: 1200 });
    expect(await upsertRows(database.db, spec, organiserId, terms)).toMatchObject({ inserted: 0, unchanged: 1200 });
    const lower = terms.map((t) => ({ ...t, id: t.id.toLowerCase() }));
    expect(await upsertRows(database.db, spec, organiserId, lower)).toMatchObject({ inserted: 1200, unchanged: 0 });
  });
});
