// API tokens: only the organiser administrator manages them; the token is shown once, only its
// hash is stored; creation and revocation are audited; the CLI prints the token alone on its last line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { buildTestApp, logInAs, type TestApp } from '../../test/support.js';
import { createWorld, type World } from '../../test/factories.js';
import { openDatabase, queryRows, schema } from '../../db/client.js';
import { runCli, writeImportFolder } from '../../test/cli.js';
import { smallImport } from '../imports/test/small-import.js';
import { hashApiToken } from './api-token.js';

describe('API tokens', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    t = await buildTestApp();
    world = await createWorld(t.database, []);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets the organiser administrator create (shown once), list and revoke tokens, audited', async () => {
    const admin = await logInAs(t.app, world.usernames.organiserAdmin);
    const created = await admin.request({
      method: 'POST',
      url: '/api/api-tokens',
      payload: { name: '  Skolplattformen  ', scopes: ['ss12000:read'] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const { token, apiToken } = created.json();
    expect(token).toMatch(/^narvaro_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toMatchObject({
      name: 'Skolplattformen',
      scopes: ['ss12000:read'],
      createdBy: 'organiserAdmin Personal',
      lastUsedAt: null,
      revokedAt: null,
    });

    // Only the hash is stored; the list never carries the token or its hash.
    const [row] = await t.database.db.select().from(schema.apiTokens).where(eq(schema.apiTokens.id, apiToken.id));
    expect(row.tokenHash).toBe(hashApiToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const list = await admin.request({ method: 'GET', url: '/api/api-tokens' });
    expect(list.statusCode).toBe(200);
    expect(list.json().tokens).toEqual([apiToken]);
    expect(list.body).not.toContain(token);
    expect(list.body).not.toContain(row.tokenHash);

    const revoked = await admin.request({ method: 'POST', url: `/api/api-tokens/${apiToken.id}/revoke` });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().tokens[0].revokedAt).not.toBeNull();
    expect((await admin.request({ method: 'POST', url: `/api/api-tokens/${apiToken.id}/revoke` })).statusCode).toBe(
      200,
    );
    const events = await queryRows<{ type: string; subject_id: string; data: Record<string, unknown> }>(
      t.database.db,
      sql`
      select type, subject_id, data from audit_events where organiser_id = ${world.organiserId} and type like 'api-token.%' order by id`,
    );
    expect(events).toEqual([
      {
        type: 'api-token.create',
        subject_id: apiToken.id,
        data: { name: 'Skolplattformen', scopes: ['ss12000:read'], origin: 'ui' },
      },
      { type: 'api-token.revoke', subject_id: apiToken.id, data: { name: 'Skolplattformen' } },
    ]);
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it('refuses everyone else (403), unknown scopes and names (400), and a token of another organiser (404)', async () => {
    for (const key of ['principal', 'systemAdmin', 'teacher'] as const) {
      const user = await logInAs(t.app, world.usernames[key]);
      expect((await user.request({ method: 'GET', url: '/api/api-tokens' })).statusCode).toBe(403);
      expect(
        (
          await user.request({
            method: 'POST',
            url: '/api/api-tokens',
            payload: { name: 'x', scopes: ['ss12000:read'] },
          })
        ).statusCode,
      ).toBe(403);
    }
    const admin = await logInAs(t.app, world.usernames.organiserAdmin);
    expect(
      (
        await admin.request({
          method: 'POST',
          url: '/api/api-tokens',
          payload: { name: 'x', scopes: ['ss12000:write'] },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await admin.request({
          method: 'POST',
          url: '/api/api-tokens',
          payload: { name: '   ', scopes: ['ss12000:read'] },
        })
      ).statusCode,
    ).toBe(400);
    const other = await createWorld(t.database, []);
    const otherAdmin = await logInAs(t.app, other.usernames.organiserAdmin);
    const foreign = (
      await otherAdmin.request({
        method: 'POST',
        url: '/api/api-tokens',
        payload: { name: 'Annan', scopes: ['ss12000:read'] },
      })
    ).json();
    const attempt = await admin.request({ method: 'POST', url: `/api/api-tokens/${foreign.apiToken.id}/revoke` });
    expect(attempt.statusCode).toBe(404);
    expect(attempt.json().error).toBe('API_TOKEN_NOT_FOUND');
    expect((await admin.request({ method: 'GET', url: '/api/api-tokens' })).body).not.toContain(foreign.apiToken.id);
  });

  it('is made, listed and revoked with the CLI, which prints the token alone on the last line', async () => {
    const { organiserId, files } = smallImport();
    const { filesDir, dataDir } = writeImportFolder(files, 'narvaro-api-token-');
    expect(runCli(['import', 'ss12000', filesDir], dataDir).status).toBe(0);

    const created = runCli(
      ['api-token', 'create', '--organisation', organiserId, '--scope', 'ss12000:read', '--name', 'Elevregistret'],
      dataDir,
    );
    expect(created.status, created.stderr).toBe(0);
    const token = created.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^narvaro_[A-Za-z0-9_-]{43}$/);
    const listed = runCli(['api-token', 'list', '--organisation', organiserId], dataDir);
    const [entry] = listed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(entry).toMatchObject({ name: 'Elevregistret', scopes: ['ss12000:read'], revokedAt: null });
    expect(listed.stdout).not.toContain(token);
    expect(runCli(['api-token', 'revoke', '--organisation', organiserId, '--id', entry.id], dataDir).status).toBe(0);
    expect(
      runCli(['api-token', 'create', '--organisation', organiserId, '--scope', 'everything', '--name', 'x'], dataDir)
        .status,
    ).toBe(2);

    const database = await openDatabase({ dataDir: `${dataDir}/pglite` });
    try {
      const rows = await queryRows<{ token_hash: string; revoked_at: Date | null; created_by_user_id: string | null }>(
        database.db,
        sql`select token_hash, revoked_at, created_by_user_id from api_tokens`,
      );
      expect(rows).toEqual([
        { token_hash: hashApiToken(token), revoked_at: expect.anything(), created_by_user_id: null },
      ]);
      const events = await queryRows<{ type: string }>(
        database.db,
        sql`select type from audit_events where type like 'api-token.%' order by id`,
      );
      expect(events.map((e) => e.type)).toEqual(['api-token.create', 'api-token.revoke']);
    } finally {
      await database.close();
    }
  }, 300_000);
});
