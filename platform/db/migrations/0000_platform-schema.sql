CREATE SCHEMA "platform";
--> statement-breakpoint
CREATE TABLE "platform"."breaker_reports" (
	"process_id" text NOT NULL,
	"system" text NOT NULL,
	"state" text NOT NULL,
	"opened_at" timestamp with time zone,
	"last_failure" text,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "breaker_reports_process_id_system_pk" PRIMARY KEY("process_id","system")
);
--> statement-breakpoint
CREATE TABLE "platform"."job_queues" (
	"name" text PRIMARY KEY NOT NULL,
	"dead_letter_name" text NOT NULL,
	"service" text NOT NULL,
	"queue" text NOT NULL,
	"system" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_queues_deadLetterName_unique" UNIQUE("dead_letter_name")
);
--> statement-breakpoint
CREATE INDEX "breaker_reports_system_reported_at_index" ON "platform"."breaker_reports" USING btree ("system","reported_at");