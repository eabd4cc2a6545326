CREATE TABLE "platform"."business_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"supplier_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"duration_ms" bigint,
	"outcome" text,
	"first_time" boolean,
	"code" text,
	"queue" text,
	"line_number" integer,
	"target" text,
	CONSTRAINT "business_events_kind_check" CHECK ("platform"."business_events"."kind" in ('SUPPLIER_REGISTERED', 'SUPPLIER_ACTIVATED', 'INVOICE_RECEIVED', 'INVOICE_MATCHED', 'MATCH_EXCEPTION', 'ORDER_LINE_INVOICED', 'INVOICE_APPROVED', 'INVOICE_PAID', 'ORDER_ACKNOWLEDGED', 'PAYMENT_STATUS_PUBLISHED'))
);
--> statement-breakpoint
CREATE INDEX "business_events_kind_at_index" ON "platform"."business_events" USING btree ("kind","at");--> statement-breakpoint
CREATE INDEX "business_events_supplier_id_kind_at_index" ON "platform"."business_events" USING btree ("supplier_id","kind","at");--> statement-breakpoint
CREATE INDEX "business_events_entity_id_kind_index" ON "platform"."business_events" USING btree ("entity_id","kind");