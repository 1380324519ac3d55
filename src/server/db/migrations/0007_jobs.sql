CREATE TABLE "background_jobs" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"input" jsonb NOT NULL,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer DEFAULT 0 NOT NULL,
	"result" jsonb,
	"error_code" text,
	"error_message" text,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "background_jobs_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE INDEX "background_jobs_creator_idx" ON "background_jobs" USING btree ("organiser_id","created_by_user_id","created_at");