CREATE SCHEMA "contracts";
--> statement-breakpoint
CREATE TABLE "contracts"."contracts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"supplier_id" uuid NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"currency" text DEFAULT 'USD' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_synced_at" timestamp with time zone,
	CONSTRAINT "contracts_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "contracts"."feed_cursors" (
	"source" text PRIMARY KEY NOT NULL,
	"cursor" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contracts"."inbound_entity_versions" (
	"source" text NOT NULL,
	"entity_key" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"sequence" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_entity_versions_source_entity_key_pk" PRIMARY KEY("source","entity_key")
);
--> statement-breakpoint
CREATE TABLE "contracts"."inbound_events" (
	"source" text NOT NULL,
	"source_event_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_events_source_source_event_id_pk" PRIMARY KEY("source","source_event_id")
);
--> statement-breakpoint
CREATE TABLE "contracts"."outbox" (
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
CREATE TABLE "contracts"."price_terms" (
	"contract_id" uuid NOT NULL,
	"item_number" text NOT NULL,
	"unit_price" numeric(20, 6) NOT NULL,
	"unit_of_measure" text NOT NULL,
	CONSTRAINT "price_terms_contract_id_item_number_pk" PRIMARY KEY("contract_id","item_number")
);
--> statement-breakpoint
CREATE TABLE "contracts"."sync_status" (
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
ALTER TABLE "contracts"."price_terms" ADD CONSTRAINT "price_terms_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "contracts"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contracts_supplier_id_id_index" ON "contracts"."contracts" USING btree ("supplier_id","id");--> statement-breakpoint
CREATE INDEX "contracts_status_id_index" ON "contracts"."contracts" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "outbox_dispatched_at_position_index" ON "contracts"."outbox" USING btree ("dispatched_at","position");--> statement-breakpoint
CREATE INDEX "price_terms_item_number_index" ON "contracts"."price_terms" USING btree ("item_number");--> statement-breakpoint
CREATE INDEX "sync_status_system_state_index" ON "contracts"."sync_status" USING btree ("system","state");