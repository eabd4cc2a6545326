CREATE TABLE "platform"."journey_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"entity_id" uuid NOT NULL,
	"service" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"system" text NOT NULL,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"attempt" integer,
	"duration_ms" integer,
	"error" text,
	"trace_id" text,
	CONSTRAINT "journey_steps_system_check" CHECK ("platform"."journey_steps"."system" in ('PROCUREGRAPH', 'ERP', 'VENDOR_PLATFORM', 'CONTRACT_REPOSITORY', 'FILES')),
	CONSTRAINT "journey_steps_outcome_check" CHECK ("platform"."journey_steps"."outcome" in ('SUCCEEDED', 'FAILED', 'PENDING', 'RETRYING', 'DEAD_LETTERED'))
);
--> statement-breakpoint
CREATE INDEX "journey_steps_entity_id_at_id_index" ON "platform"."journey_steps" USING btree ("entity_id","at","id");