CREATE SCHEMA "suppliers";
--> statement-breakpoint
CREATE TABLE "suppliers"."external_references" (
	"supplier_id" uuid NOT NULL,
	"system" text NOT NULL,
	"external_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "external_references_supplier_id_system_pk" PRIMARY KEY("supplier_id","system")
);
--> statement-breakpoint
CREATE TABLE "suppliers"."feed_cursors" (
	"source" text PRIMARY KEY NOT NULL,
	"cursor" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suppliers"."inbound_entity_versions" (
	"source" text NOT NULL,
	"entity_key" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"sequence" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_entity_versions_source_entity_key_pk" PRIMARY KEY("source","entity_key")
);
--> statement-breakpoint
CREATE TABLE "suppliers"."inbound_events" (
	"source" text NOT NULL,
	"source_event_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_events_source_source_event_id_pk" PRIMARY KEY("source","source_event_id")
);
--> statement-breakpoint
CREATE TABLE "suppliers"."insurance_certificates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"supplier_id" uuid NOT NULL,
	"type" text NOT NULL,
	"carrier" text NOT NULL,
	"policy_number" text NOT NULL,
	"coverage_amount" numeric(20, 4) NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"expires_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suppliers"."outbox" (
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
CREATE TABLE "suppliers"."suppliers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"supplier_number" text NOT NULL,
	"legal_name" text NOT NULL,
	"legal_name_key" text NOT NULL,
	"dba_name" text,
	"category" text NOT NULL,
	"status" text NOT NULL,
	"tax_id_ciphertext" text NOT NULL,
	"tax_id_last4" text NOT NULL,
	"tax_id_fingerprint" text NOT NULL,
	"address" jsonb NOT NULL,
	"contact" jsonb,
	"bank_routing_number" text,
	"bank_account_ciphertext" text,
	"bank_account_last4" text,
	"bank_account_type" text,
	"screening_status" text DEFAULT 'CLEAR' NOT NULL,
	"screening_checked_at" timestamp with time zone,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_synced_at" timestamp with time zone,
	CONSTRAINT "suppliers_supplierNumber_unique" UNIQUE("supplier_number"),
	CONSTRAINT "suppliers_idempotencyKey_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "suppliers"."sync_status" (
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
ALTER TABLE "suppliers"."external_references" ADD CONSTRAINT "external_references_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suppliers"."insurance_certificates" ADD CONSTRAINT "insurance_certificates_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "external_references_system_external_id_index" ON "suppliers"."external_references" USING btree ("system","external_id");--> statement-breakpoint
CREATE INDEX "insurance_certificates_supplier_id_index" ON "suppliers"."insurance_certificates" USING btree ("supplier_id");--> statement-breakpoint
CREATE INDEX "outbox_dispatched_at_position_index" ON "suppliers"."outbox" USING btree ("dispatched_at","position");--> statement-breakpoint
CREATE INDEX "suppliers_status_id_index" ON "suppliers"."suppliers" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "suppliers_legal_name_key_index" ON "suppliers"."suppliers" USING btree ("legal_name_key");--> statement-breakpoint
CREATE UNIQUE INDEX "suppliers_tax_id_fingerprint_index" ON "suppliers"."suppliers" USING btree ("tax_id_fingerprint");--> statement-breakpoint
CREATE INDEX "sync_status_system_state_index" ON "suppliers"."sync_status" USING btree ("system","state");