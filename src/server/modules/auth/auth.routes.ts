/** Login, logout and the current user. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LoginRequest, Me } from '../../../shared/schemas/auth.js';
import { ErrorResponse } from '../../../shared/schemas/common.js';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../app-context.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import { logIn } from './commands/log-in.js';
import { logOut } from './commands/log-out.js';
import { LoginThrottle } from './login-throttle.js';
import { SESSION_COOKIE } from './session-token.js';
import type { Actor } from '../../policies/actor.js';
import { resolveActorByToken } from './resolve-actor.js';
import { endSessionUrlFor, oidcRoutes } from './oidc.routes.js';
import { oidcClientsFor } from './oidc/oidc-client.js';

export async function authRoutes(fastify: FastifyInstance, context: AppContext): Promise<void> {
  const { database, config, clock } = context;
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const throttle = new LoginThrottle(config.loginAttemptsPerWindow);
  const oidcClients = oidcClientsFor(config.oidc);
  const presentMe = async (actor: Actor): Promise<Me> => ({
    userId: actor.userId, kind: actor.kind, locale: actor.locale, username: actor.username, displayName: actor.displayName,
    roles: actor.roles, csrfToken: actor.csrfToken, today: clock.today(),
    endSessionUrl: await endSessionUrlFor(oidcClients, config.oidc.publicBaseUrl, actor.oidcKind),
  });
  await oidcRoutes(fastify, context, oidcClients);

  app.post('/api/auth/login', {
    config: { audience: 'public' },
    schema: { tags: ['auth'], summary: 'Log in with a local account', body: LoginRequest, response: { 200: Me, 401: ErrorResponse, 403: ErrorResponse, 429: ErrorResponse } },
  }, async (request, reply) => {
    const throttleKey = `${request.body.username.toLowerCase()}|${request.ip}`;
    if (throttle.isBlocked(throttleKey)) {
      throw new AppError('TOO_MANY_LOGIN_ATTEMPTS', 'För många misslyckade inloggningsförsök. Vänta 15 minuter och försök igen.');
    }
    const session = await database.db.transaction((tx) => logIn(tx, {
      ...request.body, ip: request.ip, userAgent: request.headers['user-agent'],
      // Sessions live in wall-clock time (the session check uses it too), whatever the demo's fixed date.
      now: new Date(), sessionTtlHours: config.sessionTtlHours,
    }));
    if (!session.isOk && session.reason === 'local-login-disabled') {
      throw new AppError('LOCAL_LOGIN_DISABLED', 'Inloggning med lösenord är avstängd hos din huvudman. Logga in med skolkonto eller e-legitimation.');
    }
    if (!session.isOk) {
      throttle.recordFailure(throttleKey);
      throw new AppError('INVALID_CREDENTIALS', 'Fel användarnamn eller lösenord.');
    }
    throttle.reset(throttleKey);
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/', httpOnly: true, sameSite: 'lax', secure: config.isCookieSecure, maxAge: config.sessionTtlHours * 3600,
    });
    return presentMe((await resolveActorByToken(database, session.token))!);
  });

  app.post('/api/auth/logout', {
    config: { audience: 'any' },
    schema: { tags: ['auth'], summary: 'Log out', response: { 204: Type.Null() } },
  }, async (request, reply) => {
    await database.db.transaction((tx) => logOut(tx, auditContextOf(request), request.cookies[SESSION_COOKIE]!));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/api/auth/me', {
    config: { audience: 'any' },
    schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: Me, 401: ErrorResponse } },
  }, async (request) => presentMe(actorOf(request)));
}
