-- The register shows a lesson's newest history first and pages older rows: the index in that order reads a page, not the whole history.
DROP INDEX "attendance_history_lesson_idx";--> statement-breakpoint
CREATE INDEX "attendance_history_lesson_idx" ON "attendance_mark_history" USING btree ("organiser_id","lesson_id","changed_at","id");