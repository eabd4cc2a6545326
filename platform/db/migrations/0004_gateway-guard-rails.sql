CREATE TABLE "platform"."rate_limit_counters" (
	"key" text PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "rate_limit_counters_expire_index" ON "platform"."rate_limit_counters" USING btree ("expire");