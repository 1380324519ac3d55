CREATE TABLE "concern_flags" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"set_on" date NOT NULL,
	"cleared_on" date,
	"note" text,
	"set_by_user_id" uuid NOT NULL,
	CONSTRAINT "concern_flags_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "ladder_decisions" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"date" date NOT NULL,
	"step_index" integer NOT NULL,
	"reason" text NOT NULL,
	"decided_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ladder_decisions_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "ladder_step_changes" (
	"organiser_id" uuid NOT NULL,
	"id" bigserial NOT NULL,
	"person_id" uuid NOT NULL,
	"ladder_version_id" uuid NOT NULL,
	"date" date NOT NULL,
	"from_step" integer NOT NULL,
	"to_step" integer NOT NULL,
	"by" text NOT NULL,
	"reason" text,
	"explanation" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ladder_step_changes_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "ladder_versions" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"ladder_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"preset_id" text,
	"effective_from" date NOT NULL,
	"status" text NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "ladder_versions_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "ladders" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"school_unit_key" text DEFAULT '' NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ladders_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"person_id" uuid,
	"template_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "pupil_ladder_states" (
	"organiser_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"ladder_version_id" uuid NOT NULL,
	"school_unit_id" uuid,
	"evaluation_date" date NOT NULL,
	"step_index" integer NOT NULL,
	"step_key" text,
	"since" date,
	"explanation" text NOT NULL,
	"result" jsonb NOT NULL,
	CONSTRAINT "pupil_ladder_states_organiser_id_person_id_pk" PRIMARY KEY("organiser_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"ladder_version_id" uuid,
	"step_key" text,
	"role" text NOT NULL,
	"assignee_user_id" uuid,
	"school_unit_id" uuid,
	"title" text NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"done_at" timestamp with time zone,
	"done_by_user_id" uuid,
	"done_note" text,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tasks_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE INDEX "concern_flags_person_idx" ON "concern_flags" USING btree ("organiser_id","person_id");--> statement-breakpoint
CREATE INDEX "ladder_decisions_person_idx" ON "ladder_decisions" USING btree ("organiser_id","person_id");--> statement-breakpoint
CREATE INDEX "ladder_step_changes_person_idx" ON "ladder_step_changes" USING btree ("organiser_id","person_id","date");--> statement-breakpoint
CREATE INDEX "ladder_versions_ladder_idx" ON "ladder_versions" USING btree ("organiser_id","ladder_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "ladders_scope_idx" ON "ladders" USING btree ("organiser_id","school_unit_key");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_idempotency_idx" ON "outbox" USING btree ("organiser_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "pupil_ladder_states_unit_idx" ON "pupil_ladder_states" USING btree ("organiser_id","school_unit_id","step_index");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_idempotency_idx" ON "tasks" USING btree ("organiser_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "tasks_assignee_idx" ON "tasks" USING btree ("organiser_id","assignee_user_id","status");--> statement-breakpoint
CREATE INDEX "tasks_person_idx" ON "tasks" USING btree ("organiser_id","person_id");--> statement-breakpoint
CREATE TRIGGER ladder_step_changes_insert_only BEFORE UPDATE OR DELETE ON ladder_step_changes
  FOR EACH ROW EXECUTE FUNCTION narvaro_reject_audit_change();
--> statement-breakpoint
-- A published version is immutable: its rules produced results that name it.
CREATE OR REPLACE FUNCTION narvaro_reject_published_ladder_change() RETURNS trigger AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'published ladder versions are immutable' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER ladder_versions_immutable BEFORE UPDATE OR DELETE ON ladder_versions
  FOR EACH ROW EXECUTE FUNCTION narvaro_reject_published_ladder_change();
