-- Keeps invoicing.invoice_counts exact: how many invoices there are overall, per status, per
-- supplier and per supplier and status (a null column: every value), so `totalCount` reads a few
-- counter rows instead of counting up to millions of invoices.
-- Statement triggers with transition tables rather than row triggers: a statement adds its net
-- change per key once, so a bulk load (the seed's COPY of 20,000 rows) costs a few grouped
-- upserts, not four per row, and an update that changes neither status nor supplier writes none.
-- The counts change in the same transaction as the invoices, so a reader sees both or neither.
-- Keys without a supplier are written by every insert: their count is spread over 16 slots, one
-- per writing backend, so concurrent transactions add to different rows instead of queueing on
-- one row lock; a supplier's keys are rarely written concurrently and keep one slot (slot 0) so
-- they stay one row each. A read sums a key's slots.
-- Every statement takes its keys' row locks in one order (the ORDER BY), so two statements
-- sharing a slot queue rather than deadlock on each other.
CREATE FUNCTION "invoicing"."add_invoice_counts"(supplier_ids uuid[], statuses text[], deltas integer[]) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO "invoicing"."invoice_counts" AS counts ("supplier_id", "status", "slot", "count")
  SELECT change.supplier_id, change.status, CASE WHEN change.supplier_id IS NULL THEN pg_backend_pid() % 16 ELSE 0 END, sum(change.delta)
  FROM unnest(supplier_ids, statuses, deltas) AS change(supplier_id, status, delta)
  GROUP BY GROUPING SETS ((), (change.status), (change.supplier_id), (change.supplier_id, change.status))
  HAVING sum(change.delta) <> 0
  ORDER BY change.supplier_id NULLS FIRST, change.status NULLS FIRST
  ON CONFLICT ("supplier_id", "status", "slot") DO UPDATE SET "count" = counts."count" + excluded."count"
$$;
--> statement-breakpoint
CREATE FUNCTION "invoicing"."count_invoice_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Each branch names only the transition tables its event has.
  IF TG_OP = 'INSERT' THEN
    PERFORM "invoicing"."add_invoice_counts"(array_agg("supplier_id"), array_agg("status"), array_agg(1)) FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "invoicing"."add_invoice_counts"(array_agg("supplier_id"), array_agg("status"), array_agg(-1)) FROM old_rows;
  ELSE
    PERFORM "invoicing"."add_invoice_counts"(array_agg(change."supplier_id"), array_agg(change."status"), array_agg(change.delta))
    FROM (
      SELECT "supplier_id", "status", -1 AS delta FROM old_rows
      UNION ALL
      SELECT "supplier_id", "status", 1 FROM new_rows
    ) AS change;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "invoicing"."forget_invoice_counts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "invoicing"."invoice_counts";
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Counts every invoice afresh: for the backfill below, and after a load that ran with the triggers disabled.
CREATE FUNCTION "invoicing"."recount_invoices"() RETURNS void LANGUAGE sql AS $$
  DELETE FROM "invoicing"."invoice_counts";
  SELECT "invoicing"."add_invoice_counts"(array_agg("supplier_id"), array_agg("status"), array_agg(1)) FROM "invoicing"."invoices";
$$;
--> statement-breakpoint
CREATE TRIGGER "invoice_counts_insert" AFTER INSERT ON "invoicing"."invoices"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "invoicing"."count_invoice_changes"();
--> statement-breakpoint
CREATE TRIGGER "invoice_counts_update" AFTER UPDATE ON "invoicing"."invoices"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "invoicing"."count_invoice_changes"();
--> statement-breakpoint
CREATE TRIGGER "invoice_counts_delete" AFTER DELETE ON "invoicing"."invoices"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "invoicing"."count_invoice_changes"();
--> statement-breakpoint
CREATE TRIGGER "invoice_counts_truncate" AFTER TRUNCATE ON "invoicing"."invoices"
  FOR EACH STATEMENT EXECUTE FUNCTION "invoicing"."forget_invoice_counts"();
--> statement-breakpoint
-- After the triggers: creating them locked out writers to the invoices until this migration
-- commits, so no invoice is written between the backfill and the first counted change.
SELECT "invoicing"."recount_invoices"();
