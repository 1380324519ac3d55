/**
 * Single sign-on: GET /api/auth/oidc/<staff|guardian>/login redirects to the identity provider,
 * GET …/callback comes back with the code. Both are public GETs (no session yet, so no CSRF
 * token): the browser-binding cookie and the single-use, server-side `state` / `nonce` / PKCE
 * verifier stand in for it. Every outcome ends in a redirect to the web app; a refusal carries
 * an error code the login page shows in Swedish.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { SignInMethods } from '../../../shared/schemas/auth.js';
import type { AppContext } from '../../app-context.js';
import type { LoginFailureReason } from '../../audit/write-audit-event.js';
import { logInWithOidc, NO_ORGANISER_ID } from './commands/log-in-with-oidc.js';
import { recordLoginFailure } from './commands/log-in.js';
import { beginOidcSignIn, takeOidcSignIn } from './commands/oidc-sign-in.js';
import { OIDC_KINDS, type OidcClient, type OidcClients, type OidcKind } from './oidc/oidc-client.js';
import { newToken, SESSION_COOKIE } from './session-token.js';

const BINDING_COOKIE = 'narvaro_oidc';
const BINDING_PATH = '/api/auth/oidc';
/** Minutes a sign-in at the provider may take. */
const SIGN_IN_MINUTES = 10;

/** Error codes for the login page (src/web/i18n: login.errors.*). */
const REFUSAL_CODES: Record<LoginFailureReason, string> = {
  'unknown-person': 'OIDC_UNKNOWN_PERSON',
  'no-account': 'OIDC_UNKNOWN_PERSON',
  'no-custody': 'OIDC_NO_CUSTODY',
  inactive: 'OIDC_ACCOUNT_DISABLED',
  ambiguous: 'OIDC_AMBIGUOUS',
  'verification-failed': 'OIDC_FAILED',
  'bad-password': 'OIDC_FAILED',
  'local-login-disabled': 'OIDC_FAILED',
};

export async function oidcRoutes(
  fastify: FastifyInstance,
  { database, config }: AppContext,
  clients: OidcClients,
): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const toLoginPage = (reply: FastifyReply, code: string) => reply.redirect(`/login?error=${code}`, 302);

  app.get(
    '/api/auth/oidc/providers',
    {
      config: { audience: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign-in methods offered besides local passwords',
        response: { 200: SignInMethods },
      },
    },
    async () => ({ staff: Boolean(clients.staff), guardian: Boolean(clients.guardian) }),
  );

  for (const kind of OIDC_KINDS) {
    const client = clients[kind];
    if (!client) continue;

    app.get(
      `/api/auth/oidc/${kind}/login`,
      {
        config: { audience: 'public' },
        schema: { tags: ['auth'], summary: `Start signing in through the ${kind} identity provider (302)` },
      },
      async (request, reply) => {
        let started: Awaited<ReturnType<OidcClient['start']>>;
        try {
          started = await client.start();
        } catch (error) {
          request.log.warn({ kind, message: (error as Error).message }, 'OIDC discovery failed');
          return toLoginPage(reply, 'OIDC_UNAVAILABLE');
        }
        const binding = newToken();
        const now = new Date();
        await database.db.transaction((tx) =>
          beginOidcSignIn(tx, {
            binding,
            kind,
            checks: started.checks,
            now,
            expiresAt: new Date(now.getTime() + SIGN_IN_MINUTES * 60_000),
          }),
        );
        reply.setCookie(BINDING_COOKIE, binding, {
          path: BINDING_PATH,
          httpOnly: true,
          sameSite: 'lax',
          secure: config.isCookieSecure,
          maxAge: SIGN_IN_MINUTES * 60,
        });
        return reply.redirect(started.url, 302);
      },
    );

    app.get(
      `/api/auth/oidc/${kind}/callback`,
      {
        config: { audience: 'public' },
        schema: {
          tags: ['auth'],
          summary: `Return from the ${kind} identity provider; opens the session (302 to the web app)`,
        },
      },
      async (request, reply) => {
        const binding = request.cookies[BINDING_COOKIE];
        reply.clearCookie(BINDING_COOKIE, { path: BINDING_PATH });
        const input = {
          ip: request.ip,
          userAgent: request.headers['user-agent'],
          now: new Date(),
          sessionTtlHours: config.sessionTtlHours,
        };
        const refuse = async (reason: LoginFailureReason, message: string) => {
          request.log.warn({ kind, reason, message }, 'OIDC sign-in refused');
          await database.db.transaction((tx) =>
            recordLoginFailure(tx, input, NO_ORGANISER_ID, null, { reason, provider: `oidc-${kind}` }),
          );
          return toLoginPage(reply, REFUSAL_CODES[reason]);
        };
        // Single use: the row goes whatever happens next.
        const checks = binding ? await database.db.transaction((tx) => takeOidcSignIn(tx, binding, kind)) : undefined;
        const query = request.query as Record<string, string | undefined>;
        if (query.error) return toLoginPage(reply, 'OIDC_CANCELLED');
        if (!checks) return refuse('verification-failed', 'no sign-in in progress in this browser');
        let verified: Awaited<ReturnType<OidcClient['finish']>>;
        try {
          verified = await client.finish(callbackUrl(client, request), checks);
        } catch (error) {
          // The message names the failed check (state, nonce, signature, exp); never the claims.
          return refuse('verification-failed', (error as Error).message);
        }
        const result = await database.db.transaction((tx) =>
          logInWithOidc(tx, {
            ...input,
            kind,
            issuer: String(verified.claims.iss),
            subject: verified.subject,
            claims: verified.claims,
            claimName: client.claimName,
            subjectHashKey: client.subjectHashKey,
          }),
        );
        if (!result.isOk) return toLoginPage(reply, REFUSAL_CODES[result.reason ?? 'verification-failed']);
        reply.setCookie(SESSION_COOKIE, result.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: config.isCookieSecure,
          maxAge: config.sessionTtlHours * 3600,
        });
        return reply.redirect('/', 302);
      },
    );
  }
}

/** The callback URL as registered, with the provider's query (code, state, iss). */
function callbackUrl(client: OidcClient, request: FastifyRequest): URL {
  const url = new URL(client.redirectUri);
  url.search = new URL(request.url, 'http://callback.invalid').search;
  return url;
}

/** Where the web app sends the browser after logout to end the provider's session, if it can. */
export async function endSessionUrlFor(
  clients: OidcClients,
  publicBaseUrl: string | undefined,
  oidcKind: string | null | undefined,
): Promise<string | undefined> {
  const client = OIDC_KINDS.find((k) => k === oidcKind) ? clients[oidcKind as OidcKind] : undefined;
  if (!client || !publicBaseUrl) return undefined;
  try {
    return (await client.endSessionUrl(`${publicBaseUrl}/login`)) ?? undefined;
  } catch {
    return undefined;
  }
}
