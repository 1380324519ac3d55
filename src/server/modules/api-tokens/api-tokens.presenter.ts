/** API token rows → API shape (never the token or its hash). */
import type { ApiTokenSummary } from '../../../shared/schemas/api-tokens.js';
import type { ApiTokenRow } from './token-use.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** @param creatorNames display names by user id (findCreatorNames) */
export function presentApiTokens(rows: ApiTokenRow[], creatorNames: Map<string, string>): ApiTokenSummary[] {
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scopes: r.scopes,
    createdAt: iso(r.createdAt)!,
    createdBy: r.createdByUserId ? (creatorNames.get(r.createdByUserId) ?? null) : null,
    lastUsedAt: iso(r.lastUsedAt),
    revokedAt: iso(r.revokedAt),
  }));
}
