ALTER TABLE "procurement"."purchase_order_lines" ADD COLUMN "acknowledgment_status" text;--> statement-breakpoint
ALTER TABLE "procurement"."purchase_order_lines" ADD COLUMN "acknowledged_quantity" numeric(20, 6);--> statement-breakpoint
ALTER TABLE "procurement"."purchase_order_lines" ADD COLUMN "acknowledged_unit_price" numeric(20, 6);