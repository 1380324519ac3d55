/** The organiser administrator's API tokens: list, create (token shown once), revoke. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { inArray, and, eq } from 'drizzle-orm';
import type { AppContext } from '../../app-context.js';
import { schema, type Tx } from '../../db/client.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import { ErrorResponse, Uuid } from '../../../shared/schemas/common.js';
import {
  ApiTokenListResponse,
  CreateApiTokenBody,
  CreatedApiTokenResponse,
  type ApiTokenSummary,
} from '../../../shared/schemas/api-tokens.js';
import { assertApiTokenAdmin } from './api-tokens.policy.js';
import { findApiToken, listApiTokens } from './api-tokens.repo.js';
import type { ApiTokenRow } from './token-use.js';
import { createApiToken } from './commands/create-api-token.js';
import { revokeApiToken } from './commands/revoke-api-token.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Rows → API shape, with the creators' display names (one query). */
async function presentApiTokens(tx: Tx, organiserId: string, rows: ApiTokenRow[]): Promise<ApiTokenSummary[]> {
  const creatorIds = [...new Set(rows.map((r) => r.createdByUserId).filter((id): id is string => id !== null))];
  const creators =
    creatorIds.length === 0
      ? []
      : await tx
          .select({ id: schema.users.id, displayName: schema.users.displayName })
          .from(schema.users)
          .where(and(eq(schema.users.organiserId, organiserId), inArray(schema.users.id, creatorIds)));
  const nameOf = new Map(creators.map((c) => [c.id, c.displayName]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scopes: r.scopes,
    createdAt: iso(r.createdAt)!,
    createdBy: r.createdByUserId ? (nameOf.get(r.createdByUserId) ?? null) : null,
    lastUsedAt: iso(r.lastUsedAt),
    revokedAt: iso(r.revokedAt),
  }));
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
      return { tokens: await presentApiTokens(db, actor.organiserId, await listApiTokens(db, actor.organiserId)) };
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
        const [summary] = await presentApiTokens(tx, actor.organiserId, [
          (await findApiToken(tx, actor.organiserId, created.id))!,
        ]);
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
      return { tokens: await presentApiTokens(db, actor.organiserId, await listApiTokens(db, actor.organiserId)) };
    },
  );
}
