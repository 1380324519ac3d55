/**
 * Streams the records of an SS12000 file (`{"data": [ … ]}`) one at a time. A municipality's
 * attendance file can pass 1 GB, beyond the longest string V8 can hold, so the file is never read
 * as one string: the scanner finds each element of the `data` array and parses only that slice.
 */
import { closeSync, openSync, readSync } from 'node:fs';

const CHUNK_BYTES = 4 * 1024 * 1024;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf];

/** A file-level reading problem; the validator reports it with its code. */
export class Ss12000FileError extends Error {
  constructor(
    readonly code: 'INVALID_JSON' | 'NOT_AN_ARRAY',
    message: string,
    /** Index of the record being read, or null for the file as a whole. */
    readonly index: number | null,
  ) {
    super(message);
  }
}

/**
 * The parser's message without the source excerpt V8 adds (`…, "{"civicNo":…" is not valid JSON`),
 * which could carry personal data into the import report.
 */
export function jsonErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/, ".*" is not valid JSON$/s, '');
}

/**
 * Offset of the first JSON syntax error in `text` (its length when the text ends too early), or
 * null when it is valid JSON. Only run after JSON.parse failed: its message does not always say where.
 */
export function syntaxErrorOffset(text: string): number | null {
  let i = 0;
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    for (const ch of word)
      if (text[i++] !== ch) {
        i--;
        fail();
      }
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= text.length || text.charCodeAt(i) < 0x20) fail();
      const ch = text[i++];
      if (ch === '"') return;
      if (ch === '\\') {
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if ('"\\/bfnrt'.includes(text[i] ?? '')) i++;
        else fail();
      }
    }
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match) fail();
    i += match![0].length;
  };
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (close === '}') {
          space();
          if (text[i] !== '"') fail();
          string();
          space();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === close) {
          i++;
          return;
        }
        fail();
      }
    }
    if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else if (ch === '-' || (ch >= '0' && ch <= '9')) number();
    else fail();
  };
  try {
    value();
    space();
    if (i < text.length) fail();
  } catch (offset) {
    if (typeof offset === 'number') return Math.min(offset, text.length);
    throw offset;
  }
  return null;
}

/** Line and character (both from 1) of a character offset in a text. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/** The administrator's sentence for unparsable JSON: where, never what (the text may hold personal data). */
function invalidJsonMessage(where: { line: number; column: number }): string {
  return `Filen är inte giltig JSON (rad ${where.line}, tecken ${where.column}).`;
}

/**
 * A whole file's text that JSON.parse refused, as a Swedish sentence with line and character.
 * @param text the text that did not parse
 */
export function describeJsonError(text: string): string {
  return invalidJsonMessage(lineAndColumn(text, syntaxErrorOffset(text) ?? text.length));
}

/** Line and character of a byte offset in a file, read again only when a problem is reported. */
function lineAndColumnInFile(path: string, byteOffset: number): { line: number; column: number } {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    let line = 1;
    let lineStart = 0;
    let position = 0;
    while (position < byteOffset) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK_BYTES, byteOffset - position), position);
      if (n === 0) break;
      for (let i = buf.indexOf(0x0a); i >= 0 && i < n; i = buf.indexOf(0x0a, i + 1)) {
        line++;
        lineStart = position + i + 1;
      }
      position += n;
    }
    const head = Buffer.allocUnsafe(byteOffset - lineStart);
    readSync(fd, head, 0, head.length, lineStart);
    return { line, column: head.toString('utf8').length + 1 };
  } finally {
    closeSync(fd);
  }
}

/**
 * The records of a file's top-level `data` array (or of a top-level array), read lazily.
 * Iterating again reads the file again, so a validator may make more than one pass.
 * Iteration throws {@link Ss12000FileError} on malformed JSON or a missing `data` array.
 */
export class JsonDataFile implements Iterable<unknown> {
  constructor(
    readonly path: string,
    private readonly chunkBytes = CHUNK_BYTES,
  ) {}

  [Symbol.iterator](): Iterator<unknown> {
    return readDataArray(this.path, this.chunkBytes);
  }
}

function* readDataArray(path: string, chunkBytes: number): Generator<unknown, void, undefined> {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(chunkBytes);
    let depth = 0;
    let isInString = false;
    let isEscaped = false;
    let hasTop = false;
    // Depth of the data array's elements while inside it; 0 outside.
    let elementDepth = 0;
    let hasData = false;
    // The element being read: its start in `buf` (0 when it began in an earlier chunk kept in `parts`).
    let elementStart = -1;
    // The element's first byte in the file, to tell where a broken record is.
    let elementOffset = 0;
    let parts: Buffer[] = [];
    let isAfterComma = false;
    let index = 0;
    // Strings directly inside the top-level object, to recognise the key "data".
    let keyStart = -1;
    let keyParts: Buffer[] = [];
    let lastKey = '';
    // Bytes read before the current chunk, to recognise a byte-order mark at the very start.
    let consumed = 0;

    const sliceOf = (pieces: Buffer[], start: number, end: number): string =>
      pieces.length === 0
        ? buf.toString('utf8', start, end)
        : Buffer.concat([...pieces, buf.subarray(start, end)]).toString('utf8');

    for (;;) {
      const n = readSync(fd, buf, 0, chunkBytes, null);
      if (n === 0) break;
      let nextBackslash = -1;
      for (let i = 0; i < n; i++) {
        const c = buf[i];
        if (isInString) {
          if (isEscaped) {
            isEscaped = false;
            continue;
          }
          // Jump over the string body with native searches instead of testing every byte.
          if (nextBackslash < i) {
            nextBackslash = buf.indexOf(BACKSLASH, i);
            if (nextBackslash < 0 || nextBackslash >= n) nextBackslash = n;
          }
          let quote = c === QUOTE ? i : buf.indexOf(QUOTE, i);
          if (quote < 0 || quote >= n) quote = n;
          if (nextBackslash < quote) {
            i = nextBackslash;
            isEscaped = true;
          } else if (quote === n) {
            i = n;
          } else {
            i = quote;
            isInString = false;
            if (keyStart >= 0) {
              lastKey = sliceOf(keyParts, keyStart, i);
              keyStart = -1;
              keyParts = [];
            }
          }
          continue;
        }
        if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
        if (elementDepth > 0 && depth === elementDepth) {
          if (c === COMMA || c === CLOSE_BRACKET) {
            if (elementStart >= 0) {
              const text = sliceOf(parts, elementStart, i);
              let record: unknown;
              try {
                record = JSON.parse(text);
              } catch {
                const where = lineAndColumnInFile(
                  path,
                  elementOffset + Buffer.byteLength(text.slice(0, syntaxErrorOffset(text) ?? text.length)),
                );
                throw new Ss12000FileError('INVALID_JSON', invalidJsonMessage(where), index);
              }
              elementStart = -1;
              parts = [];
              index++;
              yield record;
            } else if (c === COMMA || isAfterComma) {
              throw new Ss12000FileError('INVALID_JSON', `Oväntat kommatecken efter post ${index}.`, index);
            }
            isAfterComma = c === COMMA;
            if (c === CLOSE_BRACKET) {
              depth--;
              elementDepth = 0;
            }
            continue;
          }
          if (elementStart < 0) {
            elementStart = i;
            elementOffset = consumed + i;
          }
        }
        if (c === QUOTE) {
          isInString = true;
          if (depth === 1 && elementDepth === 0) keyStart = i + 1;
        } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
          if (depth === 0) {
            if (hasTop) throw new Ss12000FileError('INVALID_JSON', 'Oväntat innehåll efter filens slut.', null);
            hasTop = true;
            if (c === OPEN_BRACKET) {
              elementDepth = 1;
              hasData = true;
            }
          } else if (depth === 1 && elementDepth === 0 && c === OPEN_BRACKET && lastKey === 'data' && !hasData) {
            elementDepth = 2;
            hasData = true;
          }
          depth++;
        } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          depth--;
          if (depth < 0) throw new Ss12000FileError('INVALID_JSON', 'Obalanserade klamrar.', null);
        } else if (depth === 0 && !(consumed + i < 3 && c === BYTE_ORDER_MARK[consumed + i])) {
          throw new Ss12000FileError('INVALID_JSON', 'Filen är inte ett JSON-objekt.', null);
        }
      }
      // Keep the unfinished element or key: the buffer is refilled by the next read.
      if (elementStart >= 0) {
        parts.push(Buffer.from(buf.subarray(elementStart, n)));
        elementStart = 0;
      }
      if (keyStart >= 0) {
        keyParts.push(Buffer.from(buf.subarray(keyStart, n)));
        keyStart = 0;
      }
      consumed += n;
    }
    if (isInString || depth !== 0 || !hasTop) {
      throw new Ss12000FileError(
        'INVALID_JSON',
        'Filen tar slut mitt i JSON-innehållet.',
        elementDepth > 0 ? index : null,
      );
    }
    if (!hasData) throw new Ss12000FileError('NOT_AN_ARRAY', 'Filen saknar listan "data".', null);
  } finally {
    closeSync(fd);
  }
}
