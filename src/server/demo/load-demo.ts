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
/** The demo region user: sees Exempelkommun's aggregates only (it shares). */
export const REGION_ACCOUNT = { username: 'region', role: 'region', displayName: 'Region Örebro län samverkan' } as const;

/** True when nothing has been imported or created yet. */
async function isEmpty(database: Database): Promise<boolean> {
  const [row] = await queryRows<{ n: number }>(database.db, sql`select (select count(*) from organisations) + (select count(*) from users) as n`);
  return Number(row.n) === 0;
}

function grantsFor(account: DemoAccount): RoleGrant[] {
  const unit = account.schoolUnitId ?? null;
  switch (account.role) {
    case 'mentor': return [{ role: 'mentor', schoolUnitId: unit }, { role: 'teacher', schoolUnitId: unit }];
    case 'guardian': return [];
    case 'organiserAdmin':
    case 'systemAdmin': return [{ role: account.role, schoolUnitId: null }];
    default: return [{ role: account.role, schoolUnitId: unit }];
  }
}

/**
 * @param filesDir where the generated SS12000 files are written (kept for people to look at).
 * @returns the demo accounts, or null when the database already had data.
 */
export async function loadDemoIfEmpty(database: Database, clock: Clock, log: (line: string) => void, filesDir?: string): Promise<{ accounts: (DemoAccount | typeof REGION_ACCOUNT)[] } | null> {
  if (!(await isEmpty(database))) return null;
  const started = Date.now();
  log('Tom databas: läser in demodata för Exempelkommun …');
  const data = generateDemo({ today: clock.today() });
  const dir = filesDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'narvaro-demo-')));
  await writeDemoFiles(data, dir);
  const report = await importSs12000(database, { ...(await readSs12000Dir(dir)), actorUserId: null });
  if (report.status !== 'applied') {
    throw new Error(`Demo import rejected: ${JSON.stringify(report.problems.slice(0, 5))}`);
  }
  await database.db.transaction(async (tx) => {
    for (const account of data.accounts) {
      await createUser(tx, {
        organiserId: data.organiserId, username: account.username, password: DEMO_PASSWORD, displayName: account.displayName,
        personId: account.personId ?? null, roles: grantsFor(account), kind: account.role === 'guardian' ? 'guardian' : 'staff',
      });
    }
    const pupils = new Set(data.files.persons.filter((p) => Array.isArray((p as { enrolments?: unknown[] }).enrolments)).map((p) => (p as { id: string }).id)).size;
    await writeAuditEvent(tx, { organiserId: data.organiserId, actorUserId: null }, { type: 'demo.load', data: { pupils } });
    // A county cooperation that Exempelkommun shares with, and its user.
    await setSharing(tx, { organiserId: data.organiserId, actorUserId: null }, true, clock.now());
    await createRegion(tx, { name: REGION_ACCOUNT.displayName, organiserIds: [data.organiserId], user: { username: REGION_ACCOUNT.username, password: DEMO_PASSWORD, displayName: REGION_ACCOUNT.displayName } });
  });
  await publishDemoLadder(database, data.organiserId, clock.today());
  log(`Demodata inläst på ${((Date.now() - started) / 1000).toFixed(1)} s (SS12000-filerna finns i ${dir}).`);
  return { accounts: [...data.accounts, REGION_ACCOUNT] };
}
