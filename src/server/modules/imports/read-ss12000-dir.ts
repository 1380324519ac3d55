/**
 * Turns an SS12000 export on disk (or uploaded file contents) into the `files` of an import.
 * Unreadable JSON is not thrown: it travels to the validator, which reports it as INVALID_JSON
 * with the rest of the import's problems.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SS12000_FILE_NAMES, type Ss12000FileName, type Ss12000Files } from './ss12000/parse-ss12000.js';
import { JsonDataFile, Ss12000FileError, describeJsonError } from './ss12000/json-data-file.js';

/** Files a full export is expected to contain; any subset is accepted for incremental imports. */
export const EXPECTED_SS12000_FILES: readonly Ss12000FileName[] = [
  'organisations',
  'persons',
  'groups',
  'duties',
  'activities',
  'calendarEvents',
];

/** The files of an import, ready to spread into `importSs12000`'s input. */
export interface Ss12000Input {
  files: Ss12000Files;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return new Ss12000FileError('INVALID_JSON', describeJsonError(text), null);
  }
}

/**
 * Reads `<name>.json` for every SS12000 file name (and `schoolCalendar.json`) in `dir`; missing
 * files are left out. The `data` lists are streamed record by record when validated, so files
 * larger than memory allows as one string still import.
 * @throws when `dir` cannot be read
 */
export async function readSs12000Dir(dir: string): Promise<Ss12000Input> {
  const files: Ss12000Files = {};
  await stat(dir);
  for (const name of SS12000_FILE_NAMES) {
    const filePath = path.join(dir, `${name}.json`);
    const isFile = await stat(filePath).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!isFile) continue;
    files[name] =
      name === 'schoolCalendar' ? parseJson(await readFile(filePath, 'utf8')) : { data: new JsonDataFile(filePath) };
  }
  return { files };
}

/**
 * Parses uploaded file contents keyed by file name (`persons.json` or `persons`, any letter case).
 * Names that are not SS12000 files are ignored.
 */
export function parseSs12000Files(contents: Record<string, string>): Ss12000Input {
  const files: Ss12000Files = {};
  for (const [fileName, text] of Object.entries(contents)) {
    const name = ss12000FileNameOf(fileName);
    if (name) files[name] = parseJson(text);
  }
  return { files };
}

const BY_LOWER_NAME = new Map<string, Ss12000FileName>(SS12000_FILE_NAMES.map((name) => [name.toLowerCase(), name]));

/** The SS12000 file an uploaded file name stands for (`persons.json` or `persons`, any letter case), or null. */
export function ss12000FileNameOf(fileName: string): Ss12000FileName | null {
  return (
    BY_LOWER_NAME.get(
      path
        .basename(fileName)
        .toLowerCase()
        .replace(/\.json$/, ''),
    ) ?? null
  );
}
