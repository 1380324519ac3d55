/** Columns every table shares: the tenant key (first in every key and index) and the creation time. */
import { timestamp, uuid } from 'drizzle-orm/pg-core';

export const organiserId = () => uuid('organiser_id').notNull();
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
