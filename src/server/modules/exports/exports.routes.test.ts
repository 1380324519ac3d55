// Full export (issue 13, section 4): a background job with progress, a zip of CSV files with a
// README made from the same column lists, row counts equal to the database, nothing of another
// organiser, protected identity handled, every step audited; the CLI writes the same zip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { buildTestApp, finishedJob, logInAs, type Session, type TestApp } from '../../test/support.js';
import { createWorld, type World } from '../../test/factories.js';
import { queryRows, schema } from '../../db/client.js';
import { runCli, writeImportFolder } from '../../test/cli.js';
import { smallImport } from '../imports/test/small-import.js';
import { EXPORT_FILES } from './export-files.js';

const DATES = ['2026-01-12', '2026-01-13'];

/** Rows of a CSV made by toCsv (semicolons, quoted fields may hold newlines), header first. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let isQuoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (isQuoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') isQuoted = false;
      else field += ch;
    } else if (ch === '"') isQuoted = true;
    else if (ch === ';') {
      row.push(field);
      field = '';
    } else if (ch === '\r') continue;
    else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  return rows;
}

/** The table behind each file, for counting rows in the database. */
const TABLE_OF: Record<string, string> = Object.fromEntries(
  EXPORT_FILES.map((f) => [f.name, f.name.replace('.csv', '')]),
);
TABLE_OF['messages.csv'] = 'outbox';

async function seed(t: TestApp, world: World): Promise<void> {
  const db = t.database.db;
  const [a0] = world.pupilsA;
  const teacher = await logInAs(t.app, world.usernames.teacher);
  for (const [key, lessonId] of world.lessonsA) {
    const marks = key.endsWith('08:00') ? [{ personId: a0, kind: 'absent' }] : [];
    expect(
      (await teacher.request({ method: 'PUT', url: `/api/lessons/${lessonId}/registration`, payload: { marks } }))
        .statusCode,
    ).toBe(200);
  }
  // A correction (absent → late 5): history keeps both.
  const first = world.lessonsA.get('2026-01-12 08:00')!;
  expect(
    (
      await teacher.request({
        method: 'PUT',
        url: `/api/lessons/${first}/registration`,
        payload: { marks: [{ personId: a0, kind: 'late', minutes: 5 }] },
      })
    ).statusCode,
  ).toBe(200);
  const mentor = await logInAs(t.app, world.usernames.mentor);
  expect(
    (
      await mentor.request({
        method: 'POST',
        url: `/api/pupils/${a0}/absences`,
        payload: {
          kind: 'guardianReport',
          fromDate: '2026-01-13',
          toDate: '2026-01-13',
          comment: 'Tandläkare; "kl 8"',
        },
      })
    ).statusCode,
  ).toBe(201);
  await db.insert(schema.cases).values({
    organiserId: world.organiserId,
    id: randomUUID(),
    pupilId: a0,
    schoolUnitId: world.schoolUnitId,
    openedOn: '2026-01-13',
  });
  // Messages about an ordinary pupil and about the protected pupil.
  for (const [personId, address] of [
    [a0, 'vanlig@example.se'],
    [world.protectedPupil, 'hemlig@example.se'],
  ] as const) {
    const outboxId = randomUUID();
    await db.insert(schema.outbox).values({
      organiserId: world.organiserId,
      id: outboxId,
      kind: 'sameDayNotice',
      personId,
      templateKey: 'sameDay',
      payload: {},
      idempotencyKey: `k-${outboxId}`,
    });
    await db.insert(schema.messageDeliveries).values({
      organiserId: world.organiserId,
      id: randomUUID(),
      outboxId,
      channel: 'email',
      address,
      body: `Hej, om ${address}`,
    });
  }
}

describe('full export', () => {
  let t: TestApp;
  let world: World;
  let other: World;
  let admin: Session;
  let jobId: string;
  let job: Awaited<ReturnType<typeof finishedJob>>;
  let zip: Record<string, Uint8Array>;

  beforeAll(async () => {
    t = await buildTestApp();
    world = await createWorld(t.database, DATES);
    other = await createWorld(t.database, DATES);
    await seed(t, world);
    await seed(t, other);
    admin = await logInAs(t.app, world.usernames.organiserAdmin);
    const started = await admin.request({ method: 'POST', url: '/api/exports', payload: { includeCases: true } });
    expect(started.statusCode).toBe(202);
    jobId = started.json().jobId;
    job = await finishedJob(admin, jobId);
    const download = await admin.request({ method: 'GET', url: `/api/exports/${jobId}/download` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    expect(download.headers['content-disposition']).toMatch(
      /attachment; filename="narvaro-export-\d{4}-\d{2}-\d{2}\.zip"/,
    );
    zip = unzipSync(new Uint8Array(download.rawPayload));
  });
  afterAll(async () => {
    await t.close();
  });

  it('runs as a background job with progress per file and a download link', () => {
    expect(job.status).toBe('done');
    expect(job.progress).toEqual({ done: EXPORT_FILES.length, total: EXPORT_FILES.length });
    expect(job.result).toMatchObject({ downloadPath: `/api/exports/${jobId}/download`, files: expect.any(Object) });
    expect(Object.keys(zip).sort()).toEqual(['README.txt', ...EXPORT_FILES.map((f) => f.name)].sort());
  });

  it('holds exactly the rows the database holds for the organiser, with the documented columns', async () => {
    const readme = strFromU8(zip['README.txt']);
    for (const file of EXPORT_FILES) {
      const rows = parseCsv(strFromU8(zip[file.name]));
      expect(rows[0], file.name).toEqual(file.columns.map((c) => c.name));
      const [{ n }] = await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from ${sql.identifier(TABLE_OF[file.name])} where organiser_id = ${world.organiserId}`,
      );
      expect(rows.length - 1, file.name).toBe(n);
      expect(job.result.files[file.name], file.name).toBe(n);
      expect(readme).toContain(`${file.name} (${n} rader)`);
      for (const column of file.columns) expect(readme).toContain(`  - ${column.name}: ${column.description}`);
    }
    // The seeded data is really there: registrations, a correction, a report with its comment, a case.
    expect(job.result.files['attendance_marks.csv']).toBeGreaterThan(0);
    expect(job.result.files['attendance_mark_history.csv']).toBeGreaterThan(job.result.files['attendance_marks.csv']);
    expect(strFromU8(zip['absences.csv'])).toContain('"Tandläkare; ""kl 8"""');
    expect(job.result.files['cases.csv']).toBe(1);
  });

  it("contains nothing of another organiser and no address of a protected pupil's family", () => {
    const all = Object.values(zip)
      .map((bytes) => strFromU8(bytes))
      .join('\n');
    for (const id of [
      other.organiserId,
      other.schoolUnitId,
      ...other.pupilsA,
      ...other.pupilsB,
      ...other.lessonsA.values(),
    ])
      expect(all).not.toContain(id);
    expect(all).not.toContain('hemlig@example.se');
    expect(all).toContain('vanlig@example.se');
  });

  it('is audited: the export, each case read and the download; and only the organiser administrator may start or fetch it', async () => {
    const events = await queryRows<{ type: string; data: any }>(
      t.database.db,
      sql`
      select type, data from audit_events where organiser_id = ${world.organiserId} and type in ('export.create', 'export.download', 'case.read') order by id`,
    );
    expect(events).toEqual([
      {
        type: 'export.create',
        data: expect.objectContaining({ origin: 'ui', includesCases: true, bytes: expect.any(Number) }),
      },
      { type: 'case.read', data: { view: 'export' } },
      { type: 'export.download', data: { bytes: expect.any(Number) } },
    ]);
    const principal = await logInAs(t.app, world.usernames.principal);
    expect(
      (await principal.request({ method: 'POST', url: '/api/exports', payload: { includeCases: false } })).statusCode,
    ).toBe(403);
    const otherAdmin = await logInAs(t.app, other.usernames.organiserAdmin);
    expect((await otherAdmin.request({ method: 'GET', url: `/api/exports/${jobId}/download` })).statusCode).toBe(404);
    // Without cases: no case file at all.
    const withoutCases = await finishedJob(
      admin,
      (await admin.request({ method: 'POST', url: '/api/exports', payload: { includeCases: false } })).json().jobId,
    );
    expect(Object.keys(withoutCases.result.files).some((name) => name.startsWith('case'))).toBe(false);
  });

  it('is written by the CLI as the same zip of CSV files', () => {
    const { organiserId, files } = smallImport();
    const { filesDir, dataDir } = writeImportFolder(files, 'narvaro-export-');
    expect(runCli(['import', 'ss12000', filesDir], dataDir).status).toBe(0);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'narvaro-export-out-')), 'export.zip');
    const result = runCli(['export', '--organisation', organiserId, '--out', out], dataDir);
    expect(result.status, result.stderr).toBe(0);
    const cliZip = unzipSync(new Uint8Array(fs.readFileSync(out)));
    expect(Object.keys(cliZip).sort()).toEqual(['README.txt', ...EXPORT_FILES.map((f) => f.name)].sort());
    const summary = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
    expect(parseCsv(strFromU8(cliZip['lessons.csv'])).length - 1).toBe(summary.files['lessons.csv']);
    expect(summary.files['lessons.csv']).toBe(3);
    // Every imported Attendance record is kept as the pupil's mark (presence too).
    expect(summary.files['attendance_marks.csv']).toBe(files.attendances.data.length);
  }, 300_000);
});
