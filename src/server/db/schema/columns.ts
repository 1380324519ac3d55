/** Columns every table shares: the tenant key (first in every key and index) and the creation time. */
import { integer, primaryKey, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

export const organiserId = () => uuid('organiser_id').notNull();
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** The first columns of an entity table: the tenant key and the row's uuid (its SS12000 id where it has one). */
export const entityColumns = () => ({ organiserId: organiserId(), id: uuid('id').notNull() });

/**
 * The primary key of an entity table, (organiser_id, id).
 * @param t the table's columns (drizzle's extra-config argument).
 * @returns the primary key builder; its generated name is `<table>_organiser_id_id_pk` as before.
 */
export const entityPrimaryKey = (t: { organiserId: AnyPgColumn; id: AnyPgColumn }) =>
  primaryKey({ columns: [t.organiserId, t.id] });

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
