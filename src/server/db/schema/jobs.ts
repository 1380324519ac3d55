/** Background jobs started from the web (ladder evaluation, draft preview): status, progress and result. */
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, entityColumns, entityPrimaryKey } from './columns.js';

export const backgroundJobs = pgTable(
  'background_jobs',
  {
    ...entityColumns(),
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
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [entityPrimaryKey(t), index('background_jobs_creator_idx').on(t.organiserId, t.createdByUserId, t.createdAt)],
);
