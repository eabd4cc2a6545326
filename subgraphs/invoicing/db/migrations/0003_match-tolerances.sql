CREATE TABLE "invoicing"."match_tolerances" (
	"scope" text NOT NULL,
	"scope_key" text NOT NULL,
	"price_pct" numeric(20, 6) NOT NULL,
	"price_amount" numeric(20, 6),
	"quantity_pct" numeric(20, 6) NOT NULL,
	"set_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_tolerances_scope_scope_key_pk" PRIMARY KEY("scope","scope_key")
);
--> statement-breakpoint
ALTER TABLE "invoicing"."supplier_projections" ADD COLUMN "category" text;