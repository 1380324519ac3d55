/** Retention (gallring): the organiser's periods. Each run is recorded as an audit event with its counts. */
import { jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { RetentionPolicy } from '../../../shared/retention/policy.js';

export const retentionPolicies = pgTable('retention_policies', {
  organiserId: uuid('organiser_id').primaryKey(),
  policy: jsonb('policy').$type<RetentionPolicy>().notNull(),
  updatedByUserId: uuid('updated_by_user_id'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
