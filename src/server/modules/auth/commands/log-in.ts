import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type LoginFailureReason } from '../../../audit/write-audit-event.js';
import type { AuthenticationProvider, UserRow } from '../providers/authentication-provider.js';
import { localPasswordProvider } from '../providers/local-password.js';
import { hashToken, newToken } from '../session-token.js';
import { isLocalLoginAllowed } from '../auth.repo.js';

/** Where and when a session is opened, whichever provider vouched for the login. */
export interface SessionInput {
  ip: string;
  userAgent?: string;
  now: Date;
  sessionTtlHours: number;
}

export interface LogInInput extends SessionInput {
  username: string;
  password: string;
}

export type LogInResult =
  | { isOk: true; token: string; userId: string; organiserId: string }
  | { isOk: false; reason?: LoginFailureReason };

/**
 * Verifies credentials and opens a session. A failure is a result, not an exception, so the
 * failed-login audit row commits; the caller answers INVALID_CREDENTIALS (same for unknown users).
 * A correct password of an organiser that has turned local passwords off is refused
 * (`local-login-disabled`); the system administrator always may.
 * @returns the cookie token (only ever sent to the browser) on success.
 */
export async function logIn(
  tx: Tx,
  input: LogInInput,
  provider: AuthenticationProvider = localPasswordProvider,
): Promise<LogInResult> {
  const result = await provider.authenticate(tx, input);
  if (!result.isOk) {
    if (result.user) {
      await recordLoginFailure(tx, input, result.user.organiserId, result.user.id, {
        reason: result.reason === 'inactive' ? 'inactive' : 'bad-password',
      });
    }
    return { isOk: false };
  }
  if (!(await isLocalLoginAllowed(tx, result.user))) {
    await recordLoginFailure(tx, input, result.user.organiserId, result.user.id, { reason: 'local-login-disabled' });
    return { isOk: false, reason: 'local-login-disabled' };
  }
  return openSession(tx, result.user, input, provider.id);
}

/** A session for an authenticated, active account, and the `auth.login` audit event. */
export async function openSession(
  tx: Tx,
  user: UserRow,
  input: SessionInput,
  providerId: string,
  oidcKind: string | null = null,
): Promise<LogInResult & { isOk: true }> {
  const token = newToken();
  await tx.insert(schema.sessions).values({
    tokenHash: hashToken(token),
    organiserId: user.organiserId,
    userId: user.id,
    csrfToken: randomUUID(),
    expiresAt: new Date(input.now.getTime() + input.sessionTtlHours * 3600_000),
    oidcKind,
  });
  await tx
    .update(schema.users)
    .set({ lastLoginAt: input.now })
    .where(and(eq(schema.users.organiserId, user.organiserId), eq(schema.users.id, user.id)));
  await writeAuditEvent(
    tx,
    { organiserId: user.organiserId, actorUserId: user.id, ip: input.ip, userAgent: input.userAgent },
    { type: 'auth.login', data: { username: user.username, kind: user.kind, provider: providerId } },
  );
  return { isOk: true, token, userId: user.id, organiserId: user.organiserId };
}

/** The refusal in the organiser's trail (or the no-organiser trail when nobody was recognised). */
export async function recordLoginFailure(
  tx: Tx,
  input: Pick<SessionInput, 'ip' | 'userAgent'>,
  organiserId: string,
  userId: string | null,
  data: { reason: LoginFailureReason; provider?: string; subjectHash?: string },
): Promise<void> {
  await writeAuditEvent(
    tx,
    { organiserId, actorUserId: userId, ip: input.ip, userAgent: input.userAgent },
    { type: 'auth.login-failed', data },
  );
}
