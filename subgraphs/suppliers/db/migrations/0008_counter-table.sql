CREATE TABLE "suppliers"."supplier_counts" (
	"status" text NOT NULL,
	"category" text NOT NULL,
	"slot" smallint NOT NULL,
	"count" bigint NOT NULL,
	CONSTRAINT "supplier_counts_status_category_slot_pk" PRIMARY KEY("status","category","slot")
);
