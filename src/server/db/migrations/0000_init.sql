CREATE TABLE "absences" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason_code" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"comment" text,
	"registered_by_user_id" uuid,
	"source" text DEFAULT 'narvaro' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "absences_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "activities" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"school_unit_id" uuid NOT NULL,
	"display_name" text NOT NULL,
	"activity_type" text DEFAULT 'Undervisning' NOT NULL,
	"syllabus_id" uuid,
	"start_date" date NOT NULL,
	"end_date" date,
	CONSTRAINT "activities_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "activity_groups" (
	"organiser_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	CONSTRAINT "activity_groups_organiser_id_activity_id_group_id_pk" PRIMARY KEY("organiser_id","activity_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "activity_teachers" (
	"organiser_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"duty_id" uuid NOT NULL,
	"start_date" date,
	"end_date" date,
	CONSTRAINT "activity_teachers_organiser_id_activity_id_duty_id_pk" PRIMARY KEY("organiser_id","activity_id","duty_id")
);
--> statement-breakpoint
CREATE TABLE "attendance_mark_history" (
	"organiser_id" uuid NOT NULL,
	"id" bigserial NOT NULL,
	"lesson_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"previous" jsonb,
	"next" jsonb,
	"changed_by_user_id" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_correction" boolean DEFAULT false NOT NULL,
	CONSTRAINT "attendance_mark_history_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "attendance_marks" (
	"organiser_id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"minutes" integer,
	"imported_minutes" jsonb,
	"reason_code" text,
	"comment" text,
	"recorded_by_user_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"external_id" uuid,
	CONSTRAINT "attendance_marks_organiser_id_lesson_id_person_id_pk" PRIMARY KEY("organiser_id","lesson_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"organiser_id" uuid NOT NULL,
	"id" bigserial NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"type" text NOT NULL,
	"subject_type" text,
	"subject_id" text,
	"pupil_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip" text,
	"user_agent" text,
	CONSTRAINT "audit_events_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "days_off" (
	"organiser_id" uuid NOT NULL,
	"date" date NOT NULL,
	"school_unit_key" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "days_off_organiser_id_date_school_unit_key_pk" PRIMARY KEY("organiser_id","date","school_unit_key")
);
--> statement-breakpoint
CREATE TABLE "duties" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"school_unit_id" uuid NOT NULL,
	"duty_role" text NOT NULL,
	"signature" text,
	"start_date" date NOT NULL,
	"end_date" date,
	CONSTRAINT "duties_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "duty_assignments" (
	"organiser_id" uuid NOT NULL,
	"duty_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"role_type" text NOT NULL,
	"start_date" date DEFAULT '1900-01-01' NOT NULL,
	"end_date" date,
	CONSTRAINT "duty_assignments_organiser_id_duty_id_group_id_role_type_start_date_pk" PRIMARY KEY("organiser_id","duty_id","group_id","role_type","start_date")
);
--> statement-breakpoint
CREATE TABLE "enrolments" (
	"organiser_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"school_unit_id" uuid NOT NULL,
	"school_type" text NOT NULL,
	"school_year" integer,
	"start_date" date NOT NULL,
	"end_date" date,
	CONSTRAINT "enrolments_organiser_id_person_id_school_unit_id_start_date_pk" PRIMARY KEY("organiser_id","person_id","school_unit_id","start_date")
);
--> statement-breakpoint
CREATE TABLE "group_memberships" (
	"organiser_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	CONSTRAINT "group_memberships_organiser_id_group_id_person_id_start_date_pk" PRIMARY KEY("organiser_id","group_id","person_id","start_date")
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"school_unit_id" uuid NOT NULL,
	"display_name" text NOT NULL,
	"group_type" text NOT NULL,
	"school_type" text,
	"start_date" date NOT NULL,
	"end_date" date,
	CONSTRAINT "groups_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"started_by_user_id" uuid,
	"report" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "imports_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "lesson_confirmations" (
	"organiser_id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"confirmed_by_user_id" uuid,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text DEFAULT 'narvaro' NOT NULL,
	CONSTRAINT "lesson_confirmations_organiser_id_lesson_id_pk" PRIMARY KEY("organiser_id","lesson_id")
);
--> statement-breakpoint
CREATE TABLE "lesson_student_exceptions" (
	"organiser_id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"participates" boolean NOT NULL,
	"teaching_minutes" integer,
	CONSTRAINT "lesson_student_exceptions_organiser_id_lesson_id_person_id_pk" PRIMARY KEY("organiser_id","lesson_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "lesson_teachers" (
	"organiser_id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"duty_id" uuid NOT NULL,
	"participates" boolean NOT NULL,
	CONSTRAINT "lesson_teachers_organiser_id_lesson_id_duty_id_pk" PRIMARY KEY("organiser_id","lesson_id","duty_id")
);
--> statement-breakpoint
CREATE TABLE "lessons" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"school_unit_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"local_date" date NOT NULL,
	"teaching_minutes" integer NOT NULL,
	"is_cancelled" boolean DEFAULT false NOT NULL,
	"comment" text,
	CONSTRAINT "lessons_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"display_name" text NOT NULL,
	"organisation_type" text NOT NULL,
	"school_unit_code" text,
	"parent_id" uuid,
	"municipality_code" text,
	"school_types" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"start_date" date,
	"end_date" date,
	CONSTRAINT "organisations_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"civic_no" text,
	"birth_date" date,
	"sex" text,
	"security_marking" text DEFAULT 'Ingen' NOT NULL,
	"home_municipality_code" text,
	"emails" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"phone_numbers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"addresses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"person_status" text DEFAULT 'Aktiv' NOT NULL,
	CONSTRAINT "persons_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "pupil_days" (
	"organiser_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"date" date NOT NULL,
	"school_unit_id" uuid NOT NULL,
	"scheduled" integer NOT NULL,
	"known" integer NOT NULL,
	"attended" integer NOT NULL,
	"valid" integer NOT NULL,
	"invalid" integer NOT NULL,
	"other" integer NOT NULL,
	"late_count" integer NOT NULL,
	"late_minutes" integer NOT NULL,
	"is_absent_day" boolean NOT NULL,
	"has_absence" boolean NOT NULL,
	CONSTRAINT "pupil_days_organiser_id_person_id_date_pk" PRIMARY KEY("organiser_id","person_id","date")
);
--> statement-breakpoint
CREATE TABLE "responsibles" (
	"organiser_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"guardian_id" uuid NOT NULL,
	"relation_type" text NOT NULL,
	CONSTRAINT "responsibles_organiser_id_pupil_id_guardian_id_pk" PRIMARY KEY("organiser_id","pupil_id","guardian_id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"organiser_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "terms" (
	"organiser_id" uuid NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	CONSTRAINT "terms_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE TABLE "user_roles" (
	"organiser_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"school_unit_key" text DEFAULT '' NOT NULL,
	CONSTRAINT "user_roles_organiser_id_user_id_role_school_unit_key_pk" PRIMARY KEY("organiser_id","user_id","role","school_unit_key")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"organiser_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"display_name" text NOT NULL,
	"person_id" uuid,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_organiser_id_id_pk" PRIMARY KEY("organiser_id","id")
);
--> statement-breakpoint
CREATE INDEX "absences_person_idx" ON "absences" USING btree ("organiser_id","person_id","starts_at");--> statement-breakpoint
CREATE INDEX "activity_groups_group_idx" ON "activity_groups" USING btree ("organiser_id","group_id");--> statement-breakpoint
CREATE INDEX "activity_teachers_duty_idx" ON "activity_teachers" USING btree ("organiser_id","duty_id");--> statement-breakpoint
CREATE INDEX "attendance_history_lesson_idx" ON "attendance_mark_history" USING btree ("organiser_id","lesson_id");--> statement-breakpoint
CREATE INDEX "attendance_marks_person_idx" ON "attendance_marks" USING btree ("organiser_id","person_id");--> statement-breakpoint
CREATE INDEX "audit_pupil_idx" ON "audit_events" USING btree ("organiser_id","pupil_id");--> statement-breakpoint
CREATE INDEX "audit_type_idx" ON "audit_events" USING btree ("organiser_id","type","occurred_at");--> statement-breakpoint
CREATE INDEX "duties_person_idx" ON "duties" USING btree ("organiser_id","person_id");--> statement-breakpoint
CREATE INDEX "duty_assignments_group_idx" ON "duty_assignments" USING btree ("organiser_id","group_id");--> statement-breakpoint
CREATE INDEX "enrolments_unit_idx" ON "enrolments" USING btree ("organiser_id","school_unit_id");--> statement-breakpoint
CREATE INDEX "memberships_person_idx" ON "group_memberships" USING btree ("organiser_id","person_id");--> statement-breakpoint
CREATE INDEX "groups_unit_idx" ON "groups" USING btree ("organiser_id","school_unit_id");--> statement-breakpoint
CREATE INDEX "lesson_student_exceptions_person_idx" ON "lesson_student_exceptions" USING btree ("organiser_id","person_id");--> statement-breakpoint
CREATE INDEX "lesson_teachers_duty_idx" ON "lesson_teachers" USING btree ("organiser_id","duty_id");--> statement-breakpoint
CREATE INDEX "lessons_unit_date_idx" ON "lessons" USING btree ("organiser_id","school_unit_id","local_date");--> statement-breakpoint
CREATE INDEX "lessons_activity_date_idx" ON "lessons" USING btree ("organiser_id","activity_id","local_date");--> statement-breakpoint
CREATE INDEX "pupil_days_unit_date_idx" ON "pupil_days" USING btree ("organiser_id","school_unit_id","date");--> statement-breakpoint
CREATE INDEX "responsibles_guardian_idx" ON "responsibles" USING btree ("organiser_id","guardian_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_idx" ON "users" USING btree ("username");