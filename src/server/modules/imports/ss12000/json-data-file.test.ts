import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  JsonDataFile,
  Ss12000FileError,
  describeJsonError,
  jsonErrorMessage,
  syntaxErrorOffset,
} from './json-data-file.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'narvaro-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNumber = 0;
function fileWith(content: string | Buffer): string {
  const file = path.join(dir, `f${fileNumber++}.json`);
  writeFileSync(file, content);
  return file;
}

/** Reads with tiny chunks too, so every element, key and escape crosses chunk boundaries. */
function readAll(content: string | Buffer): unknown[][] {
  const file = fileWith(content);
  return [1, 2, 3, 7, 4096].map((chunk) => [...new JsonDataFile(file, chunk)]);
}

describe('JsonDataFile', () => {
  it('streams the data array, whatever the chunk size', () => {
    const records = [
      { id: 'a', text: 'komma, ] och } och "citat" och \\ bakstreck', nested: { list: [1, [2, { x: '[' }]] } },
      { id: 'ö', text: 'åäö 😀 – multibyte' },
      42,
      'sträng',
      null,
      [],
    ];
    const content = JSON.stringify({ pageToken: 'x', other: { data: [9] }, data: records, after: [1, 2] }, null, 2);
    for (const result of readAll(content)) expect(result).toEqual(records);
  });

  it('accepts a byte-order mark, an empty list and a top-level array', () => {
    for (const result of readAll(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"data":[]}')])))
      expect(result).toEqual([]);
    for (const result of readAll('[{"id":1},{"id":2}]')) expect(result).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('reads again on a second pass', () => {
    const file = new JsonDataFile(fileWith('{"data":[1,2,3]}'));
    expect([...file]).toEqual([1, 2, 3]);
    expect([...file]).toEqual([1, 2, 3]);
  });

  it.each([
    ['{"data":[{"id":1},{"id":}]}', 'INVALID_JSON', 1],
    ['{"data":[{"id":1},,{"id":2}]}', 'INVALID_JSON', 1],
    ['{"data":[{"id":1},]}', 'INVALID_JSON', 1],
    ['{"data":[{"id":1}', 'INVALID_JSON', 0],
    ['{"data":{"id":1}}', 'NOT_AN_ARRAY', null],
    ['{"rows":[]}', 'NOT_AN_ARRAY', null],
    ['', 'INVALID_JSON', null],
    ['nej', 'INVALID_JSON', null],
  ])('reports %s as %s at record %s', (content, code, index) => {
    const file = new JsonDataFile(fileWith(content), 3);
    let error: unknown;
    try {
      [...file];
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Ss12000FileError);
    expect(error).toMatchObject({ code, index });
  });

  it('keeps the source excerpt out of parser messages', () => {
    let message = '';
    try {
      JSON.parse('{"civicNo":"201304122383",}');
    } catch (error) {
      message = jsonErrorMessage(error);
    }
    expect(message).not.toContain('2013');
    expect(message.length).toBeGreaterThan(0);
  });

  it('tells the line and character of a broken record in Swedish, without its content', () => {
    const content = '{"data": [\n  {"id": 1},\n  {"id": 2, "namn" "Åsa"}\n]}';
    for (const chunk of [3, 4096]) {
      let error: unknown;
      try {
        [...new JsonDataFile(fileWith(content), chunk)];
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'INVALID_JSON', index: 1 });
      // Line 3 is `  {"id": 2, "namn" "Åsa"}`: the 20th character is the quote where a colon belongs.
      expect((error as Error).message).toBe('Filen är inte giltig JSON (rad 3, tecken 20).');
    }
  });

  it('tells the line and character of a whole text that is not JSON', () => {
    const text = '{\n  "terms": [],\n  "daysOff": [}\n}';
    expect(() => JSON.parse(text)).toThrow();
    expect(describeJsonError(text)).toBe('Filen är inte giltig JSON (rad 3, tecken 15).');
  });

  it('finds a syntax error exactly when JSON.parse refuses the text', () => {
    const parses = (text: string) => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 2 }), (json, at, insert) => {
        expect(syntaxErrorOffset(json)).toBeNull();
        const cut = at % (json.length + 1);
        const broken = json.slice(0, cut) + insert + json.slice(cut + 1);
        expect(syntaxErrorOffset(broken) === null).toBe(parses(broken));
      }),
      { numRuns: 500 },
    );
  });
});
