CREATE SCHEMA "procurement";
--> statement-breakpoint
CREATE TABLE "procurement"."facilities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"gln" text NOT NULL,
	"address" jsonb NOT NULL,
	CONSTRAINT "facilities_code_unique" UNIQUE("code"),
	CONSTRAINT "facilities_gln_unique" UNIQUE("gln")
);
--> statement-breakpoint
CREATE TABLE "procurement"."feed_cursors" (
	"source" text PRIMARY KEY NOT NULL,
	"cursor" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement"."inbound_entity_versions" (
	"source" text NOT NULL,
	"entity_key" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"sequence" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_entity_versions_source_entity_key_pk" PRIMARY KEY("source","entity_key")
);
--> statement-breakpoint
CREATE TABLE "procurement"."inbound_events" (
	"source" text NOT NULL,
	"source_event_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_events_source_source_event_id_pk" PRIMARY KEY("source","source_event_id")
);
--> statement-breakpoint
CREATE TABLE "procurement"."outbox" (
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
CREATE TABLE "procurement"."purchase_order_lines" (
	"purchase_order_id" uuid NOT NULL,
	"line_number" integer NOT NULL,
	"item_number" text NOT NULL,
	"description" text NOT NULL,
	"quantity" numeric(20, 6) NOT NULL,
	"unit_of_measure" text NOT NULL,
	"unit_price" numeric(20, 6) NOT NULL,
	"amount" numeric(20, 4) NOT NULL,
	CONSTRAINT "purchase_order_lines_purchase_order_id_line_number_pk" PRIMARY KEY("purchase_order_id","line_number")
);
--> statement-breakpoint
CREATE TABLE "procurement"."purchase_orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text,
	"supplier_id" uuid NOT NULL,
	"contract_id" uuid,
	"facility_id" uuid,
	"status" text NOT NULL,
	"order_date" date NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"total" numeric(20, 4) NOT NULL,
	"publication_state" text DEFAULT 'PENDING' NOT NULL,
	"published_at" timestamp with time zone,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_synced_at" timestamp with time zone,
	CONSTRAINT "purchase_orders_number_unique" UNIQUE("number"),
	CONSTRAINT "purchase_orders_idempotencyKey_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "procurement"."receipt_lines" (
	"receipt_id" uuid NOT NULL,
	"line_number" integer NOT NULL,
	"quantity_received" numeric(20, 6) NOT NULL,
	CONSTRAINT "receipt_lines_receipt_id_line_number_pk" PRIMARY KEY("receipt_id","line_number")
);
--> statement-breakpoint
CREATE TABLE "procurement"."receipts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"purchase_order_id" uuid NOT NULL,
	"receipt_number" text,
	"received_at" timestamp with time zone NOT NULL,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "receipts_receiptNumber_unique" UNIQUE("receipt_number"),
	CONSTRAINT "receipts_idempotencyKey_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "procurement"."sync_status" (
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
ALTER TABLE "procurement"."purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_purchase_order_id_purchase_orders_id_fk" FOREIGN KEY ("purchase_order_id") REFERENCES "procurement"."purchase_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement"."purchase_orders" ADD CONSTRAINT "purchase_orders_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "procurement"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement"."receipt_lines" ADD CONSTRAINT "receipt_lines_receipt_id_receipts_id_fk" FOREIGN KEY ("receipt_id") REFERENCES "procurement"."receipts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement"."receipts" ADD CONSTRAINT "receipts_purchase_order_id_purchase_orders_id_fk" FOREIGN KEY ("purchase_order_id") REFERENCES "procurement"."purchase_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_dispatched_at_position_index" ON "procurement"."outbox" USING btree ("dispatched_at","position");--> statement-breakpoint
CREATE INDEX "purchase_orders_supplier_id_id_index" ON "procurement"."purchase_orders" USING btree ("supplier_id","id");--> statement-breakpoint
CREATE INDEX "purchase_orders_status_id_index" ON "procurement"."purchase_orders" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "purchase_orders_contract_id_index" ON "procurement"."purchase_orders" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "receipts_purchase_order_id_id_index" ON "procurement"."receipts" USING btree ("purchase_order_id","id");--> statement-breakpoint
CREATE INDEX "sync_status_system_state_index" ON "procurement"."sync_status" USING btree ("system","state");