CREATE TABLE "invoicing"."contract_price_term_projections" (
	"contract_id" uuid NOT NULL,
	"item_number" text NOT NULL,
	"unit_price" numeric(20, 6) NOT NULL,
	"unit_of_measure" text NOT NULL,
	CONSTRAINT "contract_price_term_projections_contract_id_item_number_pk" PRIMARY KEY("contract_id","item_number")
);
--> statement-breakpoint
CREATE TABLE "invoicing"."contract_projections" (
	"contract_id" uuid PRIMARY KEY NOT NULL,
	"supplier_id" uuid NOT NULL,
	"number" text NOT NULL,
	"status" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"currency" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoicing"."purchase_order_line_projections" (
	"purchase_order_id" uuid NOT NULL,
	"line_number" integer NOT NULL,
	"item_number" text NOT NULL,
	"quantity" numeric(20, 6) NOT NULL,
	"unit_price" numeric(20, 6) NOT NULL,
	CONSTRAINT "purchase_order_line_projections_purchase_order_id_line_number_pk" PRIMARY KEY("purchase_order_id","line_number")
);
--> statement-breakpoint
CREATE TABLE "invoicing"."purchase_order_projections" (
	"purchase_order_id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"supplier_id" uuid NOT NULL,
	"contract_id" uuid,
	"status" text NOT NULL,
	"order_date" date NOT NULL,
	"currency" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoicing"."receipt_line_projections" (
	"receipt_id" uuid NOT NULL,
	"purchase_order_id" uuid NOT NULL,
	"line_number" integer NOT NULL,
	"quantity_received" numeric(20, 6) NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "receipt_line_projections_receipt_id_line_number_pk" PRIMARY KEY("receipt_id","line_number")
);
--> statement-breakpoint
CREATE TABLE "invoicing"."supplier_projections" (
	"supplier_id" uuid PRIMARY KEY NOT NULL,
	"status" text,
	"erp_supplier_id" text,
	"erp_supplier_number" text,
	"vendor_registration_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invoicing"."invoices" ADD COLUMN "submission_digest" text;--> statement-breakpoint
ALTER TABLE "invoicing"."invoices" ADD COLUMN "vendor_platform_invoice_id" text;--> statement-breakpoint
ALTER TABLE "invoicing"."invoices" ADD COLUMN "erp_invoice_id" text;--> statement-breakpoint
ALTER TABLE "invoicing"."payments" ADD COLUMN "erp_payment_id" text;--> statement-breakpoint
ALTER TABLE "invoicing"."payments" ADD COLUMN "portal_status_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invoicing"."contract_price_term_projections" ADD CONSTRAINT "contract_price_term_projections_contract_id_contract_projections_contract_id_fk" FOREIGN KEY ("contract_id") REFERENCES "invoicing"."contract_projections"("contract_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoicing"."purchase_order_line_projections" ADD CONSTRAINT "purchase_order_line_projections_purchase_order_id_purchase_order_projections_purchase_order_id_fk" FOREIGN KEY ("purchase_order_id") REFERENCES "invoicing"."purchase_order_projections"("purchase_order_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "receipt_line_projections_purchase_order_id_index" ON "invoicing"."receipt_line_projections" USING btree ("purchase_order_id");--> statement-breakpoint
ALTER TABLE "invoicing"."invoices" ADD CONSTRAINT "invoices_vendorPlatformInvoiceId_unique" UNIQUE("vendor_platform_invoice_id");--> statement-breakpoint
ALTER TABLE "invoicing"."invoices" ADD CONSTRAINT "invoices_erpInvoiceId_unique" UNIQUE("erp_invoice_id");--> statement-breakpoint
ALTER TABLE "invoicing"."payments" ADD CONSTRAINT "payments_erpPaymentId_unique" UNIQUE("erp_payment_id");