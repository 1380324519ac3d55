/**
 * `npx tsx bench/worker-event-loop.ts` (PGlite): the message worker's run over a backlog of
 * same-day notices (as the first run after a demo load), with a request-like probe (`select 1`
 * every 50 ms) beside it. Prints the longest event-loop delay (perf_hooks.monitorEventLoopDelay)
 * and the longest wait of a probe during the run (issue 14 item 4: the first run blocked the
 * event loop 10.8 s). WORKER_BACKLOG_SCHOOLS (default 4) schools of 2 × 25 pupils, one notice each.
 */
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, schema } from '../src/server/db/client.js';
import { addGuardian, createWorld } from '../src/server/test/factories.js';
import { runMessageWorker } from '../src/server/modules/messages/message-worker.js';
import { transportsFromConfig } from '../src/server/modules/messages/channels/from-config.js';
import { testConfig } from '../src/server/test/support.js';
import { recomputePupilDays } from '../src/server/modules/measures/recompute-pupil-days.js';

const TODAY = '2026-01-14';
const SCHOOLS = Number(process.env.WORKER_BACKLOG_SCHOOLS ?? 4);
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'narvaro-worker-bench-'));
const config = testConfig();
const messages = { ...config.messages, devMessagesFile: path.join(out, 'messages.log') };

const database = await openDatabase({ dataDir: 'memory://' });
await migrateDatabase(database);
let notices = 0;
for (let s = 0; s < SCHOOLS; s++) {
  const world = await createWorld(database, [TODAY], { pupilsPerClass: 25 });
  const pupils = [...world.pupilsA, ...world.pupilsB];
  // Every pupil absent from today's confirmed lessons: each notice is expanded, none withdrawn.
  for (const [lessons, classPupils] of [
    [world.lessonsA, world.pupilsA],
    [world.lessonsB, world.pupilsB],
  ] as const) {
    for (const [key, lessonId] of lessons) {
      if (!key.startsWith(TODAY)) continue;
      await database.db
        .insert(schema.lessonConfirmations)
        .values({ organiserId: world.organiserId, lessonId, confirmedAt: new Date(), source: 'narvaro' });
      await database.db
        .insert(schema.attendanceMarks)
        .values(
          classPupils.map((personId) => ({ organiserId: world.organiserId, lessonId, personId, kind: 'absent' })),
        );
    }
  }
  await recomputePupilDays(database.db, world.organiserId, pupils, TODAY, TODAY);
  for (const [i, pupilId] of pupils.entries())
    await addGuardian(database, world, `V${s}x${i}`, { pupilIds: [pupilId], withAccount: false });
  await database.db.insert(schema.outbox).values(
    pupils.map((personId) => ({
      organiserId: world.organiserId,
      id: randomUUID(),
      kind: 'guardianMessage',
      personId,
      templateKey: 'franvaro-samma-dag',
      payload: { date: TODAY },
      idempotencyKey: `same-day:${personId}:${TODAY}`,
      status: 'pending',
      sendAfter: new Date('2026-01-14T07:00:00Z'),
      aboutDate: TODAY,
    })),
  );
  notices += pupils.length;
}

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();
// The histogram records a late turn only once the loop turns again; the gap between ticks shows a block directly.
let lastTick = performance.now();
let tickGapMaxMs = 0;
const ticker = setInterval(() => {
  const now = performance.now();
  tickGapMaxMs = Math.max(tickGapMaxMs, now - lastTick);
  lastTick = now;
}, 10);
let probeMaxMs = 0;
let probes = 0;
let running = true;
const probe = (async () => {
  while (running) {
    const started = performance.now();
    await database.db.execute(sql`select 1`);
    probeMaxMs = Math.max(probeMaxMs, performance.now() - started);
    probes++;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
})();
const started = performance.now();
const run = await runMessageWorker(database, {
  now: new Date('2026-01-14T15:00:00Z'),
  config: messages,
  transports: transportsFromConfig(messages),
});
const ms = performance.now() - started;
running = false;
await probe;
await new Promise((resolve) => setTimeout(resolve, 20));
clearInterval(ticker);
histogram.disable();
console.log(
  JSON.stringify({
    notices,
    run,
    runMs: Math.round(ms),
    eventLoopMaxMs: Math.round(Math.max(histogram.max / 1e6, tickGapMaxMs)),
    probes,
    probeMaxWaitMs: Math.round(probeMaxMs),
    loadAverage: os.loadavg().map((n) => Math.round(n * 10) / 10),
  }),
);
await database.close();
fs.rmSync(out, { recursive: true, force: true });
