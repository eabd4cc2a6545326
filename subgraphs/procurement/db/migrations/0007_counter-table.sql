CREATE TABLE "procurement"."purchase_order_counts" (
	"supplier_id" uuid,
	"status" text,
	"slot" smallint NOT NULL,
	"count" bigint NOT NULL,
	CONSTRAINT "purchase_order_counts_supplierId_status_slot_unique" UNIQUE NULLS NOT DISTINCT("supplier_id","status","slot")
);
