import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonDataFile, Ss12000FileError, jsonErrorMessage } from './json-data-file.js';

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
      42, 'sträng', null, [],
    ];
    const content = JSON.stringify({ pageToken: 'x', other: { data: [9] }, data: records, after: [1, 2] }, null, 2);
    for (const result of readAll(content)) expect(result).toEqual(records);
  });

  it('accepts a byte-order mark, an empty list and a top-level array', () => {
    for (const result of readAll(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"data":[]}')]))) expect(result).toEqual([]);
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
});
