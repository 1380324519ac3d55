-- Insert-only tables stay insert-only, except for the retention job: inside its own transaction it
-- sets narvaro.retention = 'on' (SET LOCAL) to delete rows past their retention period, or to clear
-- a free-text field in them. TRUNCATE stays refused always. Every run writes an audit event.
CREATE OR REPLACE FUNCTION narvaro_reject_audit_change() RETURNS trigger AS $$
BEGIN
  IF TG_LEVEL = 'ROW' AND current_setting('narvaro.retention', true) = 'on' THEN
    IF TG_OP = 'DELETE' THEN
      RETURN OLD;
    END IF;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is insert-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
