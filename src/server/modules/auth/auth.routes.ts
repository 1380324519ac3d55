/** Login, logout and the current user. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LoginRequest, Me, SessionsEnded } from '../../../shared/schemas/auth.js';
import { ErrorResponse } from '../../../shared/schemas/common.js';
import { AppError } from '../../errors.js';
import { abilitiesOf } from './abilities.js';
import type { AppContext } from '../../app-context.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import { logIn } from './commands/log-in.js';
import { logOut } from './commands/log-out.js';
import { logOutOthers } from './commands/log-out-others.js';
import { LoginDelays } from './login-throttle.js';
import { SESSION_COOKIE } from './session-token.js';
import type { Actor } from '../../policies/actor.js';
import { resolveActorByToken } from './resolve-actor.js';
import { endSessionUrlFor, oidcRoutes } from './oidc.routes.js';
import { oidcClientsFor } from './oidc/oidc-client.js';

export async function authRoutes(fastify: FastifyInstance, context: AppContext): Promise<void> {
  const { database, config, clock } = context;
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // Per (username, IP) pair, and a tenfold budget per IP across usernames (LoginDelays explains why).
  const pairDelays = new LoginDelays(database.db, 'login-pair', config.loginAttemptsPerWindow);
  const ipDelays = new LoginDelays(database.db, 'login-ip', config.loginAttemptsPerWindow * 10);
  const oidcClients = oidcClientsFor(config.oidc);
  const presentMe = async (actor: Actor): Promise<Me> => ({
    userId: actor.userId,
    kind: actor.kind,
    locale: actor.locale,
    username: actor.username,
    displayName: actor.displayName,
    roles: actor.roles,
    csrfToken: actor.csrfToken,
    today: clock.today(),
    abilities: abilitiesOf(actor),
    endSessionUrl: await endSessionUrlFor(oidcClients, config.oidc.publicBaseUrl, actor.oidcKind),
  });
  await oidcRoutes(fastify, context, oidcClients);

  app.post(
    '/api/auth/login',
    {
      config: { audience: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Log in with a local account',
        body: LoginRequest,
        response: { 200: Me, 401: ErrorResponse, 403: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const pairKey = `${request.body.username.toLowerCase()}|${request.ip}`;
      const now = clock.now().getTime();
      const waitMs = Math.max(
        ...(await Promise.all([pairDelays.waitMs(pairKey, now), ipDelays.waitMs(request.ip, now)])),
      );
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        reply.header('retry-after', String(seconds));
        throw new AppError(
          'TOO_MANY_LOGIN_ATTEMPTS',
          `För många misslyckade inloggningsförsök. Vänta ${seconds} sekunder och försök igen.`,
        );
      }
      const session = await database.db.transaction((tx) =>
        logIn(tx, {
          ...request.body,
          ip: request.ip,
          userAgent: request.headers['user-agent'],
          // Sessions live in wall-clock time (the session check uses it too), whatever the demo's fixed date.
          now: new Date(),
          sessionTtlHours: config.sessionTtlHours,
        }),
      );
      if (!session.isOk && session.reason === 'local-login-disabled') {
        throw new AppError(
          'LOCAL_LOGIN_DISABLED',
          'Inloggning med lösenord är avstängd hos din huvudman. Logga in med skolkonto eller e-legitimation.',
        );
      }
      if (!session.isOk) {
        await Promise.all([pairDelays.recordFailure(pairKey, now), ipDelays.recordFailure(request.ip, now)]);
        throw new AppError('INVALID_CREDENTIALS', 'Fel användarnamn eller lösenord.');
      }
      await pairDelays.reset(pairKey);
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.isCookieSecure,
        maxAge: config.sessionTtlHours * 3600,
      });
      return presentMe((await resolveActorByToken(database, session.token))!);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { audience: 'any' },
      schema: { tags: ['auth'], summary: 'Log out', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      await database.db.transaction((tx) => logOut(tx, auditContextOf(request), request.cookies[SESSION_COOKIE]!));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/sessions/log-out-others',
    {
      config: { audience: 'any' },
      schema: {
        tags: ['auth'],
        summary: "End the user's other sessions (audited); this one stays",
        response: { 200: SessionsEnded },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const ended = await database.db.transaction((tx) =>
        logOutOthers(tx, { ...auditContextOf(request), actorUserId: actor.userId }, request.cookies[SESSION_COOKIE]!),
      );
      return { ended };
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { audience: 'any' },
      schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: Me, 401: ErrorResponse } },
    },
    async (request) => presentMe(actorOf(request)),
  );
}
