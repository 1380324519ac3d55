CREATE TABLE "case_catalogue_entries" (
	"organiser_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"category" text NOT NULL,
	"tier" integer,
	"is_retired" boolean DEFAULT false NOT NULL,
	CONSTRAINT "case_catalogue_entries_organiser_id_kind_code_pk" PRIMARY KEY("organiser_id","kind","code")
);
--> statement-breakpoint
CREATE TABLE "case_causes" (
	"organiser_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"code" text NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"given_by" text NOT NULL,
	"comment" text,
	CONSTRAINT "case_causes_organiser_id_case_id_code_pk" PRIMARY KEY("organiser_id","case_id","code")
);
--> statement-breakpoint
CREATE TABLE "case_concern_reports" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"reported_on" date NOT NULL,
	"social_services_office" text NOT NULL,
	"reported_by_user_id" uuid,
	"reason_category" text NOT NULL,
	"actions_taken" text,
	"feedback_on" date,
	"feedback_kind" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_concern_reports_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_follow_ups" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"intervention_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"point" text NOT NULL,
	"planned_on" date NOT NULL,
	"recorded_on" date,
	"recorded_by_user_id" uuid,
	"assessment" text,
	"goal_attainment" text,
	"before" jsonb,
	"since" jsonb,
	CONSTRAINT "case_follow_ups_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_handovers" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"from_school_unit_id" uuid NOT NULL,
	"to_school_unit_id" uuid NOT NULL,
	"summary" text NOT NULL,
	"prepared_on" date NOT NULL,
	"prepared_by_user_id" uuid,
	CONSTRAINT "case_handovers_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_interventions" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"code" text NOT NULL,
	"responsible_user_id" uuid,
	"start_date" date NOT NULL,
	"follow_up_scheme" text NOT NULL,
	"comment" text,
	"end_date" date,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_interventions_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_investigations" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"opened_on" date NOT NULL,
	"opened_by_user_id" uuid,
	"deadline" date NOT NULL,
	"completed_on" date,
	"completed_by_user_id" uuid,
	"conclusion" text,
	CONSTRAINT "case_investigations_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_mapping_templates" (
	"organiser_id" uuid NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_mapping_templates_organiser_id_key_version_pk" PRIMARY KEY("organiser_id","key","version")
);
--> statement-breakpoint
CREATE TABLE "case_mappings" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"template_key" text NOT NULL,
	"template_version" integer NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"pupil_voice" text,
	"guardians_view" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by_user_id" uuid,
	CONSTRAINT "case_mappings_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_meeting_ratings" (
	"organiser_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"participant_key" text NOT NULL,
	"rating" integer NOT NULL,
	"recorded_by_user_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_meeting_ratings_organiser_id_meeting_id_participant_key_pk" PRIMARY KEY("organiser_id","meeting_id","participant_key")
);
--> statement-breakpoint
CREATE TABLE "case_meetings" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"held_on" date NOT NULL,
	"coordinator_key" text,
	"participants" jsonb NOT NULL,
	"shared_plan" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_meetings_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_members" (
	"organiser_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"added_by_user_id" uuid,
	CONSTRAINT "case_members_organiser_id_case_id_user_id_pk" PRIMARY KEY("organiser_id","case_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "case_settings" (
	"organiser_id" uuid NOT NULL,
	"investigation_deadline_days" integer,
	"concern_feedback_reminder_days" integer DEFAULT 30 NOT NULL,
	"changed_by_user_id" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_settings_organiser_id_pk" PRIMARY KEY("organiser_id")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"school_unit_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_on" date NOT NULL,
	"opened_by_user_id" uuid,
	"opened_from_ladder_version_id" uuid,
	"opened_from_step_key" text,
	"closed_at" timestamp with time zone,
	"closed_by_user_id" uuid,
	"close_reason" text,
	"close_outcome" text,
	CONSTRAINT "cases_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "organiser_notices" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"recipient" text NOT NULL,
	"municipality_code" text,
	"case_id" uuid NOT NULL,
	"investigation_id" uuid,
	"pupil_id" uuid NOT NULL,
	"school_unit_id" uuid NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by_user_id" uuid,
	CONSTRAINT "organiser_notices_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "case_causes_one_primary_idx" ON "case_causes" USING btree ("organiser_id","case_id") WHERE is_primary;--> statement-breakpoint
CREATE INDEX "case_concern_reports_case_idx" ON "case_concern_reports" USING btree ("organiser_id","case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_follow_ups_point_idx" ON "case_follow_ups" USING btree ("organiser_id","intervention_id","point");--> statement-breakpoint
CREATE INDEX "case_follow_ups_case_idx" ON "case_follow_ups" USING btree ("organiser_id","case_id");--> statement-breakpoint
CREATE INDEX "case_handovers_to_idx" ON "case_handovers" USING btree ("organiser_id","to_school_unit_id");--> statement-breakpoint
CREATE INDEX "case_handovers_pupil_idx" ON "case_handovers" USING btree ("organiser_id","pupil_id");--> statement-breakpoint
CREATE INDEX "case_interventions_case_idx" ON "case_interventions" USING btree ("organiser_id","case_id");--> statement-breakpoint
CREATE INDEX "case_investigations_case_idx" ON "case_investigations" USING btree ("organiser_id","case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_investigations_one_open_idx" ON "case_investigations" USING btree ("organiser_id","case_id") WHERE completed_on is null;--> statement-breakpoint
CREATE INDEX "case_mappings_case_idx" ON "case_mappings" USING btree ("organiser_id","case_id");--> statement-breakpoint
CREATE INDEX "case_meetings_case_idx" ON "case_meetings" USING btree ("organiser_id","case_id");--> statement-breakpoint
CREATE INDEX "case_members_user_idx" ON "case_members" USING btree ("organiser_id","user_id");--> statement-breakpoint
CREATE INDEX "cases_pupil_idx" ON "cases" USING btree ("organiser_id","pupil_id");--> statement-breakpoint
CREATE INDEX "cases_unit_idx" ON "cases" USING btree ("organiser_id","school_unit_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_one_open_idx" ON "cases" USING btree ("organiser_id","pupil_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "organiser_notices_status_idx" ON "organiser_notices" USING btree ("organiser_id","status","created_at");--> statement-breakpoint
CREATE INDEX "organiser_notices_case_idx" ON "organiser_notices" USING btree ("organiser_id","case_id");