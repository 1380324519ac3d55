/** Creates an API token for the organiser; returns the token once (only its hash is kept). */
import { randomUUID } from 'node:crypto';
import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { generateApiToken, hashApiToken, type ApiScope } from '../api-token.js';

export interface CreatedApiToken {
  id: string;
  token: string;
  name: string;
  scopes: ApiScope[];
  createdAt: Date;
}

/**
 * @param input.name a label naming the system that uses the token
 * @param input.origin `ui` or `cli`, recorded in the audit event
 */
export async function createApiToken(
  tx: Tx,
  ctx: AuditContext,
  input: { name: string; scopes: ApiScope[]; origin: 'ui' | 'cli' },
): Promise<CreatedApiToken> {
  const id = randomUUID();
  const token = generateApiToken();
  const scopes = [...new Set(input.scopes)];
  const [row] = await tx
    .insert(schema.apiTokens)
    .values({
      organiserId: ctx.organiserId,
      id,
      name: input.name,
      tokenHash: hashApiToken(token),
      scopes,
      createdByUserId: ctx.actorUserId,
    })
    .returning({ createdAt: schema.apiTokens.createdAt });
  await writeAuditEvent(tx, ctx, {
    type: 'api-token.create',
    apiTokenId: id,
    data: { name: input.name, scopes, origin: input.origin },
  });
  return { id, token, name: input.name, scopes, createdAt: row.createdAt };
}
