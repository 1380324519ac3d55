ALTER TABLE "pupil_periods" ADD COLUMN "unit_rows" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "pupil_periods" ADD COLUMN "period_rows" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Existing roll-up rows: count each pupil's rows per (period, unit) and per period.
UPDATE "pupil_periods" pp SET "unit_rows" = c.unit_rows, "period_rows" = c.period_rows
FROM (
  SELECT organiser_id, period_key, school_unit_id, person_id, school_year_key, class_key,
    count(*) OVER (PARTITION BY organiser_id, period_key, school_unit_id, person_id) AS unit_rows,
    count(*) OVER (PARTITION BY organiser_id, period_key, person_id) AS period_rows
  FROM "pupil_periods"
) c
WHERE c.organiser_id = pp.organiser_id AND c.period_key = pp.period_key AND c.school_unit_id = pp.school_unit_id
  AND c.person_id = pp.person_id AND c.school_year_key = pp.school_year_key AND c.class_key = pp.class_key
  AND (c.unit_rows <> 1 OR c.period_rows <> 1);
