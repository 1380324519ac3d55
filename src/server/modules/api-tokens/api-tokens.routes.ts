/** The organiser administrator's API tokens: list, create (token shown once), revoke. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import type { Tx } from '../../db/client.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import { ErrorResponse, Uuid } from '../../../shared/schemas/common.js';
import {
  ApiTokenListResponse,
  CreateApiTokenBody,
  CreatedApiTokenResponse,
} from '../../../shared/schemas/api-tokens.js';
import { assertApiTokenAdmin } from './api-tokens.policy.js';
import { findApiToken, findCreatorNames, listApiTokens } from './api-tokens.repo.js';
import { presentApiTokens } from './api-tokens.presenter.js';
import { createApiToken } from './commands/create-api-token.js';
import { revokeApiToken } from './commands/revoke-api-token.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/** The organiser's tokens with their creators' names. */
async function tokensOf(tx: Tx, organiserId: string) {
  const rows = await listApiTokens(tx, organiserId);
  return presentApiTokens(rows, await findCreatorNames(tx, organiserId, rows));
}

export async function apiTokenRoutes(fastify: FastifyInstance, { database }: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = database.db;

  app.get(
    '/api/api-tokens',
    {
      schema: {
        tags: ['api-tokens'],
        summary: "The organiser's API tokens (never the tokens themselves)",
        response: { 200: ApiTokenListResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertApiTokenAdmin(actor);
      return { tokens: await tokensOf(db, actor.organiserId) };
    },
  );

  app.post(
    '/api/api-tokens',
    {
      schema: {
        tags: ['api-tokens'],
        summary: 'Create an API token; the answer is the only time the token is shown',
        body: CreateApiTokenBody,
        response: { 201: CreatedApiTokenResponse, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      assertApiTokenAdmin(actor);
      const result = await db.transaction(async (tx) => {
        const created = await createApiToken(tx, auditContextOf(request), {
          name: request.body.name.trim(),
          scopes: request.body.scopes,
          origin: 'ui',
        });
        const row = (await findApiToken(tx, actor.organiserId, created.id))!;
        const [summary] = presentApiTokens([row], await findCreatorNames(tx, actor.organiserId, [row]));
        return { token: created.token, apiToken: summary };
      });
      // The token must not linger in caches or history.
      reply.header('cache-control', 'no-store');
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/api/api-tokens/:id/revoke',
    {
      schema: {
        tags: ['api-tokens'],
        summary: 'Revoke an API token (it stops working at once)',
        params: Type.Object({ id: Uuid }),
        response: { 200: ApiTokenListResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertApiTokenAdmin(actor);
      await db.transaction((tx) => revokeApiToken(tx, auditContextOf(request), request.params.id));
      return { tokens: await tokensOf(db, actor.organiserId) };
    },
  );
}
