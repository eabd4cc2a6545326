ALTER TABLE "platform"."trading_partners" ADD COLUMN "last_control_number" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Hand-written: every partner continues after the numbers the shared sequence already gave out, so none repeats.
UPDATE "platform"."trading_partners" SET "last_control_number" = (SELECT CASE WHEN "is_called" THEN "last_value" ELSE 0 END FROM "platform"."edi_control_numbers");--> statement-breakpoint
DROP SEQUENCE "platform"."edi_control_numbers";
