CREATE SCHEMA "invoicing";
--> statement-breakpoint
CREATE TABLE "invoicing"."feed_cursors" (
	"source" text PRIMARY KEY NOT NULL,
	"cursor" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoicing"."inbound_entity_versions" (
	"source" text NOT NULL,
	"entity_key" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"sequence" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_entity_versions_source_entity_key_pk" PRIMARY KEY("source","entity_key")
);
--> statement-breakpoint
CREATE TABLE "invoicing"."inbound_events" (
	"source" text NOT NULL,
	"source_event_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_events_source_source_event_id_pk" PRIMARY KEY("source","source_event_id")
);
--> statement-breakpoint
CREATE TABLE "invoicing"."invoice_lines" (
	"invoice_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"line_number" integer NOT NULL,
	"item_number" text NOT NULL,
	"quantity" numeric(20, 6) NOT NULL,
	"unit_price" numeric(20, 6) NOT NULL,
	"amount" numeric(20, 4) NOT NULL,
	CONSTRAINT "invoice_lines_invoice_id_position_pk" PRIMARY KEY("invoice_id","position")
);
--> statement-breakpoint
CREATE TABLE "invoicing"."invoices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"invoice_number" text NOT NULL,
	"supplier_id" uuid NOT NULL,
	"purchase_order_id" uuid,
	"invoice_date" date NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"total" numeric(20, 4) NOT NULL,
	"status" text NOT NULL,
	"match_outcome" text,
	"matched_at" timestamp with time zone,
	"source" text NOT NULL,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_synced_at" timestamp with time zone,
	CONSTRAINT "invoices_idempotencyKey_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "invoicing"."match_exceptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"invoice_id" uuid NOT NULL,
	"code" text NOT NULL,
	"message" text NOT NULL,
	"line_number" integer,
	"queue" text NOT NULL,
	"expected" text,
	"actual" text,
	"resolution" text,
	"resolved_by" text,
	"resolution_reason" text,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoicing"."outbox" (
	"position" bigserial PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"aggregate_id" uuid NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp with time zone,
	CONSTRAINT "outbox_eventId_unique" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE TABLE "invoicing"."payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"invoice_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"payment_number" text,
	"amount" numeric(20, 4) NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"status" text NOT NULL,
	"method" text NOT NULL,
	"scheduled_for" date,
	"paid_at" timestamp with time zone,
	"cleared_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_synced_at" timestamp with time zone,
	CONSTRAINT "payments_paymentNumber_unique" UNIQUE("payment_number")
);
--> statement-breakpoint
CREATE TABLE "invoicing"."sync_status" (
	"entity_id" uuid NOT NULL,
	"system" text NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"synced_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_status_entity_id_system_pk" PRIMARY KEY("entity_id","system")
);
--> statement-breakpoint
ALTER TABLE "invoicing"."invoice_lines" ADD CONSTRAINT "invoice_lines_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "invoicing"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoicing"."match_exceptions" ADD CONSTRAINT "match_exceptions_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "invoicing"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoicing"."payments" ADD CONSTRAINT "payments_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "invoicing"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoices_supplier_id_id_index" ON "invoicing"."invoices" USING btree ("supplier_id","id");--> statement-breakpoint
CREATE INDEX "invoices_purchase_order_id_id_index" ON "invoicing"."invoices" USING btree ("purchase_order_id","id");--> statement-breakpoint
CREATE INDEX "invoices_status_id_index" ON "invoicing"."invoices" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "invoices_supplier_id_invoice_number_index" ON "invoicing"."invoices" USING btree ("supplier_id","invoice_number");--> statement-breakpoint
CREATE INDEX "match_exceptions_invoice_id_index" ON "invoicing"."match_exceptions" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "match_exceptions_queue_resolution_index" ON "invoicing"."match_exceptions" USING btree ("queue","resolution");--> statement-breakpoint
CREATE INDEX "outbox_dispatched_at_position_index" ON "invoicing"."outbox" USING btree ("dispatched_at","position");--> statement-breakpoint
CREATE INDEX "payments_invoice_id_id_index" ON "invoicing"."payments" USING btree ("invoice_id","id");--> statement-breakpoint
CREATE INDEX "payments_supplier_id_id_index" ON "invoicing"."payments" USING btree ("supplier_id","id");--> statement-breakpoint
CREATE INDEX "sync_status_system_state_index" ON "invoicing"."sync_status" USING btree ("system","state");