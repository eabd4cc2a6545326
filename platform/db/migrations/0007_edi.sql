CREATE SEQUENCE "platform"."edi_control_numbers" INCREMENT BY 1 MINVALUE 1 MAXVALUE 999999999 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "platform"."edi_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"direction" text NOT NULL,
	"type" text NOT NULL,
	"interchange_control_number" text,
	"group_control_number" text,
	"transaction_control_number" text,
	"supplier_id" uuid,
	"status" text NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"invoice_id" uuid,
	"purchase_order_id" uuid,
	"payment_id" uuid,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"content" text,
	CONSTRAINT "edi_documents_direction_check" CHECK ("platform"."edi_documents"."direction" in ('INBOUND', 'OUTBOUND')),
	CONSTRAINT "edi_documents_type_check" CHECK ("platform"."edi_documents"."type" in ('X12_810', 'X12_820', 'X12_850', 'X12_855', 'X12_997', 'CSV_INVOICES', 'CSV_REMITTANCE')),
	CONSTRAINT "edi_documents_status_check" CHECK ("platform"."edi_documents"."status" in ('ACCEPTED', 'ACCEPTED_WITH_ERRORS', 'REJECTED', 'DUPLICATE', 'SENT', 'ACKNOWLEDGED'))
);
--> statement-breakpoint
CREATE TABLE "platform"."edi_interchanges" (
	"sender" text NOT NULL,
	"control_number" text NOT NULL,
	"acknowledgment" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "edi_interchanges_sender_control_number_pk" PRIMARY KEY("sender","control_number")
);
--> statement-breakpoint
CREATE TABLE "platform"."trading_partners" (
	"supplier_id" uuid PRIMARY KEY NOT NULL,
	"interchange_qualifier" text NOT NULL,
	"interchange_id" text NOT NULL,
	"group_id" text NOT NULL,
	"version" text NOT NULL,
	"inbound" text[] NOT NULL,
	"outbound" text[] NOT NULL,
	"element_separator" text DEFAULT '*' NOT NULL,
	"segment_terminator" text DEFAULT '~' NOT NULL,
	"reject_group_on_error" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trading_partners_version_check" CHECK ("platform"."trading_partners"."version" in ('004010', '005010'))
);
--> statement-breakpoint
CREATE INDEX "edi_documents_received_at_index" ON "platform"."edi_documents" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "edi_documents_supplier_id_received_at_index" ON "platform"."edi_documents" USING btree ("supplier_id","received_at");--> statement-breakpoint
CREATE INDEX "edi_documents_direction_group_control_number_index" ON "platform"."edi_documents" USING btree ("direction","group_control_number");--> statement-breakpoint
CREATE UNIQUE INDEX "trading_partners_interchange_qualifier_interchange_id_index" ON "platform"."trading_partners" USING btree ("interchange_qualifier","interchange_id");