CREATE TABLE "platform"."drift_findings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"service" text NOT NULL,
	"system" text NOT NULL,
	"record_type" text NOT NULL,
	"record_key" text NOT NULL,
	"record_id" text,
	"external_id" text,
	"kind" text NOT NULL,
	"field" text DEFAULT '' NOT NULL,
	"canonical_value" text,
	"system_value" text,
	"system_of_record" text NOT NULL,
	"state" text NOT NULL,
	"note" text,
	"resolved_by" text,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "drift_findings_system_check" CHECK ("platform"."drift_findings"."system" in ('ERP', 'VENDOR_PLATFORM', 'CONTRACT_REPOSITORY')),
	CONSTRAINT "drift_findings_kind_check" CHECK ("platform"."drift_findings"."kind" in ('MISSING_IN_SYSTEM', 'MISSING_IN_CANONICAL', 'FIELD_MISMATCH')),
	CONSTRAINT "drift_findings_state_check" CHECK ("platform"."drift_findings"."state" in ('OPEN', 'REPAIRED', 'ALERTED', 'RESOLVED')),
	CONSTRAINT "drift_findings_record_type_check" CHECK ("platform"."drift_findings"."record_type" in ('SUPPLIER', 'PURCHASE_ORDER', 'INVOICE', 'PAYMENT', 'CONTRACT'))
);
--> statement-breakpoint
CREATE TABLE "platform"."reconciliation_parts" (
	"run_id" uuid NOT NULL,
	"service" text NOT NULL,
	"state" text NOT NULL,
	"checkpoint" jsonb,
	"records_compared" integer DEFAULT 0 NOT NULL,
	"pages" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reconciliation_parts_run_id_service_pk" PRIMARY KEY("run_id","service"),
	CONSTRAINT "reconciliation_parts_state_check" CHECK ("platform"."reconciliation_parts"."state" in ('RUNNING', 'COMPLETED', 'FAILED'))
);
--> statement-breakpoint
CREATE TABLE "platform"."reconciliation_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"system" text NOT NULL,
	"state" text NOT NULL,
	"trigger" text NOT NULL,
	"services" jsonb NOT NULL,
	"records_compared" integer DEFAULT 0 NOT NULL,
	"findings_count" integer DEFAULT 0 NOT NULL,
	"repaired_count" integer DEFAULT 0 NOT NULL,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "reconciliation_runs_system_check" CHECK ("platform"."reconciliation_runs"."system" in ('ERP', 'VENDOR_PLATFORM', 'CONTRACT_REPOSITORY')),
	CONSTRAINT "reconciliation_runs_state_check" CHECK ("platform"."reconciliation_runs"."state" in ('RUNNING', 'COMPLETED', 'FAILED')),
	CONSTRAINT "reconciliation_runs_trigger_check" CHECK ("platform"."reconciliation_runs"."trigger" in ('ON_DEMAND', 'SCHEDULED'))
);
--> statement-breakpoint
CREATE TABLE "platform"."reconciliation_seen" (
	"run_id" uuid NOT NULL,
	"service" text NOT NULL,
	"record_key" text NOT NULL,
	CONSTRAINT "reconciliation_seen_run_id_service_record_key_pk" PRIMARY KEY("run_id","service","record_key")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "drift_findings_unsettled_once" ON "platform"."drift_findings" USING btree ("system","record_type","record_key","kind","field") WHERE "platform"."drift_findings"."state" in ('OPEN', 'ALERTED');--> statement-breakpoint
CREATE INDEX "drift_findings_run_id_index" ON "platform"."drift_findings" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "drift_findings_system_state_detected_at_index" ON "platform"."drift_findings" USING btree ("system","state","detected_at");--> statement-breakpoint
CREATE INDEX "reconciliation_runs_system_started_at_index" ON "platform"."reconciliation_runs" USING btree ("system","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reconciliation_runs_one_running" ON "platform"."reconciliation_runs" USING btree ("system") WHERE "platform"."reconciliation_runs"."state" = 'RUNNING';