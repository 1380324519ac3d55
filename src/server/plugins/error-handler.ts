/**
 * One error handler: stable codes, field paths for bad input, and never a 500 for bad input.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

interface PgLikeError { code?: string }

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
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Malformed JSON, wrong content type and similar client mistakes.
      return reply.status(400).send({ error: 'VALIDATION_FAILED', message: 'Anropet kunde inte tolkas.', details: [{ path: '', message: error.message }] });
    }
    // PostgreSQL constraint errors by SQLSTATE, never by message text.
    if (error.code === '23505') return reply.status(409).send({ error: 'CONFLICT', message: 'Uppgiften finns redan.' });
    if (error.code === '23503' || error.code === '22P02' || error.code === '22007' || error.code === '22008') {
      return reply.status(400).send({ error: 'VALIDATION_FAILED', message: 'Ogiltiga uppgifter i anropet.' });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: 'INTERNAL', message: 'Ett oväntat fel inträffade.' });
  });
}
