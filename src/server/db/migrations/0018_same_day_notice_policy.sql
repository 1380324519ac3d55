-- The organiser's same-day notice policy: at a set time (the configured default) or as soon as the
-- lesson is confirmed, held for a grace period so a correction or a guardian's report can withdraw it.
ALTER TABLE "guardian_settings" ADD COLUMN "same_day_notice_policy" text;--> statement-breakpoint
ALTER TABLE "guardian_settings" ADD COLUMN "same_day_notice_time" text;--> statement-breakpoint
ALTER TABLE "guardian_settings" ADD COLUMN "same_day_notice_grace_minutes" integer;--> statement-breakpoint
ALTER TABLE "guardian_settings" ADD CONSTRAINT "guardian_settings_same_day_policy_check" CHECK ("same_day_notice_policy" in ('atTime', 'immediate'));--> statement-breakpoint
ALTER TABLE "guardian_settings" ADD CONSTRAINT "guardian_settings_same_day_time_check" CHECK ("same_day_notice_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');--> statement-breakpoint
ALTER TABLE "guardian_settings" ADD CONSTRAINT "guardian_settings_same_day_grace_check" CHECK ("same_day_notice_grace_minutes" between 0 and 120);
