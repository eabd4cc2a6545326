import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeDatabaseClient,
  openDatabaseClient,
  type DatabaseClient,
  createServiceDatabase,
  type Database,
  newId,
} from '@procuregraph/platform/db';
import { sum } from '@procuregraph/platform/money';
import type { ErpPaymentSnapshot } from '../erp-mapping.ts';
import { creditMemos, invoices, paymentApplications, payments, unlinkedErpPayments } from '../db/tables.ts';
import { submitInvoice } from '../intake/submit-invoice.ts';
import { applyErpPayment, linkCreditMemoToErp, linkToErpInvoice } from './apply-erp-payment.ts';
import { amountsSettled } from '../db/queries.ts';

/* Payments from the ERP applied to canonical invoices on a real PGlite: the order they arrive in does not change the result. */

let client: DatabaseClient;
let db: Database;

beforeAll(async () => {
  client = await openDatabaseClient({});
  const service = createServiceDatabase(client, 'invoicing');
  await service.migrate(join(dirname(fileURLToPath(import.meta.url)), '..', 'db', 'migrations'));
  db = service.db;
});

afterAll(async () => {
  if (client) await closeDatabaseClient(client);
});

const supplierId = newId();

/** An approved invoice of the given total (its match does not matter here). */
async function approvedInvoice(total: string): Promise<string> {
  const { invoice } = await submitInvoice(
    db,
    {
      supplierId,
      purchaseOrderId: null,
      invoiceNumber: `PB-${newId().slice(-8)}`,
      invoiceDate: '2026-11-02',
      currency: 'USD',
      lines: [{ lineNumber: 1, itemNumber: 'SVC', quantity: '1', unitPrice: total }],
      taxAmount: '0',
      freightAmount: '0',
      source: 'GRAPH',
      idempotencyKey: null,
      vendorPlatformInvoiceId: null,
    },
    2,
  );
  await db.update(invoices).set({ status: 'APPROVED' }).where(eq(invoices.id, invoice!.id));
  return invoice!.id;
}

function snapshot(
  erpPaymentId: string,
  status: ErpPaymentSnapshot['status'],
  related: [string, string][],
  credits: [string, string][] = [],
): ErpPaymentSnapshot {
  return {
    erpPaymentId,
    paymentNumber: erpPaymentId,
    amount: sum(related.map(([, amount]) => amount))
      .minus(sum(credits.map(([, amount]) => amount)))
      .toFixed(2),
    currency: 'USD',
    status,
    method: 'ACH',
    scheduledFor: '2026-11-20',
    relatedInvoices: related.map(([erpInvoiceId, amountPaid]) => ({ erpInvoiceId, amountPaid })),
    appliedCredits: credits.map(([erpCreditMemoId, amount]) => ({ erpCreditMemoId, amount })),
  };
}

async function statusOf(invoiceId: string) {
  const [row] = await db.select({ status: invoices.status }).from(invoices).where(eq(invoices.id, invoiceId));
  const settled = (await amountsSettled(db, [invoiceId])).get(invoiceId);
  return {
    status: row!.status,
    paid: settled?.paid ?? '0',
    ...(settled && settled.credited !== '0.0000' ? { credited: settled.credited } : {}),
  };
}

describe('ERP payments applied to invoices', () => {
  it('keeps a payment that arrives before its invoice is linked, and applies it once when the link arrives', async () => {
    const invoiceId = await approvedInvoice('40.00');
    expect(
      await db.transaction((tx) => applyErpPayment(tx, snapshot('9001', 'CLEARED', [['7001', '40.00']]), new Date('2026-11-20T10:00:00Z'))),
    ).toBeNull();
    expect(await db.select({ id: unlinkedErpPayments.erpPaymentId }).from(unlinkedErpPayments)).toEqual([{ id: '9001' }]);
    expect(await statusOf(invoiceId)).toEqual({ status: 'APPROVED', paid: '0' });

    await db.transaction((tx) => linkToErpInvoice(tx, invoiceId, '7001'));
    expect(await statusOf(invoiceId)).toEqual({ status: 'PAID', paid: '40.0000' });
    expect(await db.select().from(unlinkedErpPayments)).toEqual([]);
    // The same event again (a replay) changes nothing.
    await db.transaction((tx) => applyErpPayment(tx, snapshot('9001', 'CLEARED', [['7001', '40.00']]), new Date('2026-11-20T10:00:00Z')));
    expect(
      await db
        .select({ amount: paymentApplications.amount })
        .from(paymentApplications)
        .innerJoin(payments, eq(payments.id, paymentApplications.paymentId))
        .where(eq(payments.erpPaymentId, '9001')),
    ).toEqual([{ amount: '40.0000' }]);
  });

  it('applies what it can of a payment of several invoices now, and the rest when the other link arrives', async () => {
    const [first, second] = [await approvedInvoice('10.00'), await approvedInvoice('5.50')];
    await db.transaction((tx) => linkToErpInvoice(tx, first, '7101'));
    await db.transaction((tx) =>
      applyErpPayment(
        tx,
        snapshot('9101', 'CLEARED', [
          ['7101', '10.00'],
          ['7102', '5.50'],
        ]),
        new Date('2026-11-21T10:00:00Z'),
      ),
    );
    expect([await statusOf(first), await statusOf(second)]).toEqual([
      { status: 'PAID', paid: '10.0000' },
      { status: 'APPROVED', paid: '0' },
    ]);
    await db.transaction((tx) => linkToErpInvoice(tx, second, '7102'));
    expect(await statusOf(second)).toEqual({ status: 'PAID', paid: '5.5000' });
  });

  it('pays an invoice only when cleared payments cover it, and takes back what a failed or voided one applied', async () => {
    const invoiceId = await approvedInvoice('100.00');
    await db.transaction((tx) => linkToErpInvoice(tx, invoiceId, '7201'));
    const apply = (id: string, status: ErpPaymentSnapshot['status'], amount: string, at: string) =>
      db.transaction((tx) => applyErpPayment(tx, snapshot(id, status, [['7201', amount]]), new Date(at)));
    await apply('9201', 'SENT', '99.99', '2026-11-22T10:00:00Z');
    expect(await statusOf(invoiceId)).toEqual({ status: 'APPROVED', paid: '0' });
    await apply('9201', 'CLEARED', '99.99', '2026-11-22T11:00:00Z');
    expect(await statusOf(invoiceId)).toEqual({ status: 'APPROVED', paid: '99.9900' });
    await apply('9202', 'CLEARED', '0.01', '2026-11-22T12:00:00Z');
    expect(await statusOf(invoiceId)).toEqual({ status: 'PAID', paid: '100.0000' });
    await apply('9202', 'VOIDED', '0.01', '2026-11-22T13:00:00Z');
    expect(await statusOf(invoiceId)).toEqual({ status: 'APPROVED', paid: '99.9900' });
    await apply('9201', 'FAILED', '99.99', '2026-11-22T14:00:00Z');
    expect(await statusOf(invoiceId)).toEqual({ status: 'APPROVED', paid: '0' });
  });

  it('nets a credit memo the payment applies against the invoice it credits, once the credit memo is linked, and a void takes both back', async () => {
    const invoiceId = await approvedInvoice('1000.00');
    await db.transaction((tx) => linkToErpInvoice(tx, invoiceId, '7301'));
    const creditMemoId = newId();
    await db.insert(creditMemos).values({
      id: creditMemoId,
      invoiceId,
      supplierId,
      creditMemoNumber: 'CM-7301',
      creditMemoNumberKey: 'CM7301',
      creditMemoDate: '2026-11-03',
      amount: '150.00',
      currency: 'USD',
      submissionDigest: 'digest',
    });
    const apply = (status: ErpPaymentSnapshot['status'], at: string) =>
      db.transaction((tx) => applyErpPayment(tx, snapshot('9301', status, [['7301', '1000.00']], [['8301', '150']]), new Date(at)));
    expect(await apply('CLEARED', '2026-11-23T10:00:00Z')).toBeNull();
    expect(await statusOf(invoiceId)).toEqual({ status: 'APPROVED', paid: '0' });

    await db.transaction((tx) => linkCreditMemoToErp(tx, creditMemoId, '8301'));
    expect(await statusOf(invoiceId)).toEqual({ status: 'PAID', paid: '850.0000', credited: '150.0000' });
    expect(await db.select().from(unlinkedErpPayments).where(eq(unlinkedErpPayments.erpPaymentId, '9301'))).toEqual([]);
    expect((await db.select({ amount: payments.amount }).from(payments).where(eq(payments.erpPaymentId, '9301')))[0]).toEqual({
      amount: '850.0000',
    });
    await apply('VOIDED', '2026-11-23T11:00:00Z');
    expect(await statusOf(invoiceId)).toEqual({ status: 'APPROVED', paid: '0' });
  });

  it('settles an invoice its credit memo covers in full by the zero-amount payment that applies it', async () => {
    const invoiceId = await approvedInvoice('80.00');
    await db.transaction((tx) => linkToErpInvoice(tx, invoiceId, '7401'));
    const creditMemoId = newId();
    await db.insert(creditMemos).values({
      id: creditMemoId,
      invoiceId,
      supplierId,
      creditMemoNumber: 'CM-7401',
      creditMemoNumberKey: 'CM7401',
      creditMemoDate: '2026-11-04',
      amount: '80.00',
      currency: 'USD',
      submissionDigest: 'digest',
      erpInvoiceId: '8401',
    });
    const zero = snapshot('9401', 'CLEARED', [['7401', '80.00']], [['8401', '80.00']]);
    expect(zero.amount).toBe('0.00');
    await db.transaction((tx) => applyErpPayment(tx, zero, new Date('2026-11-24T10:00:00Z')));
    expect(await statusOf(invoiceId)).toEqual({ status: 'PAID', paid: '0.0000', credited: '80.0000' });
  });
});
