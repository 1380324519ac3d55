import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, type Database } from '../../db/client.js';
import { importSs12000 } from './commands/import-ss12000.js';
import { parseSs12000Files, readSs12000Dir } from './read-ss12000-dir.js';
import { validateSs12000 } from './ss12000/parse-ss12000.js';
import { smallImport } from './test/small-import.js';
import { countRows } from './test/db-support.js';

let database: Database;
const dirs: string[] = [];

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(database);
});

afterAll(async () => {
  await database.close();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Writes the fixture's files (or replacement texts) to a new directory. */
async function exportDir(files: Record<string, unknown>, texts: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'narvaro-ss12000-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files))
    await writeFile(path.join(dir, `${name}.json`), JSON.stringify(content, null, 2));
  for (const [name, text] of Object.entries(texts)) await writeFile(path.join(dir, `${name}.json`), text);
  return dir;
}

describe('readSs12000Dir', () => {
  it('reads an export that imports like the parsed files', async () => {
    const { organiserId, files } = smallImport();
    const input = await readSs12000Dir(await exportDir(files));
    expect(Object.keys(input.files).sort()).toEqual(Object.keys(files).sort());
    const report = await importSs12000(database, { ...input, actorUserId: null });
    expect(report.problems).toEqual([]);
    expect((await countRows(database.db, organiserId)).lessons).toBe(3);
  });

  it('accepts a subset of the files', async () => {
    const { organiserId, files } = smallImport();
    const input = await readSs12000Dir(await exportDir({ organisations: files.organisations, persons: files.persons }));
    expect(Object.keys(input.files).sort()).toEqual(['organisations', 'persons']);
    const report = await importSs12000(database, { ...input, actorUserId: null });
    expect(report.status).toBe('applied');
    expect((await countRows(database.db, organiserId)).persons).toBe(5);
  });

  it('turns unreadable JSON into INVALID_JSON problems and rejects the import', async () => {
    const { organiserId, files } = smallImport();
    const { duties: _, schoolCalendar: __, ...rest } = files;
    const dir = await exportDir(rest, {
      duties: '{"data":[{"id":"0d000000-0000-4000-8000-000000000001",}]}',
      schoolCalendar: '{"terms": [',
    });
    const report = await importSs12000(database, { ...(await readSs12000Dir(dir)), actorUserId: null });
    expect(report.status).toBe('rejected');
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'duties.json', index: 0, code: 'INVALID_JSON' }),
        expect.objectContaining({ file: 'schoolCalendar.json', index: null, code: 'INVALID_JSON' }),
      ]),
    );
    expect((await countRows(database.db, organiserId)).persons).toBe(0);
  });

  it('throws when the directory does not exist', async () => {
    await expect(readSs12000Dir(path.join(os.tmpdir(), 'narvaro-no-such-dir'))).rejects.toThrow();
  });
});

describe('parseSs12000Files', () => {
  it('maps uploaded file names to files, ignores others and reports broken JSON', () => {
    const { files } = smallImport();
    const { files: parsed } = parseSs12000Files({
      'Organisations.json': JSON.stringify(files.organisations),
      persons: JSON.stringify(files.persons),
      'groups.json': '{"data": [',
      'notes.txt': 'hej',
    });
    expect(Object.keys(parsed).sort()).toEqual(['groups', 'organisations', 'persons']);
    const { problems } = validateSs12000(parsed);
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'groups.json', index: null, code: 'INVALID_JSON' }),
    );
  });
});
