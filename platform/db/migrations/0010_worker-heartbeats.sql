CREATE TABLE "platform"."job_claims" (
	"queue" text NOT NULL,
	"job_id" uuid NOT NULL,
	"instance_id" uuid NOT NULL,
	"started_on" timestamp with time zone NOT NULL,
	CONSTRAINT "job_claims_queue_job_id_pk" PRIMARY KEY("queue","job_id")
);
--> statement-breakpoint
CREATE TABLE "platform"."worker_instances" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service" text NOT NULL,
	"boss_schema" text NOT NULL,
	"process_id" text NOT NULL,
	"host" text NOT NULL,
	"pid" integer NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dead_after_seconds" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "platform"."job_claims" ADD CONSTRAINT "job_claims_instance_id_worker_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "platform"."worker_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_claims_instance_id_index" ON "platform"."job_claims" USING btree ("instance_id");