CREATE TABLE "board_report_schedules" (
	"organiser_id" uuid NOT NULL,
	"frequency" text NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"changed_by_user_id" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "board_report_schedules_organiser_id_pk" PRIMARY KEY("organiser_id")
);
--> statement-breakpoint
CREATE TABLE "board_reports" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"origin" text NOT NULL,
	"pdf_base64" text NOT NULL,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "board_reports_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "pupil_periods" (
	"organiser_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"school_unit_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"school_year_key" text NOT NULL,
	"class_key" text NOT NULL,
	"first_date" date NOT NULL,
	"last_date" date NOT NULL,
	"scheduled" integer NOT NULL,
	"known" integer NOT NULL,
	"attended" integer NOT NULL,
	"valid" integer NOT NULL,
	"invalid" integer NOT NULL,
	"other" integer NOT NULL,
	"late_count" integer NOT NULL,
	"late_minutes" integer NOT NULL,
	"absent_days" integer NOT NULL,
	"absence_occasions" integer NOT NULL,
	"school_days" integer NOT NULL,
	CONSTRAINT "pupil_periods_organiser_id_period_key_school_unit_id_person_id_school_year_key_class_key_pk" PRIMARY KEY("organiser_id","period_key","school_unit_id","person_id","school_year_key","class_key")
);
--> statement-breakpoint
CREATE TABLE "unit_months" (
	"organiser_id" uuid NOT NULL,
	"month" text NOT NULL,
	"school_unit_id" uuid NOT NULL,
	"pupils" integer NOT NULL,
	"scheduled" integer NOT NULL,
	"known" integer NOT NULL,
	"attended" integer NOT NULL,
	"valid" integer NOT NULL,
	"invalid" integer NOT NULL,
	"other" integer NOT NULL,
	"late_count" integer NOT NULL,
	"late_minutes" integer NOT NULL,
	"absent_days" integer NOT NULL,
	"absence_occasions" integer NOT NULL,
	"school_days" integer NOT NULL,
	CONSTRAINT "unit_months_organiser_id_month_school_unit_id_pk" PRIMARY KEY("organiser_id","month","school_unit_id")
);
--> statement-breakpoint
CREATE TABLE "region_members" (
	"region_id" uuid NOT NULL,
	"organiser_id" uuid NOT NULL,
	CONSTRAINT "region_members_region_id_organiser_id_pk" PRIMARY KEY("region_id","organiser_id")
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"region_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "regions_region_id_pk" PRIMARY KEY("region_id")
);
--> statement-breakpoint
CREATE INDEX "board_reports_period_idx" ON "board_reports" USING btree ("organiser_id","period_from","period_to");--> statement-breakpoint
CREATE INDEX "pupil_periods_person_idx" ON "pupil_periods" USING btree ("organiser_id","person_id","period_key");--> statement-breakpoint
CREATE INDEX "pupil_periods_first_idx" ON "pupil_periods" USING btree ("organiser_id","period_key","first_date");--> statement-breakpoint
CREATE INDEX "pupil_periods_last_idx" ON "pupil_periods" USING btree ("organiser_id","period_key","last_date");--> statement-breakpoint
CREATE INDEX "pupil_days_date_idx" ON "pupil_days" USING btree ("organiser_id","date");