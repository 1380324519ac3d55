/** Background jobs started from the web (ladder evaluation, draft preview): status, progress and result. */
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const backgroundJobs = pgTable(
  'background_jobs',
  {
    organiserId: uuid('organiser_id').notNull(),
    id: uuid('id').notNull(),
    /** ladder.evaluate | ladder.preview | organiser.export */
    kind: text('kind').notNull(),
    /** queued | running | done | failed */
    status: text('status').notNull(),
    input: jsonb('input').$type<Record<string, unknown>>().notNull(),
    progressDone: integer('progress_done').notNull().default(0),
    progressTotal: integer('progress_total').notNull().default(0),
    result: jsonb('result').$type<Record<string, unknown>>(),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    createdByUserId: uuid('created_by_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.organiserId, t.id] }),
    index('background_jobs_creator_idx').on(t.organiserId, t.createdByUserId, t.createdAt),
  ],
);
