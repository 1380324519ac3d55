/**
 * The scheduled SS12000 sync as the system administrator sets it up in the UI: the secret is
 * stored server-side and never returned, "Synka nu" runs in the background and leaves its report,
 * and the job runs a connection once its daily time has passed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, logInAs, type TestApp } from '../../../test/support.js';
import { createWorld, type World } from '../../../test/factories.js';
import { queryRows } from '../../../db/client.js';
import { IDS, smallImport } from '../test/small-import.js';
import { STUB_CLIENT, startSs12000Stub, type Ss12000Stub } from '../test/ss12000-stub.js';
import { SYNC_ENTITIES } from './sync-ss12000.js';
import { handleDueSyncs } from './scheduled-sync.js';

let t: TestApp;
let world: World;
let stub: Ss12000Stub;

beforeAll(async () => {
  t = await buildTestApp();
  world = await createWorld(t.database, []);
  // The platform serves the world's own organiser as Huvudman, so the sync imports into it.
  const fixture = smallImport(world.organiserId);
  stub = await startSs12000Stub(
    Object.fromEntries(SYNC_ENTITIES.map((e) => [e, (fixture.files[e] as { data: Record<string, unknown>[] }).data])),
  );
});
afterAll(async () => {
  await stub.close();
  await t.close();
});
afterEach(() => {
  stub.options.refuseAll = false;
});

const settingsBody = (extra: Record<string, unknown> = {}) => ({
  baseUrl: stub.baseUrl,
  tokenUrl: stub.tokenUrl,
  clientId: STUB_CLIENT.clientId,
  authMethod: 'body',
  scheduleTime: '02:30',
  clientSecret: STUB_CLIENT.clientSecret,
  ...extra,
});

/** Polls the settings until the background run has left a report. */
async function waitForRun(admin: Awaited<ReturnType<typeof logInAs>>, after: string | null) {
  for (;;) {
    const settings = (await admin.request({ method: 'GET', url: '/api/imports/ss12000-sync' })).json().settings;
    if (settings.lastRunAt !== after && settings.lastStatus !== null) return settings;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the scheduled SS12000 sync', () => {
  it('stores the connection with its secret server-side, never returning the secret', async () => {
    const admin = await logInAs(t.app, world.usernames.systemAdmin);
    expect((await admin.request({ method: 'GET', url: '/api/imports/ss12000-sync' })).json()).toEqual({
      settings: null,
    });
    const saved = await admin.request({ method: 'PUT', url: '/api/imports/ss12000-sync', payload: settingsBody() });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).not.toContain(STUB_CLIENT.clientSecret);
    expect(saved.json().settings).toMatchObject({
      baseUrl: stub.baseUrl,
      clientId: STUB_CLIENT.clientId,
      scheduleTime: '02:30',
      hasSecret: true,
      lastRunAt: null,
    });
    // Saving without a secret keeps the stored one.
    const again = await admin.request({
      method: 'PUT',
      url: '/api/imports/ss12000-sync',
      payload: settingsBody({ clientSecret: undefined, scheduleTime: null }),
    });
    expect(again.json().settings).toMatchObject({ hasSecret: true, scheduleTime: null });
    const [audit] = await queryRows<{ data: Record<string, unknown> }>(
      t.database.db,
      sql`select data from audit_events where organiser_id = ${world.organiserId} and type = 'import.ss12000-sync-settings' order by id limit 1`,
    );
    expect(audit.data).toEqual({
      baseUrl: stub.baseUrl,
      clientId: STUB_CLIENT.clientId,
      scheduleTime: '02:30',
      isSecretChanged: true,
    });
    expect(JSON.stringify(audit.data)).not.toContain(STUB_CLIENT.clientSecret);

    const bad = await admin.request({
      method: 'PUT',
      url: '/api/imports/ss12000-sync',
      payload: settingsBody({ scheduleTime: '25:00' }),
    });
    expect(bad.statusCode).toBe(400);
    const teacher = await logInAs(t.app, world.usernames.teacher);
    expect((await teacher.request({ method: 'GET', url: '/api/imports/ss12000-sync' })).statusCode).toBe(403);
    expect((await teacher.request({ method: 'POST', url: '/api/imports/ss12000-sync/run' })).statusCode).toBe(403);
  });

  it('"Synka nu" runs in the background and leaves the run and its report; a refusing server leaves a Swedish error', async () => {
    const admin = await logInAs(t.app, world.usernames.systemAdmin);
    await admin.request({ method: 'PUT', url: '/api/imports/ss12000-sync', payload: settingsBody() });
    const started = await admin.request({ method: 'POST', url: '/api/imports/ss12000-sync/run' });
    expect(started.statusCode).toBe(202);
    const settings = await waitForRun(admin, null);
    expect(settings).toMatchObject({
      lastStatus: 'applied',
      lastReport: { status: 'applied', fetched: { persons: 5 } },
    });
    const [pupil] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from persons where organiser_id = ${world.organiserId} and id = ${IDS.pupil1}`,
    );
    expect(pupil.n).toBe(1);

    stub.options.refuseAll = true;
    await admin.request({ method: 'POST', url: '/api/imports/ss12000-sync/run' });
    const failed = await waitForRun(admin, settings.lastRunAt);
    expect(failed).toMatchObject({
      lastStatus: 'failed',
      lastReport: { error: { code: 'SYNC_UNAUTHORIZED', message: expect.stringContaining('nekade åtkomst') } },
    });
  });

  it('the job runs a connection once its daily time has passed, and not again that day', async () => {
    const admin = await logInAs(t.app, world.usernames.systemAdmin);
    await admin.request({
      method: 'PUT',
      url: '/api/imports/ss12000-sync',
      payload: settingsBody({ scheduleTime: '02:30' }),
    });
    await t.database.db.execute(
      sql`update ss12000_syncs set last_run_at = '2026-01-13T12:00:00Z' where organiser_id = ${world.organiserId}`,
    );
    const at = (iso: string) => ({ today: () => iso.slice(0, 10), now: () => new Date(iso) });
    const lastRun = async () =>
      (
        await queryRows<{ last_run_at: Date | string }>(
          t.database.db,
          sql`select last_run_at from ss12000_syncs where organiser_id = ${world.organiserId}`,
        )
      )[0].last_run_at;
    await handleDueSyncs(t.database, at('2026-01-14T01:00:00Z')); // 02:00 in Stockholm: not yet
    expect(new Date(await lastRun()).toISOString()).toBe('2026-01-13T12:00:00.000Z');
    await handleDueSyncs(t.database, at('2026-01-14T01:45:00Z')); // 02:45: due
    const ran = new Date(await lastRun()).toISOString();
    expect(ran).not.toBe('2026-01-13T12:00:00.000Z');
    await handleDueSyncs(t.database, at('2026-01-14T03:00:00Z'));
    expect(new Date(await lastRun()).toISOString()).toBe(ran);
  });
});
