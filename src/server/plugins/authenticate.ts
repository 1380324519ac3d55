/**
 * Resolves `request.actor` from the session cookie and enforces, per matched route, who may call
 * it and CSRF on state-changing requests (synchronizer token: the session's token must come back
 * in the X-CSRF-Token header).
 *
 * Every check reads the matched route's declaration (`routeOptions.config`), never the raw URL:
 * `/%61pi/...` matches the same route as `/api/...` and so meets the same checks. Non-canonical
 * paths are refused with 400 before any route hook runs. The checks run in `onRequest`, before
 * the body is read, so an anonymous or wrong-principal request never gets its body parsed.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions, onRequestHookHandler } from 'fastify';
import { AppError, notFound } from '../errors.js';
import { hasRole } from '../policies/actor.js';
import type { Actor } from '../policies/actor.js';

/**
 * Who may call a route.
 * - `staff` (the default: a route that declares nothing is staff-only): a signed-in staff account;
 *   a region user only where the route also says `allowRegion: true`.
 * - `guardian`: a signed-in guardian account.
 * - `any`: any signed-in account (the session routes).
 * - `public`: no session needed. The route checks its own credential if it has one (a login, a
 *   provider callback token, a Bearer token); the session cookie is not consulted for access.
 */
export type RouteAudience = 'staff' | 'guardian' | 'any' | 'public';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    audience?: RouteAudience;
    /** A region user (aggregates only) may call this staff route; every other route is 404 for them. */
    allowRegion?: boolean;
    /** Require the CSRF token. Default: on for state-changing methods of session routes, off for public routes. */
    csrf?: boolean;
    /** @deprecated use `audience: 'public'`. */
    isPublic?: boolean;
    /** @deprecated use `csrf: false`. */
    skipCsrf?: boolean;
    /** @deprecated use `audience`. */
    principal?: 'staff' | 'guardian' | 'any';
  }
  interface FastifyInstance {
    /** Every registered route with its resolved access (for tests and the security docs). */
    routeAccess: RouteAccess[];
  }
}

export interface RouteAccess {
  method: string;
  url: string;
  audience: RouteAudience;
  allowRegion: boolean;
  csrf: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const AUDIENCES = new Set<RouteAudience>(['staff', 'guardian', 'any', 'public']);

/** The route's access, from its declaration with safe defaults. */
export function accessOf(method: string, config: RouteOptions['config'] = {}): Omit<RouteAccess, 'method' | 'url'> {
  const audience: RouteAudience = config.audience ?? (config.isPublic ? 'public' : (config.principal ?? 'staff'));
  if (!AUDIENCES.has(audience)) throw new Error(`unknown route audience ${String(audience)}`);
  const csrf = config.csrf ?? (config.skipCsrf ? false : audience !== 'public' && !SAFE_METHODS.has(method));
  return { audience, allowRegion: config.allowRegion === true, csrf };
}

/**
 * A path is canonical when decoding changes nothing that routing sees: no percent-encoded
 * unreserved character, separator or percent sign (double encoding), no empty, `.` or `..` segment, no backslash. Anything else
 * is a probe or a broken client; both get 400.
 */
export function isCanonicalPath(url: string): boolean {
  const path = url.split('?', 1)[0];
  if (!path.startsWith('/') || path.includes('\\') || path.includes('//')) return false;
  if (/%(?:[46][1-9a-f]|[57][0-9a]|3[0-9]|2[def]|5[cf]|7e|25|00)/i.test(path)) return false;
  return !path.split('/').some((segment) => segment === '.' || segment === '..');
}

/** The route-bound check: principal kind, the region wall and CSRF, from the matched route's declaration. */
const guardRoute: onRequestHookHandler = async (request) => {
  const access = accessOf(request.method, request.routeOptions.config);
  if (access.audience === 'public') return;
  const actor = request.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Du är inte inloggad.');
  // A region user sees aggregates only: every route not opened to them does not exist.
  if (hasRole(actor, 'region') && access.audience !== 'any' && !access.allowRegion) throw notFound();
  // Staff routes do not exist for a guardian (404, like anything else they may not see).
  if (access.audience === 'staff' && actor.kind === 'guardian') throw notFound();
  if (access.audience === 'guardian' && actor.kind !== 'guardian') {
    throw new AppError('WRONG_PRINCIPAL', 'Sidan är bara för vårdnadshavare.');
  }
  if (access.csrf && request.headers['x-csrf-token'] !== actor.csrfToken) {
    throw new AppError('CSRF_TOKEN_INVALID', 'Sidan behöver laddas om. Försök igen.');
  }
};

/** How a request's session becomes an actor: the auth module provides it (app.ts wires the two). */
export interface SessionResolver {
  cookieName: string;
  /** The actor of a live session, or null for an unknown, expired or idle token. */
  resolveActor: (token: string) => Promise<Actor | null>;
}

/**
 * Registers the hooks. Must run before any route is registered: every route gets the guard as its
 * own first onRequest hook (after the global ones that resolve the actor).
 */
export function installAuthentication(app: FastifyInstance, sessions: SessionResolver): void {
  app.decorateRequest('actor', null);
  app.decorate('routeAccess', [] as RouteAccess[]);
  app.addHook('onRequest', async (request) => {
    if (!isCanonicalPath(request.url)) throw new AppError('VALIDATION_FAILED', 'Ogiltig sökväg.');
    const token = request.cookies[sessions.cookieName];
    if (token) request.actor = await sessions.resolveActor(token);
  });
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      app.routeAccess.push({ method, url: route.url, ...accessOf(method, route.config) });
    const own = route.onRequest ? [route.onRequest].flat() : [];
    route.onRequest = [guardRoute, ...own];
  });
}

/** The actor of an authenticated route (the route guard guarantees it). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Du är inte inloggad.');
  return request.actor;
}

/** Audit context of a request. */
export function auditContextOf(request: FastifyRequest) {
  const actor = actorOf(request);
  return {
    organiserId: actor.organiserId,
    actorUserId: actor.userId,
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
  };
}
