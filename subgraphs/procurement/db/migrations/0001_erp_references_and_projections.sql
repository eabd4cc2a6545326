CREATE TABLE "procurement"."contract_references" (
	"contract_id" uuid PRIMARY KEY NOT NULL,
	"supplier_id" uuid NOT NULL,
	"status" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement"."supplier_references" (
	"supplier_id" uuid PRIMARY KEY NOT NULL,
	"erp_supplier_id" bigint,
	"erp_supplier_number" text,
	"vendor_registration_id" text,
	"status" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "procurement"."purchase_orders" ADD COLUMN "idempotency_fingerprint" text;--> statement-breakpoint
ALTER TABLE "procurement"."purchase_orders" ADD COLUMN "erp_po_header_id" bigint;--> statement-breakpoint
ALTER TABLE "procurement"."receipts" ADD COLUMN "idempotency_fingerprint" text;--> statement-breakpoint
ALTER TABLE "procurement"."receipts" ADD COLUMN "erp_receipt_id" bigint;--> statement-breakpoint
ALTER TABLE "procurement"."purchase_orders" ADD CONSTRAINT "purchase_orders_erpPoHeaderId_unique" UNIQUE("erp_po_header_id");--> statement-breakpoint
ALTER TABLE "procurement"."receipts" ADD CONSTRAINT "receipts_erpReceiptId_unique" UNIQUE("erp_receipt_id");