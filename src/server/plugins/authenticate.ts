/**
 * Resolves `request.actor` from the session cookie and enforces CSRF on state-changing requests
 * (synchronizer token: the session's token must come back in the X-CSRF-Token header).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, notFound } from '../errors.js';
import { hasRole } from '../policies/actor.js';
import { isRegionRoute } from '../policies/region.js';
import type { Database } from '../db/client.js';
import type { Actor } from '../policies/actor.js';
import { resolveActorByToken } from '../modules/auth/resolve-actor.js';
import { SESSION_COOKIE } from '../modules/auth/session-token.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Route is reachable without a session. */
    isPublic?: boolean;
    /** Route accepts state-changing calls without a CSRF token (login only). */
    skipCsrf?: boolean;
    /** Which principals may call the route: staff (default), guardian, or any signed-in principal. */
    principal?: 'staff' | 'guardian' | 'any';
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Registers the hooks. Non-API paths (the web app, /healthz) are public. */
export function installAuthentication(app: FastifyInstance, database: Database): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.actor = await resolveActorByToken(database, token);
    // A region user sees aggregates only: every other API path does not exist for them (checked
    // before body validation, so no route answers anything else).
    if (request.actor && hasRole(request.actor, 'region') && request.url.startsWith('/api/') && !request.routeOptions.config?.isPublic
      && !isRegionRoute(request.url)) throw notFound();
  });
  app.addHook('preHandler', async (request) => {
    const config = request.routeOptions.config;
    if (!request.url.startsWith('/api/') || config.isPublic) return;
    if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Du är inte inloggad.');
    const principal = config.principal ?? 'staff';
    if (principal !== 'any' && principal !== request.actor.kind) {
      throw new AppError('WRONG_PRINCIPAL', request.actor.kind === 'guardian' ? 'Sidan är bara för skolans personal.' : 'Sidan är bara för vårdnadshavare.');
    }
    if (!SAFE_METHODS.has(request.method) && !config.skipCsrf && request.headers['x-csrf-token'] !== request.actor.csrfToken) {
      throw new AppError('CSRF_TOKEN_INVALID', 'Sidan behöver laddas om. Försök igen.');
    }
  });
}

/** The actor of an authenticated route (the preHandler guarantees it). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Du är inte inloggad.');
  return request.actor;
}

/** Audit context of a request. */
export function auditContextOf(request: FastifyRequest) {
  const actor = actorOf(request);
  return { organiserId: actor.organiserId, actorUserId: actor.userId, ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}
