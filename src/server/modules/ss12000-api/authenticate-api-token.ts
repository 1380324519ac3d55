/**
 * Bearer API tokens for the SS12000 routes. The hook is added inside the SS12000 plugin, so it
 * runs only for the routes that plugin matched, and each route names the scope it needs in its
 * config; nothing depends on the raw URL.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { hashApiToken, type ApiScope } from '../api-tokens/api-token.js';
import { unsafeFindActiveApiTokenByHash, type ApiTokenRow } from '../api-tokens/token-use.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The API token of an SS12000 call (set by the route's hook). */
    apiToken: ApiTokenRow | null;
  }
  interface FastifyContextConfig {
    /** The API token scope the route needs; a route in a token-authenticated plugin without one answers 401. */
    apiScope?: ApiScope;
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** An `onRequest` hook: resolves `request.apiToken` or answers 401 `API_TOKEN_INVALID`. */
export function apiTokenHook(database: Database) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    // The scope's not-found handler: nothing to protect, it answers 404.
    if (request.is404) return;
    const scope = request.routeOptions.config.apiScope;
    const match = BEARER.exec(request.headers.authorization ?? '');
    const token = match ? await unsafeFindActiveApiTokenByHash(database.db, hashApiToken(match[1])) : undefined;
    // Unknown, revoked and out-of-scope tokens get the same answer: no hint which one it was.
    if (!scope || !token || !token.scopes.includes(scope)) {
      reply.header('www-authenticate', 'Bearer realm="narvaro-ss12000"');
      throw new AppError('API_TOKEN_INVALID', 'Ogiltig eller saknad API-nyckel (Authorization: Bearer …).');
    }
    request.apiToken = token;
  };
}

/** The token of a route behind `apiTokenHook`. */
export function apiTokenOf(request: FastifyRequest): ApiTokenRow {
  if (!request.apiToken)
    throw new AppError('API_TOKEN_INVALID', 'Ogiltig eller saknad API-nyckel (Authorization: Bearer …).');
  return request.apiToken;
}
