/**
 * A sign-in through an identity provider in progress: its checks (state, nonce, PKCE verifier) are
 * kept under the hash of a browser-bound cookie until the provider sends the user back, then used once.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { hashToken } from '../session-token.js';
import type { OidcChecks } from '../oidc/oidc-client.js';

/** Keeps the checks until `expiresAt`; sign-ins that were never finished are cleared on the way. */
export async function beginOidcSignIn(
  tx: Tx,
  input: { binding: string; kind: string; checks: OidcChecks; now: Date; expiresAt: Date },
): Promise<void> {
  await tx.delete(schema.oidcLogins).where(lt(schema.oidcLogins.expiresAt, input.now));
  await tx.insert(schema.oidcLogins).values({
    bindingHash: hashToken(input.binding),
    kind: input.kind,
    ...input.checks,
    expiresAt: input.expiresAt,
  });
}

/** Single use: the row goes whatever happens next. @returns the checks, or undefined (none, expired, other kind). */
export async function takeOidcSignIn(tx: Tx, binding: string, kind: string) {
  const [checks] = await tx
    .delete(schema.oidcLogins)
    .where(
      and(
        eq(schema.oidcLogins.bindingHash, hashToken(binding)),
        eq(schema.oidcLogins.kind, kind),
        sql`${schema.oidcLogins.expiresAt} > now()`,
      ),
    )
    .returning();
  return checks;
}
