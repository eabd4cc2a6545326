import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { UserCaller } from '@procuregraph/platform/auth';
import { graphql } from '../generated/gql.ts';
import { eventually, settled } from '../harness.ts';
import { consoleScene, haveChromium, screenshots, seriousViolations } from './browser.ts';

/**
 * The console's figures in Debian's chromium through the real graph: the drift count of each
 * backing system on the overview, the business metrics of a scripted period on a business clock,
 * an order's, an invoice's and a payment's journey as the supplier 360's timeline, and an order
 * sent by EDI whose acknowledgment is overdue.
 */

const buyer: UserCaller = { kind: 'staff', subject: 'figures-buyer', role: 'procurement' };
const finance: UserCaller = { kind: 'staff', subject: 'figures-ap', role: 'finance' };
const engineer: UserCaller = { kind: 'staff', subject: 'figures-engineer', role: 'integration' };
const ERP_RESOURCES = '/fscmRestApi/resources/11.13.18.05';

/** The business clock: the machine's, except while the metrics scenario holds it at known instants. */
let businessTime: Date | undefined;

/** Read by the runtime at start: what we send is overdue 3.6 s after, so the test can see it happen. */
const ACKNOWLEDGMENT_DEADLINE_HOURS = '0.001';

// Each step runs the reference systems' work for real, on two cores shared with other work: minutes, not seconds.
const SLOW = 300_000;

beforeAll(() => {
  process.env.EDI_ACKNOWLEDGMENT_DEADLINE_HOURS = ACKNOWLEDGMENT_DEADLINE_HOURS;
});

const scene = consoleScene({
  graph: () => ({ businessClock: () => businessTime ?? new Date() }),
  // The first page of a fresh browser, with the graph's workers busy on the same cores, can take longer than 30 s to load.
  navigationTimeoutMs: 120_000,
  timeoutMs: SLOW,
});

async function accessibleAndPictured(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, name);
}

/** A table's body, cell by cell, found by the start of its caption. */
async function tableCells(page: Page, caption: string): Promise<string[][]> {
  const rows = page
    .getByRole('table')
    .filter({ hasText: `${caption} (` })
    .locator('tbody tr');
  const cells: string[][] = [];
  for (let index = 0; index < (await rows.count()); index += 1) cells.push(await rows.nth(index).getByRole('cell').allTextContents());
  return cells;
}

const DRIFT_COUNTS = graphql(`
  query FiguresDriftCounts($system: BackingSystem!) {
    open: driftFindings(first: 1, filter: { system: $system, state: OPEN }) {
      totalCount
    }
    alerted: driftFindings(first: 1, filter: { system: $system, state: ALERTED }) {
      totalCount
    }
  }
`);

const START_RECONCILIATION = graphql(`
  mutation FiguresStartReconciliation($system: BackingSystem!) {
    startReconciliation(system: $system) {
      run {
        id
      }
      userErrors {
        code
      }
    }
  }
`);

const RECONCILIATION_RUN = graphql(`
  query FiguresReconciliationRun($id: ID!) {
    reconciliationRun(id: $id) {
      state
    }
  }
`);

const ONBOARD = graphql(`
  mutation FiguresOnboard($input: OnboardSupplierInput!) {
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
  mutation FiguresApproveSupplier($id: ID!) {
    approveSupplier(id: $id) {
      userErrors {
        code
      }
    }
  }
`);

const SUPPLIER_STATUS = graphql(`
  query FiguresSupplierStatus($id: ID!) {
    supplier(id: $id) {
      status
    }
  }
`);

const SUBMIT_INVOICE = graphql(`
  mutation FiguresSubmitInvoice($input: SubmitInvoiceInput!) {
    submitInvoice(input: $input) {
      invoice {
        id
        match {
          exceptions {
            code
            queue
          }
        }
      }
      userErrors {
        code
      }
    }
  }
`);

const METRICS = graphql(`
  query FiguresMetrics($from: DateTime, $to: DateTime, $supplierId: ID) {
    businessMetrics(from: $from, to: $to, supplierId: $supplierId) {
      vendorActivationTime {
        count
        p50Seconds
        p90Seconds
      }
      firstTimeMatchRate
      exceptionRate
      touchlessRate
      perfectOrderRate
      exceptionsByQueue {
        queue
        count
      }
      portal: paymentStatusLatency(target: PORTAL) {
        count
        p50Ms
        p99Ms
      }
      graph: paymentStatusLatency(target: GRAPH) {
        count
        p50Ms
        p99Ms
      }
    }
  }
`);

const ISSUE_ORDER = graphql(`
  mutation FiguresIssueOrder($input: IssuePurchaseOrderInput!) {
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

const JOURNEYS = graphql(`
  query FiguresJourneys($order: ID!, $invoice: ID!, $payment: ID!) {
    purchaseOrder(id: $order) {
      journey {
        stuck
        currentStep {
          action
        }
        steps {
          system
          action
          outcome
        }
      }
    }
    invoice(id: $invoice) {
      journey {
        stuck
        currentStep {
          action
        }
        steps {
          system
          action
          outcome
        }
      }
    }
    payment(id: $payment) {
      journey {
        stuck
        currentStep {
          action
        }
        steps {
          system
          action
          outcome
        }
      }
    }
  }
`);

const SET_PARTNER = graphql(`
  mutation FiguresSetPartner($input: TradingPartnerInput!) {
    setTradingPartner(input: $input) {
      userErrors {
        code
      }
    }
  }
`);

const OVERDUE_ORDERS = graphql(`
  query FiguresOverdueOrders {
    ediDocuments(first: 50, filter: { type: X12_850, overdue: true }) {
      nodes {
        status
        overdue
        interchangeControlNumber
        supplier {
          legalName
        }
        purchaseOrder {
          id
          number
        }
      }
    }
  }
`);

const PAYERS = graphql(`
  query FiguresPayers {
    suppliers(first: 50, filter: { status: ACTIVE }) {
      nodes {
        id
        payments(first: 20) {
          nodes {
            id
            status
          }
        }
      }
    }
  }
`);

function registration(legalName: string, taxId: string) {
  return {
    legalName,
    taxId,
    address: { line1: '9 Pier Road', city: 'Boston', region: 'MA', postalCode: '02110', country: 'US' },
    contact: { name: 'Robin Vale', email: `robin@${taxId.replace('-', '')}.example`, phone: '(617) 555-0142' },
    bankAccount: { routingNumber: '011000015', accountNumber: `0006543${taxId.slice(-5)}`, accountType: 'CHECKING' as const },
    insuranceCertificates: [
      {
        type: 'GENERAL_LIABILITY' as const,
        carrier: 'Travelers',
        policyNumber: `GL-${taxId}`,
        coverageAmount: '2000000',
        expiresOn: '2029-06-30',
      },
      {
        type: 'WORKERS_COMPENSATION' as const,
        carrier: 'Travelers',
        policyNumber: `WC-${taxId}`,
        coverageAmount: '1000000',
        expiresOn: '2029-06-30',
      },
    ],
  };
}

const later = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000);

/** Registered at `at`, approved `seconds` later on the business clock; resolves once ACTIVE. */
async function activatedAfter(legalName: string, taxId: string, at: Date, seconds: number): Promise<string> {
  businessTime = at;
  const onboarded = await scene.graph.query(ONBOARD, { input: registration(legalName, taxId) }, buyer);
  expect(onboarded.data!.onboardSupplier.userErrors).toEqual([]);
  const id = onboarded.data!.onboardSupplier.supplier!.id;
  businessTime = later(at, seconds);
  expect((await scene.graph.query(APPROVE_SUPPLIER, { id }, buyer)).data!.approveSupplier.userErrors).toEqual([]);
  await eventually(async () =>
    (await scene.graph.query(SUPPLIER_STATUS, { id }, buyer)).data!.supplier!.status === 'ACTIVE' ? true : undefined,
  );
  return id;
}

/** The scenario's records, for the journeys. */
const scenario = { invoiceId: '', supplierId: '', orderId: '' };

describe.skipIf(!haveChromium)('console figures', () => {
  it(
    'counts each backing system’s unsettled drift on the overview, a drift found by a run included',
    async () => {
      const page = await scene.signIn('integration');
      const erp = page.getByRole('article', { name: 'Backing system ERP' });
      await erp.waitFor();
      const countsOn = async (card: typeof erp) => {
        const figures = await card.evaluate((element) =>
          Object.fromEntries([...element.querySelectorAll('dt')].map((term) => [term.textContent, term.nextElementSibling?.textContent])),
        );
        return { open: figures['Drift findings open'], alerted: figures['Drift findings alerted'] };
      };
      for (const system of ['ERP', 'VENDOR_PLATFORM', 'CONTRACT_REPOSITORY'] as const)
        expect(await countsOn(page.getByRole('article', { name: `Backing system ${system}` }))).toEqual({ open: '0', alerted: '0' });

      // A bank account changed in the ERP behind Procuregraph's back: an alert for a person, by policy.
      const erpUrl = scene.graph.app.systems.erpUrl;
      const [account] = (
        (await (await fetch(`${erpUrl}${ERP_RESOURCES}/externalBankAccounts?limit=1&offset=3`)).json()) as {
          items: { BankAccountId: number }[];
        }
      ).items;
      const drifted = await fetch(`${erpUrl}/admin/drift`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ resource: 'externalBankAccounts', id: account!.BankAccountId, set: { BankAccountNumber: '000555001234' } }),
      });
      expect(drifted.status).toBe(200);
      const started = await scene.graph.query(START_RECONCILIATION, { system: 'ERP' }, engineer);
      expect(started.data!.startReconciliation.userErrors).toEqual([]);
      const runId = started.data!.startReconciliation.run!.id;
      await eventually(
        async () =>
          (await scene.graph.query(RECONCILIATION_RUN, { id: runId }, engineer)).data!.reconciliationRun!.state === 'COMPLETED'
            ? true
            : undefined,
        60_000,
      );
      const { data } = await scene.graph.query(DRIFT_COUNTS, { system: 'ERP' }, engineer);
      expect({ open: data!.open.totalCount, alerted: data!.alerted.totalCount }).toEqual({ open: 0, alerted: 1 });
      // The overview reads its figures again every few seconds: no reload.
      await expect.poll(() => countsOn(erp), { timeout: 30_000 }).toEqual({ open: '0', alerted: '1' });
      expect(await countsOn(page.getByRole('article', { name: 'Backing system VENDOR_PLATFORM' }))).toEqual({ open: '0', alerted: '0' });
      await accessibleAndPictured(page, 'overview-drift');
      await page.close();
    },
    SLOW,
  );

  it(
    'charts the business metrics of a chosen period and supplier with exactly the graph’s figures',
    async () => {
      // Two suppliers activated 300 s and 3600 s after registering, one invoice with no order (an exception for buyers).
      const start = new Date('2026-03-02T08:00:00Z');
      await activatedAfter('Figures Alpha Medical LLC', '47-6200001', start, 300);
      const beta = await activatedAfter('Figures Beta Surgical LLC', '47-6200002', later(start, 10_000), 3600);
      await settled(scene.graph.app, ['suppliers', 'procurement', 'invoicing']);
      businessTime = later(start, 20_000);
      const invoiceNumber = `FIG-${randomUUID().slice(0, 8)}`;
      const submitted = await scene.graph.query(
        SUBMIT_INVOICE,
        {
          input: {
            supplierId: beta,
            purchaseOrderId: null,
            invoiceNumber,
            invoiceDate: '2026-03-02',
            idempotencyKey: invoiceNumber,
            lines: [{ lineNumber: 1, itemNumber: 'GLV-NIT-M', quantity: '1', unitPrice: '4.25' }],
          },
        },
        finance,
      );
      expect(submitted.data!.submitInvoice.userErrors).toEqual([]);
      expect(submitted.data!.submitInvoice.invoice!.match!.exceptions).toEqual([{ code: 'NO_PURCHASE_ORDER', queue: 'BUYER' }]);
      businessTime = undefined;
      scenario.invoiceId = submitted.data!.submitInvoice.invoice!.id;
      scenario.supplierId = beta;
      await settled(scene.graph.app, ['suppliers', 'invoicing']);

      const period = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' };
      const none = { count: 0, p50Ms: null, p99Ms: null };
      expect((await scene.graph.query(METRICS, period, finance)).data!.businessMetrics).toEqual({
        vendorActivationTime: { count: 2, p50Seconds: 300, p90Seconds: 3600 },
        firstTimeMatchRate: 0,
        exceptionRate: 1,
        touchlessRate: null,
        perfectOrderRate: null,
        exceptionsByQueue: [{ queue: 'BUYER', count: 1 }],
        portal: none,
        graph: none,
      });

      const page = await scene.signIn('finance');
      await page.getByRole('link', { name: 'Business metrics' }).click();
      await page.getByRole('heading', { name: 'Business metrics' }).waitFor();
      await page.getByLabel('From').fill('2026-03-02');
      await page.getByLabel('Through').fill('2026-03-02');
      await expect.poll(() => tableCells(page, 'Registration to active'), { timeout: 30_000 }).toEqual([['2', '5 min', '1 h']]);
      expect(await tableCells(page, 'Rates')).toEqual([
        ['First-time match', '0 %'],
        ['Exception', '100 %'],
        ['Touchless', '—'],
        ['Perfect order', '—'],
      ]);
      expect(await tableCells(page, 'Exceptions')).toEqual([['BUYER', '1']]);
      expect(await tableCells(page, 'ERP status change to publication')).toEqual([
        ['Supplier portal', '0', '—', '—'],
        ['Graph subscribers', '0', '—', '—'],
      ]);
      // Each chart is one image named with its figures.
      expect(await page.getByRole('img').evaluateAll((images) => images.map((image) => image.getAttribute('aria-label')))).toEqual([
        'Vendor activation time: Median (p50) 5 min, 90th percentile 1 h',
        'Match rates: First-time match 0 %, Exception 100 %, Touchless —, Perfect order —',
        'Exceptions by queue: BUYER 1',
        'Payment propagation latency: Supplier portal p50 —, Supplier portal p99 —, Graph subscribers p50 —, Graph subscribers p99 —',
      ]);
      await accessibleAndPictured(page, 'business-metrics');

      // One supplier: Alpha was activated in 300 s and sent no invoice.
      await page.getByLabel('Supplier', { exact: true }).selectOption({ label: 'Figures Alpha Medical LLC' });
      await expect.poll(() => tableCells(page, 'Registration to active'), { timeout: 30_000 }).toEqual([['1', '5 min', '5 min']]);
      expect(await tableCells(page, 'Rates')).toEqual([
        ['First-time match', '—'],
        ['Exception', '—'],
        ['Touchless', '—'],
        ['Perfect order', '—'],
      ]);
      expect(await tableCells(page, 'Exceptions')).toEqual([]);
      expect(await page.getByText('No exception raised in this period.').count()).toBe(1);
      await page.close();
    },
    SLOW,
  );

  it(
    'shows an order’s, an invoice’s and a payment’s journey, reached from the supplier 360, step by step as the graph has it',
    async () => {
      // A payment moved by the ERP's payment run, on a seeded supplier that is also sent an order.
      const payers = (await scene.graph.query(PAYERS, {}, finance)).data!.suppliers.nodes;
      const payer = payers.find((supplier) => supplier.payments.nodes.some((payment) => ['SCHEDULED', 'SENT'].includes(payment.status)))!;
      const payment = payer.payments.nodes.find((candidate) => ['SCHEDULED', 'SENT'].includes(candidate.status))!;
      expect((await fetch(`${scene.graph.app.systems.erpUrl}/admin/payment-run`, { method: 'POST' })).status).toBe(200);
      // The order goes to the supplier as an X12 850 too, for the acknowledgment below.
      const partner = await scene.graph.query(
        SET_PARTNER,
        {
          input: {
            supplierId: payer.id,
            interchangeQualifier: 'ZZ',
            interchangeId: 'FIGURESEDI',
            groupId: 'FIGURESEDI',
            version: '004010',
            inbound: ['X12_997'],
            outbound: ['X12_850'],
          },
        },
        engineer,
      );
      expect(partner.data!.setTradingPartner.userErrors).toEqual([]);
      const issued = await scene.graph.query(
        ISSUE_ORDER,
        {
          input: {
            supplierId: payer.id,
            idempotencyKey: randomUUID(),
            lines: [{ itemNumber: 'GLV-NIT-M', description: 'Nitrile gloves', quantity: '10', unitOfMeasure: 'EA', unitPrice: '4.25' }],
          },
        },
        buyer,
      );
      expect(issued.data!.issuePurchaseOrder.userErrors).toEqual([]);
      const orderId = issued.data!.issuePurchaseOrder.purchaseOrder!.id;
      scenario.orderId = orderId;
      const journeys = async () =>
        (await scene.graph.query(JOURNEYS, { order: orderId, invoice: scenario.invoiceId, payment: payment.id }, finance)).data!;
      // Each journey has steps once the order reached the ERP and the payment's new status was applied.
      await eventually(async () => {
        const now = await journeys();
        return [now.purchaseOrder!.journey, now.payment!.journey].every((journey) => journey.steps.length > 1) ? true : undefined;
      }, 60_000);
      await settled(scene.graph.app, ['procurement', 'invoicing']);

      const page = await scene.signIn('finance');
      const visits = [
        {
          supplier: payer.id,
          href: `#/orders/${orderId}`,
          heading: /^Order /,
          pick: (all: Awaited<ReturnType<typeof journeys>>) => all.purchaseOrder!.journey,
        },
        {
          supplier: scenario.supplierId,
          href: `#/invoices/${scenario.invoiceId}`,
          heading: /^Invoice FIG-/,
          pick: (all: Awaited<ReturnType<typeof journeys>>) => all.invoice!.journey,
        },
        {
          supplier: payer.id,
          href: `#/payments/${payment.id}`,
          heading: /^Payment /,
          pick: (all: Awaited<ReturnType<typeof journeys>>) => all.payment!.journey,
        },
      ];
      for (const visit of visits) {
        await page.goto(`${scene.graph.baseUrl}/console#/suppliers/${visit.supplier}`);
        await page.getByRole('heading', { name: /^Supplier 360: / }).waitFor();
        await page.locator(`a[href="${visit.href}"]`).click();
        await page.getByRole('heading', { name: visit.heading }).waitFor();
        const timeline = page.getByRole('list', { name: 'Journey steps, oldest first' });
        await timeline.waitFor();
        const journey = visit.pick(await journeys());
        expect(journey.steps.length).toBeGreaterThan(0);
        // Every step, in the graph's order: its action, outcome and system.
        await expect
          .poll(() => timeline.locator('li strong').allTextContents(), { timeout: 30_000 })
          .toEqual(journey.steps.map((step) => step.action));
        const items = timeline.getByRole('listitem');
        for (const [index, step] of journey.steps.entries()) {
          const text = await items.nth(index).textContent();
          expect(text).toContain(step.outcome);
          expect(text).toContain(step.system);
        }
        const current = timeline.locator('li[aria-current="step"]');
        expect(await current.locator('strong').textContent()).toBe(journey.currentStep!.action);
        await accessibleAndPictured(page, `journey-${visit.href.split('/')[1]}`);
      }
      await page.close();
    },
    SLOW,
  );

  it(
    'marks the order’s 850 overdue on the EDI documents page when no acknowledgment came back in time',
    async () => {
      const overdue = await eventually(async () => {
        const { data } = await scene.graph.query(OVERDUE_ORDERS, {}, engineer);
        return data!.ediDocuments.nodes.find((document) => document.purchaseOrder?.id === scenario.orderId);
      }, 60_000);
      expect(overdue).toMatchObject({ status: 'SENT', overdue: true });

      const page = await scene.signIn('integration');
      await page.getByRole('link', { name: 'EDI documents' }).click();
      await page.getByRole('heading', { name: 'EDI documents' }).waitFor();
      await page.getByLabel('Type').selectOption('X12_850');
      await page.getByLabel('Status').selectOption('SENT');
      const row = page.getByRole('table').getByRole('row').filter({ hasText: overdue!.interchangeControlNumber! });
      await row.waitFor({ timeout: 30_000 });
      const cells = await row.getByRole('cell').allTextContents();
      expect(cells.slice(0, 7)).toEqual([
        'X12_850',
        'OUTBOUND',
        overdue!.supplier!.legalName,
        overdue!.interchangeControlNumber,
        'SENT',
        'overdue',
        `order ${overdue!.purchaseOrder!.number}`,
      ]);
      await accessibleAndPictured(page, 'edi-overdue');
      await page.close();
    },
    SLOW,
  );

  it('made no request beyond this machine', () => {
    expect(scene.refused).toEqual([]);
  });
});
