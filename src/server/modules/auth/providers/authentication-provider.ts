/**
 * How a person proves who they are. Sessions, CSRF and principals are the same whichever
 * provider vouched for the login; a provider only maps credentials (or an identity-provider
 * response) to an account. Local passwords now; BankID and Freja eID through an OIDC broker
 * later (docs/authentication.md describes the mapping), without touching the session code.
 */
import type { Tx } from '../../../db/client.js';
import type { schema } from '../../../db/client.js';

export type UserRow = typeof schema.users.$inferSelect;

export type AuthenticationResult =
  | { isOk: true; user: UserRow }
  /** `user` is set when the account exists, so the failure can be audited on its tenant. */
  | { isOk: false; user: UserRow | null; reason: 'bad-password' | 'inactive' | 'unknown' };

export interface AuthenticationProvider {
  /** Stable provider id, e.g. 'local-password', later 'oidc-bankid', 'oidc-freja'. */
  readonly id: string;
  authenticate(tx: Tx, credentials: { username: string; password: string }): Promise<AuthenticationResult>;
}
