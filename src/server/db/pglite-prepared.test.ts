/**
 * PGlite's statements (in and out of transactions) run as named prepared statements (pglite-prepared.ts): the
 * answers must be those of PGlite's own `query`, for every type the app reads and writes, errors
 * must surface as before (with their codes, the transaction rolled back), and the statement cache
 * must stay right when it is full.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { prepareStatements } from './pglite-prepared.js';

describe('prepared statements on PGlite', () => {
  let db: PGlite;
  /** PGlite as it comes, to compare with. */
  let plain: PGlite;
  beforeAll(async () => {
    [db, plain] = await Promise.all([PGlite.create(), PGlite.create()]);
    prepareStatements(db);
    for (const each of [db, plain])
      await each.exec(`create table t (id uuid primary key, n int, d date, at timestamptz, j jsonb, tags text[], ok boolean, x numeric);
        insert into t values ('00000000-0000-4000-8000-000000000001', 1, '2026-01-14', '2026-01-14T08:00:00Z', '{"a":[1,2]}', '{x,y}', true, 1.5),
          ('00000000-0000-4000-8000-000000000002', null, null, null, null, null, null, null);`);
  });
  afterAll(async () => {
    await Promise.all([db.close(), plain.close()]);
  });

  const inTransaction = <T>(
    on: PGlite,
    work: (tx: Parameters<Parameters<PGlite['transaction']>[0]>[0]) => Promise<T>,
  ) => on.transaction(work);

  it('answers as PGlite does, in object and array rows, with parameters of every kind', async () => {
    const text = `select id, n, d, at, j, tags, ok, x, $1::int + 1 as p, $2::jsonb as pj, $3::text[] as pa, $4::boolean as pb, $5::timestamptz as pt
      from t where n is distinct from $6 order by id`;
    const params = [41, { b: 'c' }, ['q', 'r'], false, new Date('2026-01-14T09:00:00Z'), 7];
    for (const options of [undefined, { rowMode: 'array' as const }]) {
      const expected = await inTransaction(plain, (tx) => tx.query(text, params, options));
      // Twice: the first run prepares the statement, the second uses it.
      for (let run = 0; run < 2; run++) {
        for (const actual of [
          await inTransaction(db, (tx) => tx.query(text, params, options)),
          await db.query(text, params, options),
        ]) {
          expect(actual.rows).toEqual(expected.rows);
          expect(actual.fields).toEqual(expected.fields);
        }
      }
    }
    // …and it did run as a named statement (the same one for both row modes).
    const { rows } = await db.query<{ count: number }>(
      "select count(*)::int as count from pg_prepared_statements where name like 'narvaro_%' and statement = $1",
      [text],
    );
    expect(rows).toEqual([{ count: 1 }]);
  });

  it('counts the rows a write changed and returns what it returned', async () => {
    const text = 'update t set n = coalesce(n, 0) + $1 where id = any($2::uuid[]) returning id, n';
    const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
    const expected = await inTransaction(plain, (tx) => tx.query(text, [1, ids]));
    const actual = await inTransaction(db, (tx) => tx.query(text, [1, ids]));
    expect(actual.affectedRows).toBe(2);
    expect(actual.rows).toEqual(expected.rows);
  });

  it('fails as PGlite does: the database error with its code, the transaction rolled back, the next one fine', async () => {
    const insert = 'insert into t (id, n) values ($1, $2)';
    const id = '00000000-0000-4000-8000-000000000003';
    await expect(
      inTransaction(db, async (tx) => {
        await tx.query(insert, [id, 1]);
        await tx.query(insert, [id, 2]);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    const after = await inTransaction(db, (tx) =>
      tx.query<{ count: number }>('select count(*)::int as count from t where id = $1', [id]),
    );
    expect(after.rows).toEqual([{ count: 0 }]);
    await expect(inTransaction(db, (tx) => tx.query('select no_such_column from t'))).rejects.toMatchObject({
      code: '42703',
    });
    await inTransaction(db, (tx) => tx.query(insert, [id, 3]));
    const [row] = (await db.query<{ n: number }>('select n from t where id = $1', [id])).rows;
    expect(row.n).toBe(3);
  });

  it('stays right when more statements than it keeps have been prepared', async () => {
    for (let i = 0; i < 320; i++) {
      const result = await inTransaction(db, (tx) => tx.query<{ v: number }>(`select $1::int + ${i} as v`, [1]));
      expect(result.rows).toEqual([{ v: 1 + i }]);
    }
    // The first ones were closed to make room; they are prepared again when they come back.
    const again = await inTransaction(db, (tx) => tx.query<{ v: number }>('select $1::int + 0 as v', [5]));
    expect(again.rows).toEqual([{ v: 5 }]);
  });
});
