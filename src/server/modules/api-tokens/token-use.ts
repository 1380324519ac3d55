/** What the SS12000 API needs of the api-tokens module: find the token behind a bearer value, record its use. */
import { and, eq, isNull } from 'drizzle-orm';
import { schema, type Tx } from '../../db/client.js';

export type ApiTokenRow = typeof schema.apiTokens.$inferSelect;

/**
 * The active token with this hash, in any organiser. Unscoped on purpose: the bearer token is
 * what tells us the organiser, so the lookup comes before any tenant is known.
 */
export async function unsafeFindActiveApiTokenByHash(tx: Tx, tokenHash: string): Promise<ApiTokenRow | undefined> {
  const [row] = await tx
    .select()
    .from(schema.apiTokens)
    .where(and(eq(schema.apiTokens.tokenHash, tokenHash), isNull(schema.apiTokens.revokedAt)));
  return row;
}

/** Records a use; called in the transaction that answers the call. */
export async function touchApiToken(tx: Tx, organiserId: string, id: string, now: Date): Promise<void> {
  await tx
    .update(schema.apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(schema.apiTokens.organiserId, organiserId), eq(schema.apiTokens.id, id)));
}
