/**
 * The SS12000 upload (issue 15, items 4 and 8): files stream to disk under per-file and total
 * limits (not the 1 MB body limit); a broken, oversized or unreadable upload is answered 400/413/422
 * with the error shape, never 500, and is recorded as a rejected import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { zipSync } from 'fflate';
import { buildTestApp, logInAs, type Session, type TestApp } from '../../test/support.js';
import { createWorld, type World } from '../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { smallImport } from './test/small-import.js';

const BOUNDARY = '----narvaro-test-boundary';

/** A multipart/form-data body with one file part per entry. */
function multipart(files: Record<string, string | Buffer>): { payload: Buffer; headers: Record<string, string> } {
  const parts = Object.entries(files).map(([name, content]) =>
    Buffer.concat([
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/json\r\n\r\n`,
      ),
      Buffer.from(content),
      Buffer.from('\r\n'),
    ]),
  );
  return {
    payload: Buffer.concat([...parts, Buffer.from(`--${BOUNDARY}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  };
}

describe('SS12000 upload', () => {
  let t: TestApp;
  let world: World;
  let admin: Session;
  const MB = 1024 * 1024;

  beforeAll(async () => {
    t = await buildTestApp({ importMaxFileBytes: 2 * MB, importMaxTotalBytes: 3 * MB });
    world = await createWorld(t.database, ['2026-01-12']);
    admin = await logInAs(t.app, world.usernames.systemAdmin);
  });
  afterAll(() => t.close());

  const upload = (files: Record<string, string | Buffer>) =>
    admin.request({ method: 'POST', url: '/api/imports/ss12000', ...multipart(files) });
  const importRows = () =>
    queryRows<{ status: string; code: string | null }>(
      t.database.db,
      sql`
    select status, report->'problems'->0->>'code' as code from imports where organiser_id = ${world.organiserId} order by started_at`,
    );

  it('imports files larger than the JSON body limit, streamed to disk', async () => {
    const { files } = smallImport(world.organiserId);
    // Padding makes persons.json 1.5 MB, above the 1 MB body limit, still valid JSON.
    const persons = JSON.stringify(files.persons).replace(/^\{/, `{${' '.repeat(1.5 * MB)}`);
    const body = Object.fromEntries(
      Object.entries(files).map(([name, content]) => [`${name}.json`, JSON.stringify(content)]),
    );
    const res = await upload({ ...body, 'persons.json': persons, 'notes.txt': 'ignored' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'applied' });
  });

  it('refuses a file over the per-file limit and uploads over the total limit with 413, recorded as rejected', async () => {
    const before = (await importRows()).length;
    const tooBig = await upload({ 'persons.json': `{"data":[]${' '.repeat(2 * MB + 10)}}` });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({ error: 'PAYLOAD_TOO_LARGE', message: expect.any(String) });
    const tooMuch = await upload({
      'persons.json': `{"data":[]${' '.repeat(1.8 * MB)}}`,
      'groups.json': `{"data":[]${' '.repeat(1.8 * MB)}}`,
    });
    expect(tooMuch.statusCode).toBe(413);
    expect((await importRows()).slice(before)).toEqual([
      { status: 'rejected', code: 'PAYLOAD_TOO_LARGE' },
      { status: 'rejected', code: 'PAYLOAD_TOO_LARGE' },
    ]);
  });

  it('answers malformed multipart with 400 and a zip sent as JSON with the import report, both recorded', async () => {
    const before = (await importRows()).length;
    const broken = await admin.request({
      method: 'POST',
      url: '/api/imports/ss12000',
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="persons.json"\r\n\r\n{"data":[`,
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ error: 'VALIDATION_FAILED', message: expect.any(String) });
    const zip = Buffer.from(
      zipSync({
        'persons.json': new TextEncoder().encode(JSON.stringify(smallImport(world.organiserId).files.persons)),
      }),
    );
    const zipped = await upload({ 'persons.json': zip });
    expect(zipped.statusCode).toBe(422);
    expect(zipped.json()).toMatchObject({ error: 'IMPORT_REJECTED', details: { status: 'rejected' } });
    expect((await importRows()).slice(before)).toEqual([
      { status: 'rejected', code: 'VALIDATION_FAILED' },
      { status: 'rejected', code: expect.any(String) },
    ]);
  });

  it('answers a JSON body on the upload route with 400, not a parse of a large body', async () => {
    const res = await admin.request({ method: 'POST', url: '/api/imports/ss12000', payload: { persons: [] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('VALIDATION_FAILED');
  });
});
