import { randomUUID } from 'node:crypto';
import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent } from '../../../audit/write-audit-event.js';
import type { AuthenticationProvider } from '../providers/authentication-provider.js';
import { localPasswordProvider } from '../providers/local-password.js';
import { hashToken, newToken } from '../session-token.js';

export interface LogInInput {
  username: string;
  password: string;
  ip: string;
  userAgent?: string;
  now: Date;
  sessionTtlHours: number;
}

export type LogInResult = { isOk: true; token: string; userId: string; organiserId: string } | { isOk: false };

/**
 * Verifies credentials and opens a session. A failure is a result, not an exception, so the
 * failed-login audit row commits; the caller answers INVALID_CREDENTIALS (same for unknown users).
 * @returns the cookie token (only ever sent to the browser) on success.
 */
export async function logIn(tx: Tx, input: LogInInput, provider: AuthenticationProvider = localPasswordProvider): Promise<LogInResult> {
  const result = await provider.authenticate(tx, input);
  if (!result.isOk) {
    if (result.user) {
      await writeAuditEvent(tx, { organiserId: result.user.organiserId, actorUserId: result.user.id, ip: input.ip, userAgent: input.userAgent },
        { type: 'auth.login-failed', data: { reason: result.reason === 'inactive' ? 'inactive' : 'bad-password' } });
    }
    return { isOk: false };
  }
  const { user } = result;
  const token = newToken();
  await tx.insert(schema.sessions).values({
    tokenHash: hashToken(token),
    organiserId: user.organiserId,
    userId: user.id,
    csrfToken: randomUUID(),
    expiresAt: new Date(input.now.getTime() + input.sessionTtlHours * 3600_000),
  });
  await writeAuditEvent(tx, { organiserId: user.organiserId, actorUserId: user.id, ip: input.ip, userAgent: input.userAgent },
    { type: 'auth.login', data: { username: user.username, kind: user.kind, provider: provider.id } });
  return { isOk: true, token, userId: user.id, organiserId: user.organiserId };
}
