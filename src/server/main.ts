/**
 * Entry point: `tsx src/server/main.ts [--services=web,worker]`.
 * Opens the database (PGlite in DATA_DIR unless DATABASE_URL), migrates, loads demo data into
 * an empty database, and serves the app: in this process, or with WEB_PROCESSES above 1 (PostgreSQL)
 * in that many forked web processes on the same port while this one runs the worker service.
 */
import cluster from 'node:cluster';
import { watchEventLoop } from './event-loop-watch.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { DataDirInUseError } from './data-dir-lock.js';
import { DatabaseUnavailableError } from './db/connect-check.js';
import { openRuntimeDatabase } from './runtime.js';
import { buildApp } from './app.js';
import { clockFor } from './clock.js';
import { loadDemoIfEmpty } from './demo/load-demo.js';
import { startLoadingPage, type LoadingServer } from './demo/loading-page.js';
import { registerJobs } from './job-registry.js';
import { failInterruptedJobs } from './jobs/background-jobs.js';
import { InProcessQueue } from './jobs/in-process-queue.js';
import { PgBossQueue } from './jobs/pg-boss-queue.js';
import { loggableError } from './plugins/error-handler.js';
import { reclaimDeadLeases } from './modules/messages/commands/send-deliveries.js';
import { forkWebProcesses } from './web-processes.js';

const SERVICES = ['web', 'worker'] as const;

function parseServices(argv: string[]): Set<string> {
  const flag = argv.find((a) => a.startsWith('--services='));
  const services = flag ? flag.slice('--services='.length).split(',').filter(Boolean) : [...SERVICES];
  const unknown = services.filter((s) => !(SERVICES as readonly string[]).includes(s));
  if (unknown.length > 0)
    throw new ConfigError([`unknown service(s): ${unknown.join(', ')}; choose from ${SERVICES.join(', ')}`]);
  return new Set(services);
}

/** What Ctrl-C or SIGTERM closes; grows as the process starts (database, queue, app). */
let closeAll: () => Promise<void> = async () => {};

/**
 * Signals are handled from the first moment: a stop during the first start (a long demo load)
 * closes the database and releases the data folder instead of dying mid-write; what was not
 * committed is redone by the next start (the demo load resumes).
 */
function handleStopSignals(): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Forked web processes stop quietly: their primary says it once.
    if (!cluster.isWorker) console.log(`\n${signal}: Närvaro avslutas …`);
    // A close stuck behind a long statement must not keep the process alive.
    setTimeout(() => process.exit(1), 10_000).unref();
    closeAll()
      .catch(() => {})
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function main(): Promise<void> {
  handleStopSignals();
  const config = loadConfig();
  // A web process forked below (WEB_PROCESSES): its primary has migrated and loaded the demo already.
  const isForkedWeb = cluster.isWorker;
  const services = isForkedWeb ? new Set(['web']) : parseServices(process.argv.slice(2));
  const forksWeb = !isForkedWeb && services.has('web') && config.webProcesses > 1;
  const { database, close } = await openRuntimeDatabase(config);
  closeAll = close;
  const clock = clockFor(config);
  if (config.isDemoEnabled && !isForkedWeb) {
    // A page on the port while the demo loads, opened at the first progress (only when there is a load).
    let loading: LoadingServer | null = null;
    const demo = await loadDemoIfEmpty(
      database,
      clock,
      (line: string) => console.log(line),
      config.databaseUrl ? undefined : `${config.dataDir}/demo-ss12000`,
      (progress) => {
        if (!services.has('web')) return;
        loading ??= startLoadingPage(config.port, config.host);
        loading.update(progress);
      },
    ).finally(() => loading?.close());
    if (demo) printDemoAccounts(demo.accounts);
  }
  let logJobError = (message: string, error?: unknown) => console.error(message, loggableError(error));
  const queue = config.databaseUrl
    ? new PgBossQueue(config.databaseUrl, (m, e) => logJobError(m, e), { sendOnly: !services.has('worker') })
    : new InProcessQueue((m, e) => logJobError(m, e));
  // A web-only process still sends jobs (to the workers), so its queue is started without handlers.
  if (services.has('worker')) {
    await failInterruptedJobs(database.db, { isSoleProcess: database.kind === 'pglite' });
    const reclaimed = await reclaimDeadLeases(database.db, {
      isSoleProcess: database.kind === 'pglite',
      now: clock.now(),
    });
    if (reclaimed > 0)
      console.log(
        `${reclaimed} meddelanden som en avbruten process höll skickas nu. (Leases of a dead worker taken back.)`,
      );
    await registerJobs(queue, database, clock, config, (m, e) => logJobError(m, e));
  } else if (!forksWeb) await queue.start();
  if (forksWeb) {
    // The web processes serve; this one keeps the worker service (if asked for) and restarts them.
    const web = forkWebProcesses(config.webProcesses, (line) => console.log(line));
    closeAll = async () => {
      await web.stop();
      if (services.has('worker')) await queue.stop().catch(() => {});
      await close();
    };
    const pids = await web.listening;
    printRunning(config, `PostgreSQL, ${pids.length} webbprocesser: pid ${pids.join(', ')}`);
    return;
  }
  const app = await buildApp({ database, config, clock, jobs: queue });
  logJobError = (message: string, error?: unknown) => app.log.error({ err: error }, message);
  closeAll = async () => {
    await queue.stop().catch(() => {});
    await app.close();
    await close();
  };
  if (services.has('web')) {
    await app.listen({ port: config.port, host: config.host });
    // Watched from here, once serving: the demo load and building the app hold the loop on purpose
    // before the port opens (a worker thread answers meanwhile), so only blocks while serving are
    // worth a line. The soak harness (bench/soak.ts) reads each second's longest delay from the
    // report file (every web process appends to it).
    watchEventLoop({ reportFile: process.env.NARVARO_EVENT_LOOP_REPORT, warn: (message) => console.warn(message) });
    if (!isForkedWeb) printRunning(config, database.kind === 'pglite' ? `PGlite i ${config.dataDir}` : 'PostgreSQL');
  }
}

function printRunning(config: Config, what: string): void {
  const shownHost = config.host === '127.0.0.1' || config.host === '0.0.0.0' ? 'localhost' : config.host;
  console.log(`\nNärvaro är igång: http://${shownHost}:${config.port}  (${what})`);
}

function printDemoAccounts(accounts: { username: string; displayName: string; role: string }[]): void {
  console.log('\nDemokonton (lösenord: demo):');
  for (const a of accounts) console.log(`  ${a.username.padEnd(10)} ${a.role.padEnd(15)} ${a.displayName}`);
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof DataDirInUseError || error instanceof DatabaseUnavailableError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
