-- The audit log is append-only for the application. These triggers refuse, for every role:
--   * UPDATE and TRUNCATE of platform.audit_events, always;
--   * DELETE of an audit row younger than the retention floor (platform.audit_settings);
--   * lowering, deleting or truncating that floor (it can only grow).
-- What they cannot stop: the tables' owner (the role that ran this migration) or a superuser can
-- ALTER TABLE ... DISABLE TRIGGER, drop the triggers or the table, or set
-- session_replication_role = replica, which skips triggers. Production therefore migrates as an
-- owner role and runs the application as a role granted only INSERT and SELECT on
-- platform.audit_events and SELECT, UPDATE on platform.audit_settings (and DELETE on audit_events
-- for the purge, which the trigger still confines to rows past the floor).
-- Six years is HIPAA's retention for documentation; a deployment that may keep less must have a
-- database owner lower the floor, the application cannot.
INSERT INTO "platform"."audit_settings" ("singleton", "retention_floor_days") VALUES (true, 2190);
--> statement-breakpoint
CREATE FUNCTION "platform"."audit_events_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE FUNCTION "platform"."audit_events_refuse_young_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  floor_days integer;
BEGIN
  SELECT "retention_floor_days" INTO floor_days FROM "platform"."audit_settings";
  IF floor_days IS NULL OR OLD."occurred_at" > now() - make_interval(days => floor_days) THEN
    RAISE EXCEPTION 'audit event % is younger than the retention floor of % days and cannot be deleted', OLD."id", floor_days
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "platform"."audit_settings_refuse_lowering"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Nested: NEW and OLD are unset for DELETE and TRUNCATE.
  IF TG_OP = 'UPDATE' THEN
    IF NEW."retention_floor_days" >= OLD."retention_floor_days" AND NEW."singleton" = OLD."singleton" THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'the audit retention floor can only be raised: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_update" BEFORE UPDATE ON "platform"."audit_events"
  FOR EACH ROW EXECUTE FUNCTION "platform"."audit_events_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "platform"."audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "platform"."audit_events_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "audit_events_retention" BEFORE DELETE ON "platform"."audit_events"
  FOR EACH ROW EXECUTE FUNCTION "platform"."audit_events_refuse_young_delete"();
--> statement-breakpoint
CREATE TRIGGER "audit_settings_only_raise" BEFORE UPDATE OR DELETE ON "platform"."audit_settings"
  FOR EACH ROW EXECUTE FUNCTION "platform"."audit_settings_refuse_lowering"();
--> statement-breakpoint
CREATE TRIGGER "audit_settings_no_truncate" BEFORE TRUNCATE ON "platform"."audit_settings"
  FOR EACH STATEMENT EXECUTE FUNCTION "platform"."audit_settings_refuse_lowering"();
