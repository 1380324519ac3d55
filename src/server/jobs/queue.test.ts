import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { InProcessQueue } from './in-process-queue.js';
import { PgBossQueue } from './pg-boss-queue.js';
import type { JobQueue } from './queue.js';

async function runsAJob(queue: JobQueue): Promise<Record<string, unknown>[]> {
  const seen: Record<string, unknown>[] = [];
  queue.register('test.record', async (data) => {
    seen.push(data);
  });
  await queue.start();
  await queue.scheduleDaily('test.record', '02:00');
  await queue.send('test.record', { n: 2 }, { delayMs: 500 }); // a wake-up for later (a same-day notice falling due)
  await queue.send('test.record', { n: 1 });
  for (let i = 0; i < 100 && seen.length < 2; i++) await new Promise((r) => setTimeout(r, 200));
  await queue.stop();
  return seen.sort((a, b) => Number(a.n) - Number(b.n));
}

describe('job queues', () => {
  it('runs jobs in process on PGlite', async () => {
    expect(await runsAJob(new InProcessQueue(() => {}))).toEqual([{ n: 1 }, { n: 2 }]);
  });

  /** A fresh database for pg-boss's schema, dropped afterwards. */
  async function withJobsDatabase(run: (url: string) => Promise<void>): Promise<void> {
    const base = process.env.TEST_DATABASE_URL!;
    const name = `narvaro_jobs_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    try {
      const url = new URL(base);
      url.pathname = `/${name}`;
      await run(url.toString());
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }

  it.skipIf(!process.env.TEST_DATABASE_URL)('runs jobs through pg-boss on PostgreSQL', async () => {
    await withJobsDatabase(async (url) => {
      expect(await runsAJob(new PgBossQueue(url, () => {}))).toEqual([{ n: 1 }, { n: 2 }]);
    });
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "a web process's send-only queue (no upkeep, no timers of its own) hands jobs to the worker's",
    async () => {
      await withJobsDatabase(async (url) => {
        const worker = new PgBossQueue(url, () => {});
        const seen: Record<string, unknown>[] = [];
        worker.register('test.record', async (data) => {
          seen.push(data);
        });
        await worker.start();
        const web = new PgBossQueue(url, () => {}, { sendOnly: true });
        await web.start();
        await web.send('test.record', { from: 'web' });
        for (let i = 0; i < 100 && seen.length < 1; i++) await new Promise((r) => setTimeout(r, 200));
        await web.stop();
        await worker.stop();
        expect(seen).toEqual([{ from: 'web' }]);
      });
    },
  );
});
