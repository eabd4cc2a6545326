CREATE TABLE "invoicing"."credit_memos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"invoice_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"credit_memo_number" text NOT NULL,
	"credit_memo_number_key" text NOT NULL,
	"credit_memo_date" date NOT NULL,
	"amount" numeric(20, 4) NOT NULL,
	"currency" text NOT NULL,
	"idempotency_key" text,
	"submission_digest" text NOT NULL,
	"erp_invoice_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_memos_idempotencyKey_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "credit_memos_erpInvoiceId_unique" UNIQUE("erp_invoice_id")
);
--> statement-breakpoint
ALTER TABLE "invoicing"."credit_memos" ADD CONSTRAINT "credit_memos_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "invoicing"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_memos_invoice_id_id_index" ON "invoicing"."credit_memos" USING btree ("invoice_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_memos_supplier_id_credit_memo_number_key_index" ON "invoicing"."credit_memos" USING btree ("supplier_id","credit_memo_number_key");