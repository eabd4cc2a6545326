import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeDatabaseClient,
  openDatabaseClient,
  type DatabaseClient,
  createServiceDatabase,
  type Database,
  newId,
} from '@procuregraph/platform/db';
import { invoiceLines, invoices, matchEvaluations, outbox } from '../db/tables.ts';
import { invoiceRematchRequested } from '../events.ts';
import { applyDomainEvent } from '../projections/projection-handlers.ts';
import { rematchInvoice } from './rematch-invoice.ts';

/* Re-matching on a real PGlite: which invoices a new fact sends back to the match, and what the job does with them. */

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
const purchaseOrderId = newId();

/** An invoice as a batch intake stores it: RECEIVED, never matched. */
async function receivedInvoice(): Promise<string> {
  const id = newId();
  await db.insert(invoices).values({
    id,
    invoiceNumber: `NB-${id.slice(-6)}`,
    invoiceNumberKey: `NB${id.slice(-6)}`,
    supplierId,
    purchaseOrderId,
    invoiceDate: '2026-11-02',
    total: '20',
    status: 'RECEIVED',
    source: 'EDI',
  });
  await db
    .insert(invoiceLines)
    .values({ invoiceId: id, position: 1, lineNumber: 1, itemNumber: 'GLOVE', quantity: '2', unitPrice: '10', amount: '20' });
  return id;
}

function deliver(topic: string, payload: Record<string, unknown>, occurredAt: string) {
  return applyDomainEvent(db, { eventId: newId(), topic, payload, occurredAt });
}

async function rematchRequests(invoiceId: string) {
  const rows = await db
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.topic, invoiceRematchRequested.name), eq(outbox.aggregateId, invoiceId)));
  return rows.map((row) => row.payload);
}

describe('re-matching when facts arrive', () => {
  it('matches an invoice that arrived unmatched, and again when its order and receipt arrive, keeping every evaluation', async () => {
    const invoiceId = await receivedInvoice();
    await deliver(
      'supplier.status_changed',
      { supplierId, status: 'ACTIVE', occurredAt: '2026-11-01T00:00:00.000Z' },
      '2026-11-01T00:00:00.000Z',
    );
    await rematchInvoice(db, 2, { payload: { invoiceId, trigger: 'INTAKE' } });
    const order = {
      purchaseOrderId,
      number: 'PO-RM-1',
      supplierId,
      status: 'OPEN',
      orderDate: '2026-10-30',
      currency: 'USD',
      lines: [{ lineNumber: 1, itemNumber: 'GLOVE', quantity: '2', unitPrice: '10' }],
    };
    await deliver('purchase_order.issued', order, '2026-11-02T01:00:00.000Z');
    expect(await rematchRequests(invoiceId)).toContainEqual({ invoiceId, trigger: 'PURCHASE_ORDER_CHANGED' });
    await rematchInvoice(db, 2, { payload: { invoiceId, trigger: 'PURCHASE_ORDER_CHANGED' } });
    await deliver(
      'receipt.recorded',
      { receiptId: newId(), purchaseOrderId, receivedAt: '2026-11-02T02:00:00.000Z', lines: [{ lineNumber: 1, quantityReceived: '2' }] },
      '2026-11-02T02:00:00.000Z',
    );
    expect(await rematchRequests(invoiceId)).toContainEqual({ invoiceId, trigger: 'RECEIPT_RECORDED' });
    await rematchInvoice(db, 2, { payload: { invoiceId, trigger: 'RECEIPT_RECORDED' } });

    const [invoice] = await db.select().from(invoices).where(eq(invoices.id, invoiceId));
    expect(invoice!.status).toBe('MATCHED');
    const history = await db
      .select()
      .from(matchEvaluations)
      .where(eq(matchEvaluations.invoiceId, invoiceId))
      .orderBy(matchEvaluations.evaluatedAt);
    expect(history.map((entry) => [entry.trigger, entry.outcome, entry.exceptionCodes])).toEqual([
      ['INTAKE', 'EXCEPTION', ['NO_PURCHASE_ORDER']],
      ['PURCHASE_ORDER_CHANGED', 'EXCEPTION', ['NOT_RECEIVED']],
      ['RECEIPT_RECORDED', 'MATCHED', []],
    ]);
  });

  it('leaves alone an invoice no longer open to the match', async () => {
    const invoiceId = await receivedInvoice();
    await db.update(invoices).set({ status: 'APPROVED' }).where(eq(invoices.id, invoiceId));
    await deliver(
      'receipt.recorded',
      { receiptId: newId(), purchaseOrderId, receivedAt: '2026-11-03T02:00:00.000Z', lines: [{ lineNumber: 1, quantityReceived: '1' }] },
      '2026-11-03T02:00:00.000Z',
    );
    expect(await rematchRequests(invoiceId)).toEqual([]);
    await rematchInvoice(db, 2, { payload: { invoiceId, trigger: 'RECEIPT_RECORDED' } });
    expect(await db.select().from(matchEvaluations).where(eq(matchEvaluations.invoiceId, invoiceId))).toEqual([]);
  });
});
