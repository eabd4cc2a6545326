import { eq } from 'drizzle-orm';
import type { Database } from '@procuregraph/platform/db';
import type { JobContext } from '@procuregraph/platform/jobs';
import { PermanentError } from '@procuregraph/platform/resilience';
import type { ErpClient } from '@procuregraph/connector-erp';
import { erpCreditMemoBody } from '../erp-mapping.ts';
import { linkCreditMemoToErp } from '../payments/apply-erp-payment.ts';
import { creditMemos, invoices } from '../db/tables.ts';
import { creditMemoReadyForErp } from '../events.ts';
import { erpSupplierNumber } from './send-to-erp.ts';

/**
 * The job behind `credit_memo.ready_for_erp`: creates the credit memo in ERP payables, crediting
 * its invoice there, and keeps the ERP InvoiceId. The idempotency key is the credit memo's own, so
 * however many events or runs ask for it, the ERP holds one.
 */
export async function sendCreditMemoToErp(db: Database, erp: ErpClient, job: JobContext): Promise<void> {
  const { creditMemoId } = creditMemoReadyForErp.parse(job.payload);
  const [creditMemo] = await db.select().from(creditMemos).where(eq(creditMemos.id, creditMemoId));
  if (!creditMemo) throw new PermanentError(`Credit memo ${creditMemoId} does not exist`);
  if (creditMemo.erpInvoiceId !== null) return;
  const [invoice] = await db.select().from(invoices).where(eq(invoices.id, creditMemo.invoiceId));
  // Queued once the invoice is linked, so this is a link not yet visible: a retry finds it.
  if (!invoice?.erpInvoiceId) throw new Error(`Invoice ${creditMemo.invoiceId} is not in ERP payables yet`);
  const body = erpCreditMemoBody({
    creditMemoNumber: creditMemo.creditMemoNumber,
    creditMemoDate: creditMemo.creditMemoDate,
    currency: creditMemo.currency,
    amount: creditMemo.amount,
    supplierNumber: await erpSupplierNumber(db, creditMemo.supplierId),
    invoiceNumber: invoice.invoiceNumber,
  });
  const erpInvoiceId = await erp.createInvoice(body, `credit-memo:${creditMemoId}`, job.signal);
  await db.transaction((tx) => linkCreditMemoToErp(tx, creditMemoId, erpInvoiceId));
}
