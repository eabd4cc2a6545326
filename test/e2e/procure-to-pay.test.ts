import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '@procuregraph/demo';
import type { UserCaller } from '@procuregraph/platform/auth';
import { executeSql } from '@procuregraph/platform/db';
import { graphql } from '../generated/gql.ts';
import { eventually, listening, settled, startTestGraph, type TestGraph } from '../harness.ts';
import { subscribe } from '../subscriber.ts';

/**
 * The whole story through the gateway, with the reference ERP and vendor platform as separate
 * HTTP services: issue a PO, receive it, submit a matching invoice, approve it, run payments three
 * times, and watch SCHEDULED, SENT and CLEARED arrive live with fields from three subgraphs.
 */
const world = createWorld({ scale: 'default' });
const supplier = [...world.suppliers()].find((candidate) => candidate.status === 'ACTIVE' && candidate.erp !== null)!;
const buyer: UserCaller = { kind: 'staff', subject: 'buyer@network.example', role: 'procurement' };
const finance: UserCaller = { kind: 'staff', subject: 'ap@network.example', role: 'finance' };

let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph();
});

afterAll(async () => {
  await graph?.close();
});

async function orderOnceOpen(id: string) {
  return eventually(async () => {
    const { data } = await graph.query(
      graphql(`
        query OpenOrderLines($id: ID!) {
          purchaseOrder(id: $id) {
            number
            status
            lines {
              lineNumber
              itemNumber
              quantity
              unitPrice {
                amount
              }
            }
          }
        }
      `),
      { id },
    );
    return data!.purchaseOrder?.status === 'OPEN' ? data!.purchaseOrder : undefined;
  });
}

async function invoiceStatus(id: string): Promise<string> {
  return (
    await graph.query(
      graphql(`
        query InvoiceStatus($id: ID!) {
          invoice(id: $id) {
            status
          }
        }
      `),
      { id },
    )
  ).data!.invoice!.status;
}

const ONBOARD = graphql(`
  mutation OnboardLakeshore($input: OnboardSupplierInput!) {
    onboardSupplier(input: $input) {
      supplier {
        id
        legalName
        status
        taxIdMasked
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

const SUPPLIER_REFERENCES = graphql(`
  query SupplierReferences($id: ID!) {
    supplier(id: $id) {
      status
      externalReferences {
        system
        externalId
      }
    }
  }
`);

/** Onboards and approves a new supplier through the gateway and waits until the ERP has it. */
async function onboardedSupplier(): Promise<{ id: string; legalName: string }> {
  const onboarded = await graph.query(
    ONBOARD,
    {
      input: {
        legalName: 'lakeshore sterile processing, incorporated',
        taxId: '47-2210934',
        category: 'MEDICAL_SURGICAL',
        address: { line1: '400 N Michigan Ave', city: 'Chicago', region: 'il', postalCode: '60611', country: 'US' },
        contact: { name: 'Dana Ruiz', email: 'Dana.Ruiz@lakeshore.example', phone: '(312) 555-0142' },
        bankAccount: { routingNumber: '011000015', accountNumber: '000987654321', accountType: 'CHECKING' },
        insuranceCertificates: [
          {
            type: 'GENERAL_LIABILITY',
            carrier: 'Travelers',
            policyNumber: 'GL-7781204',
            coverageAmount: '2000000',
            expiresOn: '2028-06-30',
          },
          {
            type: 'WORKERS_COMPENSATION',
            carrier: 'Travelers',
            policyNumber: 'WC-7781205',
            coverageAmount: '1000000',
            expiresOn: '2028-06-30',
          },
        ],
        idempotencyKey: 'onboard-lakeshore-1',
      },
    },
    buyer,
  );
  expect(onboarded.data!.onboardSupplier.userErrors).toEqual([]);
  const created = onboarded.data!.onboardSupplier.supplier!;
  // Its creation event (none → PENDING_APPROVAL) goes out first, so the subscriber below hears
  // only what approval causes.
  await settled(graph.app, []);
  expect(created).toMatchObject({ legalName: 'Lakeshore Sterile Processing Inc.', status: 'PENDING_APPROVAL', taxIdMasked: '**-***0934' });

  const listeners = graph.app.events.subscriberCount;
  const statuses = subscribe(
    graph.graphqlUrl,
    { authorization: `Bearer ${await graph.tokenFor(buyer)}` },
    graphql(`
      subscription NewSupplierStatus($supplierId: ID) {
        supplierStatusChanged(supplierId: $supplierId) {
          previousStatus
          status
          supplier {
            legalName
          }
        }
      }
    `),
    { supplierId: created.id },
  );
  try {
    await listening(graph.app, listeners);
    const approved = await graph.query(
      graphql(`
        mutation ApproveNewSupplier($id: ID!) {
          approveSupplier(id: $id) {
            supplier {
              status
            }
            userErrors {
              code
            }
          }
        }
      `),
      { id: created.id },
      buyer,
    );
    expect(approved.data!.approveSupplier).toEqual({ supplier: { status: 'APPROVED' }, userErrors: [] });
    const changes = await statuses.take(2, 30_000);
    expect(changes.map((change) => [change.data?.supplierStatusChanged.previousStatus, change.data?.supplierStatusChanged.status])).toEqual(
      [
        ['PENDING_APPROVAL', 'APPROVED'],
        ['APPROVED', 'ACTIVE'],
      ],
    );
  } finally {
    await statuses.close();
  }
  const { data } = await graph.query(SUPPLIER_REFERENCES, { id: created.id });
  expect(data!.supplier!.status).toBe('ACTIVE');
  expect(data!.supplier!.externalReferences.map((reference) => reference.system)).toContain('ERP');
  return { id: created.id, legalName: created.legalName };
}

describe('procure to pay', () => {
  it('onboards and approves a supplier, enrolls it on the portal, then takes an order for it all the way to a cleared payment', async () => {
    const newcomer = await onboardedSupplier();
    const registrationId = await eventually(async () => {
      const { data } = await graph.query(SUPPLIER_REFERENCES, { id: newcomer.id });
      return data!.supplier!.externalReferences.find((reference) => reference.system === 'VENDOR_PLATFORM')?.externalId;
    });
    await procureToPay({ ...newcomer, vendorPlatform: { registrationId } });
  });

  it('shows every payment status to a supplier registered on the portal', async () => {
    await procureToPay(supplier);
  });
});

async function procureToPay(supplier: { id: string; legalName: string; vendorPlatform: { registrationId: string } }) {
  {
    // Procurement learns that a supplier is active in the ERP from the onboarding events: right
    // after activation an order may be refused as SUPPLIER_NOT_ACTIVE until that event arrives.
    const idempotencyKey = randomUUID();
    const issued = await eventually(async () => {
      const answer = await graph.query(
        graphql(`
          mutation IssueOrder($input: IssuePurchaseOrderInput!) {
            issuePurchaseOrder(input: $input) {
              purchaseOrder {
                id
              }
              userErrors {
                code
                message
              }
            }
          }
        `),
        {
          input: {
            supplierId: supplier.id,
            idempotencyKey,
            lines: [
              { itemNumber: 'SUT-4-0-VIC', description: 'Absorbable suture 4-0', quantity: '10', unitOfMeasure: 'BX', unitPrice: '0.10' },
              { itemNumber: 'DRP-STR-LG', description: 'Sterile drape, large', quantity: '3', unitOfMeasure: 'CS', unitPrice: '0.20' },
            ],
          },
        },
        buyer,
      );
      return answer.data!.issuePurchaseOrder.userErrors.length === 0 ? answer : undefined;
    });
    const orderId = issued.data!.issuePurchaseOrder.purchaseOrder!.id;
    const order = await orderOnceOpen(orderId);

    const received = await graph.query(
      graphql(`
        mutation ReceiveOrder($input: RecordReceiptInput!) {
          recordReceipt(input: $input) {
            receipt {
              id
            }
            userErrors {
              code
            }
          }
        }
      `),
      {
        input: {
          purchaseOrderId: orderId,
          lines: order.lines.map((line) => ({ lineNumber: line.lineNumber, quantityReceived: line.quantity })),
        },
      },
      buyer,
    );
    expect(received.data!.recordReceipt.userErrors).toEqual([]);

    const invoiceNumber = `INV-P2P-${randomUUID().slice(0, 8)}`;
    const submit = () =>
      graph.query(
        graphql(`
          mutation SubmitOrderInvoice($input: SubmitInvoiceInput!) {
            submitInvoice(input: $input) {
              invoice {
                id
                status
                total {
                  amount
                }
                match {
                  outcome
                  exceptions {
                    code
                  }
                }
              }
              userErrors {
                code
                message
              }
            }
          }
        `),
        {
          input: {
            supplierId: supplier.id,
            purchaseOrderId: orderId,
            invoiceNumber,
            invoiceDate: new Date().toISOString().slice(0, 10),
            idempotencyKey: invoiceNumber,
            lines: order.lines.map((line) => ({
              lineNumber: line.lineNumber,
              itemNumber: line.itemNumber,
              quantity: line.quantity,
              unitPrice: line.unitPrice.amount,
            })),
          },
        },
        finance,
      );
    // Sent right after the receipt: invoicing may not have heard of it (nor of a new supplier's
    // activation) yet, and matches the invoice again when it does.
    const submitted = (await submit()).data!.submitInvoice;
    expect(submitted.userErrors).toEqual([]);
    // 10 × 0.10 + 3 × 0.20 = 1.60 exactly; a binary float says 1.6000000000000003.
    expect(submitted.invoice!.total.amount).toBe('1.60');
    const invoiceId = submitted.invoice!.id;
    const matched = await eventually(async () => {
      const { data } = await graph.query(
        graphql(`
          query ProcureToPay1($id: ID!) {
            invoice(id: $id) {
              status
              match {
                outcome
                exceptions {
                  code
                }
              }
            }
          }
        `),
        { id: invoiceId },
        finance,
      );
      return data!.invoice!.status === 'MATCHED' ? data!.invoice! : undefined;
    });
    expect(matched!.match).toEqual({ outcome: 'MATCHED', exceptions: [] });

    const token = await graph.tokenFor(finance);
    const listeners = graph.app.events.subscriberCount;
    const subscriber = subscribe(
      graph.graphqlUrl,
      { authorization: `Bearer ${token}` },
      graphql(`
        subscription InvoicePaymentStatus($invoiceId: ID) {
          paymentStatusChanged(invoiceId: $invoiceId) {
            status
            previousStatus
            payment {
              amount {
                amount
              }
              invoice {
                invoiceNumber
                purchaseOrder {
                  number
                }
              }
              supplier {
                legalName
              }
            }
          }
        }
      `),
      { invoiceId },
    );
    try {
      await listening(graph.app, listeners);
      const approved = await graph.query(
        graphql(`
          mutation ApproveOrderInvoice($id: ID!) {
            approveInvoice(id: $id) {
              invoice {
                status
              }
              userErrors {
                code
              }
            }
          }
        `),
        { id: invoiceId },
        finance,
      );
      expect(approved.data!.approveInvoice).toEqual({ invoice: { status: 'APPROVED' }, userErrors: [] });

      // The invoice must reach ERP payables before a payment run can pay it.
      await eventually(async () => {
        const { data } = await graph.query(
          graphql(`
            query InvoiceSync($id: ID!) {
              invoice(id: $id) {
                syncStatus {
                  system
                  state
                }
              }
            }
          `),
          { id: invoiceId },
        );
        return data!.invoice!.syncStatus.some((status) => status.system === 'ERP' && status.state === 'SYNCED') ? true : undefined;
      });
      const events = [];
      for (let run = 0; run < 3; run += 1) {
        const answer = await fetch(`${graph.app.systems.erpUrl}/admin/payment-run`, { method: 'POST' });
        expect(((await answer.json()) as { advanced: number }).advanced).toBeGreaterThanOrEqual(1);
        events.push(...(await subscriber.take(1, 30_000)));
      }

      expect(events.map((event) => event.data?.paymentStatusChanged.status)).toEqual(['SCHEDULED', 'SENT', 'CLEARED']);
      expect(events.map((event) => event.data?.paymentStatusChanged.previousStatus)).toEqual([null, 'SCHEDULED', 'SENT']);
      expect(events[2]!.data!.paymentStatusChanged.payment).toEqual({
        amount: { amount: '1.60' },
        invoice: { invoiceNumber, purchaseOrder: { number: order.number } },
        supplier: { legalName: supplier.legalName },
      });
      await eventually(async () => ((await invoiceStatus(invoiceId)) === 'PAID' ? true : undefined));

      // An order issued right after a new supplier's activation may wait for its enrollment on the portal.
      const publishedOrder = await eventually(async () => {
        const response = await fetch(`${graph.app.systems.vendorPlatformUrl}/api/v1/portal/purchase-orders/${orderId}`);
        return response.ok ? ((await response.json()) as Record<string, unknown>) : undefined;
      }, 60_000);
      expect(publishedOrder).toMatchObject({ poNumber: order.number, registrationId: supplier.vendorPlatform.registrationId });
      const portal = await eventually(async () => {
        const response = await fetch(
          `${graph.app.systems.vendorPlatformUrl}/api/v1/portal/payments?registrationId=${supplier.vendorPlatform.registrationId}`,
        );
        const payments = (
          (await response.json()) as {
            data: { invoiceNumber?: string; status: string; statusHistory: { status: string }[] }[];
            hasMore: boolean;
          }
        ).data;
        const ours = payments.find((payment) => payment.invoiceNumber === invoiceNumber);
        return ours?.status === 'cleared' ? ours : undefined;
      });
      expect(portal.statusHistory.map((entry) => entry.status)).toEqual(['scheduled', 'sent', 'cleared']);
      await expectJourneys(orderId, invoiceId, await ediOutboundOf(supplier.id));
    } finally {
      await subscriber.close();
    }
  }
}

/** What the supplier's EDI partner profile says it receives from us (demo partners take 850s and 820s). */
async function ediOutboundOf(supplierId: string): Promise<readonly string[]> {
  const { data } = await graph.query(
    graphql(`
      query ProcureToPayTradingPartners {
        tradingPartners(first: 100) {
          nodes {
            supplier {
              id
            }
            outbound
          }
        }
      }
    `),
    {},
    { kind: 'staff', subject: 'integration@network.example', role: 'integration' },
  );
  return data!.tradingPartners.nodes.find((partner) => partner.supplier.id === supplierId)?.outbound ?? [];
}

/**
 * After the flow, the order's, the invoice's and the payment's journeys, each in order with
 * durations; an EDI partner's order and cleared payment also go out as an 850 and an 820.
 */
async function expectJourneys(orderId: string, invoiceId: string, ediOutbound: readonly string[]) {
  await settled(graph.app, ['suppliers', 'procurement', 'invoicing', 'contracts']);
  // The gateway records deliveries to subscribers in batches, after the subscriber has them.
  await eventually(async () => {
    const rows = await executeSql<{ count: number }>(
      graph.app.client,
      `select count(*)::int as count from platform.journey_steps step join invoicing.payments payment on payment.id = step.entity_id
       where payment.invoice_id = $1 and step.action like 'subscribers notified: %'`,
      [invoiceId],
    );
    return rows[0]!.count === 3 ? true : undefined;
  });
  const { data, errors } = await graph.query(
    graphql(`
      query ProcureToPayJourneys($orderId: ID!, $invoiceId: ID!) {
        purchaseOrder(id: $orderId) {
          journey {
            steps {
              at
              system
              action
              outcome
              attempt
              durationMs
              error
            }
            currentStep {
              action
              outcome
            }
            stuck
          }
        }
        invoice(id: $invoiceId) {
          journey {
            steps {
              at
              system
              action
              outcome
              attempt
              durationMs
              error
            }
            currentStep {
              action
              outcome
            }
            stuck
          }
          payments {
            journey {
              steps {
                at
                system
                action
                outcome
                attempt
                durationMs
                error
              }
              currentStep {
                action
                outcome
              }
              stuck
            }
          }
        }
      }
    `),
    { orderId, invoiceId },
    finance,
  );
  expect(errors).toBeUndefined();
  const order = data!.purchaseOrder!.journey;
  const invoice = data!.invoice!.journey;
  const [payment] = data!.invoice!.payments;
  for (const journey of [order, invoice, payment!.journey]) expectCompleteJourney(journey);

  const erp = '/fscmRestApi/resources/11.13.18.05';
  const eventsAndErpCalls = (steps: JourneySteps) =>
    steps
      .filter((step) =>
        step.attempt === null
          ? !step.action.includes(': queued') && !step.action.endsWith(' in the ERP')
          : step.action.startsWith('POST /fscm'),
      )
      .map((step) => step.action);
  expect(eventsAndErpCalls(order.steps)).toEqual([
    'procurement.purchase_order.erp_submission_requested',
    `POST ${erp}/purchaseOrders`,
    'purchase_order.issued: OPEN',
    'procurement.purchase_order.publication_requested',
    ...(ediOutbound.includes('X12_850') ? ['procurement.purchase_order.edi_order_requested'] : []),
    'purchase_order.changed: RECEIVED',
  ]);
  // Each ERP event about the order, at the ERP's time: the order issued, our receipt, and the order closed for receiving.
  expect(
    order.steps
      .filter((step) => step.action.endsWith(' in the ERP'))
      .map((step) => [step.system, step.action.replace(/^receipt PG[0-9a-z]+ /, 'receipt PG… ')]),
  ).toEqual([
    ['ERP', 'order issued in the ERP'],
    ['ERP', 'receipt PG… recorded in the ERP'],
    ['ERP', 'order status RECEIVED in the ERP'],
  ]);
  // Matched at intake, or again (rematch requested) once invoicing heard of the receipt: the last match is the clean one.
  const invoiceSteps = eventsAndErpCalls(invoice.steps);
  const matches = invoiceSteps.filter((action) => action.startsWith('match ('));
  expect(matches.at(-1)).toMatch(/^match \([A-Z_]+\): MATCHED$/);
  expect(invoiceSteps.filter((action) => !/^(match \(|invoice\.rematch_requested)/.test(action))).toEqual([
    'invoice.approved',
    `POST ${erp}/invoices`,
  ]);
  expect(invoice.currentStep).toEqual({ action: 'send-invoice-to-erp', outcome: 'SUCCEEDED' });
  const delivered = (step: { action: string }) => step.action.startsWith('subscribers notified: ');
  // Each status reached the one subscriber listening for the invoice's payments.
  expect(payment!.journey.steps.filter(delivered).map((step) => step.action)).toEqual(Array(3).fill('subscribers notified: 1'));
  expect(payment!.journey.steps.filter((step) => step.system === 'PROCUREGRAPH' && !delivered(step)).map((step) => step.action)).toEqual([
    'payment.status_changed: SCHEDULED',
    'payment.status_changed: SENT',
    'payment.status_changed: CLEARED',
    ...(ediOutbound.includes('X12_820') ? ['invoicing.payment.remittance_due: CLEARED', 'edi-remittances: queued', 'edi-remittances'] : []),
  ]);
  // Each ERP event that moved the payment, at the ERP's time, before the change it made here.
  expect(payment!.journey.steps.filter((step) => step.action.endsWith(' in the ERP')).map((step) => [step.system, step.action])).toEqual([
    ['ERP', 'payment status SCHEDULED in the ERP'],
    ['ERP', 'payment status SENT in the ERP'],
    ['ERP', 'payment status CLEARED in the ERP'],
  ]);
  const portalUpdates = payment!.journey.steps.filter((step) => step.action === 'PUT /api/v1/portal/payments/{id}');
  expect(portalUpdates.map((step) => [step.system, step.outcome])).toEqual([
    ['VENDOR_PLATFORM', 'SUCCEEDED'],
    ['VENDOR_PLATFORM', 'SUCCEEDED'],
    ['VENDOR_PLATFORM', 'SUCCEEDED'],
  ]);
}

type JourneySteps = { at: string; action: string; attempt?: number | null; durationMs?: number | null; outcome: string }[];

/**
 * In time order, every step but the last timed, every queued job attempted (its last attempt
 * succeeded), the current step the last one, nothing stuck.
 */
function expectCompleteJourney(journey: { steps: JourneySteps; currentStep?: { action: string; outcome: string } | null; stuck: boolean }) {
  const times = journey.steps.map((step) => Date.parse(step.at));
  expect(times).toEqual([...times].sort((a, b) => a - b));
  for (const step of journey.steps.slice(0, -1)) expect(step.durationMs).toBeGreaterThanOrEqual(0);
  const queued = journey.steps.filter((step) => step.action.endsWith(': queued')).map((step) => step.action.replace(': queued', ''));
  const succeeded = journey.steps.filter((step) => step.attempt != null && step.outcome === 'SUCCEEDED' && queued.includes(step.action));
  expect(succeeded.map((step) => step.action).sort()).toEqual([...queued].sort());
  const last = journey.steps.at(-1)!;
  expect(journey.currentStep).toEqual({ action: last.action, outcome: last.outcome });
  expect(journey.stuck).toBe(false);
}
