import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeDatabaseClient,
  openDatabaseClient,
  type DatabaseClient,
  createServiceDatabase,
  type Database,
  newId,
} from '@procuregraph/platform/db';
import { loadMatchContext } from '../db/match-context.ts';
import { tolerancesForSupplier } from '../db/match-tolerances.ts';
import { applyDomainEvent } from '../projections/projection-handlers.ts';
import type { InvoiceToMatch } from './match-context.ts';
import { matchInvoice } from './match-invoice.ts';
import { setMatchTolerance, type MatchToleranceInput } from './set-match-tolerance.ts';

/* Tolerances AP set per supplier category and per supplier, on a real PGlite: which one applies, and the match at its edges. */

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

function deliver(topic: string, payload: Record<string, unknown>) {
  const occurredAt = new Date().toISOString();
  return applyDomainEvent(db, { eventId: newId(), topic, payload: { ...payload, occurredAt }, occurredAt });
}

async function activeSupplier(category: string): Promise<string> {
  const supplierId = newId();
  await deliver('supplier.status_changed', { supplierId, status: 'ACTIVE', category });
  return supplierId;
}

function tolerance(
  scope: Pick<MatchToleranceInput, 'supplierId' | 'supplierCategory'>,
  pricePct: string,
  priceAmount: string | null,
  quantityPct: string,
): MatchToleranceInput {
  return { ...scope, pricePct, priceAmount, quantityPct, taxFreightPct: null, taxFreightAmount: null };
}

async function set(input: MatchToleranceInput) {
  const result = await setMatchTolerance(db, input, 'ap-lead');
  expect(result.userErrors).toEqual([]);
}

describe('match tolerances per supplier category and per supplier', () => {
  it('applies the supplier’s own, else its category’s, else the defaults', async () => {
    const lab = await activeSupplier('LABORATORY');
    const otherLab = await activeSupplier('LABORATORY');
    const staffing = await activeSupplier('STAFFING');
    await set(tolerance({ supplierId: null, supplierCategory: 'LABORATORY' }, '5', '0.50', '10'));
    await set(tolerance({ supplierId: lab, supplierCategory: null }, '1', null, '0'));

    const defaultCharges = { taxFreightPct: '10.000000', taxFreightAmount: null };
    expect(await tolerancesForSupplier(db, lab, 2)).toEqual({
      pricePct: '1.000000',
      priceAmount: null,
      quantityPct: '0.000000',
      ...defaultCharges,
    });
    expect(await tolerancesForSupplier(db, otherLab, 2)).toEqual({
      pricePct: '5.000000',
      priceAmount: '0.500000',
      quantityPct: '10.000000',
      ...defaultCharges,
    });
    expect(await tolerancesForSupplier(db, staffing, 2)).toEqual({
      pricePct: '2',
      priceAmount: null,
      quantityPct: '0',
      taxFreightPct: '10',
      taxFreightAmount: null,
    });
  });

  it('keeps the category known when a status event without one arrives', async () => {
    const supplierId = await activeSupplier('PHARMACEUTICAL');
    await set(tolerance({ supplierId: null, supplierCategory: 'PHARMACEUTICAL' }, '3', null, '0'));
    await deliver('supplier.status_changed', { supplierId, status: 'ON_HOLD' });
    expect((await tolerancesForSupplier(db, supplierId, 2)).pricePct).toBe('3.000000');
  });

  it('replaces a setting set before', async () => {
    const supplierId = await activeSupplier('IT_SERVICES');
    await set(tolerance({ supplierId, supplierCategory: null }, '4', null, '0'));
    await set({ ...tolerance({ supplierId, supplierCategory: null }, '6', '2', '5'), taxFreightPct: '3', taxFreightAmount: '25' });
    expect(await tolerancesForSupplier(db, supplierId, 2)).toEqual({
      pricePct: '6.000000',
      priceAmount: '2.000000',
      quantityPct: '5.000000',
      taxFreightPct: '3.000000',
      taxFreightAmount: '25.000000',
    });
  });

  it('refuses a setting for no one or for both, and tolerances out of range', async () => {
    expect((await setMatchTolerance(db, tolerance({ supplierId: null, supplierCategory: null }, '2', null, '0'), 'ap')).userErrors).toEqual(
      [{ field: ['input'], code: 'TOLERANCE_SCOPE_REQUIRED', message: 'Give exactly one of supplierId and supplierCategory' }],
    );
    const both = await setMatchTolerance(
      db,
      {
        ...tolerance({ supplierId: newId(), supplierCategory: 'LABORATORY' }, '100.01', '-0.01', '-1'),
        taxFreightPct: '101',
        taxFreightAmount: '-5',
      },
      'ap',
    );
    expect(both.tolerance).toBeNull();
    expect(both.userErrors.map((error) => [error.code, error.field])).toEqual([
      ['TOLERANCE_SCOPE_REQUIRED', ['input']],
      ['TOLERANCE_OUT_OF_RANGE', ['input', 'pricePct']],
      ['TOLERANCE_OUT_OF_RANGE', ['input', 'quantityPct']],
      ['TOLERANCE_OUT_OF_RANGE', ['input', 'taxFreightPct']],
      ['TOLERANCE_OUT_OF_RANGE', ['input', 'priceAmount']],
      ['TOLERANCE_OUT_OF_RANGE', ['input', 'taxFreightAmount']],
    ]);
    const unknown = newId();
    expect(
      (await setMatchTolerance(db, tolerance({ supplierId: unknown, supplierCategory: null }, '2', null, '0'), 'ap')).userErrors,
    ).toEqual([{ field: ['input', 'supplierId'], code: 'SUPPLIER_NOT_FOUND', message: `No supplier ${unknown}` }]);
  });
});

describe('matching with the tolerance that applies, at its edges', () => {
  /** A supplier of the category with its own setting, an order of 10 gloves at 10.00, all received. */
  async function orderedAndReceived(): Promise<{ supplierId: string; purchaseOrderId: string }> {
    const supplierId = await activeSupplier('FOOD_SERVICE');
    await set(tolerance({ supplierId: null, supplierCategory: 'FOOD_SERVICE' }, '50', null, '50'));
    await set(tolerance({ supplierId, supplierCategory: null }, '10', '0.50', '10'));
    const purchaseOrderId = newId();
    const lines = [{ lineNumber: 1, itemNumber: 'GLOVE', quantity: '10', unitPrice: '10.00' }];
    await deliver('purchase_order.issued', {
      purchaseOrderId,
      number: `PO-T-${purchaseOrderId.slice(-4)}`,
      supplierId,
      status: 'OPEN',
      orderDate: '2026-11-01',
      currency: 'USD',
      lines,
    });
    await deliver('receipt.recorded', {
      receiptId: newId(),
      purchaseOrderId,
      receivedAt: '2026-11-02T00:00:00.000Z',
      lines: [{ lineNumber: 1, quantityReceived: '20' }],
    });
    return { supplierId, purchaseOrderId };
  }

  async function codes(order: { supplierId: string; purchaseOrderId: string }, quantity: string, unitPrice: string): Promise<string[]> {
    const document: InvoiceToMatch = {
      invoiceNumber: 'T-1',
      invoiceDate: '2026-11-03',
      lines: [{ lineNumber: 1, itemNumber: 'GLOVE', quantity, unitPrice }],
      taxAmount: '0',
      freightAmount: '0',
    };
    const context = await loadMatchContext(db, { id: newId(), ...order }, document, 2);
    return matchInvoice(document, context).exceptions.map((exception) => exception.code);
  }

  it('passes a price exactly at the supplier’s absolute tolerance and fails one a cent over, though its category allows more', async () => {
    const order = await orderedAndReceived();
    expect(await codes(order, '10', '10.50')).toEqual([]);
    expect(await codes(order, '10', '9.50')).toEqual([]);
    expect(await codes(order, '10', '10.51')).toEqual(['PRICE_VARIANCE']);
    expect(await codes(order, '10', '9.49')).toEqual(['PRICE_VARIANCE']);
  });

  it('passes a quantity exactly at the supplier’s quantity tolerance and fails one unit over', async () => {
    const order = await orderedAndReceived();
    expect(await codes(order, '11', '10.00')).toEqual([]);
    expect(await codes(order, '12', '10.00')).toEqual(['QUANTITY_VARIANCE']);
  });
});
