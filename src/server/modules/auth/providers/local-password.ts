/** Local accounts: username + argon2id password, for staff and (in the demo) guardians. */
import { findUserByUsername } from '../auth.repo.js';
import { DUMMY_HASH, verifyPassword } from '../passwords.js';
import type { AuthenticationProvider } from './authentication-provider.js';

export const localPasswordProvider: AuthenticationProvider = {
  id: 'local-password',
  async authenticate(tx, { username, password }) {
    const user = await findUserByUsername(tx, username);
    // Verify against a dummy hash for unknown users, so timing does not reveal which exist.
    const isPasswordOk = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
    if (!user) return { isOk: false, user: null, reason: 'unknown' };
    if (!isPasswordOk) return { isOk: false, user, reason: 'bad-password' };
    if (!user.isActive) return { isOk: false, user, reason: 'inactive' };
    return { isOk: true, user };
  },
};
