/** Revokes an API token: it stops working at once; the row stays for the audit trail. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { notFound } from '../../../errors.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';

/**
 * @returns whether the token was active (revoking a revoked token changes nothing and is not audited again)
 * @throws API_TOKEN_NOT_FOUND when the organiser has no such token
 */
export async function revokeApiToken(tx: Tx, ctx: AuditContext, id: string): Promise<boolean> {
  const [existing] = await tx
    .select()
    .from(schema.apiTokens)
    .where(and(eq(schema.apiTokens.organiserId, ctx.organiserId), eq(schema.apiTokens.id, id)));
  if (!existing) throw notFound('API_TOKEN_NOT_FOUND', 'API-nyckeln hittades inte.');
  const revoked = await tx
    .update(schema.apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(schema.apiTokens.organiserId, ctx.organiserId),
        eq(schema.apiTokens.id, id),
        isNull(schema.apiTokens.revokedAt),
      ),
    )
    .returning({ id: schema.apiTokens.id });
  if (revoked.length === 0) return false;
  await writeAuditEvent(tx, ctx, { type: 'api-token.revoke', apiTokenId: id, data: { name: existing.name } });
  return true;
}
