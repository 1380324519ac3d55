/**
 * buildApp: the whole HTTP application, used by main.ts and by tests through `inject`.
 */
import fs from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import type { AppContext } from './app-context.js';
import { installErrorHandler, loggableError, loggableUrl } from './plugins/error-handler.js';
import { installAuthentication } from './plugins/authenticate.js';
import { resolveActorByToken } from './modules/auth/resolve-actor.js';
import { SESSION_COOKIE } from './modules/auth/session-token.js';
import {
  clientErrorHandler,
  frameworkErrors,
  installDocumentedErrors,
  installInputGuard,
  installSecurityHeaders,
} from './plugins/http-hardening.js';
import { ErrorResponse } from '../shared/schemas/common.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { routeModules } from './modules/index.js';
import type { JobQueue } from './jobs/queue.js';
import { InProcessQueue } from './jobs/in-process-queue.js';
import { registerJobHandlers } from './job-registry.js';

/**
 * Builds the application around an open, migrated database. Without a job queue (tests) the app
 * runs its background jobs in process and waits for them when it closes.
 */
export async function buildApp(
  options: Omit<AppContext, 'jobs'> & { jobs?: JobQueue; logStream?: DestinationStream },
): Promise<FastifyInstance> {
  const context: AppContext = { ...options, jobs: options.jobs ?? (await inProcessJobs(options)) };
  const app = Fastify({
    logger:
      context.config.logLevel === 'silent'
        ? false
        : {
            level: context.config.logLevel,
            // Never log credentials, cookies or bodies (they can hold personal numbers).
            redact: [
              'req.headers.cookie',
              'req.headers["x-csrf-token"]',
              'res.headers["set-cookie"]',
              'req.headers.authorization',
              '*.params',
              '*.body',
            ],
            // Errors without SQL parameters or values; request URLs without the query string or personal numbers.
            serializers: {
              err: loggableError,
              req: (req) => ({ method: req.method, url: loggableUrl(req.url), remoteAddress: req.ip }),
            },
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
    // Small bodies everywhere; the SS12000 upload streams its files to disk under its own limits.
    bodyLimit: 1024 * 1024,
    // A hop count is supported at runtime; Fastify's types only leave it out.
    trustProxy: context.config.trustProxy as boolean | string,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    frameworkErrors,
    clientErrorHandler,
  });
  installErrorHandler(app);
  await installSecurityHeaders(app, { isHstsEnabled: context.config.isHstsEnabled });
  installInputGuard(app);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: context.config.importMaxFileBytes, files: 20 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Närvaro API',
        version: '0.1.0',
        description: 'Attendance registration, absence measures and follow-up.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'narvaro_session' } } },
      security: [{ session: [] }],
    },
  });
  installAuthentication(app, {
    cookieName: SESSION_COOKIE,
    resolveActor: (token) => resolveActorByToken(context.database, token, context.config.sessionIdleMinutes),
  });
  installDocumentedErrors(app, ErrorResponse);

  app.get('/healthz', { config: { audience: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/api/openapi.json', { config: { audience: 'public' }, schema: { hide: true } }, async () => app.swagger());

  await app.register(async (scope) => authRoutes(scope, context));
  for (const register of routeModules) await app.register(async (scope) => register(scope, context));

  await serveWebApp(app, context.config.webDistDir);
  if (!options.jobs) app.addHook('onClose', () => context.jobs.stop());
  return app;
}

async function inProcessJobs({ database, clock, config }: Omit<AppContext, 'jobs'>): Promise<JobQueue> {
  const queue = new InProcessQueue((message, error) => console.error(message, loggableError(error)));
  registerJobHandlers(queue, database, clock, config, (message, error) => console.error(message, loggableError(error)));
  await queue.start();
  return queue;
}

/** Serves the built React app with a fallback to index.html for client-side routes. */
async function serveWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  const hasWebApp = fs.existsSync(`${distDir}/index.html`);
  // The bundle's files are public; every route registered in this scope says so.
  if (hasWebApp)
    await app.register(async (scope) => {
      scope.addHook('onRoute', (route) => {
        route.config = { ...route.config, audience: 'public' };
      });
      await scope.register(fastifyStatic, { root: distDir, wildcard: false });
    });
  app.setNotFoundHandler((request, reply) => {
    // (reply.sendFile lives in the static scope; the fallback reads the file itself.)
    if (hasWebApp && request.method === 'GET' && !request.url.startsWith('/api/'))
      return reply.type('text/html; charset=utf-8').send(fs.createReadStream(`${distDir}/index.html`));
    return reply.status(404).send({ error: 'NOT_FOUND', message: 'Hittades inte.' });
  });
}
