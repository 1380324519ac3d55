/**
 * `npx tsx bench/profile-registration.ts` (PostgreSQL with TEST_DATABASE_URL, else PGlite): one
 * registration PUT of a 25-pupil lesson, statement by statement — how many round trips, and where
 * the time goes. Three cases: a first registration (confirms the lesson), a change of four marks,
 * and the same marks again (nothing changes). Statements are counted on the driver (node-postgres
 * `Client.query`), so only on PostgreSQL; PGlite reports the request times only.
 */
import os from 'node:os';
import pg from 'pg';
import { buildTestApp, logInAs, settableClock } from '../src/server/test/support.js';
import { createWorld } from '../src/server/test/factories.js';

const TODAY = '2026-01-14';
const ROUNDS = Number(process.env.PROFILE_ROUNDS ?? 20);

interface Statement {
  text: string;
  ms: number;
}
let log: Statement[] | null = null;
const originalQuery = pg.Client.prototype.query;
// Counts and times every statement the server sends while a request is being profiled.
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const config = args[0] as string | { text: string };
  const text = typeof config === 'string' ? config : config?.text;
  const started = performance.now();
  const result = (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  if (log && text && result instanceof Promise) {
    const sink = log;
    result.then(
      () => sink.push({ text, ms: performance.now() - started }),
      () => sink.push({ text: `FAILED ${text}`, ms: performance.now() - started }),
    );
  }
  return result;
} as typeof originalQuery;

const summary = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(with .*?\)\s*)?/, '')
    .slice(0, 110);

const t = await buildTestApp({}, settableClock('2026-01-14T08:00:00Z'));
try {
  const world = await createWorld(t.database, [TODAY], { pupilsPerClass: 25 });
  const teacher = await logInAs(t.app, world.usernames.teacher);
  const lessons = [...world.lessonsA].filter(([key]) => key.startsWith(TODAY)).map(([, id]) => id);
  const pupils = world.pupilsA;
  const marksOf = (round: number) =>
    pupils
      .slice(0, 4)
      .map((personId, i) =>
        (round + i) % 2 === 0
          ? { personId, kind: 'absent' }
          : { personId, kind: 'late', minutes: 1 + ((round + i) % 30) },
      );
  const put = async (lessonId: string, marks: unknown[]) => {
    const started = performance.now();
    const response = await teacher.request({
      method: 'PUT',
      url: `/api/lessons/${lessonId}/registration`,
      payload: { marks },
    });
    if (response.statusCode !== 200) throw new Error(`${response.statusCode} ${response.body}`);
    return performance.now() - started;
  };
  const profile = async (name: string, lessonId: string, marks: unknown[]) => {
    log = [];
    const ms = await put(lessonId, marks);
    const statements = log;
    log = null;
    const dbMs = statements.reduce((n, s) => n + s.ms, 0);
    console.log(
      `\n${name}: ${ms.toFixed(1)} ms, ${statements.length} statements, ${dbMs.toFixed(1)} ms waiting on the database`,
    );
    for (const s of statements) console.log(`  ${s.ms.toFixed(2).padStart(7)} ms  ${summary(s.text)}`);
  };
  // Warm up plans and caches on another lesson.
  for (let i = 0; i < 5; i++) await put(lessons[2], marksOf(i));
  await profile('first registration (confirms)', lessons[0], marksOf(0));
  await profile('four marks changed', lessons[0], marksOf(1));
  await profile('same marks again', lessons[0], marksOf(1));
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) times.push(await put(lessons[1], marksOf(i)));
  times.sort((a, b) => a - b);
  console.log(
    `\n${ROUNDS} changing PUTs in a row (${t.database.kind}): p50 ${times[Math.floor(ROUNDS / 2)].toFixed(1)} ms, ` +
      `min ${times[0].toFixed(1)} ms; load average ${os
        .loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')}`,
  );
} finally {
  await t.close();
}
