import { randomUUID } from 'node:crypto';
import { schema, type Tx } from '../../../db/client.js';
import { AppError } from '../../../errors.js';
import { writeAuditEvent } from '../../../audit/write-audit-event.js';
import { findUserByUsername } from '../auth.repo.js';
import { DUMMY_HASH, verifyPassword } from '../passwords.js';
import { hashToken, newToken } from '../session-token.js';

export interface LogInInput {
  username: string;
  password: string;
  ip: string;
  userAgent?: string;
  now: Date;
  sessionTtlHours: number;
}

/**
 * Verifies credentials and opens a session.
 * @returns the cookie token (only ever sent to the browser) and the session's CSRF token.
 * @throws AppError INVALID_CREDENTIALS with the same message whether the user exists or not.
 */
export async function logIn(tx: Tx, input: LogInInput): Promise<{ token: string; userId: string; organiserId: string }> {
  const user = await findUserByUsername(tx, input.username);
  const isPasswordOk = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, input.password);
  if (!user || !isPasswordOk || !user.isActive) {
    if (user) {
      await writeAuditEvent(tx, { organiserId: user.organiserId, actorUserId: user.id, ip: input.ip, userAgent: input.userAgent },
        { type: 'auth.login-failed', data: { reason: user.isActive ? 'bad-password' : 'inactive' } });
    }
    throw new AppError('INVALID_CREDENTIALS', 'Fel användarnamn eller lösenord.');
  }
  const token = newToken();
  await tx.insert(schema.sessions).values({
    tokenHash: hashToken(token),
    organiserId: user.organiserId,
    userId: user.id,
    csrfToken: randomUUID(),
    expiresAt: new Date(input.now.getTime() + input.sessionTtlHours * 3600_000),
  });
  await writeAuditEvent(tx, { organiserId: user.organiserId, actorUserId: user.id, ip: input.ip, userAgent: input.userAgent },
    { type: 'auth.login', data: { username: user.username } });
  return { token, userId: user.id, organiserId: user.organiserId };
}
