CREATE TABLE "platform"."rate_limit_counters" (
	"key" text PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "platform"."audit_events" DROP CONSTRAINT "audit_events_kind_check";--> statement-breakpoint
CREATE INDEX "rate_limit_counters_expire_index" ON "platform"."rate_limit_counters" USING btree ("expire");--> statement-breakpoint
ALTER TABLE "platform"."audit_events" ADD CONSTRAINT "audit_events_kind_check" CHECK ("platform"."audit_events"."kind" in ('MUTATION', 'SENSITIVE_READ', 'REFUSED'));