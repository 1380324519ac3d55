-- Audit rows are evidence: they can be added, never changed or removed.
CREATE OR REPLACE FUNCTION narvaro_reject_audit_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is insert-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_events_insert_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION narvaro_reject_audit_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION narvaro_reject_audit_change();
--> statement-breakpoint
CREATE TRIGGER attendance_history_insert_only BEFORE UPDATE OR DELETE ON attendance_mark_history
  FOR EACH ROW EXECUTE FUNCTION narvaro_reject_audit_change();
