/**
 * Several web processes on one port (WEB_PROCESSES, PostgreSQL only; docs/configuration.md). The
 * primary forks them with node:cluster and hands them connections in turn; it keeps the worker
 * service itself, so jobs and the outbox run once however many web processes there are. A web
 * process that dies is started again after a growing pause, so one that fails at once (the
 * database gone) does not spin.
 */
import cluster, { type Worker } from 'node:cluster';

/** The first pause before a restart; doubled for each death in a row that came soon after a start. */
const RESTART_BASE_MS = 1000;
const RESTART_MAX_MS = 30_000;
/** A process that served this long died of something new: its next restart waits the first pause again. */
const HEALTHY_AFTER_MS = 30_000;
/** Within the stop bound of main.ts (10 s): what has not stopped by then is killed. */
const STOP_GRACE_MS = 8_000;

export interface WebProcesses {
  /** Resolves with their pids when every web process has taken the port once. */
  listening: Promise<number[]>;
  /** Stops them with SIGTERM (each closes like a single server) and ends the restarts. */
  stop: () => Promise<void>;
}

/**
 * Forks `count` web processes of this same entry point (main.ts tells them apart by
 * `cluster.isWorker`). Must be called in the primary.
 * @param log one line per event worth an operator's eye (a death and its restart).
 */
export function forkWebProcesses(count: number, log: (line: string) => void): WebProcesses {
  let isStopping = false;
  const running = new Set<Worker>();
  const restarts = new Set<NodeJS.Timeout>();
  const quickDeaths = Array.from({ length: count }, () => 0);
  const hasListened = Array.from({ length: count }, () => false);
  let notListening = count;
  let allListening = (_pids: number[]) => {};
  const listening = new Promise<number[]>((resolve) => {
    allListening = resolve;
  });

  const fork = (slot: number, isRestart: boolean) => {
    const startedAt = Date.now();
    const worker = cluster.fork();
    const pid = worker.process.pid;
    running.add(worker);
    worker.once('listening', () => {
      if (isRestart) log(`Webbprocess ${slot + 1} startades om (pid ${pid}). (Web process restarted.)`);
      // A slot counts once, also when its first process died before taking the port.
      if (!hasListened[slot]) {
        hasListened[slot] = true;
        if (--notListening === 0) allListening([...running].map((w) => w.process.pid ?? 0));
      }
    });
    worker.once('exit', (code, signal) => {
      running.delete(worker);
      if (isStopping) return;
      quickDeaths[slot] = Date.now() - startedAt < HEALTHY_AFTER_MS ? quickDeaths[slot] + 1 : 0;
      const delayMs = Math.min(RESTART_MAX_MS, RESTART_BASE_MS * 2 ** Math.max(0, quickDeaths[slot] - 1));
      log(
        `Webbprocess ${slot + 1} (pid ${pid}) avslutades (${signal ?? `kod ${code}`}); startas om om ${delayMs / 1000} s. (Web process died; restarting.)`,
      );
      const timer = setTimeout(() => {
        restarts.delete(timer);
        if (!isStopping) fork(slot, true);
      }, delayMs);
      restarts.add(timer);
    });
  };
  for (let slot = 0; slot < count; slot++) fork(slot, false);

  const stop = async () => {
    isStopping = true;
    for (const timer of restarts) clearTimeout(timer);
    const exits = [...running].map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) return resolve();
          worker.once('exit', () => resolve());
          worker.process.kill('SIGTERM');
        }),
    );
    const killer = setTimeout(() => {
      for (const worker of running) worker.process.kill('SIGKILL');
    }, STOP_GRACE_MS);
    await Promise.all(exits);
    clearTimeout(killer);
  };
  return { listening, stop };
}
