ALTER TABLE "invoicing"."match_exceptions" DROP CONSTRAINT "match_exceptions_code_check";--> statement-breakpoint
ALTER TABLE "invoicing"."invoices" ADD COLUMN "tax_amount" numeric(20, 4) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "invoicing"."invoices" ADD COLUMN "freight_amount" numeric(20, 4) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "invoicing"."match_tolerances" ADD COLUMN "tax_freight_pct" numeric(20, 6) DEFAULT '10' NOT NULL;--> statement-breakpoint
ALTER TABLE "invoicing"."match_tolerances" ADD COLUMN "tax_freight_amount" numeric(20, 6);--> statement-breakpoint
ALTER TABLE "invoicing"."match_exceptions" ADD CONSTRAINT "match_exceptions_code_check" CHECK ("invoicing"."match_exceptions"."code" in ('PRICE_VARIANCE', 'QUANTITY_VARIANCE', 'NOT_RECEIVED', 'NO_PURCHASE_ORDER', 'DUPLICATE_INVOICE', 'CONTRACT_PRICE_VARIANCE', 'CONTRACT_EXPIRED', 'SUPPLIER_INACTIVE', 'TAX_FREIGHT_OVER_ALLOWANCE'));