CREATE TABLE "invoicing"."match_evaluations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"invoice_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"outcome" text NOT NULL,
	"exception_codes" jsonb NOT NULL,
	"contract_id" uuid,
	"evaluated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "match_evaluations_trigger_check" CHECK ("invoicing"."match_evaluations"."trigger" in ('INTAKE', 'RECEIPT_RECORDED', 'PURCHASE_ORDER_CHANGED', 'CONTRACT_CHANGED', 'SUPPLIER_STATUS_CHANGED')),
	CONSTRAINT "match_evaluations_outcome_check" CHECK ("invoicing"."match_evaluations"."outcome" in ('MATCHED', 'EXCEPTION'))
);
--> statement-breakpoint
CREATE TABLE "invoicing"."match_tolerances" (
	"scope" text NOT NULL,
	"scope_key" text NOT NULL,
	"price_pct" numeric(20, 6) NOT NULL,
	"price_amount" numeric(20, 6),
	"quantity_pct" numeric(20, 6) NOT NULL,
	"set_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_tolerances_scope_scope_key_pk" PRIMARY KEY("scope","scope_key"),
	CONSTRAINT "match_tolerances_scope_check" CHECK ("invoicing"."match_tolerances"."scope" in ('SUPPLIER', 'SUPPLIER_CATEGORY'))
);
--> statement-breakpoint
CREATE TABLE "invoicing"."payment_applications" (
	"payment_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"amount" numeric(20, 4) NOT NULL,
	CONSTRAINT "payment_applications_payment_id_invoice_id_pk" PRIMARY KEY("payment_id","invoice_id")
);
--> statement-breakpoint
CREATE TABLE "invoicing"."unlinked_erp_payments" (
	"erp_payment_id" text PRIMARY KEY NOT NULL,
	"erp_invoice_ids" jsonb NOT NULL,
	"snapshot" jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "invoicing"."invoices_supplier_id_invoice_number_index";--> statement-breakpoint
ALTER TABLE "invoicing"."invoices" ADD COLUMN "invoice_number_key" text;--> statement-breakpoint
ALTER TABLE "invoicing"."invoices" ADD COLUMN "match_contract_id" uuid;--> statement-breakpoint
ALTER TABLE "invoicing"."supplier_projections" ADD COLUMN "category" text;--> statement-breakpoint
ALTER TABLE "invoicing"."match_evaluations" ADD CONSTRAINT "match_evaluations_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "invoicing"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoicing"."payment_applications" ADD CONSTRAINT "payment_applications_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "invoicing"."payments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoicing"."payment_applications" ADD CONSTRAINT "payment_applications_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "invoicing"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "match_evaluations_invoice_id_evaluated_at_index" ON "invoicing"."match_evaluations" USING btree ("invoice_id","evaluated_at");--> statement-breakpoint
CREATE INDEX "payment_applications_invoice_id_index" ON "invoicing"."payment_applications" USING btree ("invoice_id");--> statement-breakpoint
-- Live invoices keep their normalized number (as intake/invoice-number.ts computes it); of several with one number, the first.
WITH "numbered" AS (
	SELECT "id", "supplier_id", regexp_replace(regexp_replace(upper("invoice_number"), '[[:space:]_./#-]', '', 'g'), '(^|[^0-9])0+([0-9])', '\1\2', 'g') AS "number_key"
	FROM "invoicing"."invoices" WHERE "status" <> 'REJECTED'
), "first_of_number" AS (
	SELECT DISTINCT ON ("supplier_id", "number_key") "id", "number_key" FROM "numbered" ORDER BY "supplier_id", "number_key", "id"
)
UPDATE "invoicing"."invoices" SET "invoice_number_key" = "first_of_number"."number_key" FROM "first_of_number" WHERE "invoices"."id" = "first_of_number"."id";--> statement-breakpoint
-- Each payment so far paid one invoice, all of its amount.
INSERT INTO "invoicing"."payment_applications" ("payment_id", "invoice_id", "amount") SELECT "id", "invoice_id", "amount" FROM "invoicing"."payments";--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_supplier_id_invoice_number_key_index" ON "invoicing"."invoices" USING btree ("supplier_id","invoice_number_key");