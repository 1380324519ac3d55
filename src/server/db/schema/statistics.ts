/**
 * Statistics roll-ups one level above `pupil_days`, maintained in the same transaction as
 * `pupil_days` (measures/recompute-pupil-days.ts → statistics/refresh-rollups.ts). Both are plain
 * sums of pupil-day rows, so there is still one definition; a test holds them together.
 */
import {
  pgTable,
  uuid,
  text,
  integer,
  smallint,
  bigint,
  numeric,
  date,
  timestamp,
  jsonb,
  primaryKey,
  index,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, entityColumns, entityPrimaryKey, minuteSums, organiserId } from './columns.js';

const sums = () => ({
  ...minuteSums(),
  absentDays: integer('absent_days').notNull(),
  absenceOccasions: integer('absence_occasions').notNull(),
  schoolDays: integer('school_days').notNull(),
});

/**
 * Pupil × period × placement: one row per pupil, calendar month ('2025-09') or half-year
 * ('2025-H2' = July–December, '2026-H1' = January–June), school unit, årskurs and class on the days
 * summed. Bands are decided per pupil from these rows inside the database.
 */
export const pupilPeriods = pgTable(
  'pupil_periods',
  {
    organiserId: organiserId(),
    periodKey: text('period_key').notNull(),
    schoolUnitId: uuid('school_unit_id').notNull(),
    personId: uuid('person_id').notNull(),
    /** Årskurs on the day ('' = no enrolment that day). */
    schoolYearKey: text('school_year_key').notNull(),
    /** Class group id on the day ('' = no class). */
    classKey: text('class_key').notNull(),
    /** First and last school day summed: tells whether a partly covered month has days outside a range. */
    firstDate: date('first_date').notNull(),
    lastDate: date('last_date').notNull(),
    /**
     * How many rows the pupil has in this period and unit, and in this period at all. A pupil with
     * one row there (no class, årskurs or unit change) needs no per-pupil grouping: the row is their
     * figure, which is what makes a whole-organiser view one scan (statistics.repo, aggregateCells).
     */
    unitRows: smallint('unit_rows').notNull().default(1),
    periodRows: smallint('period_rows').notNull().default(1),
    ...sums(),
  },
  (t) => [
    primaryKey({ columns: [t.organiserId, t.periodKey, t.schoolUnitId, t.personId, t.schoolYearKey, t.classKey] }),
    index('pupil_periods_person_idx').on(t.organiserId, t.personId, t.periodKey),
    index('pupil_periods_first_idx').on(t.organiserId, t.periodKey, t.firstDate),
    index('pupil_periods_last_idx').on(t.organiserId, t.periodKey, t.lastDate),
    /** The pupils with rows in more than one school unit in a period (few): the organiser's cells add them once. */
    index('pupil_periods_across_idx').on(t.organiserId, t.periodKey).where(sql`${t.unitRows} <> ${t.periodRows}`),
    /** The pupils with several rows in one unit (a class or årskurs change; few): summed per pupil before their band is decided. */
    index('pupil_periods_grouped_idx').on(t.organiserId, t.periodKey).where(sql`${t.unitRows} <> 1`),
  ],
);

/**
 * Dates the roll-up is also kept "to date" for: for a cut date C, `pupil_periods` holds keys
 * 'YYYY-MM~C' and 'YYYY-Hn~C' with the days of C's month and half-year up to C. A running month or
 * term (to today) and the same period a year earlier then read one row per pupil. The nightly
 * job keeps today's and a year ago's (statistics/rollup-cuts.ts); registrations refresh them.
 */
export const rollupCuts = pgTable(
  'rollup_cuts',
  {
    organiserId: organiserId(),
    cutDate: date('cut_date').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organiserId, t.cutDate] })],
);

/** School unit × month sums for trend charts (pupils = distinct pupils with a school day in the unit that month). */
export const unitMonths = pgTable(
  'unit_months',
  {
    organiserId: organiserId(),
    month: text('month').notNull(),
    schoolUnitId: uuid('school_unit_id').notNull(),
    pupils: integer('pupils').notNull(),
    ...sums(),
  },
  (t) => [primaryKey({ columns: [t.organiserId, t.month, t.schoolUnitId] })],
);

/** Scheduled board reports: how often the organiser wants one, and the administrator's text. */
export const boardReportSchedules = pgTable(
  'board_report_schedules',
  {
    organiserId: organiserId(),
    /** monthly | termly | off */
    frequency: text('frequency').notNull(),
    text: text('text').notNull().default(''),
    changedByUserId: uuid('changed_by_user_id'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organiserId] })],
);

/** Generated board reports (PDF bytes as base64 text, a few hundred kB at most), listed for download. */
export const boardReports = pgTable(
  'board_reports',
  {
    ...entityColumns(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    /** scheduled | onDemand */
    origin: text('origin').notNull(),
    pdfBase64: text('pdf_base64').notNull(),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [entityPrimaryKey(t), index('board_reports_period_idx').on(t.organiserId, t.periodFrom, t.periodTo)],
);

/**
 * What the cached cells of `statCells` were computed from: one row per (period key, school unit)
 * of `pupil_periods`, plus one per period key with `school_unit_id` = ACROSS_UNITS for the pupils
 * with rows in more than one unit. Triggers on `pupil_periods` (and on a person's sex) raise
 * `generation` in the writer's transaction, so a cached cell is current exactly when its
 * generation equals this one (statistics/cell-cache.ts).
 */
export const statCellSources = pgTable(
  'stat_cell_sources',
  {
    organiserId: organiserId(),
    periodKey: text('period_key').notNull(),
    schoolUnitId: uuid('school_unit_id').notNull(),
    generation: bigint('generation', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organiserId, t.periodKey, t.schoolUnitId] })],
);

/**
 * The aggregated cells of one school unit, period key and breakdown (counts and sums only, never a
 * pupil), for one list-rule share, as computed at `generation` of its source row. Kept per
 * breakdown so a view that needs only the units' totals recomputes only those.
 */
export const statCells = pgTable(
  'stat_cells',
  {
    organiserId: organiserId(),
    periodKey: text('period_key').notNull(),
    schoolUnitId: uuid('school_unit_id').notNull(),
    /** none | year | class | sex */
    breakdown: text('breakdown').notNull(),
    listRuleShare: numeric('list_rule_share').notNull(),
    generation: bigint('generation', { mode: 'number' }).notNull(),
    cells: jsonb('cells').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organiserId, t.periodKey, t.schoolUnitId, t.breakdown, t.listRuleShare] })],
);
