import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { openTestDatabase } from '../test/support.js';
import { schema, type Database } from '../db/client.js';
import { failInterruptedJobs } from './background-jobs.js';

describe('interrupted background jobs', () => {
  let database: Database;
  let close: () => Promise<void>;
  const organiserId = randomUUID();
  const job = (status: string, hoursAgo: number) => ({
    organiserId,
    id: randomUUID(),
    kind: 'ladder.evaluate',
    status,
    input: {},
    createdByUserId: randomUUID(),
    createdAt: new Date(Date.now() - hoursAgo * 3_600_000),
  });
  const jobs = {
    queued: job('queued', 0),
    runningNow: job('running', 0.1),
    runningLong: job('running', 5),
    done: job('done', 5),
  };

  beforeAll(async () => {
    ({ database, close } = await openTestDatabase());
    await database.db.insert(schema.backgroundJobs).values(Object.values(jobs));
  });
  afterAll(() => close());

  const statusOf = async (id: string) =>
    (await database.db.select().from(schema.backgroundJobs).where(eq(schema.backgroundJobs.id, id)))[0]!;

  it('with several workers, fails only jobs running longer than any job takes', async () => {
    expect(await failInterruptedJobs(database.db, { isSoleProcess: false })).toBe(1);
    const failed = await statusOf(jobs.runningLong.id);
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'JOB_INTERRUPTED' });
    expect(failed.errorMessage).toMatch(/avbröts/);
    expect((await statusOf(jobs.runningNow.id)).status).toBe('running');
    expect((await statusOf(jobs.queued.id)).status).toBe('queued');
  });

  it('as the sole process (PGlite), fails every unfinished job and leaves finished ones', async () => {
    expect(await failInterruptedJobs(database.db, { isSoleProcess: true })).toBe(2);
    expect((await statusOf(jobs.queued.id)).status).toBe('failed');
    expect((await statusOf(jobs.runningNow.id)).status).toBe('failed');
    expect(await statusOf(jobs.done.id)).toMatchObject({ status: 'done', errorCode: null });
    const [row] = (
      (await database.db.execute(
        sql`select count(*)::int as n from background_jobs where status in ('queued', 'running')`,
      )) as unknown as { rows: { n: number }[] }
    ).rows;
    expect(row!.n).toBe(0);
  });
});
