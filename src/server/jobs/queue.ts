/**
 * One job interface for both databases: pg-boss on PostgreSQL (durable, many workers), an
 * in-process runner on PGlite (one process owns the database anyway). Handlers are idempotent.
 */
export type JobHandler = (data: Record<string, unknown>) => Promise<void>;

export interface JobQueue {
  /** Registers the handler for a job name (before `start`). */
  register(name: string, handler: JobHandler): void;
  /** Runs the job once, as soon as a worker is free (after `delayMs`, if given). */
  send(name: string, data?: Record<string, unknown>, options?: { delayMs?: number }): Promise<void>;
  /** Runs the job every day at `hhmm` Europe/Stockholm. */
  scheduleDaily(name: string, hhmm: string): Promise<void>;
  /** Runs the job every `minutes` minutes (1–59). */
  scheduleEvery(name: string, minutes: number): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
