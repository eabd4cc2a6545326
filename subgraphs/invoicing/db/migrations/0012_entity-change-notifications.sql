-- Every committed change to this schema's tables is announced on procuregraph_entity_changes with
-- the schema's name: the gateway's entity cache drops what it holds of this subgraph when it hears
-- it. One statement-level trigger per table; PostgreSQL folds a transaction's identical
-- notifications into one, delivered at commit. A table added later needs the same trigger
-- (test/db/entity-change-triggers.test.ts fails until it has it).
CREATE FUNCTION "invoicing"."announce_entity_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('procuregraph_entity_changes', TG_TABLE_SCHEMA);
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  changed_table record;
BEGIN
  FOR changed_table IN SELECT tablename FROM pg_tables WHERE schemaname = 'invoicing' LOOP
    EXECUTE format(
      'CREATE TRIGGER announce_entity_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I.%I FOR EACH STATEMENT EXECUTE FUNCTION %I.announce_entity_change()',
      'invoicing', changed_table.tablename, 'invoicing');
  END LOOP;
END
$$;
