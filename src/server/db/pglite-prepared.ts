/**
 * Named prepared statements for PGlite's statements inside transactions. PGlite's own `query`
 * sends six protocol messages (parse, describe, bind, describe, execute, sync), each a separate
 * call into the WebAssembly backend, and has every statement parsed and planned again: for a
 * lesson registration that was about 0.7 ms per statement before any work, and the planning of
 * its three large statements alone a third of its database time (bench/profile-registration.ts,
 * PROFILE_EXPLAIN=1). Here a statement is parsed and described once under a name, and each run
 * is bind, execute and sync in one call; PostgreSQL's plan cache keeps its plan (a generic one
 * after five custom plans, when that is not dearer). Results are parsed by PGlite's own parser.
 *
 * In and out of transactions, with what PGlite's `query` does around a statement: its query
 * mutex, and outside a transaction its transaction mutex and the data folder's sync afterwards.
 * PostgreSQL (node-postgres) is not concerned: its unnamed statements cost one round trip, and
 * named ones were measured no faster there.
 */
import {
  parse as pgliteParse,
  protocol,
  type PGlite,
  type QueryOptions,
  type Results,
  type Transaction,
} from '@electric-sql/pglite';

/** Prepared statements kept per database; the least recently used is closed beyond this. */
const MAX_PREPARED = 300;

type Message = Awaited<ReturnType<PGlite['execProtocolStream']>>[number];

interface Prepared {
  name: string;
  paramTypes: number[];
  /** The statement's row description (or none, for a statement without rows), put before each run's rows. */
  description: Message[];
}

const concat = (parts: Uint8Array[]) => {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
};

/** Makes `query` of `client`, in and out of its transactions, run through named prepared statements. */
export function prepareStatements(client: PGlite): void {
  const prepared = new Map<string, Prepared>();
  let counter = 0;
  const { serialize } = protocol;
  const run = (message: Uint8Array) => client.execProtocolStream(message, { syncToFs: false });

  const prepare = async (text: string, options?: QueryOptions): Promise<Prepared> => {
    const known = prepared.get(text);
    if (known) {
      // Most recently used last: the map's order is the eviction order.
      prepared.delete(text);
      prepared.set(text, known);
      return known;
    }
    if (prepared.size >= MAX_PREPARED) {
      const [oldestText, oldest] = prepared.entries().next().value as [string, Prepared];
      prepared.delete(oldestText);
      await run(concat([serialize.close({ type: 'S', name: oldest.name }), serialize.sync()]));
    }
    const name = `narvaro_${++counter}`;
    const messages = await run(
      concat([
        serialize.parse({ name, text, types: options?.paramTypes }),
        serialize.describe({ type: 'S', name }),
        serialize.sync(),
      ]),
    );
    const statement: Prepared = {
      name,
      paramTypes: pgliteParse.parseDescribeStatementResults(messages),
      description: messages.filter((m) => m.name === 'rowDescription'),
    };
    prepared.set(text, statement);
    return statement;
  };

  const query = async <T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> =>
    client._runExclusiveQuery(async () => {
      const statement = await prepare(text, options);
      const values = params.map((value, i) => {
        if (value === null || value === undefined) return null;
        const type = statement.paramTypes[i];
        const serializer = options?.serializers?.[type] ?? client.serializers[type];
        return serializer ? serializer(value) : String(value);
      });
      const messages = await run(
        concat([
          serialize.bind({ statement: statement.name, values: values as string[] }),
          serialize.execute({}),
          serialize.sync(),
        ]),
      );
      const [result] = pgliteParse.parseResults([...statement.description, ...messages], client.parsers, options);
      return result as Results<T>;
    });

  client.query = async <R>(text: string, params?: unknown[], options?: QueryOptions) => {
    const result = await client._runExclusiveTransaction(() => query<R>(text, params, options));
    await client.syncToFs();
    return result;
  };
  const transaction = client.transaction.bind(client);
  client.transaction = (<T>(work: (tx: Transaction) => Promise<T>) =>
    transaction((tx) => {
      const closed = () => {
        if (tx.closed) throw new Error('Transaction is closed');
      };
      tx.query = async <R>(text: string, params?: unknown[], options?: QueryOptions) => {
        closed();
        return query<R>(text, params, options);
      };
      return work(tx);
    })) as typeof client.transaction;
}
