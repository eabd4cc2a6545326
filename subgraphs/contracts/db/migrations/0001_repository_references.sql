ALTER TABLE "contracts"."contracts" ADD COLUMN "repository_id" text;--> statement-breakpoint
ALTER TABLE "contracts"."contracts" ADD COLUMN "vendor_number" text;--> statement-breakpoint
ALTER TABLE "contracts"."contracts" ADD COLUMN "repository_version" integer;--> statement-breakpoint
ALTER TABLE "contracts"."contracts" ADD CONSTRAINT "contracts_repositoryId_unique" UNIQUE("repository_id");