CREATE TABLE "platform"."audit_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"role" text NOT NULL,
	"supplier_id" uuid,
	"service" text NOT NULL,
	"kind" text NOT NULL,
	"operation" text NOT NULL,
	"record_type" text,
	"record_id" text,
	"client_address" text,
	"outcome" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform"."audit_settings" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"retention_floor_days" integer NOT NULL,
	CONSTRAINT "audit_settings_singleton" CHECK ("platform"."audit_settings"."singleton")
);
--> statement-breakpoint
CREATE INDEX "audit_events_occurred_at_index" ON "platform"."audit_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_actor_id_index" ON "platform"."audit_events" USING btree ("actor","id");--> statement-breakpoint
CREATE INDEX "audit_events_record_id_id_index" ON "platform"."audit_events" USING btree ("record_id","id");