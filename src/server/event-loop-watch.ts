/**
 * Watches how long the event loop is held (`perf_hooks.monitorEventLoopDelay`): a turn that came
 * more than {@link BLOCK_WARN_MS} late is logged, and with a report file (the soak harness sets
 * NARVARO_EVENT_LOOP_REPORT) each second's longest delay is appended to it as a JSON line
 * `{"t": epoch ms, "maxMs": …}`. Issue 14: no block longer than about 100 ms.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** A delay worth a log line: long enough that requests and the data-folder lock check felt it. */
export const BLOCK_WARN_MS = 1000;

/** @returns a function that stops watching. */
export function watchEventLoop(options: { reportFile?: string; warn: (message: string) => void }): () => void {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const timer = setInterval(() => {
    const maxMs = Math.round(histogram.max / 1e6);
    histogram.reset();
    if (maxMs > BLOCK_WARN_MS) options.warn(`Event loop blocked ${maxMs} ms`);
    if (options.reportFile) fs.appendFileSync(options.reportFile, `${JSON.stringify({ t: Date.now(), maxMs })}\n`);
  }, 1000);
  timer.unref();
  return () => {
    clearInterval(timer);
    histogram.disable();
  };
}
