import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../generated/gql.ts';
import { createWorld } from '@procuregraph/demo';
import type { UserCaller } from '@procuregraph/platform/auth';
import { executeSql } from '@procuregraph/platform/db';
import { eventually, listening, startTestGraph, type TestGraph } from '../harness.ts';
import { subscribe } from '../subscriber.ts';

/** ERP payments as AP makes them (one for several invoices, part of one, voided), followed through the gateway. */
const world = createWorld({ scale: 'default' });
const supplier = [...world.suppliers()].find((candidate) => candidate.status === 'ACTIVE' && candidate.erp !== null)!;
const finance: UserCaller = { kind: 'staff', subject: 'ap@network.example', role: 'finance' };
const ERP_API = '/fscmRestApi/resources/11.13.18.05';

let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph();
});

afterAll(async () => {
  await graph?.close();
});

const INVOICE = graphql(`
  query InvoicePayments1($id: ID!) {
    invoice(id: $id) {
      status
      amountPaid {
        amount
      }
      amountDue {
        amount
      }
      payments {
        status
        amount {
          amount
        }
        applications {
          invoice {
            id
          }
          amount {
            amount
          }
        }
      }
    }
  }
`);

/** An invoice billing no order, its NO_PURCHASE_ORDER exception overridden: returns its id and number. */
async function approvable(total: string): Promise<{ id: string; invoiceNumber: string }> {
  const invoiceNumber = `PAY-${randomUUID().slice(0, 10)}`;
  const submitted = await graph.query(
    graphql(`
      mutation InvoicePayments2($input: SubmitInvoiceInput!) {
        submitInvoice(input: $input) {
          invoice {
            id
            match {
              exceptions {
                id
              }
            }
          }
          userErrors {
            code
          }
        }
      }
    `),
    {
      input: {
        supplierId: supplier.id,
        invoiceNumber,
        invoiceDate: '2026-11-02',
        idempotencyKey: invoiceNumber,
        lines: [{ lineNumber: 1, itemNumber: 'SVC-CAL', quantity: '1', unitPrice: total }],
      },
    },
    finance,
  );
  const invoice = submitted.data!.submitInvoice.invoice;
  for (const exception of invoice!.match!.exceptions) {
    await graph.query(
      graphql(`
        mutation InvoicePayments3($input: ResolveMatchExceptionInput!) {
          resolveMatchException(input: $input) {
            userErrors {
              code
            }
          }
        }
      `),
      { input: { exceptionId: exception.id, action: 'OVERRIDE', reason: 'Service billed without an order' } },
      finance,
    );
  }
  return { id: invoice!.id, invoiceNumber };
}

/** Approves the invoice and waits for it in ERP payables: returns its ERP InvoiceId. */
async function approveIntoErp(id: string, invoiceNumber: string): Promise<number> {
  const approved = await graph.query(
    graphql(`
      mutation InvoicePayments4($id: ID!) {
        approveInvoice(id: $id) {
          userErrors {
            code
          }
        }
      }
    `),
    { id },
    finance,
  );
  expect(approved.data!.approveInvoice.userErrors).toEqual([]);
  return eventually(async () => {
    const response = await fetch(`${graph.app.systems.erpUrl}${ERP_API}/invoices?q=InvoiceNumber=${invoiceNumber}`);
    return ((await response.json()) as { items: { InvoiceId: number }[] }).items[0]?.InvoiceId;
  });
}

/** An invoice approved and in ERP payables: returns its id, number and ERP InvoiceId. */
async function approvedInErp(total: string): Promise<{ id: string; erpInvoiceId: number; invoiceNumber: string }> {
  const { id, invoiceNumber } = await approvable(total);
  return { id, invoiceNumber, erpInvoiceId: await approveIntoErp(id, invoiceNumber) };
}

/** What the ERP's admin endpoints answer that these tests read: a created payment. */
interface ErpAdminAnswer {
  PaymentId?: string | number;
  PaymentAmount?: string;
}

async function erpAdmin(path: string, body?: unknown): Promise<ErpAdminAnswer> {
  const response = await fetch(`${graph.app.systems.erpUrl}/admin/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  expect(response.ok).toBe(true);
  return (await response.json()) as ErpAdminAnswer;
}

/** When the ERP's event moved the payment to `status`, as its feed serves it. */
async function paymentEventAt(erpPaymentId: number, status: string): Promise<number> {
  const response = await fetch(`${graph.app.systems.erpUrl}${ERP_API}/businessEvents?after=0&limit=500`);
  const { items } = (await response.json()) as {
    items: { OccurredAt: string; ResourceId: number; Resource: { PaymentStatus?: string } }[];
  };
  return Date.parse(items.find((event) => event.ResourceId === erpPaymentId && event.Resource.PaymentStatus === status)!.OccurredAt);
}

/** The journey steps of the invoice's payments that are the ERP's events, with their times. */
async function erpEventSteps(invoiceId: string): Promise<{ action: string; at: number }[]> {
  const rows = await executeSql<{ action: string; at: string | Date }>(
    graph.app.client,
    `select step.action, step.at from platform.journey_steps step join invoicing.payments payment on payment.id = step.entity_id
     where payment.invoice_id = $1 and step.system = 'ERP' and step.action like '% in the ERP' order by step.at, step.id`,
    [invoiceId],
  );
  return rows.map((row) => ({ action: row.action, at: new Date(row.at).getTime() }));
}

async function invoiceOnceIn(id: string, status: string, amountDue: string) {
  return eventually(async () => {
    const { data } = await graph.query(INVOICE, { id }, finance);
    return data!.invoice!.status === status && data!.invoice!.amountDue.amount === amountDue ? data!.invoice! : undefined;
  });
}

describe('ERP payments of invoices', () => {
  it(
    'pays three invoices with one payment, leaves a partly paid one APPROVED with the exact amount due, and reverses a void',
    { timeout: 180_000 },
    async () => {
      const three = [await approvedInErp('100.00'), await approvedInErp('20.05'), await approvedInErp('0.10')];
      const partly = await approvedInErp('250.00');
      // Listening for the last of the three: the payment's events name every invoice it pays.
      const listeners = graph.app.events.subscriberCount;
      const ofTheThird = subscribe(
        graph.graphqlUrl,
        { authorization: `Bearer ${await graph.tokenFor(finance)}` },
        graphql(`
          subscription InvoicePayments5($invoiceId: ID) {
            paymentStatusChanged(invoiceId: $invoiceId) {
              status
              payment {
                amount {
                  amount
                }
              }
            }
          }
        `),
        { invoiceId: three[2]!.id },
      );
      await listening(graph.app, listeners);
      const batch = await erpAdmin('payments', { relatedInvoices: three.map((invoice) => ({ InvoiceId: invoice.erpInvoiceId })) });
      expect(batch.PaymentAmount).toBe('120.15');
      await erpAdmin('payments', { relatedInvoices: [{ InvoiceId: partly.erpInvoiceId, AmountPaid: '99.99' }] });
      // Issued → Negotiable → Cleared.
      await erpAdmin('payment-run');
      await erpAdmin('payment-run');

      const paid = await Promise.all(three.map((invoice) => invoiceOnceIn(invoice.id, 'PAID', '0.00')));
      expect(paid.map((invoice) => invoice!.amountPaid.amount)).toEqual(['100.00', '20.05', '0.10']);
      for (const invoice of paid) {
        expect(invoice!.payments).toEqual([
          {
            status: 'CLEARED',
            amount: { amount: '120.15' },
            applications: expect.arrayContaining(
              three.map((each, index) => ({ invoice: { id: each.id }, amount: { amount: ['100.00', '20.05', '0.10'][index] } })),
            ),
          },
        ]);
        expect(invoice!.payments[0]!.applications).toHaveLength(3);
      }
      const heard = await ofTheThird.take(3, 30_000);
      expect(heard.map((result) => result.data!.paymentStatusChanged)).toEqual(
        ['SCHEDULED', 'SENT', 'CLEARED'].map((status) => ({ status, payment: { amount: { amount: '120.15' } } })),
      );
      await ofTheThird.close();
      const onThePortal = await eventually(async () => {
        const response = await fetch(
          `${graph.app.systems.vendorPlatformUrl}/api/v1/portal/payments?registrationId=${supplier.vendorPlatform.registrationId}`,
        );
        const { data } = (await response.json()) as { data: { invoiceNumber: string; invoiceNumbers: string[]; status: string }[] };
        const shown = data.find((payment) => payment.invoiceNumber === three[0]!.invoiceNumber);
        return shown?.status === 'cleared' ? shown : undefined;
      });
      expect(onThePortal.invoiceNumbers).toEqual([three[0]!.invoiceNumber, ...[three[1]!.invoiceNumber, three[2]!.invoiceNumber].sort()]);
      const partial = await invoiceOnceIn(partly.id, 'APPROVED', '150.01');
      expect(partial).toMatchObject({ amountPaid: { amount: '99.99' }, payments: [{ status: 'CLEARED', amount: { amount: '99.99' } }] });

      await erpAdmin(`payments/${batch.PaymentId}/void`);
      const reversed = await Promise.all([
        invoiceOnceIn(three[0]!.id, 'APPROVED', '100.00'),
        invoiceOnceIn(three[1]!.id, 'APPROVED', '20.05'),
        invoiceOnceIn(three[2]!.id, 'APPROVED', '0.10'),
      ]);
      expect(reversed.map((invoice) => [invoice!.amountPaid.amount, invoice!.payments[0]!.status])).toEqual([
        ['0.00', 'VOIDED'],
        ['0.00', 'VOIDED'],
        ['0.00', 'VOIDED'],
      ]);
    },
  );

  it(
    'applies a payment that arrived before the invoice was linked to its ERP id, once the retried create finds the invoice the ERP committed',
    { timeout: 180_000 },
    async () => {
      const { id, invoiceNumber } = await approvable('75.25');
      // The ERP commits each create of an invoice and loses its answer, until told otherwise.
      await erpAdmin('faults', { lostResponses: { path: `${ERP_API}/invoices`, count: 1000 } });
      const erpInvoiceId = await approveIntoErp(id, invoiceNumber);
      const { PaymentId: erpPaymentId } = await erpAdmin('payments', { relatedInvoices: [{ InvoiceId: erpInvoiceId }] });
      await erpAdmin('payment-run');
      await erpAdmin('payment-run');
      // Invoicing has heard of the payment and keeps it: the invoice it names is not linked yet.
      await eventually(async () => {
        const rows = await executeSql<{ erp_invoice_ids: string[] }>(
          graph.app.client,
          'select erp_invoice_ids from invoicing.unlinked_erp_payments',
        );
        return rows.some((row) => row.erp_invoice_ids.includes(String(erpInvoiceId))) ? true : undefined;
      }, 30_000);
      const before = (await graph.query(INVOICE, { id }, finance)).data!.invoice!;
      expect([before.status, before.amountDue.amount, before.payments]).toEqual(['APPROVED', '75.25', []]);

      await erpAdmin('faults', {});
      const paid = await eventually(async () => {
        const { data } = await graph.query(INVOICE, { id }, finance);
        return data!.invoice!.status === 'PAID' ? data!.invoice! : undefined;
      }, 120_000);
      expect(paid).toMatchObject({
        amountPaid: { amount: '75.25' },
        amountDue: { amount: '0.00' },
        payments: [{ status: 'CLEARED', amount: { amount: '75.25' }, applications: [{ invoice: { id }, amount: { amount: '75.25' } }] }],
      });
      const inErp = await fetch(`${graph.app.systems.erpUrl}${ERP_API}/invoices?q=InvoiceNumber=${invoiceNumber}`);
      expect(((await inErp.json()) as { items: { InvoiceId: number }[] }).items.map((item) => item.InvoiceId)).toEqual([erpInvoiceId]);
      // The event kept while it waited (the latest: it replaced the earlier two) is the payment's ERP step, at the ERP's time, once.
      const cleared = await paymentEventAt(Number(erpPaymentId), 'Cleared');
      expect(await erpEventSteps(id)).toEqual([{ action: 'payment status CLEARED in the ERP', at: cleared }]);
    },
  );
});
