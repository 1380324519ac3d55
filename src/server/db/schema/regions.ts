/**
 * Regions: a county cooperation that sees aggregates of several organisers. A region is its own
 * tenant: its id is the `organiser_id` of its users, sessions and audit rows, so every organiser-
 * scoped query finds nothing for a region user. Members see aggregates only when they also share
 * (`organiser_sharing`).
 */
import { pgTable, uuid, text, primaryKey } from 'drizzle-orm/pg-core';
import { createdAt, organiserId } from './columns.js';

export const regions = pgTable(
  'regions',
  {
    /** The region's tenant id (leads the key as `organiser_id` does elsewhere). */
    regionId: uuid('region_id').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.regionId] })],
);

export const regionMembers = pgTable(
  'region_members',
  {
    regionId: uuid('region_id').notNull(),
    organiserId: organiserId(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.organiserId] })],
);
