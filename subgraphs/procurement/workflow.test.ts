import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWorld, type DemoSupplier } from '@procuregraph/demo';
import { ERP_BASE_PATH, erpClient } from '@procuregraph/connector-erp';
import { startErp } from '@procuregraph/erp';
import { startVendorPlatform } from '@procuregraph/vendor-platform';
import {
  closeDatabaseClient,
  openDatabaseClient,
  type DatabaseClient,
  createServiceDatabase,
  type Database,
} from '@procuregraph/platform/db';
import { createFieldCipher } from '@procuregraph/platform/crypto';
import { signWebhook, webhookRouter } from '@procuregraph/platform/inbound';
import { startSubgraphWorkers, type RunningWorkers } from '@procuregraph/platform/subgraph';
import { createLogger } from '@procuregraph/platform/logging';
import { formatAmount } from '@procuregraph/platform/money';
import { appendToOutbox } from '@procuregraph/platform/outbox';
import { backingSystemPolicies, timeoutPolicy } from '@procuregraph/platform/resilience';
import { readEnvironment } from '@procuregraph/platform/config';
import { seedProcurement } from './db/seed.ts';
import { applyErpEvent, createErpFeedPoller, ERP_SOURCE } from './erp-feed.ts';
import {
  outbox,
  purchaseOrderLines,
  purchaseOrders,
  receipts,
  supplierReferences,
  syncStatus,
  type PurchaseOrderRow,
} from './db/tables.ts';
import { issuePurchaseOrder, type IssuePurchaseOrderRequest } from './issue-purchase-order.ts';
import { recordReceipt } from './record-receipt.ts';
import { migrationsFolder } from './service.ts';
import { procurementWebhooks } from './webhooks.ts';
import { procurementWorkers } from './workers.ts';

const WEBHOOK_SECRET = 'whsec_procurement_test';
const environment = readEnvironment({ ERP_TIMEOUT_MS: '1500' });
const ERP_API = ERP_BASE_PATH;
const world = createWorld({ scale: 'default' });
const suppliers = [...world.suppliers()];
const activeSupplier = suppliers.find((supplier) => supplier.status === 'ACTIVE' && supplier.erp !== null)!;
const pendingSupplier = suppliers.find((supplier) => supplier.status !== 'ACTIVE')!;
const otherActiveSuppliers = suppliers.filter(
  (supplier) => supplier.status === 'ACTIVE' && supplier.erp !== null && supplier.id !== activeSupplier.id,
);

let client: DatabaseClient;
let db: Database;
let workers: RunningWorkers;
let webhookServer: Server;
let webhookUrl: string;
const systems: Array<{ url: string; close(): Promise<void> }> = [];
let erpUrl: string;
let vendorUrl: string;

/** A reference system's answer; `Body` is the shape the test reads from it. */
async function json<Body = unknown>(url: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: Body }> {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? null : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as Body };
}

beforeAll(async () => {
  client = await openDatabaseClient({});
  const service = createServiceDatabase(client, 'procurement');
  await service.migrate(migrationsFolder);
  db = service.db;
  await seedProcurement(db, world);
  const erp = await startErp({ port: 0, world });
  const vendor = await startVendorPlatform({ port: 0, world, webhookSecret: WEBHOOK_SECRET });
  systems.push(erp, vendor);
  erpUrl = erp.url;
  vendorUrl = vendor.url;
  const app = express();
  app.use(webhookRouter(procurementWebhooks({ db, vendorPlatformSecret: WEBHOOK_SECRET }), createLogger('procurement-webhooks')));
  webhookServer = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => webhookServer.once('listening', resolve));
  webhookUrl = `http://127.0.0.1:${(webhookServer.address() as AddressInfo).port}/webhooks/vendor-platform`;
  // Feeds get their own quickly-recovering breakers: the outage test must not keep them open for 30 s.
  // The ERP's timeout is the configured one, shorter than the slow ERP of the timeout test.
  const register = procurementWorkers({ feedIntervalMs: 250, retry: { limit: 5, delaySeconds: 1 } });
  workers = await startSubgraphWorkers(register, {
    service: 'procurement',
    client,
    db,
    systems: {
      erpUrl,
      vendorPlatformUrl: vendorUrl,
      contractRepositoryUrl: 'http://127.0.0.1:9',
      vendorPlatformWebhookSecret: WEBHOOK_SECRET,
    },
    environment,
    policies: backingSystemPolicies(environment.backingSystemTimeoutsMs, { halfOpenAfterMs: 300 }),
    cipher: createFieldCipher(randomBytes(32)),
    logger: createLogger('procurement-test'),
  });
});

afterAll(async () => {
  await workers?.stop();
  await new Promise((resolve) => webhookServer?.close(resolve));
  for (const system of systems) await system.close();
  await closeDatabaseClient(client);
});

function orderRequest(supplier: DemoSupplier, overrides: Partial<IssuePurchaseOrderRequest> = {}): IssuePurchaseOrderRequest {
  return {
    supplierId: supplier.id,
    contractId: null,
    idempotencyKey: randomUUID(),
    shipToFacilityId: null,
    lines: [
      { itemNumber: 'GLV-NIT-100', description: 'Nitrile exam gloves, box of 100', quantity: '3', unitOfMeasure: 'BX', unitPrice: '19.99' },
      { itemNumber: 'SAL-1L', description: 'Saline 0.9% 1L', quantity: '10', unitOfMeasure: 'EA', unitPrice: '0.1' },
    ],
    ...overrides,
  };
}

async function orderById(id: string): Promise<PurchaseOrderRow> {
  const [order] = await db.select().from(purchaseOrders).where(eq(purchaseOrders.id, id));
  return order!;
}

async function issueOpenOrder(): Promise<PurchaseOrderRow> {
  const { purchaseOrder } = await issuePurchaseOrder(db, orderRequest(activeSupplier));
  await vi.waitFor(async () => expect((await orderById(purchaseOrder!.id)).status).toBe('OPEN'), { timeout: 20_000, interval: 200 });
  return orderById(purchaseOrder!.id);
}

async function eventsOf(topic: string, aggregateId: string) {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.topic, topic), eq(outbox.aggregateId, aggregateId)))
    .orderBy(asc(outbox.position));
}

async function postWebhook(
  body: unknown,
  secret = WEBHOOK_SECRET,
): Promise<{ status: number; body: { received?: boolean; outcome?: string } }> {
  const rawBody = JSON.stringify(body);
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(webhookUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': 'x',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(secret, timestamp, rawBody),
    },
    body: rawBody,
  });
  return { status: response.status, body: (await response.json()) as { received?: boolean; outcome?: string } };
}

describe('issuing a purchase order', () => {
  it('stores a DRAFT with exact totals, then the ERP numbers it, it turns OPEN and is published on the portal', async () => {
    const { purchaseOrder, userErrors } = await issuePurchaseOrder(db, orderRequest(activeSupplier));
    expect(userErrors).toEqual([]);
    expect(purchaseOrder).toMatchObject({ status: 'DRAFT', number: null, publicationState: 'PENDING' });
    expect(formatAmount(purchaseOrder!.total, 'USD')).toBe('60.97');
    // A DRAFT is not announced: consumers learn of an order once the ERP has numbered it.
    expect(await eventsOf('purchase_order.issued', purchaseOrder!.id)).toEqual([]);

    await vi.waitFor(async () => expect((await orderById(purchaseOrder!.id)).publicationState).toBe('PUBLISHED'), {
      timeout: 20_000,
      interval: 200,
    });
    const order = await orderById(purchaseOrder!.id);
    expect(order.status).toBe('OPEN');
    expect(order.number).toMatch(/\S+/);
    expect(order.lastSyncedAt).not.toBeNull();
    expect(order.publishedAt).not.toBeNull();
    const states = await db.select().from(syncStatus).where(eq(syncStatus.entityId, order.id));
    expect(Object.fromEntries(states.map((state) => [state.system, state.state]))).toEqual({ ERP: 'SYNCED', VENDOR_PLATFORM: 'SYNCED' });
    const issued = await eventsOf('purchase_order.issued', order.id);
    expect(issued.map((event) => event.payload)).toEqual([
      {
        purchaseOrderId: order.id,
        number: order.number,
        supplierId: activeSupplier.id,
        contractId: null,
        status: 'OPEN',
        orderDate: order.orderDate,
        currency: 'USD',
        lines: [
          { lineNumber: 1, itemNumber: 'GLV-NIT-100', quantity: '3', unitPrice: '19.99' },
          { lineNumber: 2, itemNumber: 'SAL-1L', quantity: '10', unitPrice: '0.1' },
        ],
      },
    ]);

    const inErp = await json(`${erpUrl}${ERP_API}/purchaseOrders/${order.erpPoHeaderId}?expand=lines`);
    expect(inErp.body).toMatchObject({
      OrderNumber: order.number,
      SupplierId: activeSupplier.erp!.supplierId,
      DocumentStatusCode: 'OPEN',
      Total: '60.97',
    });

    const portal = await json<{ data: { externalId: string; lines: unknown[] }[] }>(
      `${vendorUrl}/api/v1/portal/purchase-orders?registrationId=${activeSupplier.vendorPlatform.registrationId}&limit=200`,
    );
    const published = portal.body.data.find((entry) => entry.externalId === order.id);
    expect(published).toMatchObject({ poNumber: order.number, status: 'open', total: { value: '60.97', currency: 'USD' } });
    expect(published!.lines[0]).toMatchObject({ lineNo: 1, sku: 'GLV-NIT-100', qty: '3', unitPrice: { value: '19.99', currency: 'USD' } });
  });

  it('returns the same order for the same idempotency key and refuses the key for another order', async () => {
    const request = orderRequest(activeSupplier);
    const first = await issuePurchaseOrder(db, request);
    const again = await issuePurchaseOrder(db, {
      ...request,
      lines: request.lines.map((line) => ({ ...line, quantity: `${line.quantity}.00` })),
    });
    expect(again.purchaseOrder!.id).toBe(first.purchaseOrder!.id);
    const reused = await issuePurchaseOrder(db, { ...request, lines: request.lines.slice(0, 1) });
    expect(reused).toEqual({ purchaseOrder: null, userErrors: [expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED' })] });
  });

  it('refuses suppliers that are not active, unknown suppliers and contracts, and bad lines', async () => {
    const codes = async (request: IssuePurchaseOrderRequest) =>
      (await issuePurchaseOrder(db, request)).userErrors.map((error) => error.code);
    expect(await codes(orderRequest(pendingSupplier))).toEqual(['SUPPLIER_NOT_ACTIVE']);
    expect(await codes({ ...orderRequest(activeSupplier), supplierId: randomUUID() })).toEqual(['NOT_FOUND']);
    expect(await codes({ ...orderRequest(activeSupplier), supplierId: 'not-an-id' })).toEqual(['NOT_FOUND']);
    expect(await codes({ ...orderRequest(activeSupplier), contractId: randomUUID() })).toEqual(['NOT_FOUND']);
    expect(await codes({ ...orderRequest(activeSupplier), lines: [] })).toEqual(['REQUIRED']);
    const bad = { itemNumber: 'X', description: 'X', unitOfMeasure: 'EA' };
    expect(await codes({ ...orderRequest(activeSupplier), lines: [{ ...bad, quantity: '0', unitPrice: '-1' }] })).toEqual([
      'INVALID_QUANTITY',
      'INVALID_PRICE',
    ]);
  });
});

describe('acknowledgements', () => {
  it('a signed purchase_order.acknowledged webhook marks the order ACKNOWLEDGED, once', async () => {
    const order = await issueOpenOrder();
    await vi.waitFor(async () => expect((await orderById(order.id)).publicationState).toBe('PUBLISHED'), {
      timeout: 20_000,
      interval: 200,
    });
    const event = {
      id: `evt_${randomBytes(10).toString('hex')}`,
      type: 'purchase_order.acknowledged',
      createdAt: new Date().toISOString(),
      data: {
        purchaseOrder: {
          externalId: order.id,
          poNumber: order.number,
          registrationId: activeSupplier.vendorPlatform.registrationId,
          revision: 1,
        },
        acknowledgement: { status: 'accepted', respondedAt: new Date().toISOString(), note: null },
      },
    };
    expect((await postWebhook(event, 'wrong-secret')).status).toBe(401);
    expect((await orderById(order.id)).publicationState).toBe('PUBLISHED');
    expect(await postWebhook(event)).toEqual({ status: 200, body: { received: true, outcome: 'APPLIED' } });
    expect((await orderById(order.id)).publicationState).toBe('ACKNOWLEDGED');
    expect((await postWebhook(event)).body.outcome).toBe('DUPLICATE');
  });

  it('an acknowledgement whose webhook never came is found in the vendor feed', async () => {
    const order = await issueOpenOrder();
    await vi.waitFor(async () => expect((await orderById(order.id)).publicationState).toBe('PUBLISHED'), {
      timeout: 20_000,
      interval: 200,
    });
    const acknowledged = await json(`${vendorUrl}/api/v1/portal/purchase-orders/${order.id}/acknowledge`, {
      body: { response: 'accepted' },
    });
    expect(acknowledged.status).toBe(200);
    await vi.waitFor(async () => expect((await orderById(order.id)).publicationState).toBe('ACKNOWLEDGED'), {
      timeout: 10_000,
      interval: 200,
    });
  });
});

describe('orders issued in the ERP', () => {
  it('show up canonically through the business events feed, and our own orders are not duplicated', async () => {
    const created = await json<{ POHeaderId: number; OrderNumber: string }>(`${erpUrl}${ERP_API}/purchaseOrders`, {
      body: {
        SupplierId: activeSupplier.erp!.supplierId,
        CurrencyCode: 'USD',
        lines: [{ Item: 'MASK-N95', Description: 'N95 respirator', Quantity: '20', UOM: 'EA', Price: '1.255' }],
      },
    });
    expect(created.status).toBe(201);
    const poHeaderId = created.body.POHeaderId;
    await vi.waitFor(
      async () => expect(await db.select().from(purchaseOrders).where(eq(purchaseOrders.erpPoHeaderId, poHeaderId))).toHaveLength(1),
      {
        timeout: 10_000,
        interval: 200,
      },
    );
    const [order] = await db.select().from(purchaseOrders).where(eq(purchaseOrders.erpPoHeaderId, poHeaderId));
    expect(order).toMatchObject({ number: created.body.OrderNumber, supplierId: activeSupplier.id, status: 'OPEN' });
    expect(formatAmount(order!.total, 'USD')).toBe('25.10');
    const lines = await db.select().from(purchaseOrderLines).where(eq(purchaseOrderLines.purchaseOrderId, order!.id));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ itemNumber: 'MASK-N95', lineNumber: 1 });
    const [issued] = await eventsOf('purchase_order.issued', order!.id);
    expect(issued!.payload).toMatchObject({
      number: created.body.OrderNumber,
      status: 'OPEN',
      lines: [{ lineNumber: 1, itemNumber: 'MASK-N95', quantity: '20', unitPrice: '1.255' }],
    });
    await vi.waitFor(async () => expect((await orderById(order!.id)).publicationState).toBe('PUBLISHED'), {
      timeout: 20_000,
      interval: 200,
    });

    // Every order Procuregraph sent is in the feed too: each ERP order is one canonical order.
    const ours = await db.select().from(purchaseOrders).where(eq(purchaseOrders.supplierId, activeSupplier.id));
    const erpIds = ours.map((row) => row.erpPoHeaderId).filter((id) => id !== null);
    expect(new Set(erpIds).size).toBe(erpIds.length);
    const withKeys = ours.filter((row) => row.idempotencyKey !== null && row.status !== 'DRAFT');
    expect(withKeys.every((row) => row.erpPoHeaderId !== null)).toBe(true);
  });
});

describe('receipts', () => {
  it('recorded here: checked, stored, the order PARTIALLY_RECEIVED then RECEIVED, and sent to the ERP', async () => {
    const order = await issueOpenOrder();
    const over = await recordReceipt(db, {
      purchaseOrderId: order.id,
      idempotencyKey: null,
      lines: [{ lineNumber: 1, quantityReceived: '4' }],
    });
    expect(over.userErrors.map((error) => error.code)).toEqual(['OVER_RECEIPT']);
    const first = await recordReceipt(db, {
      purchaseOrderId: order.id,
      idempotencyKey: 'rcv-1-' + order.id,
      lines: [{ lineNumber: 1, quantityReceived: '2' }],
    });
    expect(first.userErrors).toEqual([]);
    expect((await orderById(order.id)).status).toBe('PARTIALLY_RECEIVED');
    const [recorded] = await eventsOf('receipt.recorded', first.receipt!.id);
    expect(recorded!.payload).toEqual({
      receiptId: first.receipt!.id,
      purchaseOrderId: order.id,
      receivedAt: first.receipt!.receivedAt.toISOString(),
      lines: [{ lineNumber: 1, quantityReceived: '2' }],
    });
    const replay = await recordReceipt(db, {
      purchaseOrderId: order.id,
      idempotencyKey: 'rcv-1-' + order.id,
      lines: [{ lineNumber: 1, quantityReceived: '2.0' }],
    });
    expect(replay.receipt!.id).toBe(first.receipt!.id);

    await vi.waitFor(
      async () => {
        const [row] = await db.select().from(receipts).where(eq(receipts.id, first.receipt!.id));
        expect(row!.erpReceiptId).not.toBeNull();
      },
      { timeout: 20_000, interval: 200 },
    );
    const inErp = await json<{ lines: { items: { schedules: { items: { QuantityReceived: string }[] } }[] } }>(
      `${erpUrl}${ERP_API}/purchaseOrders/${order.erpPoHeaderId}?expand=lines.schedules`,
    );
    expect(inErp.body.lines.items[0]!.schedules.items[0]!.QuantityReceived).toBe('2');

    const rest = await recordReceipt(db, {
      purchaseOrderId: order.id,
      idempotencyKey: null,
      lines: [
        { lineNumber: 1, quantityReceived: '1' },
        { lineNumber: 2, quantityReceived: '10' },
      ],
    });
    expect(rest.userErrors).toEqual([]);
    expect((await orderById(order.id)).status).toBe('RECEIVED');
    const changes = await eventsOf('purchase_order.changed', order.id);
    expect(changes.map((event) => event.payload.status)).toEqual(['PARTIALLY_RECEIVED', 'RECEIVED']);
    const closed = await recordReceipt(db, {
      purchaseOrderId: order.id,
      idempotencyKey: null,
      lines: [{ lineNumber: 1, quantityReceived: '1' }],
    });
    expect(closed.userErrors.map((error) => error.code)).toEqual(['ORDER_NOT_OPEN']);
    // The ERP receives the rest too, and its feed (which carries our receipts) adds none.
    await vi.waitFor(
      async () =>
        expect(
          (await json<{ DocumentStatusCode: string }>(`${erpUrl}${ERP_API}/purchaseOrders/${order.erpPoHeaderId}`)).body.DocumentStatusCode,
        ).toBe('CLOSED_FOR_RECEIVING'),
      {
        timeout: 20_000,
        interval: 200,
      },
    );
    await createErpFeedPoller({
      db,
      inbound: {
        source: ERP_SOURCE,
        process: applyErpEvent(db, createLogger('procurement-test')),
        park: (_event, item, error) => Promise.reject(new Error(`${item.eventId} would be parked: ${String(error)}`)),
      },
      erp: erpClient(erpUrl),
      policy: timeoutPolicy(5_000),
      logger: createLogger('procurement-test'),
      intervalMs: 0,
    }).catchUp();
    expect(await db.select().from(receipts).where(eq(receipts.purchaseOrderId, order.id))).toHaveLength(2);
  });

  it('recorded in the ERP: flow in through the feed and move the order', async () => {
    const order = await issueOpenOrder();
    const created = await json<{ HeaderInterfaceId: number; ReceiptNumber: string }>(`${erpUrl}${ERP_API}/receivingReceiptRequests`, {
      body: { lines: [{ DocumentNumber: order.number, DocumentLineNumber: 2, Quantity: '4' }] },
    });
    expect(created.status).toBe(201);
    await vi.waitFor(
      async () => expect(await db.select().from(receipts).where(eq(receipts.erpReceiptId, created.body.HeaderInterfaceId))).toHaveLength(1),
      {
        timeout: 10_000,
        interval: 200,
      },
    );
    const [receipt] = await db.select().from(receipts).where(eq(receipts.erpReceiptId, created.body.HeaderInterfaceId));
    expect(receipt!.receiptNumber).toBe(created.body.ReceiptNumber);
    expect((await orderById(order.id)).status).toBe('PARTIALLY_RECEIVED');
    const [recorded] = await eventsOf('receipt.recorded', receipt!.id);
    expect(recorded!.payload).toMatchObject({ purchaseOrderId: order.id, lines: [{ lineNumber: 2, quantityReceived: '4' }] });
  });
});

describe('an ERP outage', () => {
  it('leaves the order DRAFT with failed attempts, and it completes once the ERP is back', async () => {
    await json(`${erpUrl}/admin/faults`, { body: { outage: true } });
    try {
      const { purchaseOrder } = await issuePurchaseOrder(db, orderRequest(activeSupplier));
      await vi.waitFor(
        async () => {
          const [state] = await db
            .select()
            .from(syncStatus)
            .where(and(eq(syncStatus.entityId, purchaseOrder!.id), eq(syncStatus.system, 'ERP')));
          expect(state).toMatchObject({ state: 'FAILED' });
          expect(state!.attempts).toBeGreaterThanOrEqual(2);
          expect(state!.lastError).toMatch(/503/);
        },
        { timeout: 20_000, interval: 200 },
      );
      expect(await orderById(purchaseOrder!.id)).toMatchObject({ status: 'DRAFT', number: null });
      await json(`${erpUrl}/admin/faults`, { body: {} });
      await vi.waitFor(async () => expect((await orderById(purchaseOrder!.id)).status).toBe('OPEN'), { timeout: 30_000, interval: 250 });
      const [state] = await db
        .select()
        .from(syncStatus)
        .where(and(eq(syncStatus.entityId, purchaseOrder!.id), eq(syncStatus.system, 'ERP')));
      expect(state).toMatchObject({ state: 'SYNCED', lastError: null });
      expect(state!.attempts).toBeGreaterThanOrEqual(3);
    } finally {
      await json(`${erpUrl}/admin/faults`, { body: {} });
    }
  });
});

describe('a slow ERP', () => {
  it('is abandoned at ERP_TIMEOUT_MS, the order DRAFT with the timeout as its error, and completes once the ERP is fast again', async () => {
    await json(`${erpUrl}/admin/faults`, { body: { latencyMs: 5000 } });
    try {
      const { purchaseOrder } = await issuePurchaseOrder(db, orderRequest(activeSupplier));
      await vi.waitFor(
        async () => {
          const [state] = await db
            .select()
            .from(syncStatus)
            .where(and(eq(syncStatus.entityId, purchaseOrder!.id), eq(syncStatus.system, 'ERP')));
          expect(state).toMatchObject({ state: 'FAILED', lastError: 'Error: Operation timed out after 1500ms' });
        },
        { timeout: 20_000, interval: 200 },
      );
      expect(await orderById(purchaseOrder!.id)).toMatchObject({ status: 'DRAFT', number: null });
      await json(`${erpUrl}/admin/faults`, { body: {} });
      await vi.waitFor(async () => expect((await orderById(purchaseOrder!.id)).status).toBe('OPEN'), { timeout: 30_000, interval: 250 });
    } finally {
      await json(`${erpUrl}/admin/faults`, { body: {} });
    }
  });
});

describe('supplier references', () => {
  it('follow the onboarding events: a supplier linked to the ERP, enrolled on the portal and turned ACTIVE can be ordered from', async () => {
    const supplier = suppliers.find((candidate) => candidate.status === 'APPROVED' || candidate.status === 'PENDING_APPROVAL')!;
    expect((await issuePurchaseOrder(db, orderRequest(supplier))).userErrors.map((error) => error.code)).toEqual(['SUPPLIER_NOT_ACTIVE']);
    await db.transaction(async (tx) => {
      await appendToOutbox(tx, outbox, {
        topic: 'supplier.erp_linked',
        aggregateId: supplier.id,
        payload: { supplierId: supplier.id, erpSupplierId: 300000009999001, erpSupplierNumber: '99001', vendorRegistrationId: null },
      });
      await appendToOutbox(tx, outbox, {
        topic: 'supplier.portal_enrolled',
        aggregateId: supplier.id,
        payload: {
          supplierId: supplier.id,
          erpSupplierId: 300000009999001,
          erpSupplierNumber: '99001',
          vendorRegistrationId: 'reg_linked0001',
        },
      });
      await appendToOutbox(tx, outbox, {
        topic: 'supplier.status_changed',
        aggregateId: supplier.id,
        payload: { supplierId: supplier.id, previousStatus: supplier.status, status: 'ACTIVE', occurredAt: new Date().toISOString() },
      });
    });
    await vi.waitFor(
      async () => {
        const [reference] = await db.select().from(supplierReferences).where(eq(supplierReferences.supplierId, supplier.id));
        expect(reference).toMatchObject({
          status: 'ACTIVE',
          erpSupplierId: 300000009999001,
          erpSupplierNumber: '99001',
          vendorRegistrationId: 'reg_linked0001',
        });
      },
      { timeout: 10_000, interval: 200 },
    );
    expect((await issuePurchaseOrder(db, orderRequest(supplier))).userErrors).toEqual([]);
  });
});

describe('a publication the portal refuses', () => {
  it('is FAILED, with the vendor platform sync dead-lettered', async () => {
    const supplier = otherActiveSuppliers[0]!;
    await db
      .update(supplierReferences)
      .set({ vendorRegistrationId: 'reg_unknown000000000000' })
      .where(eq(supplierReferences.supplierId, supplier.id));
    const { purchaseOrder } = await issuePurchaseOrder(db, orderRequest(supplier));
    await vi.waitFor(async () => expect((await orderById(purchaseOrder!.id)).publicationState).toBe('FAILED'), {
      timeout: 20_000,
      interval: 200,
    });
    expect((await orderById(purchaseOrder!.id)).status).toBe('OPEN');
    await vi.waitFor(
      async () => {
        const [state] = await db
          .select()
          .from(syncStatus)
          .where(and(eq(syncStatus.entityId, purchaseOrder!.id), eq(syncStatus.system, 'VENDOR_PLATFORM')));
        expect(state).toMatchObject({ state: 'DEAD_LETTERED', lastError: expect.stringMatching(/422/) });
      },
      { timeout: 10_000, interval: 200 },
    );
  });
});
