/**
 * A PostgreSQL connection ended by the server (pg_terminate_backend: failover, an admin, idle
 * timeouts) fails only the work on it; the process goes on serving. PostgreSQL tier only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, logInAs, TEST_TODAY, type TestApp } from '../test/support.js';
import { createWorld, type World } from '../test/factories.js';
import { queryRows } from './client.js';
import { lockLesson } from './derived-row-locks.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!process.env.TEST_DATABASE_URL)('a terminated connection', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    t = await buildTestApp();
    world = await createWorld(t.database, [TEST_TODAY]);
  });
  afterAll(() => t.close());

  const register = async (lessonId: string) =>
    (await logInAs(t.app, world.usernames.teacher)).request({
      method: 'PUT',
      url: `/api/lessons/${lessonId}/registration`,
      payload: { marks: [{ personId: world.pupilsA[0], kind: 'absent' }] },
    });

  it('idle inside a transaction: the transaction fails, the server keeps serving', async () => {
    const failed = await t.database.db
      .transaction(async (tx) => {
        const [{ pid }] = await queryRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`);
        await t.database.db.execute(sql`select pg_terminate_backend(${pid})`);
        // The termination reaches the client while it is checked out and idle (the crash of issue 14).
        await sleep(300);
        await tx.execute(sql`select 1`);
      })
      .then(
        () => false,
        () => true,
      );
    expect(failed).toBe(true);
    const response = await register(world.lessonsA.get(`${TEST_TODAY} 08:00`)!);
    expect(response.statusCode).toBe(200);
  });

  it('during a request: that request answers 500 with the usual body, the next one succeeds', async () => {
    const lessonId = world.lessonsA.get(`${TEST_TODAY} 09:15`)!;
    let pending: ReturnType<typeof register> | undefined;
    // Hold the lesson's lock so the request waits inside its transaction, then end its connection.
    await t.database.db.transaction(async (tx) => {
      await lockLesson(tx, world.organiserId, lessonId);
      pending = register(lessonId);
      let waiting: { pid: number }[] = [];
      for (let i = 0; i < 100 && waiting.length === 0; i++) {
        await sleep(50);
        waiting = await queryRows<{ pid: number }>(
          t.database.db,
          sql`select pid from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and query like '%pg_advisory_xact_lock%'`,
        );
      }
      expect(waiting).toHaveLength(1);
      await t.database.db.execute(sql`select pg_terminate_backend(${waiting[0].pid})`);
    });
    const killed = await pending!;
    expect(killed.statusCode).toBe(500);
    expect(killed.json()).toEqual({ error: 'INTERNAL', message: 'Ett oväntat fel inträffade.' });
    expect((await register(lessonId)).statusCode).toBe(200);
  });

  it('every idle connection of the pool ended at once: the next requests get new ones', async () => {
    await t.database.db.execute(
      sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
    );
    await sleep(300);
    const response = await register(world.lessonsA.get(`${TEST_TODAY} 10:30`)!);
    expect(response.statusCode).toBe(200);
  });
});
