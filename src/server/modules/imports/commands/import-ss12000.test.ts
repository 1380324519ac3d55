import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, queryRows, type Database } from '../../../db/client.js';
import { AppError } from '../../../errors.js';
import { generateDemo, writeDemoFiles } from '../../../demo/generate-demo.js';
import { readSs12000Dir } from '../read-ss12000-dir.js';
import { importSs12000 } from './import-ss12000.js';
import { IDS, SMALL_IMPORT_ROWS, recordsOf, smallImport } from '../test/small-import.js';
import { countRows } from '../test/db-support.js';

type Files = ReturnType<typeof smallImport>['files'];

let database: Database;

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(database);
});

afterAll(async () => {
  await database.close();
});

const importFiles = (files: Files, organiserId?: string) =>
  importSs12000(database, { files, organiserId, actorUserId: null });

/** Applies the fixture once and returns it, for tests that start from an imported tenant. */
async function importedTenant() {
  const fixture = smallImport();
  const report = await importFiles(fixture.files);
  expect(report.problems).toEqual([]);
  expect(report.status).toBe('applied');
  return fixture;
}

describe('importSs12000 on PGlite', () => {
  it('applies a valid import with the right rows, an applied report and an audit event', async () => {
    const { organiserId, files } = smallImport();
    const report = await importFiles(files);
    expect(report).toMatchObject({ status: 'applied', organiserId, problems: [] });
    expect(report.counts).toMatchObject({
      'persons.inserted': 5,
      'lessons.inserted': 3,
      'attendanceMarks.inserted': 3,
      'groupMemberships.inserted': 2,
    });
    const rows = await countRows(database.db, organiserId);
    expect(rows).toMatchObject({ ...SMALL_IMPORT_ROWS, imports: 1, audit_events: 1 });
    expect(rows.pupil_days).toBeGreaterThan(0);
    const [stored] = await queryRows<{ status: string; report: { counts: Record<string, number> } }>(
      database.db,
      sql`select status, report from imports where organiser_id = ${organiserId}`,
    );
    expect(stored.status).toBe('applied');
    expect(stored.report.counts['persons.inserted']).toBe(5);
    const [audit] = await queryRows<{ type: string; subject_id: string }>(
      database.db,
      sql`select type, subject_id from audit_events where organiser_id = ${organiserId}`,
    );
    expect(audit).toEqual({ type: 'import.ss12000', subject_id: report.importId });
  });

  it('changes nothing when the same files come again, and updates an edited name', async () => {
    const { organiserId, files } = await importedTenant();
    const before = await countRows(database.db, organiserId);
    const again = await importFiles(files);
    expect(again.status).toBe('applied');
    expect(Object.entries(again.counts).filter(([key, n]) => !key.endsWith('.unchanged') && n > 0)).toEqual([]);
    expect(await countRows(database.db, organiserId)).toEqual({ ...before, imports: 2, audit_events: 2 });

    recordsOf(files, 'persons')[0].givenName = 'Alvina';
    const edited = await importFiles(files);
    expect(edited.counts).toMatchObject({ 'persons.updated': 1, 'persons.unchanged': 4, 'persons.inserted': 0 });
    const [pupil] = await queryRows<{ given_name: string }>(
      database.db,
      sql`select given_name from persons where organiser_id = ${organiserId} and id = ${IDS.pupil1}`,
    );
    expect(pupil.given_name).toBe('Alvina');
    expect(await countRows(database.db, organiserId)).toEqual({ ...before, imports: 3, audit_events: 3 });
  });

  it('keeps the security marking, guardians and memberships; drops a protected address', async () => {
    const { organiserId } = await importedTenant();
    const persons = await queryRows<{
      id: string;
      security_marking: string;
      civic_no: string;
      home_municipality_code: string;
      addresses: unknown[];
    }>(
      database.db,
      sql`select id, security_marking, civic_no, home_municipality_code, addresses from persons where organiser_id = ${organiserId} and id in (${IDS.pupil1}, ${IDS.pupil2}) order by id`,
    );
    expect(persons).toEqual([
      expect.objectContaining({
        id: IDS.pupil1,
        security_marking: 'Ingen',
        civic_no: '201304122383',
        home_municipality_code: '0180',
      }),
      expect.objectContaining({
        id: IDS.pupil2,
        security_marking: 'Skyddad folkbokföring',
        civic_no: '201304722380',
        addresses: [],
      }),
    ]);
    const guardians = await queryRows<{ guardian_id: string; relation_type: string }>(
      database.db,
      sql`select guardian_id, relation_type from responsibles where organiser_id = ${organiserId} and pupil_id = ${IDS.pupil2} order by guardian_id`,
    );
    expect(guardians).toEqual([
      { guardian_id: IDS.guardian1, relation_type: 'Vårdnadshavare' },
      { guardian_id: IDS.guardian2, relation_type: 'Vårdnadshavare' },
    ]);
    const memberships = await queryRows<{ person_id: string; start_date: string; end_date: string | null }>(
      database.db,
      sql`select person_id, start_date, end_date from group_memberships where organiser_id = ${organiserId} and group_id = ${IDS.class7a} order by person_id`,
    );
    expect(memberships).toEqual([
      { person_id: IDS.pupil1, start_date: '2026-08-17', end_date: null },
      { person_id: IDS.pupil2, start_date: '2026-08-17', end_date: '2027-06-10' },
    ]);
  });

  it('stores each lesson on its Europe/Stockholm date, also across the DST switches', async () => {
    const { organiserId } = await importedTenant();
    const lessons = await queryRows<{ id: string; local_date: string; teaching_minutes: number }>(
      database.db,
      sql`select id, local_date, teaching_minutes from lessons where organiser_id = ${organiserId} order by id`,
    );
    expect(lessons).toEqual([
      { id: IDS.lessonOct19, local_date: '2026-10-19', teaching_minutes: 50 },
      { id: IDS.lessonDstOctober, local_date: '2026-10-25', teaching_minutes: 180 },
      { id: IDS.lessonDstMarch, local_date: '2026-03-29', teaching_minutes: 60 },
    ]);
  });

  it("replaces a re-imported group's memberships and recomputes the pupil who left", async () => {
    const { organiserId, files } = await importedTenant();
    const pupilDaysOf = async (personId: string) =>
      (
        await queryRows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from pupil_days where organiser_id = ${organiserId} and person_id = ${personId}`,
        )
      )[0].n;
    expect(await pupilDaysOf(IDS.pupil2)).toBeGreaterThan(0);
    const group = recordsOf(files, 'groups')[0] as { groupMemberships: unknown[] };
    group.groupMemberships = group.groupMemberships.slice(0, 1);
    const report = await importFiles(files);
    expect(report.counts['groupMemberships.deleted']).toBe(1);
    const [{ n }] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from group_memberships where organiser_id = ${organiserId}`,
    );
    expect(n).toBe(1);
    expect(await pupilDaysOf(IDS.pupil2)).toBe(0);
  });

  it('imports attendance alone against lessons already imported, and follows a record the source now calls presence', async () => {
    const { organiserId, files } = await importedTenant();
    const absent = recordsOf(files, 'attendances')[1];
    Object.assign(absent, { attendanceMinutes: 40, invalidAbsenceMinutes: 0 });
    const report = await importSs12000(database, {
      files: { attendances: files.attendances },
      organiserId,
      actorUserId: null,
    });
    expect(report.problems).toEqual([]);
    expect(report.counts).toMatchObject({ 'attendanceMarks.updated': 1, 'attendanceMarks.unchanged': 2 });
    const [mark] = await queryRows<{ imported_minutes: unknown }>(
      database.db,
      sql`select imported_minutes from attendance_marks where organiser_id = ${organiserId} and person_id = ${IDS.pupil2}`,
    );
    expect(mark.imported_minutes).toEqual({ isReported: true, attended: 40, valid: 0, invalid: 0, other: 0 });
    const [day] = await queryRows<{ attended: number; invalid: number }>(
      database.db,
      sql`select attended, invalid from pupil_days where organiser_id = ${organiserId} and person_id = ${IDS.pupil2} and date = '2026-10-19'`,
    );
    expect(day).toEqual({ attended: 40, invalid: 0 });
  });

  it('never overwrites a mark registered in Närvaro', async () => {
    const { organiserId, files } = await importedTenant();
    await database.db.execute(sql`update attendance_marks set kind = 'absent', imported_minutes = null
      where organiser_id = ${organiserId} and lesson_id = ${IDS.lessonDstOctober} and person_id = ${IDS.pupil1}`);
    await importFiles(files);
    const [mark] = await queryRows<{ kind: string }>(
      database.db,
      sql`select kind from attendance_marks where organiser_id = ${organiserId} and lesson_id = ${IDS.lessonDstOctober}`,
    );
    expect(mark.kind).toBe('absent');
  });

  it.each<[string, (f: Files) => void, Record<string, unknown>]>([
    [
      'a civic number with a wrong check digit',
      (f) => {
        (recordsOf(f, 'persons')[0].civicNo as { value: string }).value = '201304122384';
      },
      { file: 'persons.json', index: 0, id: IDS.pupil1, field: 'civicNo.value', code: 'CIVIC_NO_CHECKSUM' },
    ],
    [
      'an unknown reference',
      (f) => {
        (recordsOf(f, 'groups')[0].groupMemberships as { person: { id: string } }[])[1].person.id =
          '99999999-0000-4000-8000-000000000000';
      },
      {
        file: 'groups.json',
        index: 0,
        id: IDS.class7a,
        field: 'groupMemberships[1].person.id',
        code: 'UNKNOWN_REFERENCE',
      },
    ],
    [
      'a missing required field',
      (f) => {
        delete recordsOf(f, 'activities')[0].displayName;
      },
      { file: 'activities.json', index: 0, id: IDS.activity, field: 'displayName', code: 'REQUIRED_FIELD_MISSING' },
    ],
    [
      'an end before the start',
      (f) => {
        recordsOf(f, 'calendarEvents')[1].endTime = '2026-10-24T22:00:00Z';
      },
      { file: 'calendarEvents.json', index: 1, id: IDS.lessonDstOctober, field: 'endTime', code: 'END_BEFORE_START' },
    ],
  ])('rejects %s and writes nothing but the report', async (_label, breakIt, expected) => {
    const { organiserId, files } = await importedTenant();
    const before = await countRows(database.db, organiserId);
    // Other, valid edits in the same import must not be applied either.
    recordsOf(files, 'persons')[1].givenName = 'Bosse';
    recordsOf(files, 'attendances').pop();
    breakIt(files);
    const report = await importFiles(files);
    expect(report.status).toBe('rejected');
    expect(report.counts).toEqual({});
    expect(report.problems).toEqual([expect.objectContaining(expected)]);
    expect(report.files[expected.file as string]).toMatchObject({ status: 'rejected', problems: 1 });
    expect(await countRows(database.db, organiserId)).toEqual({ ...before, imports: 2, audit_events: 2 });
    const [name] = await queryRows<{ given_name: string }>(
      database.db,
      sql`select given_name from persons where organiser_id = ${organiserId} and id = ${IDS.pupil2}`,
    );
    expect(name.given_name).toBe('Bo');
    const [stored] = await queryRows<{ status: string; report: { problems: unknown[] } }>(
      database.db,
      sql`select status, report from imports where organiser_id = ${organiserId} and id = ${report.importId}`,
    );
    expect(stored.status).toBe('rejected');
    expect(stored.report.problems).toEqual([expect.objectContaining(expected)]);
  });

  it('refuses an import that names no organiser', async () => {
    const { files } = smallImport();
    const { organisations: _, ...rest } = files;
    await expect(importFiles(rest as Files)).rejects.toBeInstanceOf(AppError);
  });
});

describe('importSs12000 with the demo municipality', () => {
  it('applies the generated demo files without problems', { timeout: 600_000 }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'narvaro-demo-import-'));
    const demo = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrateDatabase(demo);
      const data = generateDemo({ today: '2026-11-23' });
      await writeDemoFiles(data, dir);
      const phases: Record<string, number> = {};
      const started = performance.now();
      const report = await importSs12000(demo, {
        ...(await readSs12000Dir(dir)),
        actorUserId: null,
        onProgress: (p) => {
          phases[p.phase] ??= Math.round(performance.now() - started);
        },
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const records = Object.values(report.files).reduce((n, f) => n + f.records, 0);
      console.log(`Demo import: ${records} records in ${seconds} s (phase start ms: ${JSON.stringify(phases)})`);
      expect(report.problems).toEqual([]);
      expect(report.status).toBe('applied');
      expect(report.organiserId).toBe(data.organiserId);
      const [{ n }] = await queryRows<{ n: number }>(demo.db, sql`select count(*)::int as n from lessons`);
      expect(n).toBe(data.files.calendarEvents.length);
    } finally {
      await demo.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('importSs12000 on PostgreSQL', () => {
  const adminUrl = process.env.TEST_DATABASE_URL as string;
  const databaseName = `narvaro_import_${Math.random().toString(36).slice(2, 10)}`;
  let postgres: Database;

  const admin = async (statement: string) => {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${databaseName}`);
    const url = new URL(adminUrl);
    url.pathname = `/${databaseName}`;
    postgres = await openDatabase({ databaseUrl: url.toString() });
    await migrateDatabase(postgres);
  });

  afterAll(async () => {
    await postgres?.close();
    await admin(`DROP DATABASE IF EXISTS ${databaseName}`);
  });

  it('applies the small import, then re-imports it without changes', async () => {
    const { organiserId, files } = smallImport();
    const first = await importSs12000(postgres, { files, actorUserId: null });
    expect(first.problems).toEqual([]);
    expect(await countRows(postgres.db, organiserId)).toMatchObject({
      ...SMALL_IMPORT_ROWS,
      imports: 1,
      audit_events: 1,
    });
    const again = await importSs12000(postgres, { files, actorUserId: null });
    expect(Object.entries(again.counts).filter(([key, n]) => !key.endsWith('.unchanged') && n > 0)).toEqual([]);
    const lessons = await queryRows<{ local_date: string }>(
      postgres.db,
      sql`select local_date from lessons where organiser_id = ${organiserId} and id = ${IDS.lessonDstOctober}`,
    );
    expect(lessons).toEqual([{ local_date: '2026-10-25' }]);
  });

  it('rejects a broken import and writes nothing but the report', async () => {
    const { organiserId, files } = smallImport();
    recordsOf(files, 'calendarEvents')[1].endTime = '2026-10-24T22:00:00Z';
    const report = await importSs12000(postgres, { files, actorUserId: null });
    expect(report.status).toBe('rejected');
    expect(await countRows(postgres.db, organiserId)).toMatchObject({
      persons: 0,
      lessons: 0,
      imports: 1,
      audit_events: 1,
    });
  });
});
