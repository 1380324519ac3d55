/** API tokens for other systems (SS12000 read): request and response shapes. */
import { Type, type Static } from 'typebox';
import { Uuid } from './common.js';

export const ApiTokenScope = Type.Union([Type.Literal('ss12000:read')]);

export const ApiTokenSummary = Type.Object({
  id: Uuid,
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  /** Display name of the creator; null when made with the CLI. */
  createdBy: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type ApiTokenSummary = Static<typeof ApiTokenSummary>;

export const ApiTokenListResponse = Type.Object({ tokens: Type.Array(ApiTokenSummary) });
export type ApiTokenListResponse = Static<typeof ApiTokenListResponse>;

export const CreateApiTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
    scopes: Type.Array(ApiTokenScope, { minItems: 1, maxItems: 1 }),
  },
  { additionalProperties: false },
);
export type CreateApiTokenBody = Static<typeof CreateApiTokenBody>;

/** The token is in this answer only; it cannot be read again. */
export const CreatedApiTokenResponse = Type.Object({ token: Type.String(), apiToken: ApiTokenSummary });
export type CreatedApiTokenResponse = Static<typeof CreatedApiTokenResponse>;
