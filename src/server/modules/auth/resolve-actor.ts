import type { Database } from '../../db/client.js';
import type { Actor } from '../../policies/actor.js';
import { findLiveSession } from './auth.repo.js';
import { hashToken } from './session-token.js';

/** The actor behind a session cookie token; null when the session is missing, expired or idle too long. */
export async function resolveActorByToken(
  database: Database,
  token: string,
  idleMinutes?: number,
): Promise<Actor | null> {
  const found = await findLiveSession(database.db, hashToken(token), new Date(), idleMinutes);
  if (!found) return null;
  const { session, user, roles } = found;
  return {
    kind: user.kind === 'guardian' ? 'guardian' : 'staff',
    locale: user.locale,
    userId: user.id,
    organiserId: user.organiserId,
    username: user.username,
    displayName: user.displayName,
    personId: user.personId,
    // A guardian account never carries staff roles, whatever the table says.
    roles: user.kind === 'guardian' ? [] : roles,
    csrfToken: session.csrfToken,
    oidcKind: session.oidcKind,
  };
}
