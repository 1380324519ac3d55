/**
 * Loads the Exempelkommun demo into an empty database: the generator writes SS12000 files,
 * the same importer users use reads them, then the demo accounts (password "demo") are made.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/client.js';
import type { Clock } from '../clock.js';
import type { RoleGrant } from '../../shared/roles.js';
import { createUser } from '../modules/auth/commands/create-user.js';
import { writeAuditEvent } from '../audit/write-audit-event.js';
import { readSs12000Dir } from '../modules/imports/read-ss12000-dir.js';
import { importSs12000 } from '../modules/imports/commands/import-ss12000.js';
import { setSharing } from '../modules/statistics/commands/set-sharing.js';
import { createRegion } from '../modules/statistics/commands/create-region.js';
import { generateDemo, writeDemoFiles, type DemoAccount } from './generate-demo.js';
import { publishDemoLadder } from './demo-ladder.js';

export const DEMO_PASSWORD = 'demo';

/** Where a demo load is, for the console and the page shown while it runs (issue 16, item 17). */
export interface DemoLoadProgress {
  /** 1-based. */
  step: number;
  steps: number;
  /** Swedish, e.g. "Läser in i databasen". */
  label: string;
  /** 0–100 within the step when known. */
  percent: number | null;
}

const DEMO_STEPS = [
  'Skapar demodata',
  'Kontrollerar SS12000-filerna',
  'Läser in i databasen',
  'Räknar närvaro per elev och dag',
  'Närvarotrappan månad för månad',
] as const;

/**
 * Reports each step once and its percentage in tens, so the console gets a line per phase and a
 * few lines for the long ones; the page shown meanwhile reads the latest value.
 */
function progressReporter(log: (line: string) => void, onProgress?: (p: DemoLoadProgress) => void) {
  const started = Date.now();
  const timings: string[] = [];
  let current = { step: 0, since: started, tens: -1 };
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return {
    report(step: number, percent: number | null = null) {
      const label = DEMO_STEPS[step - 1];
      if (step !== current.step) {
        if (current.step > 0) timings.push(`${DEMO_STEPS[current.step - 1]} ${seconds(Date.now() - current.since)}`);
        current = { step, since: Date.now(), tens: -1 };
        log(`Demodata steg ${step} av ${DEMO_STEPS.length}: ${label} …`);
      }
      const tens = percent === null ? -1 : Math.floor(percent / 10);
      if (percent !== null && tens > current.tens && tens < 10) {
        current.tens = tens;
        if (tens > 0) log(`  ${label}: ${tens * 10} %`);
      }
      onProgress?.({ step, steps: DEMO_STEPS.length, label, percent: percent === null ? null : Math.round(percent) });
    },
    /** The time per step, for the closing line. */
    finish(): string {
      if (current.step > 0) timings.push(`${DEMO_STEPS[current.step - 1]} ${seconds(Date.now() - current.since)}`);
      return timings.join(', ');
    },
  };
}
/** The demo region user: sees Exempelkommun's aggregates only (it shares). */
export const REGION_ACCOUNT = {
  username: 'region',
  role: 'region',
  displayName: 'Region Örebro län samverkan',
} as const;

/**
 * What the database holds: nothing; the demo import committed but not the rest (a first start
 * interrupted, e.g. by Ctrl-C, before the accounts existed); or anything else (done, or real data).
 * The demo's last transaction writes the demo accounts, the ladder and the `demo.load` event
 * together, so the demo organisation without that event can only be an interrupted demo load.
 */
async function stateOf(database: Database): Promise<'empty' | 'interrupted' | 'other'> {
  const [row] = await queryRows<{ organisations: number; users: number; loaded: boolean }>(
    database.db,
    sql`select
    (select count(*) from organisations)::int as organisations, (select count(*) from users)::int as users,
    exists (select 1 from audit_events where type = 'demo.load') as loaded`,
  );
  if (row.organisations === 0 && row.users === 0) return 'empty';
  // The import itself makes accounts from SS12000 (staff, guardians), so users do not tell; the
  // caller checks that the organisation is the demo's before resuming.
  return row.loaded ? 'other' : 'interrupted';
}

function grantsFor(account: DemoAccount): RoleGrant[] {
  const unit = account.schoolUnitId ?? null;
  switch (account.role) {
    case 'mentor':
      return [
        { role: 'mentor', schoolUnitId: unit },
        { role: 'teacher', schoolUnitId: unit },
      ];
    case 'guardian':
      return [];
    case 'organiserAdmin':
    case 'systemAdmin':
      return [{ role: account.role, schoolUnitId: null }];
    default:
      return [{ role: account.role, schoolUnitId: unit }];
  }
}

/**
 * @param filesDir where the generated SS12000 files are written (kept for people to look at).
 * @returns the demo accounts, or null when the database already had data.
 */
export async function loadDemoIfEmpty(
  database: Database,
  clock: Clock,
  log: (line: string) => void,
  filesDir?: string,
  onProgress?: (progress: DemoLoadProgress) => void,
): Promise<{ accounts: (DemoAccount | typeof REGION_ACCOUNT)[] } | null> {
  const state = await stateOf(database);
  if (state === 'other') return null;
  const started = Date.now();
  const progress = progressReporter(log, onProgress);
  if (state === 'empty') log('Tom databas: läser in demodata för Exempelkommun …');
  progress.report(1);
  const data = generateDemo({ today: clock.today() });
  if (state === 'interrupted') {
    const [demo] = await queryRows(
      database.db,
      sql`select 1 from organisations where organiser_id = ${data.organiserId} and id = ${data.organiserId}`,
    );
    if (!demo) return null;
    log('Demodatan lästes inte in färdigt förra gången: läser in resten …');
  }
  const dir = filesDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'narvaro-demo-')));
  await writeDemoFiles(data, dir);
  // The importer upserts by SS12000 id: after an interrupted load the same files write only what is missing.
  const report = await importSs12000(database, {
    ...(await readSs12000Dir(dir)),
    actorUserId: null,
    onProgress: ({ phase, done, total }) => {
      const percent = total > 0 ? (100 * done) / total : null;
      if (phase.startsWith('validate')) progress.report(2, percent);
      else if (phase === 'write') progress.report(3, percent);
      else if (phase === 'recompute') progress.report(4, done === 0 ? null : 100);
    },
  });
  if (report.status !== 'applied') {
    throw new Error(`Demo import rejected: ${JSON.stringify(report.problems.slice(0, 5))}`);
  }
  // Everything after the import in one transaction, with the completion event last.
  await database.db.transaction(async (tx) => {
    for (const account of data.accounts) {
      await createUser(tx, {
        organiserId: data.organiserId,
        username: account.username,
        password: DEMO_PASSWORD,
        displayName: account.displayName,
        personId: account.personId ?? null,
        roles: grantsFor(account),
        kind: account.role === 'guardian' ? 'guardian' : 'staff',
      });
    }
    const pupils = new Set(
      data.files.persons
        .filter((p) => Array.isArray((p as { enrolments?: unknown[] }).enrolments))
        .map((p) => (p as { id: string }).id),
    ).size;
    // A county cooperation that Exempelkommun shares with, and its user.
    await setSharing(tx, { organiserId: data.organiserId, actorUserId: null }, true, clock.now());
    await createRegion(tx, {
      name: REGION_ACCOUNT.displayName,
      organiserIds: [data.organiserId],
      user: { username: REGION_ACCOUNT.username, password: DEMO_PASSWORD, displayName: REGION_ACCOUNT.displayName },
    });
    await publishDemoLadder(tx, data.organiserId, clock.today(), (done, total) =>
      progress.report(5, (100 * done) / total),
    );
    await writeAuditEvent(
      tx,
      { organiserId: data.organiserId, actorUserId: null },
      { type: 'demo.load', data: { pupils } },
    );
  });
  log(
    `Demodata inläst på ${((Date.now() - started) / 1000).toFixed(1)} s (${progress.finish()}; SS12000-filerna finns i ${dir}).`,
  );
  return { accounts: [...data.accounts, REGION_ACCOUNT] };
}
