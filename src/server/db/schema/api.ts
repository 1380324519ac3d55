/** API tokens for other systems (SS12000 read) and the organiser's full-export files. */
import { customType, jsonb, pgTable, primaryKey, text, timestamp, uuid, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, entityColumns, entityPrimaryKey, organiserId } from './columns.js';

/** Binary column; node-postgres needs a Buffer (a Uint8Array view of the same bytes). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * A bearer token another system uses to read from Närvaro. Only the SHA-256 of the token is
 * stored; the token itself is shown once, when it is created.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    ...entityColumns(),
    /** Label chosen by the administrator (which system uses it). */
    name: text('name').notNull(),
    /** Hex SHA-256 of the token. */
    tokenHash: text('token_hash').notNull(),
    /** e.g. ['ss12000:read']. */
    scopes: jsonb('scopes').$type<string[]>().notNull().default([]),
    /** Null when made with the CLI. */
    createdByUserId: uuid('created_by_user_id'),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [entityPrimaryKey(t), uniqueIndex('api_tokens_hash_idx').on(t.tokenHash)],
);

/** The zip of a full export (one per export job), downloaded by the user who started it. */
export const exportFiles = pgTable(
  'export_files',
  {
    organiserId: organiserId(),
    jobId: uuid('job_id').notNull(),
    fileName: text('file_name').notNull(),
    content: bytea('content').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organiserId, t.jobId] })],
);
