CREATE TABLE "guardian_settings" (
	"organiser_id" uuid NOT NULL,
	"notice_email" text,
	"leave_mentor_limit_days" integer,
	"report_past_days" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guardian_settings_organiser_id_pk" PRIMARY KEY("organiser_id")
);
--> statement-breakpoint
CREATE TABLE "leave_requests" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"requested_by_person_id" uuid NOT NULL,
	"requested_by_user_id" uuid NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"reason" text NOT NULL,
	"school_days" integer NOT NULL,
	"decided_by_role" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decision_reason" text,
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone,
	"absence_id" uuid,
	"school_unit_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leave_requests_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "message_deliveries" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"outbox_id" uuid NOT NULL,
	"recipient_person_id" uuid,
	"channel" text NOT NULL,
	"address" text NOT NULL,
	"locale" text DEFAULT 'sv' NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"transport" text,
	"provider_message_id" text,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_deliveries_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "message_templates" (
	"organiser_id" uuid NOT NULL,
	"template_key" text NOT NULL,
	"locale" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_templates_organiser_id_template_key_locale_pk" PRIMARY KEY("organiser_id","template_key","locale")
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "send_after" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "about_date" date;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "processed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "kind" text DEFAULT 'staff' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "locale" text DEFAULT 'sv' NOT NULL;--> statement-breakpoint
CREATE INDEX "leave_requests_pupil_idx" ON "leave_requests" USING btree ("organiser_id","pupil_id");--> statement-breakpoint
CREATE INDEX "leave_requests_status_idx" ON "leave_requests" USING btree ("organiser_id","status","school_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "message_deliveries_key_idx" ON "message_deliveries" USING btree ("organiser_id","outbox_id","channel","address");--> statement-breakpoint
CREATE INDEX "message_deliveries_due_idx" ON "message_deliveries" USING btree ("organiser_id","status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "message_deliveries_recipient_idx" ON "message_deliveries" USING btree ("organiser_id","recipient_person_id");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("organiser_id","status","send_after");--> statement-breakpoint
CREATE INDEX "outbox_person_idx" ON "outbox" USING btree ("organiser_id","person_id");