/**
 * Transport-level protections (issue 15, items 5, 8 and 13): security headers, no caching of
 * anything the API answers, NUL bytes and out-of-range numbers refused before validation, and
 * Fastify's own error bodies in the `{ error, message }` shape without echoing the request.
 */
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';
import { AppError } from '../errors.js';
import { accessOf } from './authenticate.js';

/** The largest number a request may carry: PostgreSQL's integer (no input field needs more). */
export const MAX_INPUT_NUMBER = 2_147_483_647;

/**
 * CSP without inline script or style (the Vite bundle has neither), no framing, no MIME
 * sniffing, no referrer (URLs carry pupil ids), HSTS only when served over HTTPS. Every response
 * without its own Cache-Control (the bundle's static files set one) is `no-store`: API JSON, CSV
 * and PDF hold personal data.
 */
export async function installSecurityHeaders(app: FastifyInstance, options: { isHstsEnabled: boolean }): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: options.isHstsEnabled ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}

/**
 * Refuses NUL characters anywhere in the parameters, query or body (PostgreSQL cannot store them
 * in text) and numbers beyond {@link MAX_INPUT_NUMBER}, before schema validation, with 400.
 * Iterative, so a deeply nested body cannot exhaust the stack.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const stack: unknown[] = [request.params, request.query, request.body];
    while (stack.length > 0) {
      const value = stack.pop();
      if (typeof value === 'string') {
        if (value.includes('\u0000')) throw new AppError('VALIDATION_FAILED', 'Ogiltigt tecken (NUL) i anropet.');
      } else if (typeof value === 'number') {
        if (!Number.isFinite(value) || Math.abs(value) > MAX_INPUT_NUMBER)
          throw new AppError('VALIDATION_FAILED', 'Ett tal i anropet är för stort.');
      } else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
        for (const [key, inner] of Object.entries(value)) stack.push(key, inner);
      }
    }
  });
}

const send = (reply: FastifyReply, status: number, error: string, message: string) =>
  reply.status(status).send({ error, message });

/** Fastify's own routing errors (a malformed URL): 400 in the usual shape, the URL not echoed. */
export function frameworkErrors(error: Error & { code?: string }, _request: FastifyRequest, reply: FastifyReply): void {
  send(
    reply,
    400,
    'VALIDATION_FAILED',
    error.code === 'FST_ERR_BAD_URL' ? 'Ogiltig sökväg.' : 'Anropet kunde inte tolkas.',
  );
}

/** HTTP parse errors before any request exists (Node's parser): the usual shape, then close. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code, text] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'HEADERS_TOO_LARGE', 'Request Header Fields Too Large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'REQUEST_TIMEOUT', 'Request Timeout']
        : [400, 'VALIDATION_FAILED', 'Bad Request'];
  const body = JSON.stringify({ error: code, message: 'Anropet kunde inte tolkas.' });
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * Adds the error statuses every route can answer to its schema (and so to the OpenAPI document),
 * with the error shape: 400 (bad input, non-canonical path) and 404 everywhere; 401 and 403 on
 * session routes; 409, 413 and 415 on state-changing routes. A route's own entries win. Must run
 * before routes are registered.
 */
export function installDocumentedErrors(app: FastifyInstance, errorSchema: unknown): void {
  app.addHook('onRoute', (route) => {
    if (!route.schema || route.schema.hide) return;
    const methods = [route.method].flat();
    const isStateChanging = methods.some((m) => !['GET', 'HEAD', 'OPTIONS'].includes(m));
    const access = accessOf(methods[0], route.config);
    const statuses = [
      400,
      404,
      ...(access.audience === 'public' ? [] : [401, 403]),
      ...(isStateChanging ? [409, 413, 415] : []),
    ];
    const own = (route.schema.response ?? {}) as Record<string, unknown>;
    route.schema = {
      ...route.schema,
      response: { ...Object.fromEntries(statuses.map((s) => [s, errorSchema])), ...own },
    };
  });
}
