/** Pulling from a school platform's SS12000 API (issue 13 §2): the connection, its schedule and its last runs. */
import { jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { organiserId } from './columns.js';

/** One SS12000 connection per organiser: set up in the admin UI, or made by the first `sync ss12000` on the command line. */
export const ss12000Syncs = pgTable(
  'ss12000_syncs',
  {
    organiserId: organiserId(),
    /** The API base, e.g. `https://sis.example/v2.1` (no trailing slash). */
    baseUrl: text('base_url').notNull(),
    /** OAuth2 token endpoint (client credentials). */
    tokenUrl: text('token_url').notNull(),
    clientId: text('client_id').notNull(),
    /** Only for the scheduled job; the command line reads it from SS12000_CLIENT_SECRET. Never sent to the browser. */
    clientSecret: text('client_secret'),
    /** How the secret is sent to the token endpoint: 'body' (form fields) or 'basic' (HTTP Basic). */
    authMethod: text('auth_method').notNull().default('body'),
    /** Local time (Europe/Stockholm) of the daily scheduled run, `HH:MM`; null = no schedule. */
    scheduleTime: text('schedule_time'),
    /** Start of the last complete (applied) run: the next incremental run asks for what changed after it. */
    cursor: timestamp('cursor', { withTimezone: true }),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    /** applied | rejected | failed | running */
    lastStatus: text('last_status'),
    /** The last run's report: fetched counts, the import report or the Swedish error. */
    lastReport: jsonb('last_report').$type<Record<string, unknown>>(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organiserId] }), uniqueIndex('ss12000_syncs_source_idx').on(t.baseUrl, t.clientId)],
);
