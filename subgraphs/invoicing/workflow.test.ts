import { testSubgraphDependencies } from '@procuregraph/test';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { enforceRoleDirectives, type SubgraphDefinition, startSubgraphWorkers, type RunningWorkers } from '@procuregraph/platform/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { graphql, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { UserCaller } from '@procuregraph/platform/auth';
import { createFieldCipher } from '@procuregraph/platform/crypto';
import {
  closeDatabaseClient,
  openDatabaseClient,
  type DatabaseClient,
  createServiceDatabase,
  type ServiceDatabase,
  newId,
} from '@procuregraph/platform/db';
import { startEventBus, type EventBus } from '@procuregraph/platform/events';
import type { InvoicingContext } from './context.ts';
import { signWebhook, webhookRouter } from '@procuregraph/platform/inbound';
import { readEnvironment } from '@procuregraph/platform/config';
import { BackingSystemPolicies, timeoutPolicy } from '@procuregraph/platform/resilience';
import { createLogger } from '@procuregraph/platform/logging';
import { decimal, sum } from '@procuregraph/platform/money';
import { createWorld, type DemoPurchaseOrder, type DemoSupplier } from '@procuregraph/demo';
import { startErp } from '@procuregraph/erp';
import { startVendorPlatform } from '@procuregraph/vendor-platform';
import { invoices, outbox, payments } from './db/tables.ts';
import { seedInvoicing } from './db/seed.ts';
import { invoicingSubgraph } from './service.ts';
import { ERP_BASE_PATH } from '@procuregraph/connector-erp';
import { invoicingWebhooks } from './webhooks.ts';
import { invoicingWorkers } from './workers.ts';
import { applyDomainEvent } from './projections/projection-handlers.ts';
import { applyPortalEvent, portalInvoiceFeed } from './intake/portal-invoice-feed.ts';
import { VENDOR_PLATFORM_SOURCE } from './intake/portal-invoices.ts';
import { vendorPlatformClient } from '@procuregraph/connector-vendor-platform';

/*
 * Workflows 3 and 4 end to end inside invoicing: the real reference ERP and vendor platform over
 * HTTP, the real job runtime, outbox relay and feed pollers, on an in-memory PGlite seeded with
 * the demo world.
 */

const world = createWorld({ scale: 'default' });
const suppliers = new Map([...world.suppliers()].map((supplier) => [supplier.id, supplier]));
const SECRET = 'invoicing-workflow-test-secret';
const finance: UserCaller = { kind: 'staff', subject: 'finance-clerk@example.org', role: 'finance' };
const logger = createLogger('invoicing-test');

let client: DatabaseClient;
let service: ServiceDatabase;
let erp: { url: string; close(): Promise<void> };
let vendorPlatform: { url: string; close(): Promise<void> };
let webhookServer: Server;
let webhookUrl: string;
let workers: RunningWorkers;
let events: EventBus;
let definition: SubgraphDefinition<InvoicingContext>;
let schema: GraphQLSchema;

/** Orders a supplier may still bill: active supplier known to the ERP, every line received, no contract in the way, never invoiced. */
function* billableOrders(): Generator<{ order: DemoPurchaseOrder; supplier: DemoSupplier }> {
  const invoiced = new Set([...world.invoices()].map((invoice) => invoice.purchaseOrderId));
  for (const order of world.purchaseOrders()) {
    const supplier = suppliers.get(order.supplierId)!;
    const received = (lineNumber: number) =>
      sum(
        order.receipts.flatMap((receipt) =>
          receipt.lines.filter((line) => line.lineNumber === lineNumber).map((line) => line.quantityReceived),
        ),
      );
    const fullyReceived = order.lines.every((line) => received(line.lineNumber).greaterThanOrEqualTo(line.quantity));
    const published = order.publicationState === 'PUBLISHED' || order.publicationState === 'ACKNOWLEDGED';
    if (
      supplier.status === 'ACTIVE' &&
      supplier.erp &&
      order.contractId === null &&
      order.status === 'RECEIVED' &&
      fullyReceived &&
      published &&
      !invoiced.has(order.id)
    ) {
      yield { order, supplier };
    }
  }
}

const unbilled = billableOrders();

/** A fresh billable order for each test, so one test's invoices do not bill another's receipts. */
function billableOrder(): { order: DemoPurchaseOrder; supplier: DemoSupplier } {
  const next = unbilled.next();
  if (next.done) throw new Error('The demo world has no more billable orders');
  return next.value;
}

/** An operation's source, carrying the shape of its data so `execute` returns it typed. */
type Operation<Data> = string & { readonly data?: Data };

interface ExecutionResult<Data> {
  data?: Data | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

async function execute<Data>(
  source: Operation<Data>,
  variableValues: Record<string, unknown>,
  caller: UserCaller = finance,
): Promise<ExecutionResult<Data>> {
  const result = await graphql({ schema, source, variableValues, contextValue: definition.createContext(caller) });
  return result as ExecutionResult<Data>;
}

interface MatchExceptionData {
  id: string;
  code: string;
  queue: string;
  lineNumber: number | null;
  expected: string | null;
  actual: string | null;
  message: string;
}

interface UserErrorData {
  field: string[] | null;
  code: string;
  message: string;
}

const SUBMIT: Operation<{
  submitInvoice: {
    invoice: {
      id: string;
      status: string;
      total: { amount: string };
      match: { outcome: string; exceptions: MatchExceptionData[] } | null;
    } | null;
    userErrors: UserErrorData[];
  };
}> = `mutation ($input: SubmitInvoiceInput!) {
  submitInvoice(input: $input) {
    invoice { id status total { amount } match { outcome exceptions { id code queue lineNumber expected actual message } } }
    userErrors { field code message }
  }
}`;

const APPROVE: Operation<{ approveInvoice: { invoice: { id: string; status: string } | null; userErrors: { code: string }[] } }> =
  `mutation ($id: ID!) { approveInvoice(id: $id) { invoice { id status } userErrors { code } } }`;

const RESOLVE: Operation<{
  resolveMatchException: {
    exception: { resolution: string | null; resolvedBy: string | null; resolutionReason: string | null; resolvedAt: string | null } | null;
    invoice: { status: string } | null;
    userErrors: { code: string }[];
  };
}> = `mutation ($input: ResolveMatchExceptionInput!) {
  resolveMatchException(input: $input) {
    exception { resolution resolvedBy resolutionReason resolvedAt }
    invoice { status }
    userErrors { code }
  }
}`;

const BUYER_QUEUE: Operation<{ invoices: { nodes: { id: string }[] } }> =
  `{ invoices(first: 100, filter: { queue: BUYER }) { nodes { id } } }`;

function invoiceInput(order: DemoPurchaseOrder, overrides: Record<string, unknown> = {}) {
  return {
    supplierId: order.supplierId,
    purchaseOrderId: order.id,
    invoiceNumber: `PG-${newId().slice(-12)}`,
    invoiceDate: order.orderDate,
    lines: order.lines.map((line) => ({
      lineNumber: line.lineNumber,
      itemNumber: line.itemNumber,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
    })),
    ...overrides,
  };
}

beforeAll(async () => {
  client = await openDatabaseClient({});
  service = createServiceDatabase(client, 'invoicing');
  await service.migrate(join(dirname(fileURLToPath(import.meta.url)), 'db', 'migrations'));
  await seedInvoicing(service.db, world);
  events = await startEventBus({ client, logger });
  definition = invoicingSubgraph(
    testSubgraphDependencies({ db: service.db, client, events, environment: { MATCH_PRICE_TOLERANCE_PCT: '2' } }),
  );
  schema = enforceRoleDirectives(
    buildSubgraphSchema({ typeDefs: definition.typeDefs, resolvers: definition.resolvers as GraphQLResolverMap<unknown> }),
  );
  const app = express();
  app.use(webhookRouter(invoicingWebhooks({ db: service.db, vendorPlatformSecret: SECRET, priceTolerancePct: 2 }), logger));
  webhookServer = createServer(app);
  await new Promise<void>((resolve) => webhookServer.listen(0, '127.0.0.1', resolve));
  webhookUrl = `http://127.0.0.1:${(webhookServer.address() as AddressInfo).port}/webhooks/vendor-platform`;
  erp = await startErp({ port: 0, world });
  vendorPlatform = await startVendorPlatform({ port: 0, world, webhookUrl, webhookSecret: SECRET, webhookRetryDelaysMs: [200, 400] });
  workers = await startSubgraphWorkers(invoicingWorkers({ priceTolerancePct: 2, feedIntervalMs: 200 }), {
    service: 'invoicing',
    client,
    db: service.db,
    systems: {
      erpUrl: erp.url,
      vendorPlatformUrl: vendorPlatform.url,
      contractRepositoryUrl: 'http://127.0.0.1:9',
      vendorPlatformWebhookSecret: SECRET,
    },
    environment: readEnvironment({}),
    policies: new BackingSystemPolicies(),
    cipher: createFieldCipher(randomBytes(32)),
    logger,
  });
});

afterAll(async () => {
  await workers?.stop();
  await events?.close();
  await Promise.all([erp?.close(), vendorPlatform?.close()]);
  await new Promise((resolve) => webhookServer?.close(resolve));
  if (client) await closeDatabaseClient(client);
});

async function invoiceRow(id: string) {
  const [row] = await service.db.select().from(invoices).where(eq(invoices.id, id));
  return row!;
}

async function paymentRun(): Promise<void> {
  const response = await fetch(`${erp.url}/admin/payment-run`, { method: 'POST' });
  expect(response.status).toBe(200);
}

describe('invoice to payment', () => {
  it('matches, approves, sends to ERP payables, and follows the payment to CLEARED, on the portal too', { timeout: 90_000 }, async () => {
    const { order, supplier } = billableOrder();
    const input = invoiceInput(order, { idempotencyKey: `submit-${newId()}` });
    const submitted = await execute(SUBMIT, { input });
    expect(submitted.errors).toBeUndefined();
    const invoice = submitted.data!.submitInvoice.invoice!;
    expect(submitted.data!.submitInvoice.userErrors).toEqual([]);
    expect(invoice.status).toBe('MATCHED');
    expect(invoice.match).toEqual({ outcome: 'MATCHED', exceptions: [] });
    expect(invoice.total.amount).toBe(decimal(order.total).toFixed(2));

    const again = await execute(SUBMIT, { input });
    expect(again.data!.submitInvoice.invoice!.id).toBe(invoice.id);
    const reused = await execute(SUBMIT, { input: { ...input, invoiceNumber: 'OTHER-1' } });
    expect(reused.data!.submitInvoice).toEqual({
      invoice: null,
      userErrors: [expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED' })],
    });

    const approved = await execute(APPROVE, { id: invoice.id });
    expect(approved.data!.approveInvoice).toEqual({ invoice: { id: invoice.id, status: 'APPROVED' }, userErrors: [] });

    await vi.waitFor(async () => expect((await invoiceRow(invoice.id)).erpInvoiceId).not.toBeNull(), { timeout: 20_000, interval: 100 });
    const erpInvoiceId = (await invoiceRow(invoice.id)).erpInvoiceId!;
    const inErp = (await (await fetch(`${erp.url}${ERP_BASE_PATH}/invoices/${erpInvoiceId}?expand=invoiceLines`)).json()) as Record<
      string,
      unknown
    >;
    expect(inErp).toMatchObject({
      InvoiceNumber: input.invoiceNumber,
      InvoiceAmount: decimal(order.total).toFixed(2),
      SupplierNumber: supplier.erp!.supplierNumber,
    });

    const ourPayment = () => service.db.select().from(payments).where(eq(payments.invoiceId, invoice.id));
    for (const status of ['SCHEDULED', 'SENT', 'CLEARED'] as const) {
      await paymentRun();
      await vi.waitFor(async () => expect((await ourPayment())[0]?.status).toBe(status), { timeout: 20_000, interval: 100 });
    }
    const [payment] = await ourPayment();
    expect(payment).toMatchObject({
      amount: decimal(order.total).toFixed(4),
      method: expect.any(String),
      erpPaymentId: expect.any(String),
    });
    expect(payment!.paidAt).not.toBeNull();
    expect(payment!.clearedAt).not.toBeNull();
    expect((await invoiceRow(invoice.id)).status).toBe('PAID');

    const events = await service.db
      .select({ payload: outbox.payload })
      .from(outbox)
      .where(and(eq(outbox.topic, 'payment.status_changed'), eq(outbox.aggregateId, payment!.id)))
      .orderBy(asc(outbox.position));
    expect(events.map((event) => event.payload)).toEqual([
      {
        paymentId: payment!.id,
        invoiceId: invoice.id,
        invoiceIds: [invoice.id],
        supplierId: supplier.id,
        previousStatus: null,
        status: 'SCHEDULED',
        occurredAt: expect.any(String),
      },
      {
        paymentId: payment!.id,
        invoiceId: invoice.id,
        invoiceIds: [invoice.id],
        supplierId: supplier.id,
        previousStatus: 'SCHEDULED',
        status: 'SENT',
        occurredAt: expect.any(String),
      },
      {
        paymentId: payment!.id,
        invoiceId: invoice.id,
        invoiceIds: [invoice.id],
        supplierId: supplier.id,
        previousStatus: 'SENT',
        status: 'CLEARED',
        occurredAt: expect.any(String),
      },
    ]);

    await vi.waitFor(
      async () => {
        const list = (await (
          await fetch(`${vendorPlatform.url}/api/v1/portal/payments?registrationId=${supplier.vendorPlatform.registrationId}&limit=200`)
        ).json()) as { data: { externalId: string; status: string; statusHistory: { status: string }[] }[] };
        const onPortal = list.data.find((candidate) => candidate.externalId === payment!.id);
        expect(onPortal).toMatchObject({
          status: 'cleared',
          invoiceNumber: input.invoiceNumber,
          amount: { value: decimal(order.total).toFixed(2), currency: 'USD' },
        });
        expect(onPortal!.statusHistory.map((entry: { status: string }) => entry.status)).toEqual(['scheduled', 'sent', 'cleared']);
      },
      { timeout: 20_000, interval: 200 },
    );
  });

  it('reports a payment the bank spoiled as FAILED, leaving the invoice approved', { timeout: 60_000 }, async () => {
    const { order, supplier } = billableOrder();
    const invoice = (await execute(SUBMIT, { input: invoiceInput(order) })).data!.submitInvoice.invoice!;
    await execute(APPROVE, { id: invoice.id });
    await vi.waitFor(async () => expect((await invoiceRow(invoice.id)).erpInvoiceId).not.toBeNull(), { timeout: 20_000, interval: 100 });
    const ourPayment = async () => (await service.db.select().from(payments).where(eq(payments.invoiceId, invoice.id)))[0];
    await paymentRun();
    await vi.waitFor(async () => expect((await ourPayment())?.status).toBe('SCHEDULED'), { timeout: 20_000, interval: 100 });
    const failed = await fetch(`${erp.url}/admin/payments/${(await ourPayment())!.erpPaymentId}/fail`, { method: 'POST' });
    expect(failed.status).toBe(200);
    await vi.waitFor(async () => expect((await ourPayment())?.status).toBe('FAILED'), { timeout: 20_000, interval: 100 });
    expect((await invoiceRow(invoice.id)).status).toBe('APPROVED');
    const payment = (await ourPayment())!;
    const [last] = await service.db
      .select({ payload: outbox.payload })
      .from(outbox)
      .where(eq(outbox.aggregateId, payment.id))
      .orderBy(desc(outbox.position))
      .limit(1);
    expect(last!.payload).toMatchObject({ previousStatus: 'SCHEDULED', status: 'FAILED', supplierId: supplier.id });
    await vi.waitFor(
      async () => {
        const onPortal = (await (await fetch(`${vendorPlatform.url}/api/v1/portal/payments/${payment.id}`)).json()) as { status: string };
        expect(onPortal.status).toBe('failed');
      },
      { timeout: 20_000, interval: 200 },
    );
  });

  it('creates a portal invoice once although its webhook arrives three times', { timeout: 60_000 }, async () => {
    const { order, supplier } = billableOrder();
    const portalInvoice = {
      id: `vinv_${randomBytes(10).toString('hex')}`,
      registrationId: supplier.vendorPlatform.registrationId,
      invoiceNumber: `VP-${newId().slice(-10)}`,
      invoiceDate: order.orderDate,
      purchaseOrderExternalId: order.id,
      currency: 'USD',
      lines: order.lines.map((line, index) => ({
        lineNo: index + 1,
        poLineNo: line.lineNumber,
        sku: line.itemNumber,
        qty: line.quantity,
        unitPrice: { value: line.unitPrice, currency: 'USD' },
      })),
      status: 'submitted',
    };
    const body = JSON.stringify({
      id: `evt_${randomBytes(10).toString('hex')}`,
      type: 'invoice.submitted',
      createdAt: new Date().toISOString(),
      data: { invoice: portalInvoice },
    });
    const deliver = (signature?: string) => {
      const timestamp = Math.floor(Date.now() / 1000);
      return fetch(webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signature ?? signWebhook(SECRET, timestamp, body),
        },
        body,
      });
    };
    expect((await deliver('v1=00')).status).toBe(401);
    const outcomes = [];
    for (let attempt = 0; attempt < 3; attempt += 1) outcomes.push(((await (await deliver()).json()) as { outcome: string }).outcome);
    expect(outcomes).toEqual(['APPLIED', 'DUPLICATE', 'DUPLICATE']);
    const created = await service.db.select().from(invoices).where(eq(invoices.vendorPlatformInvoiceId, portalInvoice.id));
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      source: 'VENDOR_PLATFORM',
      supplierId: supplier.id,
      purchaseOrderId: order.id,
      status: 'MATCHED',
      total: decimal(order.total).toFixed(4),
    });
  });

  it('takes in an invoice submitted on the real portal, by webhook or feed, once', { timeout: 60_000 }, async () => {
    const { order, supplier } = billableOrder();
    const response = await fetch(`${vendorPlatform.url}/api/v1/portal/invoices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        registrationId: supplier.vendorPlatform.registrationId,
        invoiceNumber: `VP-${newId().slice(-10)}`,
        invoiceDate: order.orderDate,
        purchaseOrderExternalId: order.id,
        currency: 'USD',
        lines: order.lines.map((line) => ({
          poLineNo: line.lineNumber,
          sku: line.itemNumber,
          qty: line.quantity,
          unitPrice: { value: line.unitPrice, currency: 'USD' },
        })),
      }),
    });
    expect(response.status).toBe(201);
    const portalInvoice = (await response.json()) as { id: string };
    await vi.waitFor(
      async () =>
        expect(await service.db.select().from(invoices).where(eq(invoices.vendorPlatformInvoiceId, portalInvoice.id))).toHaveLength(1),
      {
        timeout: 20_000,
        interval: 100,
      },
    );
    // The feed reads the same submission: once a catch-up has read it too, the invoice is still there once.
    await portalInvoiceFeed({
      db: service.db,
      portal: vendorPlatformClient(vendorPlatform.url),
      policy: timeoutPolicy(5_000),
      logger,
      intervalMs: 0,
      inbound: {
        source: VENDOR_PLATFORM_SOURCE,
        process: applyPortalEvent(service.db, 2),
        park: (_event, item, error) => Promise.reject(new Error(`${item.id} would be parked: ${String(error)}`)),
      },
    }).catchUp();
    const [created] = await service.db.select().from(invoices).where(eq(invoices.vendorPlatformInvoiceId, portalInvoice.id));
    expect(created!.status).toBe('MATCHED');
    expect(await service.db.select().from(invoices).where(eq(invoices.vendorPlatformInvoiceId, portalInvoice.id))).toHaveLength(1);

    // The supplier follows its invoice on the portal: received, then approved.
    const portalStatus = async () =>
      ((await (await fetch(`${vendorPlatform.url}/api/v1/portal/invoices/${portalInvoice.id}`)).json()) as { status: string }).status;
    await vi.waitFor(async () => expect(await portalStatus()).toBe('received'), { timeout: 20_000, interval: 100 });
    await execute(APPROVE, { id: created!.id });
    await vi.waitFor(async () => expect(await portalStatus()).toBe('approved'), { timeout: 20_000, interval: 100 });
  });

  it('routes exceptions to queues, records their resolution, and approves once all are resolved', { timeout: 60_000 }, async () => {
    const { order } = billableOrder();
    const [first] = order.lines;
    const dearer = decimal(first!.unitPrice).times('1.05').toFixed(2);
    const submitted = await execute(SUBMIT, {
      input: invoiceInput(order, {
        lines: [
          {
            lineNumber: first!.lineNumber,
            itemNumber: first!.itemNumber,
            quantity: decimal(first!.quantity).plus(1).toFixed(),
            unitPrice: dearer,
          },
        ],
      }),
    });
    const invoice = submitted.data!.submitInvoice.invoice!;
    expect(invoice.status).toBe('EXCEPTION');
    expect(invoice.match!.exceptions.map((exception: { code: string; queue: string }) => [exception.code, exception.queue]).sort()).toEqual(
      [
        ['NOT_RECEIVED', 'ACCOUNTS_PAYABLE'],
        ['PRICE_VARIANCE', 'BUYER'],
        ['QUANTITY_VARIANCE', 'ACCOUNTS_PAYABLE'],
      ],
    );
    expect(invoice.match!.exceptions.find((exception: { code: string }) => exception.code === 'PRICE_VARIANCE')).toMatchObject({
      lineNumber: first!.lineNumber,
      actual: decimal(dearer).toFixed(),
    });

    const queue = await execute(BUYER_QUEUE, {});
    expect(queue.data!.invoices.nodes.map((node: { id: string }) => node.id)).toContain(invoice.id);

    expect((await execute(APPROVE, { id: invoice.id })).data!.approveInvoice.userErrors).toEqual([{ code: 'NOT_APPROVABLE' }]);
    const [price, ...rest] = invoice.match!.exceptions as { id: string }[];
    const overridden = await execute(RESOLVE, {
      input: { exceptionId: price!.id, action: 'OVERRIDE', reason: 'Surcharge agreed by phone' },
    });
    expect(overridden.data!.resolveMatchException).toMatchObject({
      exception: {
        resolution: 'OVERRIDDEN',
        resolvedBy: finance.subject,
        resolutionReason: 'Surcharge agreed by phone',
        resolvedAt: expect.any(String),
      },
      invoice: { status: 'EXCEPTION' },
      userErrors: [],
    });
    expect(
      (await execute(RESOLVE, { input: { exceptionId: price!.id, action: 'OVERRIDE', reason: 'again' } })).data!.resolveMatchException
        .userErrors,
    ).toEqual([{ code: 'ALREADY_RESOLVED' }]);
    expect((await execute(APPROVE, { id: invoice.id })).data!.approveInvoice.userErrors).toEqual([{ code: 'NOT_APPROVABLE' }]);
    for (const exception of rest)
      await execute(RESOLVE, { input: { exceptionId: exception.id, action: 'OVERRIDE', reason: 'Extra unit delivered and kept' } });
    const queueAfter = await execute(BUYER_QUEUE, {});
    expect(queueAfter.data!.invoices.nodes.map((node: { id: string }) => node.id)).not.toContain(invoice.id);
    expect((await execute(APPROVE, { id: invoice.id })).data!.approveInvoice).toEqual({
      invoice: { id: invoice.id, status: 'APPROVED' },
      userErrors: [],
    });
  });

  it(
    're-checks the facts on approval: a credit memo still to come, a supplier no longer active, a closed order',
    { timeout: 60_000 },
    async () => {
      const { order } = billableOrder();
      const [first] = order.lines;
      const overBilled = (line: typeof first) => [
        {
          lineNumber: line!.lineNumber,
          itemNumber: line!.itemNumber,
          quantity: decimal(line!.quantity).plus(1).toFixed(),
          unitPrice: line!.unitPrice,
        },
      ];
      const waiting = (await execute(SUBMIT, { input: invoiceInput(order, { lines: overBilled(first) }) })).data!.submitInvoice.invoice;
      for (const exception of waiting!.match!.exceptions)
        await execute(RESOLVE, {
          input: { exceptionId: exception.id, action: 'REQUEST_CREDIT_MEMO', reason: 'Credit memo for the extra unit' },
        });
      expect((await execute(APPROVE, { id: waiting!.id })).data!.approveInvoice.userErrors).toEqual([{ code: 'CREDIT_MEMO_PENDING' }]);

      const { order: other } = billableOrder();
      const matched = (await execute(SUBMIT, { input: invoiceInput(other) })).data!.submitInvoice.invoice;
      expect(matched!.status).toBe('MATCHED');
      const deliver = (topic: string, payload: Record<string, unknown>, occurredAt: string) =>
        applyDomainEvent(service.db, { eventId: newId(), topic, payload, occurredAt });
      await deliver(
        'supplier.status_changed',
        { supplierId: other.supplierId, previousStatus: 'ACTIVE', status: 'INACTIVE', occurredAt: '2099-01-01T00:00:00.000Z' },
        '2099-01-01T00:00:00.000Z',
      );
      expect((await execute(APPROVE, { id: matched!.id })).data!.approveInvoice.userErrors).toEqual([{ code: 'SUPPLIER_NOT_ACTIVE' }]);
      await deliver(
        'supplier.status_changed',
        { supplierId: other.supplierId, previousStatus: 'INACTIVE', status: 'ACTIVE', occurredAt: '2099-01-02T00:00:00.000Z' },
        '2099-01-02T00:00:00.000Z',
      );
      const orderState = {
        purchaseOrderId: other.id,
        number: other.number,
        supplierId: other.supplierId,
        contractId: null,
        orderDate: other.orderDate,
        currency: 'USD',
        lines: other.lines.map(({ lineNumber, itemNumber, quantity, unitPrice }) => ({ lineNumber, itemNumber, quantity, unitPrice })),
      };
      await deliver('purchase_order.changed', { ...orderState, status: 'CLOSED' }, '2099-01-03T00:00:00.000Z');
      expect((await execute(APPROVE, { id: matched!.id })).data!.approveInvoice.userErrors).toEqual([{ code: 'PURCHASE_ORDER_CLOSED' }]);
      await deliver('purchase_order.changed', { ...orderState, status: 'RECEIVED' }, '2099-01-04T00:00:00.000Z');
      expect((await execute(APPROVE, { id: matched!.id })).data!.approveInvoice).toEqual({
        invoice: { id: matched!.id, status: 'APPROVED' },
        userErrors: [],
      });
    },
  );

  it(
    'refuses a number the supplier already billed under, in any spelling, and frees it once that invoice is rejected',
    { timeout: 60_000 },
    async () => {
      const { order } = billableOrder();
      const first = (await execute(SUBMIT, { input: invoiceInput(order, { invoiceNumber: 'AP-000731' }) })).data!.submitInvoice.invoice;
      expect(first!.status).toBe('MATCHED');
      const again = await execute(SUBMIT, { input: invoiceInput(order, { invoiceNumber: 'ap 731' }) });
      expect(again.data!.submitInvoice).toEqual({
        invoice: null,
        userErrors: [
          { field: ['input', 'invoiceNumber'], code: 'DUPLICATE_INVOICE', message: 'The supplier already has invoice AP-000731' },
        ],
      });
      const overBilled = (await execute(SUBMIT, { input: invoiceInput(order) })).data!.submitInvoice.invoice;
      expect(overBilled!.match!.exceptions.map((exception: { code: string }) => exception.code)).toEqual(
        order.lines.map(() => 'NOT_RECEIVED'),
      );
      const rejected = await execute(RESOLVE, {
        input: { exceptionId: overBilled!.match!.exceptions[0]!.id, action: 'REJECT', reason: 'Billed twice' },
      });
      expect(rejected.data!.resolveMatchException.invoice!.status).toBe('REJECTED');
      expect((await execute(APPROVE, { id: overBilled!.id })).data!.approveInvoice.userErrors).toEqual([{ code: 'NOT_APPROVABLE' }]);
      const [rejectedRow] = await service.db
        .select({ key: invoices.invoiceNumberKey })
        .from(invoices)
        .where(eq(invoices.id, overBilled!.id));
      expect(rejectedRow).toEqual({ key: null });
    },
  );

  it('refuses unusable input with user errors and lets a supplier submit only its own invoices', async () => {
    const { order, supplier } = billableOrder();
    const bad = await execute(SUBMIT, {
      input: invoiceInput(order, { invoiceNumber: ' ', lines: [{ lineNumber: 1, itemNumber: 'X', quantity: '0', unitPrice: '-1' }] }),
    });
    expect(bad.data!.submitInvoice.invoice).toBeNull();
    expect(bad.data!.submitInvoice.userErrors.map((error: { code: string }) => error.code).sort()).toEqual([
      'INVALID_PRICE',
      'INVALID_QUANTITY',
      'REQUIRED',
    ]);
    const other = [...suppliers.values()].find((candidate) => candidate.id !== supplier.id)!;
    const forbidden = await execute(
      SUBMIT,
      { input: invoiceInput(order) },
      { kind: 'supplier', subject: 'portal-user', role: 'supplier', supplierId: other.id },
    );
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await execute(
      SUBMIT,
      { input: invoiceInput(order) },
      { kind: 'supplier', subject: 'portal-user', role: 'supplier', supplierId: supplier.id },
    );
    expect(own.data!.submitInvoice.invoice!.id).toBeDefined();
    const procurement = await execute(SUBMIT, { input: invoiceInput(order) }, { kind: 'staff', subject: 'buyer', role: 'procurement' });
    expect(procurement.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(
      await service.db
        .select({ id: invoices.id })
        .from(invoices)
        .where(inArray(invoices.invoiceNumber, [' '])),
    ).toEqual([]);
  });
});
