CREATE TABLE "suppliers"."compliance_decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"supplier_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"match" text NOT NULL,
	"screening_status" text NOT NULL,
	"reason" text NOT NULL,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compliance_decisions_decision_check" CHECK ("suppliers"."compliance_decisions"."decision" in ('CLEARED', 'CONFIRMED')),
	CONSTRAINT "compliance_decisions_screening_status_check" CHECK ("suppliers"."compliance_decisions"."screening_status" in ('CLEAR', 'POTENTIAL_MATCH', 'EXCLUDED'))
);
--> statement-breakpoint
CREATE TABLE "suppliers"."exclusion_list_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trigger" text NOT NULL,
	"source" text NOT NULL,
	"state" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"entries" integer DEFAULT 0 NOT NULL,
	"checked" integer DEFAULT 0 NOT NULL,
	"potential_matches" integer DEFAULT 0 NOT NULL,
	"excluded" integer DEFAULT 0 NOT NULL,
	"newly_excluded" integer DEFAULT 0 NOT NULL,
	"reinstated" integer DEFAULT 0 NOT NULL,
	"put_on_hold" integer DEFAULT 0 NOT NULL,
	"error" text,
	CONSTRAINT "exclusion_list_runs_trigger_check" CHECK ("suppliers"."exclusion_list_runs"."trigger" in ('SCHEDULE', 'MANUAL')),
	CONSTRAINT "exclusion_list_runs_state_check" CHECK ("suppliers"."exclusion_list_runs"."state" in ('RUNNING', 'COMPLETED', 'FAILED'))
);
--> statement-breakpoint
CREATE TABLE "suppliers"."supplier_holds" (
	"supplier_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supplier_holds_supplier_id_reason_pk" PRIMARY KEY("supplier_id","reason"),
	CONSTRAINT "supplier_holds_reason_check" CHECK ("suppliers"."supplier_holds"."reason" in ('INSURANCE_EXPIRED', 'SCREENING'))
);
--> statement-breakpoint
ALTER TABLE "suppliers"."suppliers" DROP CONSTRAINT "suppliers_hold_reason_check";--> statement-breakpoint
ALTER TABLE "suppliers"."compliance_decisions" ADD CONSTRAINT "compliance_decisions_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suppliers"."supplier_holds" ADD CONSTRAINT "supplier_holds_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "compliance_decisions_supplier_id_id_index" ON "suppliers"."compliance_decisions" USING btree ("supplier_id","id");--> statement-breakpoint
-- Every supplier held today keeps its one recorded reason as its first open hold.
INSERT INTO "suppliers"."supplier_holds" ("supplier_id", "reason", "opened_at")
SELECT "id", "hold_reason", "updated_at" FROM "suppliers"."suppliers" WHERE "status" = 'ON_HOLD' AND "hold_reason" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "suppliers"."suppliers" DROP COLUMN "hold_reason";