/** The PGlite job runner (and the tests'): jobs run one at a time in this process; daily schedules use timers. */
import { localDateTimeToInstant, localDateOf, addDays } from '../../shared/dates/index.js';
import type { JobHandler, JobQueue } from './queue.js';

export class InProcessQueue implements JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private chain: Promise<void> = Promise.resolve();
  private isRunning = false;

  constructor(private readonly log: (message: string, error?: unknown) => void) {}

  register(name: string, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  async send(name: string, data: Record<string, unknown> = {}, options: { delayMs?: number } = {}): Promise<void> {
    if (options.delayMs && options.delayMs > 0) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (this.isRunning) void this.send(name, data);
      }, options.delayMs);
      timer.unref();
      this.timers.add(timer);
      return;
    }
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`No handler for job ${name}`);
    // Serialised: PGlite runs one transaction at a time, and jobs must not interleave. Not awaited:
    // the sender (a web request) answers while the job runs; `stop` waits for the chain.
    this.chain = this.chain.then(() => handler(data)).catch((error) => this.log(`job ${name} failed`, error));
  }

  async scheduleDaily(name: string, hhmm: string): Promise<void> {
    const arm = () => {
      const now = Date.now();
      let next = localDateTimeToInstant(localDateOf(now), hhmm);
      if (next <= now) next = localDateTimeToInstant(addDays(localDateOf(now), 1), hhmm);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!this.isRunning) return;
        void this.send(name).finally(arm);
      }, next - now);
      timer.unref();
      this.timers.add(timer);
    };
    arm();
  }

  async scheduleEvery(name: string, minutes: number): Promise<void> {
    const timer = setInterval(() => {
      if (this.isRunning) void this.send(name);
    }, minutes * 60_000);
    timer.unref();
    this.timers.add(timer);
  }

  async start(): Promise<void> {
    this.isRunning = true;
  }

  async stop(): Promise<void> {
    this.isRunning = false;
    for (const timer of this.timers) clearTimeout(timer); // clears intervals too
    this.timers.clear();
    await this.chain;
  }
}
