CREATE TABLE "ss12000_syncs" (
	"organiser_id" uuid NOT NULL,
	"base_url" text NOT NULL,
	"token_url" text NOT NULL,
	"client_id" text NOT NULL,
	"client_secret" text,
	"auth_method" text DEFAULT 'body' NOT NULL,
	"schedule_time" text,
	"cursor" timestamp with time zone,
	"last_run_at" timestamp with time zone,
	"last_status" text,
	"last_report" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ss12000_syncs_organiser_id_pk" PRIMARY KEY("organiser_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "ss12000_syncs_source_idx" ON "ss12000_syncs" USING btree ("base_url","client_id");
