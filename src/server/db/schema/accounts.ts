/** Sign-in settings, the SS12000 role mapping and OIDC sign-ins in progress (docs/authentication.md). */
import { pgTable, text, boolean, timestamp, primaryKey, integer, index } from 'drizzle-orm/pg-core';
import { organiserId } from './columns.js';

/** Per organiser: a duty role or assignment role → Närvaro role ('' = none); overrides the defaults. */
export const ss12000RoleMappings = pgTable(
  'ss12000_role_mappings',
  {
    organiserId: organiserId(),
    /** duty | assignment */
    sourceKind: text('source_kind').notNull(),
    sourceValue: text('source_value').notNull(),
    role: text('role').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organiserId, t.sourceKind, t.sourceValue], name: 'ss12000_role_mappings_pk' })],
);

export const authSettings = pgTable(
  'auth_settings',
  {
    organiserId: organiserId(),
    /** Off: staff and guardians of the organiser sign in only through an identity provider (system admin always may). */
    localLoginEnabled: boolean('local_login_enabled').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organiserId] })],
);

/** A sign-in in progress, keyed by the hash of the browser-binding cookie; single use, minutes long. */
export const oidcLogins = pgTable('oidc_logins', {
  bindingHash: text('binding_hash').primaryKey(),
  kind: text('kind').notNull(),
  state: text('state').notNull(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/**
 * Login delays and request limits (modules/auth/login-throttle.ts), in the database so every web
 * process and host counts the same attempts. Not per organiser: a login is counted before anyone is known.
 */
export const throttleKeys = pgTable(
  'throttle_keys',
  {
    /** login-pair (username and address), login-ip, guardian-writes. */
    scope: text('scope').notNull(),
    /** SHA-256 of the key: a username or an address is not kept in clear. */
    keyHash: text('key_hash').notNull(),
    /** Failed logins in the current run (delays), or hits within the window (limits). */
    hits: integer('hits').notNull(),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
    /** Limits only: the times of the hits still within the window. */
    times: timestamp('times', { withTimezone: true }).array().notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.scope, t.keyHash] }), index('throttle_keys_last_at_idx').on(t.scope, t.lastAt)],
);
