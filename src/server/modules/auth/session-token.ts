/** Session tokens: the cookie holds a random token, the database only its SHA-256. */
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'narvaro_session';
export const newToken = (): string => randomBytes(32).toString('base64url');
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
