/**
 * The SS12000 sync the system administrator sets up in the UI: the connection (with its secret,
 * kept server-side), a daily time, "Synka nu", and the last run with its report.
 */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { schema, type Database, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { AppError } from '../../../errors.js';
import { localDateOf, localDateTimeToInstant } from '../../../../shared/dates/index.js';
import type { Clock } from '../../../clock.js';
import { syncSs12000, type SyncReport } from './sync-ss12000.js';

/** Looks for due scheduled syncs this often. */
export const JOB_SYNC_SS12000_DUE = 'imports.sync-ss12000-due';
export const SYNC_CHECK_EVERY_MINUTES = 5;
/** "Synka nu" from the UI: `{ organiserId, userId }`. */
export const JOB_SYNC_SS12000_NOW = 'imports.sync-ss12000-now';

/** The connection as the UI sees it: never the secret, only whether one is stored. */
export interface SyncSettingsView {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  authMethod: 'body' | 'basic';
  scheduleTime: string | null;
  hasSecret: boolean;
  lastRunAt: string | null;
  lastStatus: string | null;
  lastReport: Record<string, unknown> | null;
}

export interface SaveSyncSettingsInput {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  authMethod: 'body' | 'basic';
  scheduleTime: string | null;
  /** A new secret; absent keeps the stored one. */
  clientSecret?: string;
}

/** The organiser's connection, presented without its secret. */
export async function findSyncSettings(tx: Tx, organiserId: string): Promise<SyncSettingsView | null> {
  const [row] = await tx.select().from(schema.ss12000Syncs).where(eq(schema.ss12000Syncs.organiserId, organiserId));
  if (!row) return null;
  return {
    baseUrl: row.baseUrl,
    tokenUrl: row.tokenUrl,
    clientId: row.clientId,
    authMethod: row.authMethod === 'basic' ? 'basic' : 'body',
    scheduleTime: row.scheduleTime,
    hasSecret: row.clientSecret !== null,
    lastRunAt: row.lastRunAt?.toISOString() ?? null,
    lastStatus: row.lastStatus,
    lastReport: row.lastReport ?? null,
  };
}

/** Saves the connection and writes the audit event (never the secret). */
export async function saveSyncSettings(tx: Tx, ctx: AuditContext, input: SaveSyncSettingsInput): Promise<void> {
  const baseUrl = input.baseUrl.replace(/\/+$/, '');
  const values = {
    baseUrl,
    tokenUrl: input.tokenUrl,
    clientId: input.clientId,
    authMethod: input.authMethod,
    scheduleTime: input.scheduleTime,
    updatedAt: new Date(),
    ...(input.clientSecret ? { clientSecret: input.clientSecret } : {}),
  };
  await tx
    .insert(schema.ss12000Syncs)
    .values({ organiserId: ctx.organiserId, ...values })
    .onConflictDoUpdate({
      target: schema.ss12000Syncs.organiserId,
      // Another source makes the cursor meaningless: its first run is a full one.
      set: {
        ...values,
        cursor: sql`case when ${schema.ss12000Syncs.baseUrl} = ${baseUrl} then ${schema.ss12000Syncs.cursor} end`,
      },
    });
  await writeAuditEvent(tx, ctx, {
    type: 'import.ss12000-sync-settings',
    data: {
      baseUrl,
      clientId: input.clientId,
      scheduleTime: input.scheduleTime,
      isSecretChanged: Boolean(input.clientSecret),
    },
  });
}

/**
 * Runs the organiser's configured sync with its stored secret.
 * @throws AppError VALIDATION_FAILED when no connection with a secret is set up
 */
export async function runConfiguredSync(
  database: Database,
  organiserId: string,
  actorUserId: string | null,
): Promise<SyncReport> {
  const [row] = await database.db
    .select()
    .from(schema.ss12000Syncs)
    .where(eq(schema.ss12000Syncs.organiserId, organiserId));
  if (!row?.clientSecret)
    throw new AppError('VALIDATION_FAILED', 'Ställ in anslutningen till skolplattformen (med hemlighet) först.');
  return syncSs12000(database, {
    organiserId,
    actorUserId,
    connection: {
      baseUrl: row.baseUrl,
      tokenUrl: row.tokenUrl,
      clientId: row.clientId,
      clientSecret: row.clientSecret,
      authMethod: row.authMethod === 'basic' ? 'basic' : 'body',
    },
  });
}

/** Runs every scheduled sync whose time today has passed since its last run; one organiser at a time. */
export async function handleDueSyncs(database: Database, clock: Clock): Promise<void> {
  const now = clock.now().getTime();
  const today = localDateOf(now);
  const rows = await database.db
    .select()
    .from(schema.ss12000Syncs)
    .where(and(isNotNull(schema.ss12000Syncs.scheduleTime), isNotNull(schema.ss12000Syncs.clientSecret)));
  for (const row of rows) {
    const due = localDateTimeToInstant(today, row.scheduleTime as string);
    if (now < due || (row.lastRunAt && row.lastRunAt.getTime() >= due)) continue;
    // A failed run is recorded on the row (its report says why); the next day's run tries again.
    await runConfiguredSync(database, row.organiserId, null);
  }
}
