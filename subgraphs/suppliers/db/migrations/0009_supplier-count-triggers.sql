-- Keeps suppliers.supplier_counts exact: how many suppliers there are per status and category, so
-- `totalCount` sums a few counter rows instead of counting every supplier.
-- Statement triggers with transition tables rather than row triggers: a statement adds its net
-- change per key once, so a bulk load (the seed's COPY) costs a few grouped upserts, not one per
-- row, and an update that changes neither status nor category writes none.
-- The counts change in the same transaction as the suppliers, so a reader sees both or neither.
-- Every key is written by inserts of its kind of supplier: a key's count is spread over 16 slots,
-- one per writing backend, so concurrent transactions add to different rows instead of queueing
-- on one row lock. A read sums the slots of the keys it asks for.
-- Every statement takes its keys' row locks in one order (the ORDER BY), so two statements
-- sharing a slot queue rather than deadlock on each other.
CREATE FUNCTION "suppliers"."add_supplier_counts"(statuses text[], categories text[], deltas integer[]) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO "suppliers"."supplier_counts" AS counts ("status", "category", "slot", "count")
  SELECT change.status, change.category, pg_backend_pid() % 16, sum(change.delta)
  FROM unnest(statuses, categories, deltas) AS change(status, category, delta)
  GROUP BY change.status, change.category
  HAVING sum(change.delta) <> 0
  ORDER BY change.status, change.category
  ON CONFLICT ("status", "category", "slot") DO UPDATE SET "count" = counts."count" + excluded."count"
$$;
--> statement-breakpoint
CREATE FUNCTION "suppliers"."count_supplier_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Each branch names only the transition tables its event has.
  IF TG_OP = 'INSERT' THEN
    PERFORM "suppliers"."add_supplier_counts"(array_agg("status"), array_agg("category"), array_agg(1)) FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "suppliers"."add_supplier_counts"(array_agg("status"), array_agg("category"), array_agg(-1)) FROM old_rows;
  ELSE
    PERFORM "suppliers"."add_supplier_counts"(array_agg(change."status"), array_agg(change."category"), array_agg(change.delta))
    FROM (
      SELECT "status", "category", -1 AS delta FROM old_rows
      UNION ALL
      SELECT "status", "category", 1 FROM new_rows
    ) AS change;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "suppliers"."forget_supplier_counts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "suppliers"."supplier_counts";
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Counts every supplier afresh: for the backfill below, and after a load that ran with the triggers disabled.
CREATE FUNCTION "suppliers"."recount_suppliers"() RETURNS void LANGUAGE sql AS $$
  DELETE FROM "suppliers"."supplier_counts";
  SELECT "suppliers"."add_supplier_counts"(array_agg("status"), array_agg("category"), array_agg(1)) FROM "suppliers"."suppliers";
$$;
--> statement-breakpoint
CREATE TRIGGER "supplier_counts_insert" AFTER INSERT ON "suppliers"."suppliers"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "suppliers"."count_supplier_changes"();
--> statement-breakpoint
CREATE TRIGGER "supplier_counts_update" AFTER UPDATE ON "suppliers"."suppliers"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "suppliers"."count_supplier_changes"();
--> statement-breakpoint
CREATE TRIGGER "supplier_counts_delete" AFTER DELETE ON "suppliers"."suppliers"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "suppliers"."count_supplier_changes"();
--> statement-breakpoint
CREATE TRIGGER "supplier_counts_truncate" AFTER TRUNCATE ON "suppliers"."suppliers"
  FOR EACH STATEMENT EXECUTE FUNCTION "suppliers"."forget_supplier_counts"();
--> statement-breakpoint
-- After the triggers: creating them locked out writers to the suppliers until this migration
-- commits, so no supplier is written between the backfill and the first counted change.
SELECT "suppliers"."recount_suppliers"();
