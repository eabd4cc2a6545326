import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserCaller } from '@procuregraph/platform/auth';
import { graphql } from '../generated/gql.ts';
import { eventually, readCounter, settled, startTestGraph, type TestGraph } from '../harness.ts';

/**
 * A scripted scenario through the gateway with the reference systems, on a business clock the
 * test sets: three suppliers activated after known times, three invoices with known matches and
 * exceptions, one paid; `businessMetrics` and /metrics give exactly the figures the script implies.
 */
const buyer: UserCaller = { kind: 'staff', subject: 'buyer@network.example', role: 'procurement' };
const finance: UserCaller = { kind: 'staff', subject: 'ap@network.example', role: 'finance' };
const ERP_API = '/fscmRestApi/resources/11.13.18.05';

/** The business clock: stands still where the test puts it, so every duration is known. */
let businessTime = new Date(Math.ceil(Date.now() / 1000) * 1000);
const setBusinessTime = (at: Date) => {
  businessTime = at;
};
const later = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000);

let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph({ businessClock: () => businessTime });
});

afterAll(async () => {
  await graph?.close();
});

const METRICS = graphql(`
  query BusinessMetrics($from: DateTime, $to: DateTime, $supplierId: ID) {
    businessMetrics(from: $from, to: $to, supplierId: $supplierId) {
      vendorActivationTime {
        count
        p50Seconds
        p90Seconds
      }
      firstTimeMatchRate
      exceptionRate
      exceptionsByCode {
        code
        count
      }
      exceptionsByQueue {
        queue
        count
      }
      touchlessRate
      invoiceCycleTime {
        toApproval {
          count
          p50Seconds
          p90Seconds
        }
        toPayment {
          count
          p50Seconds
          p90Seconds
        }
      }
      portal: paymentStatusLatency {
        count
        p50Ms
        p99Ms
      }
      graph: paymentStatusLatency(target: GRAPH) {
        count
        p50Ms
        p99Ms
      }
      perfectOrderRate
    }
  }
`);

const ONBOARD = graphql(`
  mutation MetricsOnboard($input: OnboardSupplierInput!) {
    onboardSupplier(input: $input) {
      supplier {
        id
      }
      userErrors {
        code
      }
    }
  }
`);

const APPROVE_SUPPLIER = graphql(`
  mutation MetricsApproveSupplier($id: ID!) {
    approveSupplier(id: $id) {
      userErrors {
        code
      }
    }
  }
`);

const SUPPLIER = graphql(`
  query MetricsSupplier($id: ID!) {
    supplier(id: $id) {
      status
      externalReferences {
        system
        externalId
      }
    }
  }
`);

const ISSUE = graphql(`
  mutation MetricsIssueOrder($input: IssuePurchaseOrderInput!) {
    issuePurchaseOrder(input: $input) {
      purchaseOrder {
        id
      }
      userErrors {
        code
      }
    }
  }
`);

const ORDER = graphql(`
  query MetricsOrder($id: ID!) {
    purchaseOrder(id: $id) {
      status
      publication {
        state
      }
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
`);

const RECEIVE = graphql(`
  mutation MetricsReceive($input: RecordReceiptInput!) {
    recordReceipt(input: $input) {
      userErrors {
        code
      }
    }
  }
`);

const SUBMIT = graphql(`
  mutation MetricsSubmitInvoice($input: SubmitInvoiceInput!) {
    submitInvoice(input: $input) {
      invoice {
        id
        match {
          outcome
          exceptions {
            id
            code
            queue
            lineNumber
          }
        }
      }
      userErrors {
        code
      }
    }
  }
`);

const INVOICE = graphql(`
  query MetricsInvoice($id: ID!) {
    invoice(id: $id) {
      status
      payments {
        status
      }
      syncStatus {
        system
        state
      }
      matchHistory {
        trigger
      }
    }
  }
`);

const RESOLVE = graphql(`
  mutation MetricsResolve($input: ResolveMatchExceptionInput!) {
    resolveMatchException(input: $input) {
      userErrors {
        code
      }
    }
  }
`);

const APPROVE_INVOICE = graphql(`
  mutation MetricsApproveInvoice($id: ID!) {
    approveInvoice(id: $id) {
      invoice {
        status
      }
      userErrors {
        code
      }
    }
  }
`);

function registration(legalName: string, taxId: string) {
  return {
    legalName,
    taxId,
    category: 'MEDICAL_SURGICAL' as const,
    address: { line1: '200 E Randolph St', city: 'Chicago', region: 'IL', postalCode: '60601', country: 'US' },
    contact: { name: 'Ada Park', email: `ada.park@${taxId.replace('-', '')}.example`, phone: '(312) 555-0199' },
    bankAccount: { routingNumber: '011000015', accountNumber: `0004321${taxId.slice(-5)}`, accountType: 'CHECKING' as const },
    insuranceCertificates: [
      {
        type: 'GENERAL_LIABILITY' as const,
        carrier: 'Travelers',
        policyNumber: 'GL-7',
        coverageAmount: '2000000',
        expiresOn: '2028-06-30',
      },
      {
        type: 'WORKERS_COMPENSATION' as const,
        carrier: 'Travelers',
        policyNumber: 'WC-7',
        coverageAmount: '1000000',
        expiresOn: '2028-06-30',
      },
    ],
  };
}

/** Registers a supplier at `registeredAt` and approves it with the clock at `registeredAt + seconds`; resolves once it is ACTIVE. */
async function activatedAfter(legalName: string, taxId: string, registeredAt: Date, seconds: number): Promise<string> {
  setBusinessTime(registeredAt);
  const onboarded = await graph.query(ONBOARD, { input: registration(legalName, taxId) }, buyer);
  expect(onboarded.data!.onboardSupplier.userErrors).toEqual([]);
  const id = onboarded.data!.onboardSupplier.supplier!.id;
  setBusinessTime(later(registeredAt, seconds));
  expect((await graph.query(APPROVE_SUPPLIER, { id }, buyer)).data!.approveSupplier.userErrors).toEqual([]);
  await eventually(async () => ((await graph.query(SUPPLIER, { id }, buyer)).data!.supplier!.status === 'ACTIVE' ? true : undefined));
  return id;
}

async function order(id: string) {
  return (await graph.query(ORDER, { id }, buyer)).data!.purchaseOrder!;
}

/** Issues an order (once procurement knows the supplier is active), receives it in full, and returns its lines. */
async function receivedOrder(supplierId: string, lines: { itemNumber: string; quantity: string; unitPrice: string }[]) {
  const idempotencyKey = randomUUID();
  const input = {
    supplierId,
    idempotencyKey,
    lines: lines.map((line) => ({ ...line, description: line.itemNumber, unitOfMeasure: 'EA' })),
  };
  const issued = await eventually(async () => {
    const answer = (await graph.query(ISSUE, { input }, buyer)).data!.issuePurchaseOrder;
    return answer.userErrors.length === 0 ? answer.purchaseOrder!.id : undefined;
  });
  const open = await eventually(async () => {
    const read = await order(issued);
    return read.status === 'OPEN' && read.publication.state === 'PUBLISHED' ? read : undefined;
  });
  const received = await graph.query(
    RECEIVE,
    {
      input: {
        purchaseOrderId: issued,
        lines: open.lines.map((line) => ({ lineNumber: line.lineNumber, quantityReceived: line.quantity })),
      },
    },
    buyer,
  );
  expect(received.data!.recordReceipt.userErrors).toEqual([]);
  return { id: issued, lines: open.lines };
}

async function submitInvoice(
  supplierId: string,
  purchaseOrderId: string | null,
  lines: { lineNumber: number; itemNumber: string; quantity: string; unitPrice: string }[],
) {
  const invoiceNumber = `BM-${randomUUID().slice(0, 10)}`;
  const answer = await graph.query(
    SUBMIT,
    {
      input: {
        supplierId,
        purchaseOrderId,
        invoiceNumber,
        invoiceDate: new Date().toISOString().slice(0, 10),
        idempotencyKey: invoiceNumber,
        lines,
      },
    },
    finance,
  );
  expect(answer.data!.submitInvoice.userErrors).toEqual([]);
  return { ...answer.data!.submitInvoice.invoice!, invoiceNumber };
}

interface ErpBusinessEvent {
  Sequence: number;
  EventType: string;
  OccurredAt: string;
  /** A payment's related invoices come as the ERP's child collection. */
  Resource: { relatedInvoices?: { items: { InvoiceNumber: string }[] } };
}

/** When the ERP changed the status of the payments of an invoice, read from the ERP's own event feed. */
async function erpPaymentEventTimes(invoiceNumber: string): Promise<number[]> {
  const times: number[] = [];
  for (let after = 0; ;) {
    const page = (await (await fetch(`${graph.app.systems.erpUrl}${ERP_API}/businessEvents?after=${after}&limit=500`)).json()) as {
      items: ErpBusinessEvent[];
      hasMore: boolean;
    };
    for (const event of page.items) {
      const paysIt = event.Resource.relatedInvoices?.items.some((related) => related.InvoiceNumber === invoiceNumber);
      if (event.EventType === 'PaymentStatusChanged' && paysIt) times.push(Date.parse(event.OccurredAt));
    }
    if (!page.hasMore) return times;
    after = page.items.at(-1)!.Sequence;
  }
}

/** The samples of a histogram on /metrics: every bucket's count by its bound, the sum and the count. */
async function histogram(name: string, labels = ''): Promise<Record<string, number>> {
  const text = await (await fetch(`${graph.baseUrl}/metrics`)).text();
  const samples: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = new RegExp(`^${name}_(bucket|sum|count)\\{?([^}]*)\\}? (\\S+)$`).exec(line);
    if (!match || !match[2]!.includes(labels)) continue;
    const bound = /le="([^"]+)"/.exec(match[2]!)?.[1];
    samples[bound ? `le ${bound}` : match[1]!] = Number(match[3]);
  }
  return samples;
}

const scenario = {
  /** Seconds from registration to ACTIVE, in the order the suppliers register. */
  activations: [300, 120, 3600],
  suppliers: [] as string[],
  start: new Date(0),
  invoices: {} as Record<'matched' | 'priceVariance' | 'noOrder', { id: string; invoiceNumber: string }>,
};

describe('business metrics', () => {
  it('start from nothing: the seeded network records no business event', async () => {
    const { data } = await graph.query(METRICS, {}, finance);
    const none = { count: 0, p50Seconds: null, p90Seconds: null };
    expect(data!.businessMetrics).toEqual({
      vendorActivationTime: none,
      firstTimeMatchRate: null,
      exceptionRate: null,
      exceptionsByCode: [],
      exceptionsByQueue: [],
      touchlessRate: null,
      invoiceCycleTime: { toApproval: none, toPayment: none },
      portal: { count: 0, p50Ms: null, p99Ms: null },
      graph: { count: 0, p50Ms: null, p99Ms: null },
      perfectOrderRate: null,
    });
  });

  it('gives exactly the activation times, matches, exceptions, approvals, perfect orders and payment latencies of a scripted scenario', async () => {
    scenario.start = businessTime;
    const names = ['Metrics Alpha Medical LLC', 'Metrics Beta Surgical LLC', 'Metrics Gamma Supply LLC'];
    const taxIds = ['47-6100001', '47-6100002', '47-6100003'];
    for (const [index, seconds] of scenario.activations.entries()) {
      const registeredAt = later(scenario.start, index * 10_000);
      scenario.suppliers.push(await activatedAfter(names[index]!, taxIds[index]!, registeredAt, seconds));
    }
    const [alpha, beta] = scenario.suppliers as [string, string, string];
    // Alpha's orders are published to its portal registration once it is enrolled there.
    await eventually(async () => {
      const { data } = await graph.query(SUPPLIER, { id: alpha }, buyer);
      return data!.supplier!.externalReferences.some((reference) => reference.system === 'VENDOR_PLATFORM') ? true : undefined;
    });

    // Orders: the first acknowledged on the portal, the second not.
    const acknowledged = await receivedOrder(alpha, [
      { itemNumber: 'GLV-NIT-M', quantity: '10', unitPrice: '4.25' },
      { itemNumber: 'GAU-4X4', quantity: '5', unitPrice: '1.10' },
    ]);
    const answered = await fetch(`${graph.app.systems.vendorPlatformUrl}/api/v1/portal/purchase-orders/${acknowledged.id}/acknowledge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response: 'accepted' }),
    });
    expect(answered.status).toBe(200);
    await eventually(async () => ((await order(acknowledged.id)).publication.state === 'ACKNOWLEDGED' ? true : undefined));
    const unacknowledged = await receivedOrder(alpha, [{ itemNumber: 'SYR-10ML', quantity: '20', unitPrice: '0.30' }]);
    // Invoicing matches against what it has heard: receipts and activations first.
    await settled(graph.app, ['suppliers', 'procurement', 'invoicing']);

    const receivedAt = later(scenario.start, 40_000);
    setBusinessTime(receivedAt);
    const billed = (lines: typeof acknowledged.lines, price?: string) =>
      lines.map((line) => ({
        lineNumber: line.lineNumber,
        itemNumber: line.itemNumber,
        quantity: line.quantity,
        unitPrice: price ?? line.unitPrice.amount,
      }));
    const matched = await submitInvoice(alpha, acknowledged.id, billed(acknowledged.lines));
    const priceVariance = await submitInvoice(alpha, unacknowledged.id, billed(unacknowledged.lines, '0.60'));
    const noOrder = await submitInvoice(beta, null, [{ lineNumber: 1, itemNumber: 'GLV-NIT-M', quantity: '1', unitPrice: '4.25' }]);
    scenario.invoices = { matched, priceVariance, noOrder };
    expect(
      [matched.match, priceVariance.match, noOrder.match].map((match) => [
        match!.outcome,
        match!.exceptions.map((e) => [e.code, e.queue, e.lineNumber]),
      ]),
    ).toEqual([
      ['MATCHED', []],
      ['EXCEPTION', [['PRICE_VARIANCE', 'BUYER', 1]]],
      ['EXCEPTION', [['NO_PURCHASE_ORDER', 'BUYER', null]]],
    ]);

    // The matched invoice is approved 600 s after its receipt, untouched; the other after a person overrode its exception, at 1800 s.
    setBusinessTime(later(receivedAt, 600));
    expect((await graph.query(APPROVE_INVOICE, { id: matched.id }, finance)).data!.approveInvoice.userErrors).toEqual([]);
    // Paid: three ERP payment runs (scheduled, sent, cleared), the graph and the portal publishing each status at `paidAt`.
    // Each run's status is awaited before the next: the ERP pushes each event on its own schedule, and
    // a status that arrives after a later one is not published (nor observed), as it should not be.
    await eventually(async () => {
      const { data } = await graph.query(INVOICE, { id: matched.id }, finance);
      return data!.invoice!.syncStatus.some((status) => status.system === 'ERP' && status.state === 'SYNCED') ? true : undefined;
    });
    const paidAt = later(receivedAt, 7200);
    setBusinessTime(paidAt);
    for (const status of ['SCHEDULED', 'SENT', 'CLEARED']) {
      expect((await fetch(`${graph.app.systems.erpUrl}/admin/payment-run`, { method: 'POST' })).status).toBe(200);
      await eventually(async () =>
        (await graph.query(INVOICE, { id: matched.id }, finance)).data!.invoice!.payments[0]?.status === status ? true : undefined,
      );
    }
    await eventually(async () =>
      (await graph.query(INVOICE, { id: matched.id }, finance)).data!.invoice!.status === 'PAID' ? true : undefined,
    );
    await settled(graph.app, ['invoicing']);

    setBusinessTime(later(receivedAt, 9000));
    const exception = priceVariance.match!.exceptions[0]!;
    const resolved = await graph.query(
      RESOLVE,
      { input: { exceptionId: exception.id, action: 'OVERRIDE', reason: 'Price agreed by phone' } },
      finance,
    );
    expect(resolved.data!.resolveMatchException.userErrors).toEqual([]);
    expect((await graph.query(APPROVE_INVOICE, { id: priceVariance.id }, finance)).data!.approveInvoice.userErrors).toEqual([]);
    await settled(graph.app, ['procurement', 'invoicing']);

    const erpTimes = await erpPaymentEventTimes(matched.invoiceNumber);
    expect(erpTimes).toHaveLength(3);
    // Each ERP status change reached the graph and the portal at `paidAt`: latency = paidAt − the ERP's instant.
    const latencies = erpTimes.map((time) => paidAt.getTime() - time).sort((a, b) => a - b);
    const propagation = { count: 3, p50Ms: latencies[1]!, p99Ms: latencies[2]! };

    const { data } = await graph.query(METRICS, { supplierId: alpha }, finance);
    expect(data!.businessMetrics).toEqual({
      vendorActivationTime: { count: 1, p50Seconds: 300, p90Seconds: 300 },
      firstTimeMatchRate: 0.5,
      exceptionRate: 0.5,
      exceptionsByCode: [{ code: 'PRICE_VARIANCE', count: 1 }],
      exceptionsByQueue: [{ queue: 'BUYER', count: 1 }],
      touchlessRate: 0.5,
      invoiceCycleTime: {
        toApproval: { count: 2, p50Seconds: 600, p90Seconds: 9000 },
        toPayment: { count: 1, p50Seconds: 7200, p90Seconds: 7200 },
      },
      portal: propagation,
      graph: propagation,
      // Three order lines invoiced: the acknowledged order's two, perfect; the other order's one, with a price exception.
      perfectOrderRate: 2 / 3,
    });

    const overall = (await graph.query(METRICS, {}, finance)).data!.businessMetrics;
    expect({ ...overall, portal: null, graph: null }).toEqual({
      // Nearest rank of 120, 300, 3600: p50 the 2nd, p90 the 3rd.
      vendorActivationTime: { count: 3, p50Seconds: 300, p90Seconds: 3600 },
      firstTimeMatchRate: 1 / 3,
      exceptionRate: 2 / 3,
      exceptionsByCode: [
        { code: 'NO_PURCHASE_ORDER', count: 1 },
        { code: 'PRICE_VARIANCE', count: 1 },
      ],
      exceptionsByQueue: [{ queue: 'BUYER', count: 2 }],
      touchlessRate: 0.5,
      invoiceCycleTime: data!.businessMetrics.invoiceCycleTime,
      portal: null,
      graph: null,
      perfectOrderRate: 2 / 3,
    });

    // /metrics: the same activations, bucket by bucket, and each match as it happened.
    expect(await histogram('procuregraph_vendor_activation_seconds')).toEqual({
      'le 60': 0,
      'le 300': 2,
      'le 900': 2,
      'le 3600': 3,
      'le 14400': 3,
      'le 86400': 3,
      'le 259200': 3,
      'le 604800': 3,
      'le 1209600': 3,
      'le 2592000': 3,
      'le +Inf': 3,
      sum: 4020,
      count: 3,
    });
    const rematches = async (id: string) =>
      (await graph.query(INVOICE, { id }, finance)).data!.invoice!.matchHistory.filter((entry) => entry.trigger !== 'INTAKE').length;
    const rematchCount = (await Promise.all(Object.values(scenario.invoices).map((invoice) => rematches(invoice.id)))).reduce(
      (total, count) => total + count,
      0,
    );
    const matches = async (outcome: string, firstTime: boolean) =>
      readCounter(graph.baseUrl, 'procuregraph_invoice_matches_total', { outcome, first_time: String(firstTime) });
    expect([await matches('MATCHED', true), await matches('EXCEPTION', true)]).toEqual([1, 2]);
    expect((await matches('MATCHED', false)) + (await matches('EXCEPTION', false))).toBe(rematchCount);
    // Every payment status published, of Alpha's and the seeded invoices the same runs paid, is one observation.
    for (const target of ['GRAPH', 'PORTAL'] as const) {
      const observed = await histogram('procuregraph_payment_status_propagation_seconds', `target="${target}"`);
      expect(observed.count).toBe(overall[target === 'GRAPH' ? 'graph' : 'portal'].count);
    }
  }, 240_000);

  it('gives one supplier its own figures, over a period', async () => {
    const [, beta, gamma] = scenario.suppliers as [string, string, string];
    const { data } = await graph.query(METRICS, { supplierId: beta }, finance);
    expect(data!.businessMetrics).toMatchObject({
      vendorActivationTime: { count: 1, p50Seconds: 120, p90Seconds: 120 },
      firstTimeMatchRate: 0,
      exceptionRate: 1,
      exceptionsByCode: [{ code: 'NO_PURCHASE_ORDER', count: 1 }],
      touchlessRate: null,
      perfectOrderRate: null,
    });
    // Gamma registered at start + 20 000 s and turned ACTIVE 3600 s later: a period ending before that has no activation.
    const gammaActive = later(scenario.start, 20_000 + 3600);
    const before = await graph.query(METRICS, { supplierId: gamma, to: gammaActive.toISOString() }, finance);
    const from = await graph.query(METRICS, { supplierId: gamma, from: gammaActive.toISOString() }, finance);
    expect([before.data!.businessMetrics.vendorActivationTime, from.data!.businessMetrics.vendorActivationTime]).toEqual([
      { count: 0, p50Seconds: null, p90Seconds: null },
      { count: 1, p50Seconds: 3600, p90Seconds: 3600 },
    ]);
    // The whole scenario's activations, from the first registration up to the last activation.
    const all = await graph.query(METRICS, { from: scenario.start.toISOString(), to: later(gammaActive, 1).toISOString() }, finance);
    expect(all.data!.businessMetrics.vendorActivationTime).toEqual({ count: 3, p50Seconds: 300, p90Seconds: 3600 });
  });

  it('shows a supplier only its own figures', async () => {
    const [alpha, beta] = scenario.suppliers as [string, string, string];
    const portalUser: UserCaller = { kind: 'supplier', subject: 'portal-user@alpha.example', role: 'supplier', supplierId: alpha };
    const own = await graph.query(METRICS, {}, portalUser);
    expect(own.data!.businessMetrics).toMatchObject({
      vendorActivationTime: { count: 1, p50Seconds: 300, p90Seconds: 300 },
      exceptionsByCode: [{ code: 'PRICE_VARIANCE', count: 1 }],
      perfectOrderRate: 2 / 3,
    });
    const other = await graph.query(METRICS, { supplierId: beta }, portalUser);
    expect(other.data ?? null).toBeNull();
    expect(other.errors!.map((error) => error.extensions!.code)).toEqual(['FORBIDDEN']);
    const backwards = await graph.query(
      METRICS,
      { from: later(scenario.start, 10).toISOString(), to: scenario.start.toISOString() },
      finance,
    );
    expect(backwards.errors!.map((error) => error.extensions!.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('counts the retries of each system from the attempts recorded on the records', async () => {
    const faults = (body: object) =>
      fetch(`${graph.app.systems.erpUrl}/admin/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await faults({ outage: true })).status).toBe(200);
    let delta: string;
    try {
      setBusinessTime(later(scenario.start, 50_000));
      const onboarded = await graph.query(ONBOARD, { input: registration('Metrics Delta Devices LLC', '47-6100004') }, buyer);
      delta = onboarded.data!.onboardSupplier.supplier!.id;
      expect((await graph.query(APPROVE_SUPPLIER, { id: delta }, buyer)).data!.approveSupplier.userErrors).toEqual([]);
      await eventually(async () => ((await retryingSteps(delta)).length > 0 ? true : undefined));
    } finally {
      await faults({});
    }
    await eventually(async () =>
      (await graph.query(SUPPLIER, { id: delta }, buyer)).data!.supplier!.status === 'ACTIVE' ? true : undefined,
    );
    await settled(graph.app, ['suppliers']);
    const retries = await retryingSteps(delta);
    expect(retries.filter((step) => step.system === 'ERP').length).toBeGreaterThan(0);
    const systems = [...new Set(retries.map((step) => step.system))].sort();
    const { data } = await graph.query(METRICS_FAILURES, { supplierId: delta }, finance);
    expect(data!.businessMetrics.deliveryFailures).toEqual(
      systems.map((system) => ({ system, retries: retries.filter((step) => step.system === system).length, deadLetters: 0 })),
    );
  });
});

const METRICS_FAILURES = graphql(`
  query BusinessMetricsFailures($supplierId: ID) {
    businessMetrics(supplierId: $supplierId) {
      deliveryFailures {
        system
        retries
        deadLetters
      }
    }
  }
`);

const SUPPLIER_ATTEMPTS = graphql(`
  query MetricsSupplierAttempts($id: ID!) {
    supplier(id: $id) {
      journey {
        steps {
          system
          action
          outcome
          attempt
        }
      }
    }
  }
`);

/** The job attempts of a supplier's journey that failed and were to be retried. */
async function retryingSteps(id: string) {
  const { data } = await graph.query(SUPPLIER_ATTEMPTS, { id }, buyer);
  return data!.supplier!.journey.steps.filter((step) => step.outcome === 'RETRYING');
}
