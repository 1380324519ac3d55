/**
 * One error handler: stable codes, field paths for bad input, and never a 500 for bad input.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

interface PgLikeError {
  code?: string;
}

/** foreign key, invalid text representation, datetime format/overflow, numeric out of range, string too long, bad bytes (NUL). */
const BAD_INPUT_SQLSTATES = new Set(['23503', '22P02', '22007', '22008', '22003', '22001', '22021', '22P05']);

/** Installs the error handler on the app. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & PgLikeError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send({ error: error.code, message: error.message, details: error.details });
    }
    if (error.validation) {
      const details = error.validation.map((v) => ({
        path: `${error.validationContext ?? ''}${v.instancePath || (v.params && 'missingProperty' in v.params ? `/${String(v.params.missingProperty)}` : '')}`,
        message: v.message ?? 'ogiltigt värde',
      }));
      return reply.status(400).send({ error: 'VALIDATION_FAILED', message: 'Ogiltiga uppgifter i anropet.', details });
    }
    if (error.statusCode === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply.status(413).send({ error: 'PAYLOAD_TOO_LARGE', message: 'Filen eller anropet är för stort.' });
    }
    if (error.statusCode === 415) {
      return reply.status(415).send({ error: 'UNSUPPORTED_MEDIA_TYPE', message: 'Anropets innehållstyp stöds inte.' });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Malformed JSON, an empty body and similar client mistakes. Fastify's own message is not
      // echoed (some quote the request); a JSON syntax error's position is kept, it helps a client.
      const detail =
        error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
          ? error.message
          : 'Anropet kunde inte tolkas.';
      return reply.status(400).send({
        error: 'VALIDATION_FAILED',
        message: 'Anropet kunde inte tolkas.',
        details: [{ path: '', message: detail }],
      });
    }
    // PostgreSQL constraint and data errors by SQLSTATE, never by message text: a value the
    // database refuses (out of range, not a date, invalid text) is the caller's bad input.
    const sqlState = error.code ?? (error.cause as PgLikeError | undefined)?.code;
    if (sqlState === '23505') return reply.status(409).send({ error: 'CONFLICT', message: 'Uppgiften finns redan.' });
    if (sqlState !== undefined && BAD_INPUT_SQLSTATES.has(sqlState)) {
      return reply.status(400).send({ error: 'VALIDATION_FAILED', message: 'Ogiltiga uppgifter i anropet.' });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: 'INTERNAL', message: 'Ett oväntat fel inträffade.' });
  });
}

/**
 * An error as it may appear in a log: a database error keeps its SQLSTATE, constraint and SQL
 * text, never its parameters, message or detail (they quote values: names, personal numbers).
 * Used by the logger's `err` serializer and by job error logging.
 */
export function loggableError(error: unknown): {
  type: string;
  message: string;
  stack: string;
  [key: string]: unknown;
} {
  if (!(error instanceof Error)) return { type: typeof error, message: 'non-Error thrown', stack: '' };
  const cause = error.cause as
    | (Error & PgLikeError & { constraint?: string; table?: string; column?: string })
    | undefined;
  const query = (error as { query?: unknown }).query;
  const ownCode = (error as PgLikeError).code;
  const sqlState = [ownCode, cause?.code].find((c) => typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c));
  const stackFrames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
  if (typeof query === 'string' || sqlState) {
    return {
      type: error.name,
      message: `database error ${sqlState ?? 'unknown'}`,
      sqlState,
      query: typeof query === 'string' ? query : undefined,
      constraint: cause?.constraint,
      table: cause?.table,
      column: cause?.column,
      stack: stackFrames,
    };
  }
  return { type: error.name, message: error.message, code: ownCode, stack: error.stack ?? '' };
}

/** A personal number (10 or 12 digits, optional - or +) standing alone, not part of an id. */
const PERSONAL_NUMBER = /(?<![\w-])(?:\d{2})?\d{6}[-+]?\d{4}(?![\w-])/g;

/**
 * A request URL as it may appear in a log: without the query string (a search can be a name) and
 * with anything shaped like a personal number replaced (ids are UUIDs; a client that looks pupils
 * up by personnummer still must not put them in the log).
 */
export function loggableUrl(url: string): string {
  return url.split('?', 1)[0].replace(PERSONAL_NUMBER, '[personnummer]');
}
