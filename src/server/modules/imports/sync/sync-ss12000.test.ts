/**
 * `sync ss12000` against an SS12000 server stub of our own (issue 13 §2): paging with short pages,
 * filters only on the first page, token renewal, a 401, a malformed page, a deletion, a second run
 * that changes nothing, incremental runs with `meta.modified.after`, and the command line itself.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support.js';
import { runCliAsync } from '../../../test/cli.js';
import { queryRows, type Database } from '../../../db/client.js';
import { IDS, SMALL_IMPORT_ROWS, smallImport } from '../test/small-import.js';
import { countRows } from '../test/db-support.js';
import { STUB_CLIENT, startSs12000Stub, type Ss12000Stub } from '../test/ss12000-stub.js';
import { SYNC_ENTITIES, SYNC_OVERLAP_MS, syncSs12000, type SyncSs12000Input } from './sync-ss12000.js';

let database: Database;
let close: () => Promise<void>;
let stub: Ss12000Stub;

beforeAll(async () => {
  ({ database, close } = await openTestDatabase());
});
afterAll(() => close());
afterEach(() => stub?.close());

/** A stub serving the small import (one new organiser per test). */
async function stubWithSmallImport() {
  const fixture = smallImport();
  const records = Object.fromEntries(
    SYNC_ENTITIES.map((entity) => [entity, (fixture.files[entity] as { data: Record<string, unknown>[] }).data]),
  );
  stub = await startSs12000Stub(records);
  return fixture;
}

const run = (extra: Partial<SyncSs12000Input> = {}) =>
  syncSs12000(database, {
    connection: { baseUrl: stub.baseUrl, tokenUrl: stub.tokenUrl, ...STUB_CLIENT },
    actorUserId: null,
    limit: 3,
    ...extra,
  });
const changedCounts = (counts: Record<string, number>) =>
  Object.entries(counts).filter(([key, n]) => !key.endsWith('.unchanged') && n > 0);
const apiRequests = () => stub.requests.filter((r) => r.path !== '/oauth/token');

describe('sync ss12000', () => {
  it('imports every list endpoint page by page, with a Bearer token on every call and filters only on first pages', async () => {
    const { organiserId } = await stubWithSmallImport();
    const fetched: Record<string, number> = {};
    const report = await run({
      onFetched: (entity, n) => {
        fetched[entity] = n;
      },
    });
    expect(report.error).toBeNull();
    expect(report).toMatchObject({ status: 'applied', mode: 'full', modifiedAfter: null });
    expect(report.import?.problems).toEqual([]);
    expect(report.fetched).toEqual({
      organisations: 2,
      persons: 5,
      groups: 1,
      duties: 1,
      activities: 1,
      calendarEvents: 3,
      attendances: 3,
      absences: 2,
    });
    expect(fetched).toEqual(report.fetched);
    const rows = await countRows(database.db, organiserId);
    // Everything but Närvaro's own school calendar file, which no SS12000 API serves.
    expect(rows).toMatchObject({ ...SMALL_IMPORT_ROWS, terms: 0, days_off: 0, imports: 1 });
    // The stub sends at most 2 records a page although 3 were asked for: persons take 3 pages.
    const persons = apiRequests().filter((r) => r.path.endsWith('/persons'));
    expect(persons.map((r) => r.query.get('limit'))).toEqual(['3', '3', '3']);
    expect(persons.slice(1).every((r) => [...r.query.keys()].sort().join() === 'limit,pageToken')).toBe(true);
    expect(apiRequests().every((r) => r.authorization === 'Bearer t1')).toBe(true);
    expect(stub.tokensIssued).toBe(1);
    const [state] = await queryRows<{ last_status: string; cursor: Date | string }>(
      database.db,
      sql`select last_status, cursor from ss12000_syncs where organiser_id = ${organiserId}`,
    );
    expect(state.last_status).toBe('applied');
    expect(new Date(state.cursor).toISOString()).toBe(report.startedAt);
  });

  it('runs incrementally after a complete run: meta.modified.after, deletedEntities, a second run changes nothing', async () => {
    const { organiserId } = await stubWithSmallImport();
    const first = await run();
    expect(first.status).toBe('applied');
    const before = await countRows(database.db, organiserId);
    stub.requests.length = 0;

    const second = await run();
    expect(second).toMatchObject({
      status: 'applied',
      mode: 'incremental',
      modifiedAfter: new Date(Date.parse(first.startedAt) - SYNC_OVERLAP_MS).toISOString(),
    });
    expect(changedCounts(second.import!.counts)).toEqual([]);
    expect(await countRows(database.db, organiserId)).toEqual({ ...before, imports: 2, audit_events: 2 });
    const firstPages = apiRequests().filter((r) => !r.query.has('pageToken'));
    expect(
      firstPages
        .filter((r) => !r.path.endsWith('/deletedEntities'))
        .every((r) => r.query.get('meta.modified.after') === second.modifiedAfter),
    ).toBe(true);
    expect(firstPages.find((r) => r.path.endsWith('/deletedEntities'))?.query.get('after')).toBe(second.modifiedAfter);

    // The platform renames a pupil and deletes an attendance record: only those arrive, and both apply.
    const modified = new Date().toISOString();
    Object.assign(stub.records.persons[0], {
      givenName: 'Alvina',
      meta: { created: '2026-08-01T08:00:00Z', modified },
    });
    stub.deleted.push({ kind: 'attendances', id: IDS.attendanceAbsent, at: modified });
    const third = await run();
    expect(third.status).toBe('applied');
    expect(third.fetched).toMatchObject({ persons: 1, attendances: 0, deletedEntities: 1 });
    expect(third.import!.counts).toMatchObject({ 'persons.updated': 1, 'attendanceMarks.deleted': 1 });
    const [pupil] = await queryRows<{ given_name: string }>(
      database.db,
      sql`select given_name from persons where organiser_id = ${organiserId} and id = ${IDS.pupil1}`,
    );
    expect(pupil.given_name).toBe('Alvina');
    // Bo's lesson of 19 October has no record now: not registered, so unknown (issue 13 §1).
    const [day] = await queryRows<{ known: number; invalid: number }>(
      database.db,
      sql`select known, invalid from pupil_days where organiser_id = ${organiserId} and person_id = ${IDS.pupil2} and date = '2026-10-19'`,
    );
    expect(day).toEqual({ known: 0, invalid: 0 });

    // --full asks for everything again.
    const full = await run({ isFull: true });
    expect(full).toMatchObject({ status: 'applied', mode: 'full', modifiedAfter: null });
  });

  it('renews the token when the server stops accepting it (a 401), once', async () => {
    const { organiserId } = await stubWithSmallImport();
    stub.options.callsPerToken = 4;
    const report = await run();
    expect(report.status).toBe('applied');
    expect(stub.tokensIssued).toBeGreaterThan(1);
    expect((await countRows(database.db, organiserId)).persons).toBe(5);
  });

  it('renews an expired token before calling', async () => {
    await stubWithSmallImport();
    let clock = Date.now();
    // Every call moves the clock two hours: each token (3600 s) has expired by the next call.
    const report = await run({ now: () => new Date((clock += 2 * 3_600_000)) });
    expect(report.status).toBe('applied');
    expect(stub.tokensIssued).toBe(apiRequests().length);
  });

  it.each([
    [
      'a wrong secret',
      { clientSecret: 'fel' },
      'SYNC_TOKEN_FAILED',
      /Kunde inte hämta en åtkomsttoken.*fel klient-id eller hemlighet/,
    ],
    ['a server refusing every call', {}, 'SYNC_UNAUTHORIZED', /nekade åtkomst \(HTTP 401\)/],
  ])('fails on %s with a clear Swedish error and changes nothing', async (_label, connection, code, message) => {
    const { organiserId } = await stubWithSmallImport();
    const first = await run();
    const before = await countRows(database.db, organiserId);
    stub.records.persons[0].givenName = 'Ändrad';
    stub.options.refuseAll = code === 'SYNC_UNAUTHORIZED';
    const report = await run({
      connection: { baseUrl: stub.baseUrl, tokenUrl: stub.tokenUrl, ...STUB_CLIENT, ...connection },
    });
    expect(report.status).toBe('failed');
    expect(report.error).toMatchObject({ code, message: expect.stringMatching(message) });
    expect(report.error!.message).not.toContain('fel'.repeat(2));
    expect(await countRows(database.db, organiserId)).toEqual(before);
    const [state] = await queryRows<{ last_status: string; cursor: Date | string }>(
      database.db,
      sql`select last_status, cursor from ss12000_syncs where organiser_id = ${organiserId}`,
    );
    // The failure is recorded; the cursor stays at the last complete run.
    expect(state.last_status).toBe('failed');
    expect(new Date(state.cursor).toISOString()).toBe(first.startedAt);
  });

  it('fails cleanly when the server cannot be reached', async () => {
    await stubWithSmallImport();
    const baseUrl = stub.baseUrl;
    await stub.close();
    const report = await run({ connection: { baseUrl, tokenUrl: stub.tokenUrl, ...STUB_CLIENT } });
    expect(report).toMatchObject({
      status: 'failed',
      error: { code: 'SYNC_UNREACHABLE', message: expect.stringMatching(/^Kunde inte nå 127\.0\.0\.1:\d+/) },
    });
  });

  it('rejects a run with a malformed page: the problem report, and nothing applied', async () => {
    const { organiserId } = await stubWithSmallImport();
    stub.options.malformedPage = { endpoint: 'persons', page: 2, body: '{"data": [{"id": ' };
    const report = await run();
    expect(report.status).toBe('rejected');
    // First the page itself; then the references to the persons it would have held.
    expect(report.import?.problems[0]).toMatchObject({
      file: 'persons.json',
      code: 'NOT_AN_ARRAY',
      message: expect.stringContaining('Sida 2 från /persons'),
    });
    expect(await countRows(database.db, organiserId)).toMatchObject({
      persons: 0,
      lessons: 0,
      attendance_marks: 0,
      imports: 1,
    });
    // A malformed record (not a malformed page) is the validator's, as in a file import.
    stub.options.malformedPage = undefined;
    stub.records.persons[0].civicNo = { value: '201304122384' };
    const invalid = await run();
    expect(invalid.status).toBe('rejected');
    expect(invalid.import?.problems).toContainEqual(
      expect.objectContaining({ file: 'persons.json', code: 'CIVIC_NO_CHECKSUM' }),
    );
    expect((await countRows(database.db, organiserId)).persons).toBe(0);
  });

  it('sends the secret as HTTP Basic when asked', async () => {
    await stubWithSmallImport();
    const report = await run({
      connection: { baseUrl: stub.baseUrl, tokenUrl: stub.tokenUrl, ...STUB_CLIENT, authMethod: 'basic' },
    });
    expect(report.status).toBe('applied');
    expect(stub.requests[0].authorization).toMatch(/^Basic /);
  });
});

describe.skipIf(!!process.env.TEST_DATABASE_URL)('sync ss12000 on the command line', () => {
  it('pulls with the secret from the environment, prints progress, and fails with one Swedish line on a wrong secret', {
    timeout: 120_000,
  }, async () => {
    await stubWithSmallImport();
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'narvaro-sync-cli-')), 'data');
    const args = [
      'sync',
      'ss12000',
      '--url',
      stub.baseUrl,
      '--token-url',
      stub.tokenUrl,
      '--client-id',
      STUB_CLIENT.clientId,
    ];
    const ok = await runCliAsync(args, dataDir, { SS12000_CLIENT_SECRET: STUB_CLIENT.clientSecret });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ status: 'applied', mode: 'full', fetched: { persons: 5 } });
    expect(ok.stderr).toContain('persons: 5 poster hämtade');
    expect(ok.stderr).not.toContain(STUB_CLIENT.clientSecret);

    const wrong = await runCliAsync(args, dataDir, { SS12000_CLIENT_SECRET: 'fel hemlighet' });
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr.trim().split('\n').at(-1)).toMatch(
      /^Kunde inte hämta en åtkomsttoken från 127\.0\.0\.1:\d+ \(fel klient-id eller hemlighet, HTTP 401\)\. Inget har ändrats\.$/,
    );
  });
});
