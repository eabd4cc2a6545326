import { eq } from 'drizzle-orm';
import type { Database } from '@procuregraph/platform/db';
import type { JobContext } from '@procuregraph/platform/jobs';
import { PermanentError } from '@procuregraph/platform/resilience';
import type { ErpClient } from '@procuregraph/connector-erp';
import { erpInvoiceBody, type InvoiceForErp } from '../erp-mapping.ts';
import { invoiceLines, invoices, purchaseOrderProjections, supplierProjections, type InvoiceRow } from '../db/tables.ts';
import { invoiceApproved } from '../events.ts';
import { linkToErpInvoice } from '../payments/apply-erp-payment.ts';

export async function erpSupplierNumber(db: Database, supplierId: string): Promise<string> {
  const [supplier] = await db.select().from(supplierProjections).where(eq(supplierProjections.supplierId, supplierId));
  // The supplier's ERP link may still be on its way (supplier.erp_linked): a retry will find it.
  if (!supplier?.erpSupplierNumber) throw new Error(`Supplier ${supplierId} has no ERP supplier number yet`);
  return supplier.erpSupplierNumber;
}

async function orderNumber(db: Database, purchaseOrderId: string | null): Promise<string | null> {
  if (!purchaseOrderId) return null;
  const [order] = await db
    .select({ number: purchaseOrderProjections.number })
    .from(purchaseOrderProjections)
    .where(eq(purchaseOrderProjections.purchaseOrderId, purchaseOrderId));
  return order?.number ?? null;
}

async function invoiceForErp(db: Database, invoice: InvoiceRow): Promise<InvoiceForErp> {
  const lines = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).orderBy(invoiceLines.position);
  return {
    invoiceNumber: invoice.invoiceNumber,
    invoiceDate: invoice.invoiceDate,
    currency: invoice.currency,
    total: invoice.total,
    taxAmount: invoice.taxAmount,
    freightAmount: invoice.freightAmount,
    supplierNumber: await erpSupplierNumber(db, invoice.supplierId),
    purchaseOrderNumber: await orderNumber(db, invoice.purchaseOrderId),
    lines,
  };
}

/**
 * The job behind `invoice.approved`: creates the invoice in ERP payables (the job's idempotency
 * key makes a retry find the first one) and keeps the ERP InvoiceId its payments will name;
 * payments that named it before the link existed are applied then.
 */
export async function sendInvoiceToErp(db: Database, erp: ErpClient, job: JobContext): Promise<void> {
  const { invoiceId } = invoiceApproved.parse(job.payload);
  const [invoice] = await db.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!invoice) throw new PermanentError(`Invoice ${invoiceId} does not exist`);
  if (invoice.erpInvoiceId !== null) return;
  const erpInvoiceId = await erp.createInvoice(erpInvoiceBody(await invoiceForErp(db, invoice)), job.idempotencyKey, job.signal);
  await db.transaction((tx) => linkToErpInvoice(tx, invoiceId, erpInvoiceId));
}
