/**
 * PGlite runs each statement synchronously on the main thread and answers with promises that are
 * already settled, so a transaction — or a queue of them, handed on from one to the next inside
 * the mutex — runs as one chain of microtasks and never lets the event loop turn: no timer (the
 * data-folder lock check), no socket, for as long as the work lasts (the first message-worker
 * run held it 10.8 s, issue 14). Before a statement, once a time slice has passed since the last
 * turn, this gives the event loop one turn (`setImmediate`), so a block lasts at most a slice
 * plus the longest single statement.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';

/** Longest run of statements without letting the event loop turn. */
export const PGLITE_SLICE_MS = 10;

type Queryable = Pick<PGlite, 'query' | 'exec'> | Pick<Transaction, 'query' | 'exec'>;

/** Makes every statement of `client`, in and out of transactions, yield to the event loop once per time slice. */
export function yieldToEventLoop(client: PGlite): void {
  let lastTurn = performance.now();
  const turn = async () => {
    if (performance.now() - lastTurn < PGLITE_SLICE_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    lastTurn = performance.now();
  };
  const wrap = (target: Queryable) => {
    for (const method of ['query', 'exec'] as const) {
      const run = (target[method] as (...args: unknown[]) => Promise<unknown>).bind(target);
      (target as Record<typeof method, unknown>)[method] = async (...args: unknown[]) => {
        await turn();
        return run(...args);
      };
    }
  };
  wrap(client);
  const transaction = client.transaction.bind(client);
  client.transaction = ((run: (tx: Transaction) => Promise<unknown>) =>
    transaction(async (tx) => {
      wrap(tx);
      return run(tx);
    })) as typeof client.transaction;
}
