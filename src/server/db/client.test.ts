// Repeated statements go to PostgreSQL as named prepared statements (parsed and planned once per
// connection); one-off texts and statements without parameters do not, and the names are capped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../test/support.js';
import { queryRows, statementNamer, type Database } from './client.js';

describe('statementNamer', () => {
  it('names a text from its second use on, the same name every time after', () => {
    const nameOf = statementNamer(10);
    expect(nameOf('select $1')).toBeUndefined();
    const name = nameOf('select $1');
    expect(name).toBeDefined();
    expect(nameOf('select $1')).toBe(name);
    nameOf('select $2');
    expect(nameOf('select $2')).not.toBe(name);
  });

  it('names no further texts once the cap is reached, and keeps the names it gave', () => {
    const nameOf = statementNamer(2);
    for (const text of ['a', 'a', 'b', 'b', 'c', 'c']) nameOf(text);
    expect(nameOf('a')).toBeDefined();
    expect(nameOf('b')).toBeDefined();
    expect(nameOf('c')).toBeUndefined();
  });
});

describe('named statements on PostgreSQL', () => {
  let database: Database;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ database, close } = await openTestDatabase());
  });
  afterAll(() => close());

  it('prepares a parameterised statement sent again on the connection, with the same answers', async () => {
    if (database.kind !== 'postgres') return;
    // One transaction: one connection, whose prepared statements pg_prepared_statements lists.
    const prepared = await database.db.transaction(async (tx) => {
      const answers: { n: number }[][] = [];
      for (const n of [1, 2, 3]) answers.push(await queryRows<{ n: number }>(tx, sql`select ${n}::int + 0 as n`));
      expect(answers).toEqual([[{ n: 1 }], [{ n: 2 }], [{ n: 3 }]]);
      return queryRows<{ statement: string }>(
        tx,
        sql`select statement from pg_prepared_statements where statement like 'select $1::int + 0%'`,
      );
    });
    expect(prepared).toHaveLength(1);
  });
});
