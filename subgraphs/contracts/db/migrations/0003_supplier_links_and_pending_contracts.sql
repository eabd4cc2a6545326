CREATE TABLE "contracts"."pending_contracts" (
	"repository_id" text PRIMARY KEY NOT NULL,
	"vendor_number" text,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contracts"."supplier_links" (
	"supplier_id" uuid PRIMARY KEY NOT NULL,
	"erp_supplier_number" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "pending_contracts_vendor_number_index" ON "contracts"."pending_contracts" USING btree ("vendor_number");--> statement-breakpoint
CREATE INDEX "supplier_links_erp_supplier_number_index" ON "contracts"."supplier_links" USING btree ("erp_supplier_number");