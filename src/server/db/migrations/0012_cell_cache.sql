CREATE TABLE "stat_cell_sources" (
	"organiser_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"school_unit_id" uuid NOT NULL,
	"generation" bigint NOT NULL,
	CONSTRAINT "stat_cell_sources_organiser_id_period_key_school_unit_id_pk" PRIMARY KEY("organiser_id","period_key","school_unit_id")
);
--> statement-breakpoint
CREATE TABLE "stat_cells" (
	"organiser_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"school_unit_id" uuid NOT NULL,
	"breakdown" text NOT NULL,
	"list_rule_share" numeric NOT NULL,
	"generation" bigint NOT NULL,
	"cells" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stat_cells_organiser_id_period_key_school_unit_id_breakdown_list_rule_share_pk" PRIMARY KEY("organiser_id","period_key","school_unit_id","breakdown","list_rule_share")
);
--> statement-breakpoint
CREATE INDEX "pupil_periods_across_idx" ON "pupil_periods" USING btree ("organiser_id","period_key") WHERE "pupil_periods"."unit_rows" <> "pupil_periods"."period_rows";--> statement-breakpoint
CREATE INDEX "pupil_periods_grouped_idx" ON "pupil_periods" USING btree ("organiser_id","period_key") WHERE "pupil_periods"."unit_rows" <> 1;--> statement-breakpoint
-- One sequence for all generations: a source row deleted and made again never reuses a generation,
-- so cells computed before can never pass for current.
CREATE SEQUENCE stat_cell_generation;
--> statement-breakpoint
-- Every change of pupil_periods raises the generation of the (period, unit) cells it feeds, in the
-- writer's transaction; rows of pupils with rows in several units also feed the across-units entry.
CREATE OR REPLACE FUNCTION narvaro_touch_stat_cell_sources() RETURNS trigger AS $$
BEGIN
  INSERT INTO stat_cell_sources AS s (organiser_id, period_key, school_unit_id, generation)
  SELECT organiser_id, period_key, school_unit_id, nextval('stat_cell_generation') FROM (
    SELECT organiser_id, period_key, school_unit_id FROM changed_rows
    UNION
    SELECT organiser_id, period_key, '00000000-0000-0000-0000-000000000000'::uuid FROM changed_rows WHERE unit_rows <> period_rows
  ) t ORDER BY 1, 2, 3
  ON CONFLICT (organiser_id, period_key, school_unit_id) DO UPDATE SET generation = excluded.generation;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER pupil_periods_inserted AFTER INSERT ON pupil_periods
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION narvaro_touch_stat_cell_sources();
--> statement-breakpoint
CREATE TRIGGER pupil_periods_updated AFTER UPDATE ON pupil_periods
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION narvaro_touch_stat_cell_sources();
--> statement-breakpoint
CREATE TRIGGER pupil_periods_deleted AFTER DELETE ON pupil_periods
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION narvaro_touch_stat_cell_sources();
--> statement-breakpoint
-- The sex breakdown reads persons.sex: a change makes the pupil's cells stale too.
CREATE OR REPLACE FUNCTION narvaro_touch_stat_cells_of_person() RETURNS trigger AS $$
BEGIN
  UPDATE stat_cell_sources s SET generation = nextval('stat_cell_generation')
  FROM (SELECT period_key, school_unit_id FROM pupil_periods WHERE organiser_id = NEW.organiser_id AND person_id = NEW.id
    UNION SELECT period_key, '00000000-0000-0000-0000-000000000000'::uuid FROM pupil_periods
      WHERE organiser_id = NEW.organiser_id AND person_id = NEW.id AND unit_rows <> period_rows) p
  WHERE s.organiser_id = NEW.organiser_id AND s.period_key = p.period_key AND s.school_unit_id = p.school_unit_id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER persons_sex_changed AFTER UPDATE OF sex ON persons
  FOR EACH ROW WHEN (OLD.sex IS DISTINCT FROM NEW.sex) EXECUTE FUNCTION narvaro_touch_stat_cells_of_person();
--> statement-breakpoint
INSERT INTO stat_cell_sources (organiser_id, period_key, school_unit_id, generation)
SELECT organiser_id, period_key, school_unit_id, nextval('stat_cell_generation') FROM (
  SELECT organiser_id, period_key, school_unit_id FROM pupil_periods
  UNION
  SELECT organiser_id, period_key, '00000000-0000-0000-0000-000000000000'::uuid FROM pupil_periods WHERE unit_rows <> period_rows) t;
