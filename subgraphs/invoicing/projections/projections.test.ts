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
import { exceptionsOfInvoices } from '../db/queries.ts';
import { submitInvoice } from '../intake/submit-invoice.ts';
import { contractPriceTermProjections, purchaseOrderLineProjections, purchaseOrderProjections, supplierProjections } from '../db/tables.ts';
import { applyDomainEvent } from './projection-handlers.ts';

/*
 * Other domains' events (topics and payloads as agreed with procurement, contracts and suppliers)
 * fill the projections the match reads: once per event, latest state wins.
 */

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
const contractId = newId();

function deliver(topic: string, payload: Record<string, unknown>, occurredAt: string, eventId = newId()) {
  return applyDomainEvent(db, { eventId, topic, payload, occurredAt });
}

function order(status: string, quantity: string) {
  return {
    purchaseOrderId,
    number: 'PO-9001',
    supplierId,
    contractId,
    status,
    orderDate: '2026-10-01',
    currency: 'USD',
    lines: [{ lineNumber: 1, itemNumber: 'GLOVE', quantity, unitPrice: '10.00' }],
  };
}

describe('projections of other domains', () => {
  it('applies a purchase order once, keeps the latest version, and ignores an older one arriving late', async () => {
    const issuedId = newId();
    expect(await deliver('purchase_order.issued', order('OPEN', '10'), '2026-10-01T10:00:00.000Z', issuedId)).toBe('APPLIED');
    expect(await deliver('purchase_order.issued', order('OPEN', '10'), '2026-10-01T10:00:00.000Z', issuedId)).toBe('DUPLICATE');
    expect(await deliver('purchase_order.changed', order('OPEN', '12'), '2026-10-03T10:00:00.000Z')).toBe('APPLIED');
    expect(await deliver('purchase_order.changed', order('CANCELLED', '0'), '2026-10-02T10:00:00.000Z')).toBe('SUPERSEDED');
    const [header] = await db.select().from(purchaseOrderProjections).where(eq(purchaseOrderProjections.purchaseOrderId, purchaseOrderId));
    expect(header).toMatchObject({ status: 'OPEN', number: 'PO-9001', supplierId, contractId });
    const lines = await db
      .select()
      .from(purchaseOrderLineProjections)
      .where(eq(purchaseOrderLineProjections.purchaseOrderId, purchaseOrderId));
    expect(lines.map((line) => [line.lineNumber, line.quantity])).toEqual([[1, '12.000000']]);
  });

  it('keeps supplier status and ERP link side by side', async () => {
    await deliver(
      'supplier.erp_linked',
      { supplierId, erpSupplierId: 300000042, erpSupplierNumber: '1042', vendorRegistrationId: 'reg_aaaaaaaaaaaaaaaaaaaa' },
      '2026-10-01T09:00:00.000Z',
    );
    await deliver(
      'supplier.status_changed',
      { supplierId, previousStatus: 'APPROVED', status: 'ACTIVE', occurredAt: '2026-10-01T09:30:00.000Z' },
      '2026-10-01T09:30:01.000Z',
    );
    expect(
      await deliver(
        'supplier.status_changed',
        { supplierId, previousStatus: 'PENDING_APPROVAL', status: 'APPROVED', occurredAt: '2026-10-01T08:00:00.000Z' },
        '2026-10-01T09:31:00.000Z',
      ),
    ).toBe('SUPERSEDED');
    const [supplier] = await db.select().from(supplierProjections).where(eq(supplierProjections.supplierId, supplierId));
    expect(supplier).toMatchObject({
      status: 'ACTIVE',
      erpSupplierId: '300000042',
      erpSupplierNumber: '1042',
      vendorRegistrationId: 'reg_aaaaaaaaaaaaaaaaaaaa',
    });
  });

  it('learns the portal registration of a supplier linked in the ERP before it was enrolled', async () => {
    const enrolled = newId();
    await deliver(
      'supplier.erp_linked',
      { supplierId: enrolled, erpSupplierId: 300000043, erpSupplierNumber: '1043', vendorRegistrationId: null },
      '2026-10-01T09:00:00.000Z',
    );
    const links = {
      supplierId: enrolled,
      erpSupplierId: '300000043',
      erpSupplierNumber: '1043',
      vendorRegistrationId: 'reg_bbbbbbbbbbbbbbbbbbbb',
    };
    expect(await deliver('supplier.portal_enrolled', links, '2026-10-01T09:05:00.000Z')).toBe('APPLIED');
    const [supplier] = await db.select().from(supplierProjections).where(eq(supplierProjections.supplierId, enrolled));
    expect(supplier).toMatchObject({
      erpSupplierId: '300000043',
      erpSupplierNumber: '1043',
      vendorRegistrationId: 'reg_bbbbbbbbbbbbbbbbbbbb',
    });
  });

  it('replaces a contract with its latest version', async () => {
    const contract = (unitPrice: string) => ({
      contractId,
      supplierId,
      number: 'CT-77',
      status: 'ACTIVE',
      effectiveFrom: '2026-01-01',
      effectiveTo: '2026-12-31',
      currency: 'USD',
      priceTerms: [{ itemNumber: 'GLOVE', unitPrice, unitOfMeasure: 'BX' }],
    });
    await deliver('contract.changed', contract('10.00'), '2026-09-01T00:00:00.000Z');
    await deliver('contract.changed', contract('9.50'), '2026-09-02T00:00:00.000Z');
    const terms = await db.select().from(contractPriceTermProjections).where(eq(contractPriceTermProjections.contractId, contractId));
    expect(terms.map((term) => term.unitPrice)).toEqual(['9.500000']);
  });

  it('counts receipts once, and matches an invoice against everything projected', async () => {
    const receiptId = newId();
    const receipt = {
      receiptId,
      purchaseOrderId,
      receivedAt: '2026-10-05T12:00:00.000Z',
      lines: [{ lineNumber: 1, quantityReceived: '5' }],
    };
    expect(await deliver('receipt.recorded', receipt, '2026-10-05T12:00:01.000Z', receiptId)).toBe('APPLIED');
    expect(await deliver('receipt.recorded', receipt, '2026-10-05T12:00:01.000Z', receiptId)).toBe('DUPLICATE');
    // Re-sent under another event id (a replay from the producer's side): the receipt still counts once.
    expect(await deliver('receipt.recorded', receipt, '2026-10-05T12:00:02.000Z')).toBe('APPLIED');
    const result = await submitInvoice(
      db,
      {
        supplierId,
        purchaseOrderId,
        invoiceNumber: 'INV-P-1',
        invoiceDate: '2026-10-06',
        currency: 'USD',
        lines: [{ lineNumber: 1, itemNumber: 'GLOVE', quantity: '6', unitPrice: '10.00' }],
        taxAmount: '0',
        freightAmount: '0',
        source: 'GRAPH',
        idempotencyKey: null,
        vendorPlatformInvoiceId: null,
      },
      2,
    );
    expect(result.invoice?.status).toBe('EXCEPTION');
    const exceptions = await exceptionsOfInvoices(db, [result.invoice!.id]);
    expect(exceptions.map((exception) => [exception.code, exception.expected, exception.actual]).sort()).toEqual([
      ['CONTRACT_PRICE_VARIANCE', '9.5', '10'],
      ['NOT_RECEIVED', '5', '6'],
    ]);
  });

  it('refuses an event of a topic invoicing does not consume', async () => {
    await expect(deliver('invoice.approved', {}, '2026-10-01T00:00:00.000Z')).rejects.toThrow(/does not consume/);
  });
});
