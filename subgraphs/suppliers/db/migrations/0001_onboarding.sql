CREATE SEQUENCE "suppliers"."supplier_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1000000 CACHE 1;--> statement-breakpoint
ALTER TABLE "suppliers"."suppliers" ADD COLUMN "input_fingerprint" text;--> statement-breakpoint
ALTER TABLE "suppliers"."suppliers" ADD COLUMN "submitted" jsonb;--> statement-breakpoint
ALTER TABLE "suppliers"."suppliers" ADD COLUMN "screening_match" text;--> statement-breakpoint
ALTER TABLE "suppliers"."suppliers" ADD COLUMN "insurance_status" text DEFAULT 'VALID' NOT NULL;--> statement-breakpoint
ALTER TABLE "suppliers"."suppliers" ADD COLUMN "hold_reason" text;--> statement-breakpoint
ALTER TABLE "suppliers"."suppliers" ADD COLUMN "status_before_hold" text;--> statement-breakpoint
ALTER TABLE "suppliers"."suppliers" ADD COLUMN "erp_links" jsonb;--> statement-breakpoint
ALTER TABLE "suppliers"."suppliers" ADD COLUMN "rejection_reason" text;