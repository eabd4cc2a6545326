CREATE TABLE "invoicing"."invoice_counts" (
	"supplier_id" uuid,
	"status" text,
	"slot" smallint NOT NULL,
	"count" bigint NOT NULL,
	CONSTRAINT "invoice_counts_supplierId_status_slot_unique" UNIQUE NULLS NOT DISTINCT("supplier_id","status","slot")
);
