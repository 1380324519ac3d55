/** Columns every table shares: the tenant key (first in every key and index) and the creation time. */
import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

export const organiserId = () => uuid('organiser_id').notNull();
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Minutes of a pupil day (docs/domain/measures.md), and the sums of them in the roll-ups above it. */
export const minuteSums = () => ({
  scheduled: integer('scheduled').notNull(),
  known: integer('known').notNull(),
  attended: integer('attended').notNull(),
  valid: integer('valid').notNull(),
  invalid: integer('invalid').notNull(),
  other: integer('other').notNull(),
  lateCount: integer('late_count').notNull(),
  lateMinutes: integer('late_minutes').notNull(),
});
