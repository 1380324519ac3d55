/** The PostgreSQL job runner: pg-boss queues, retries and cron schedules in the database. */
import { PgBoss } from 'pg-boss';
import type { JobHandler, JobQueue } from './queue.js';

export class PgBossQueue implements JobQueue {
  private readonly boss: PgBoss;
  private readonly handlers = new Map<string, JobHandler>();

  /**
   * @param options.sendOnly a process that only sends jobs (a web process): no queue upkeep and no
   *   cron timers of its own, which the worker's instance keeps (one, not one per web process).
   */
  constructor(
    databaseUrl: string,
    private readonly log: (message: string, error?: unknown) => void,
    options: { sendOnly?: boolean } = {},
  ) {
    this.boss = new PgBoss({
      connectionString: databaseUrl,
      schema: 'pgboss',
      ...(options.sendOnly ? { supervise: false, schedule: false } : {}),
    });
    this.boss.on('error', (error) => this.log('pg-boss error', error));
  }

  register(name: string, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  private readonly createdQueues = new Set<string>();

  async send(name: string, data: Record<string, unknown> = {}, options: { delayMs?: number } = {}): Promise<void> {
    // A web-only process sends to queues its workers (elsewhere) may not have created yet.
    if (!this.handlers.has(name) && !this.createdQueues.has(name)) {
      await this.boss.createQueue(name);
      this.createdQueues.add(name);
    }
    await this.boss.send(name, data, {
      retryLimit: 3,
      retryBackoff: true,
      ...(options.delayMs ? { startAfter: Math.ceil(options.delayMs / 1000) } : {}),
    });
  }

  async scheduleDaily(name: string, hhmm: string): Promise<void> {
    const [hours, minutes] = hhmm.split(':').map(Number);
    await this.boss.schedule(name, `${minutes} ${hours} * * *`, {}, { tz: 'Europe/Stockholm' });
  }

  async scheduleEvery(name: string, minutes: number): Promise<void> {
    await this.boss.schedule(name, `*/${minutes} * * * *`, {}, { tz: 'Europe/Stockholm' });
  }

  async start(): Promise<void> {
    await this.boss.start();
    for (const [name, handler] of this.handlers) {
      await this.boss.createQueue(name);
      await this.boss.work<Record<string, unknown>>(name, async (jobs) => {
        for (const job of jobs) await handler(job.data ?? {});
      });
    }
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true });
  }
}
