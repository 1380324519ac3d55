/** API token rows. The token itself is never stored or returned after creation. */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { schema, type Tx } from '../../db/client.js';
import type { ApiTokenRow } from './token-use.js';

/** The organiser's tokens, newest first (revoked ones too, so the list shows the history). */
export async function listApiTokens(tx: Tx, organiserId: string): Promise<ApiTokenRow[]> {
  return tx
    .select()
    .from(schema.apiTokens)
    .where(eq(schema.apiTokens.organiserId, organiserId))
    .orderBy(desc(schema.apiTokens.createdAt));
}

export async function findApiToken(tx: Tx, organiserId: string, id: string): Promise<ApiTokenRow | undefined> {
  const [row] = await tx
    .select()
    .from(schema.apiTokens)
    .where(and(eq(schema.apiTokens.organiserId, organiserId), eq(schema.apiTokens.id, id)));
  return row;
}

/** Display names of the users who created the tokens (one query). */
export async function findCreatorNames(tx: Tx, organiserId: string, rows: ApiTokenRow[]): Promise<Map<string, string>> {
  const creatorIds = [...new Set(rows.map((r) => r.createdByUserId).filter((id): id is string => id !== null))];
  if (creatorIds.length === 0) return new Map();
  const creators = await tx
    .select({ id: schema.users.id, displayName: schema.users.displayName })
    .from(schema.users)
    .where(and(eq(schema.users.organiserId, organiserId), inArray(schema.users.id, creatorIds)));
  return new Map(creators.map((c) => [c.id, c.displayName]));
}
