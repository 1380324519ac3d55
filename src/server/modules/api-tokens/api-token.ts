/** API token values: 32 random bytes shown once; only their SHA-256 is stored. */
import { createHash, randomBytes } from 'node:crypto';

/** Scopes a token can carry. `ss12000:read` reads `/ss12000/v2.1/…`. */
export const API_SCOPES = ['ss12000:read'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const isApiScope = (value: string): value is ApiScope => (API_SCOPES as readonly string[]).includes(value);

/** A new token: a recognisable prefix (so leaked tokens are easy to find in logs and repositories) and 256 random bits. */
export const generateApiToken = (): string => `narvaro_${randomBytes(32).toString('base64url')}`;

/** Hex SHA-256: a token has 256 bits of entropy, so a fast hash is enough (no password stretching needed). */
export const hashApiToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
