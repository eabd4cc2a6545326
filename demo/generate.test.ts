import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { createWorld } from './generate.ts';
import type { DemoContract, DemoInvoice, DemoPayment, DemoPurchaseOrder, DemoSupplier, World } from './world.ts';

/** Everything in a world, materialised: fine for the default scale. */
function materialise(world: World) {
  return {
    facilities: [...world.facilities()],
    suppliers: [...world.suppliers()],
    contracts: [...world.contracts()],
    purchaseOrders: [...world.purchaseOrders()],
    invoices: [...world.invoices()],
    payments: [...world.payments()],
  };
}

function first<T>(records: Iterable<T>, count: number): T[] {
  const taken: T[] = [];
  for (const record of records) {
    taken.push(record);
    if (taken.length === count) break;
  }
  return taken;
}

function byId<T extends { id: string }>(records: T[]): Map<string, T> {
  return new Map(records.map((record) => [record.id, record]));
}

function sumOf(values: string[]): Decimal {
  return values.reduce((total, value) => total.plus(value), new Decimal(0));
}

function decimalPlaces(value: string): number {
  return value.split('.')[1]?.length ?? 0;
}

/** Written from the rules in the product brief, not from the generator's own helpers. */
const INVALID_EIN_PREFIXES = ['00', '07', '08', '09', '17', '18', '19', '28', '29', '49', '69', '70', '78', '79', '89', '96', '97'];

function abaChecksumHolds(routing: string): boolean {
  const d = [...routing].map(Number);
  return /^\d{9}$/.test(routing) && (3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!)) % 10 === 0;
}

function gs1CheckDigitHolds(code: string): boolean {
  const digits = [...code].map(Number);
  const check = digits.pop()!;
  const sum = digits.reverse().reduce((total, digit, i) => total + digit * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

function uuidTime(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

const world = createWorld({ scale: 'default' });
const all = materialise(world);
const suppliers = byId(all.suppliers);
const orders = byId(all.purchaseOrders);
const contracts = byId(all.contracts);
const invoices = byId(all.invoices);

describe('the default demo world', () => {
  it('is the same record for record when built again with the same seed, and different with another seed', () => {
    expect(JSON.stringify(materialise(createWorld({ scale: 'default' })))).toBe(JSON.stringify(all));
    expect(first(createWorld({ scale: 'default', seed: 7 }).suppliers(), 1)[0]!.taxId).not.toBe(all.suppliers[0]!.taxId);
  });

  it('has exactly the counts it announces', () => {
    expect(world.counts).toEqual({
      facilities: all.facilities.length,
      suppliers: all.suppliers.length,
      contracts: all.contracts.length,
      purchaseOrders: all.purchaseOrders.length,
      invoices: all.invoices.length,
      payments: all.payments.length,
    });
    expect(world.counts).toMatchObject({ suppliers: 60, contracts: 20, purchaseOrders: 400, invoices: 500 });
    expect(world.counts.facilities).toBeGreaterThanOrEqual(3);
    expect(world.counts.payments).toBe(createWorld({ scale: 'default' }).counts.payments);
  });

  it('gives every record a distinct time-ordered id that carries its creation time', () => {
    const stamped = [
      ...all.suppliers,
      ...all.contracts,
      ...all.purchaseOrders,
      ...all.purchaseOrders.flatMap((order) => order.receipts.map((receipt) => ({ id: receipt.id, createdAt: receipt.receivedAt }))),
      ...all.invoices,
      ...all.payments,
    ];
    const ids = [
      ...stamped.map((record) => record.id),
      ...all.facilities.map((facility) => facility.id),
      ...all.suppliers.flatMap((supplier) => supplier.insuranceCertificates.map((certificate) => certificate.id)),
      ...all.invoices.flatMap((invoice) => invoice.exceptions.map((exception) => exception.id)),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    for (const record of stamped) expect(uuidTime(record.id)).toBe(record.createdAt.getTime());
    const span =
      Math.max(...stamped.map((record) => record.createdAt.getTime())) - Math.min(...stamped.map((record) => record.createdAt.getTime()));
    expect(span).toBeGreaterThan(600 * 86_400_000);
    expect(Math.max(...stamped.map((record) => record.createdAt.getTime()))).toBeLessThanOrEqual(world.asOf!.getTime() + 1000);
  });

  it('places its hospitals in one region with valid GLNs', () => {
    for (const facility of all.facilities) {
      expect(facility.gln).toMatch(/^\d{13}$/);
      expect(gs1CheckDigitHolds(facility.gln)).toBe(true);
      expect(facility.address.region).toBe('OH');
    }
  });

  it('gives suppliers valid and unique EINs, valid routing numbers and the required insurance', () => {
    for (const supplier of all.suppliers) {
      expect(supplier.taxId).toMatch(/^\d{2}-\d{7}$/);
      expect(INVALID_EIN_PREFIXES).not.toContain(supplier.taxId.slice(0, 2));
      expect(abaChecksumHolds(supplier.bankAccount.routingNumber)).toBe(true);
      expect(supplier.legalName).toMatch(/(Inc\.|LLC|Corp\.|Corporation|Co\.|Incorporated|Ltd\.)$/);
      const types = supplier.insuranceCertificates.map((certificate) => certificate.type);
      const liability = supplier.insuranceCertificates.find((certificate) => certificate.type === 'GENERAL_LIABILITY')!;
      expect(new Decimal(liability.coverageAmount).greaterThanOrEqualTo(1_000_000)).toBe(true);
      expect(types).toContain('WORKERS_COMPENSATION');
      if (['STAFFING', 'BIOMEDICAL_EQUIPMENT_SERVICE', 'LABORATORY'].includes(supplier.category))
        expect(types).toContain('PROFESSIONAL_LIABILITY');
    }
    expect(new Set(all.suppliers.map((supplier) => supplier.taxId)).size).toBe(all.suppliers.length);
    expect(new Set(all.suppliers.map((supplier) => supplier.legalName)).size).toBe(all.suppliers.length);
    expect(new Set(all.suppliers.map((supplier) => supplier.category)).size).toBe(8);
  });

  it('has mostly active suppliers, some in every other state, and only those in the ERP that got through onboarding', () => {
    const statuses = all.suppliers.map((supplier) => supplier.status);
    expect(statuses.filter((status) => status === 'ACTIVE').length).toBeGreaterThan(all.suppliers.length / 2);
    for (const status of ['PENDING_APPROVAL', 'APPROVED', 'ON_HOLD', 'INACTIVE'] as const) expect(statuses).toContain(status);
    for (const supplier of all.suppliers)
      expect(supplier.erp === null).toBe(supplier.status === 'PENDING_APPROVAL' || supplier.status === 'APPROVED');
    const erpIds = all.suppliers.flatMap((supplier) =>
      supplier.erp ? [supplier.erp.supplierId, supplier.erp.bankAccountId, supplier.erp.siteId, supplier.erp.addressId] : [],
    );
    const otherErpIds = [
      ...all.purchaseOrders.flatMap((order) => [order.erpPoHeaderId, ...order.receipts.map((receipt) => receipt.erpReceiptId)]),
      ...all.payments.map((payment) => payment.erpPaymentId),
    ];
    expect(new Set([...erpIds, ...otherErpIds]).size).toBe(erpIds.length + otherErpIds.length);
    expect(erpIds.every((id) => Number.isSafeInteger(id) && String(id).startsWith('3000000'))).toBe(true);
  });

  it('has mostly active contracts, some expired and at least one draft or terminated', () => {
    const statuses = all.contracts.map((contract) => contract.status);
    expect(statuses.filter((status) => status === 'ACTIVE').length).toBeGreaterThan(all.contracts.length / 2);
    expect(statuses).toContain('EXPIRED');
    expect(statuses.some((status) => status === 'DRAFT' || status === 'TERMINATED')).toBe(true);
    for (const contract of all.contracts) {
      expect(suppliers.has(contract.supplierId)).toBe(true);
      expect(contract.priceTerms.length).toBeGreaterThanOrEqual(5);
      expect(new Set(contract.priceTerms.map((term) => term.itemNumber)).size).toBe(contract.priceTerms.length);
    }
  });

  it('adds up every order exactly and prices contract orders at or below the contract', () => {
    for (const order of all.purchaseOrders) {
      expect(order.lines.length).toBeGreaterThanOrEqual(1);
      expect(order.lines.length).toBeLessThanOrEqual(6);
      for (const line of order.lines) {
        expect(new Decimal(line.quantity).times(line.unitPrice).equals(line.amount)).toBe(true);
        expect(decimalPlaces(line.amount)).toBeLessThanOrEqual(2);
        expect(decimalPlaces(line.unitPrice)).toBeLessThanOrEqual(4);
        expect(decimalPlaces(line.quantity)).toBeLessThanOrEqual(4);
        expect(['EA', 'BX', 'CS', 'HR']).toContain(line.unitOfMeasure);
      }
      expect(sumOf(order.lines.map((line) => line.amount)).equals(order.total)).toBe(true);
      expect(suppliers.get(order.supplierId)!.erp).not.toBeNull();
      if (order.contractId) expectOnContract(order, contracts.get(order.contractId)!);
    }
    expect(all.purchaseOrders.some((order) => order.contractId !== null)).toBe(true);
  });

  it('keeps each order status consistent with its receipts', () => {
    for (const order of all.purchaseOrders) {
      const received = receivedQuantities(order);
      const complete = order.lines.every((line) => received.get(line.lineNumber)!.equals(line.quantity));
      const over = order.lines.some((line) => received.get(line.lineNumber)!.greaterThan(line.quantity));
      expect(over).toBe(false);
      if (order.status === 'OPEN' || order.status === 'CANCELLED') expect(order.receipts).toEqual([]);
      if (order.status === 'RECEIVED') expect(complete).toBe(true);
      if (order.status === 'PARTIALLY_RECEIVED') expect(order.receipts.length > 0 && !complete).toBe(true);
      if (order.status === 'CLOSED') expect(order.receipts.length).toBeGreaterThan(0);
      for (const receipt of order.receipts) expect(receipt.receivedAt.getTime()).toBeGreaterThan(order.createdAt.getTime());
    }
    const statuses = new Set(all.purchaseOrders.map((order) => order.status));
    for (const status of ['OPEN', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CLOSED'] as const) expect(statuses).toContain(status);
    const published = all.purchaseOrders.filter(
      (order) => order.publicationState === 'PUBLISHED' || order.publicationState === 'ACKNOWLEDGED',
    );
    expect(published.length).toBeGreaterThan(all.purchaseOrders.length * 0.9);
  });

  it('bills orders of the same supplier, line by line, adding up exactly', () => {
    for (const invoice of all.invoices) {
      for (const line of invoice.lines) {
        expect(new Decimal(line.quantity).times(line.unitPrice).equals(line.amount)).toBe(true);
        expect(decimalPlaces(line.amount)).toBeLessThanOrEqual(2);
      }
      expect(sumOf(invoice.lines.map((line) => line.amount)).equals(invoice.total)).toBe(true);
      expect(invoice.createdAt.getTime()).toBeLessThanOrEqual(world.asOf!.getTime() + 1000);
      if (!invoice.purchaseOrderId) continue;
      const order = orders.get(invoice.purchaseOrderId)!;
      expect(invoice.supplierId).toBe(order.supplierId);
      for (const line of invoice.lines)
        expect(order.lines.find((orderLine) => orderLine.lineNumber === line.lineNumber)?.itemNumber).toBe(line.itemNumber);
      expect(invoice.invoiceDate >= order.orderDate).toBe(true);
    }
  });

  it('has invoices in every state, mostly settled, with exceptions that match the data', () => {
    const statuses = all.invoices.map((invoice) => invoice.status);
    expect(statuses.filter((status) => status === 'MATCHED' || status === 'APPROVED' || status === 'PAID').length).toBeGreaterThan(
      all.invoices.length * 0.8,
    );
    for (const status of ['MATCHED', 'APPROVED', 'PAID', 'EXCEPTION', 'REJECTED'] as const) expect(statuses).toContain(status);
    for (const invoice of all.invoices) {
      if (invoice.status === 'EXCEPTION')
        expect(invoice.exceptions.length > 0 && invoice.exceptions.every((exception) => !exception.resolution)).toBe(true);
      if (invoice.status === 'MATCHED' || invoice.status === 'RECEIVED') expect(invoice.exceptions).toEqual([]);
      if (invoice.status === 'REJECTED')
        expect(invoice.exceptions.every((exception) => exception.resolution && exception.resolution.action !== 'OVERRIDDEN')).toBe(true);
      for (const exception of invoice.exceptions) expectConsistent(invoice, exception);
    }
    const codes = new Set(all.invoices.flatMap((invoice) => invoice.exceptions.map((exception) => exception.code)));
    for (const code of [
      'PRICE_VARIANCE',
      'QUANTITY_VARIANCE',
      'NOT_RECEIVED',
      'NO_PURCHASE_ORDER',
      'DUPLICATE_INVOICE',
      'CONTRACT_PRICE_VARIANCE',
    ] as const)
      expect(codes).toContain(code);
  });

  it('pays approved and paid invoices only, in full, with payments in every state', () => {
    const byInvoice = new Map<string, DemoPayment[]>();
    for (const payment of all.payments) byInvoice.set(payment.invoiceId, [...(byInvoice.get(payment.invoiceId) ?? []), payment]);
    for (const payment of all.payments) {
      const invoice = invoices.get(payment.invoiceId)!;
      expect(['APPROVED', 'PAID']).toContain(invoice.status);
      expect(payment.amount).toBe(invoice.total);
      expect(payment.supplierId).toBe(invoice.supplierId);
      expect(payment.clearedAt !== null).toBe(payment.status === 'CLEARED');
    }
    for (const invoice of all.invoices) {
      const paid = byInvoice.get(invoice.id) ?? [];
      if (invoice.status === 'PAID') expect(paid.some((payment) => payment.status === 'CLEARED')).toBe(true);
      if (invoice.status === 'APPROVED') expect(paid.length > 0 && paid.every((payment) => payment.status !== 'CLEARED')).toBe(true);
      expect(paid.length > 0).toBe(invoice.erpInvoiceId !== null);
    }
    const statuses = new Set<DemoPayment['status']>(all.payments.map((payment) => payment.status));
    expect([...statuses].sort()).toEqual(['CLEARED', 'FAILED', 'SCHEDULED', 'SENT', 'VOIDED']);
    expect(new Set(all.payments.map((payment) => payment.method))).toEqual(new Set(['ACH', 'CHECK', 'WIRE', 'VIRTUAL_CARD']));
    expect(new Set(all.payments.map((payment) => payment.paymentNumber)).size).toBe(all.payments.length);
  });
});

function receivedQuantities(order: DemoPurchaseOrder): Map<number, Decimal> {
  const received = new Map(order.lines.map((line) => [line.lineNumber, new Decimal(0)]));
  for (const receipt of order.receipts)
    for (const line of receipt.lines) received.set(line.lineNumber, received.get(line.lineNumber)!.plus(line.quantityReceived));
  return received;
}

function expectOnContract(order: DemoPurchaseOrder, contract: DemoContract): void {
  expect(contract.supplierId).toBe(order.supplierId);
  expect(contract.effectiveFrom <= order.orderDate && (contract.effectiveTo === null || order.orderDate <= contract.effectiveTo)).toBe(
    true,
  );
  for (const line of order.lines) {
    const term = contract.priceTerms.find((candidate) => candidate.itemNumber === line.itemNumber)!;
    expect(term).toBeDefined();
    expect(new Decimal(line.unitPrice).lessThanOrEqualTo(term.unitPrice)).toBe(true);
  }
}

const QUEUES: Record<DemoInvoice['exceptions'][number]['code'], string[]> = {
  PRICE_VARIANCE: ['ACCOUNTS_PAYABLE', 'BUYER'],
  QUANTITY_VARIANCE: ['ACCOUNTS_PAYABLE', 'BUYER'],
  NOT_RECEIVED: ['ACCOUNTS_PAYABLE', 'BUYER'],
  NO_PURCHASE_ORDER: ['ACCOUNTS_PAYABLE', 'BUYER'],
  DUPLICATE_INVOICE: ['ACCOUNTS_PAYABLE'],
  CONTRACT_PRICE_VARIANCE: ['CONTRACT_MANAGEMENT'],
  CONTRACT_EXPIRED: ['CONTRACT_MANAGEMENT'],
  SUPPLIER_INACTIVE: ['ACCOUNTS_PAYABLE'],
};

function expectConsistent(invoice: DemoInvoice, exception: DemoInvoice['exceptions'][number]): void {
  expect(QUEUES[exception.code]).toContain(exception.queue);
  const billed = invoice.lines.filter((line) => line.lineNumber === exception.lineNumber);
  const order = invoice.purchaseOrderId ? orders.get(invoice.purchaseOrderId)! : null;
  const orderLine = order?.lines.find((line) => line.lineNumber === exception.lineNumber);
  switch (exception.code) {
    case 'PRICE_VARIANCE':
      expect(exception.expected).toBe(orderLine!.unitPrice);
      expect(billed.map((line) => line.unitPrice)).toContain(exception.actual);
      expect(new Decimal(exception.actual!).greaterThan(new Decimal(exception.expected!).times(1.02))).toBe(true);
      break;
    case 'CONTRACT_PRICE_VARIANCE': {
      const term = contracts.get(order!.contractId!)!.priceTerms.find((candidate) => candidate.itemNumber === orderLine!.itemNumber)!;
      expect(exception.expected).toBe(term.unitPrice);
      expect(new Decimal(exception.actual!).greaterThan(term.unitPrice)).toBe(true);
      break;
    }
    case 'QUANTITY_VARIANCE':
    case 'NOT_RECEIVED':
      expect(sumOf(billed.map((line) => line.quantity)).equals(exception.actual!)).toBe(true);
      expect(new Decimal(exception.actual!).greaterThan(exception.expected!)).toBe(true);
      if (exception.code === 'QUANTITY_VARIANCE')
        expect(new Decimal(exception.expected!).lessThanOrEqualTo(orderLine!.quantity)).toBe(true);
      break;
    case 'NO_PURCHASE_ORDER':
      expect(invoice.purchaseOrderId).toBeNull();
      break;
    case 'DUPLICATE_INVOICE':
      expect(
        all.invoices.some(
          (other) => other.id !== invoice.id && other.supplierId === invoice.supplierId && other.invoiceNumber === invoice.invoiceNumber,
        ),
      ).toBe(true);
      break;
    case 'CONTRACT_EXPIRED':
      expect(invoice.invoiceDate > contracts.get(order!.contractId!)!.effectiveTo!).toBe(true);
      break;
    case 'SUPPLIER_INACTIVE':
      expect(suppliers.get(invoice.supplierId)!.status).not.toBe('ACTIVE');
      break;
  }
}

describe('the large demo world', () => {
  const large = createWorld({ scale: 'large' });

  it('announces 100,000 suppliers and 1,000,000 invoices without building them', () => {
    expect(large.counts).toMatchObject({ suppliers: 100_000, invoices: 1_000_000, purchaseOrders: 800_000 });
    expect(large.counts.contracts).toBeGreaterThan(30_000);
  });

  it('streams its first records quickly, each one valid on its own', () => {
    const started = performance.now();
    const someSuppliers: DemoSupplier[] = first(large.suppliers(), 2_000);
    const someOrders = first(large.purchaseOrders(), 2_000);
    const someInvoices = first(large.invoices(), 2_000);
    const somePayments = first(large.payments(), 500);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(
      someSuppliers.every(
        (supplier) => abaChecksumHolds(supplier.bankAccount.routingNumber) && !INVALID_EIN_PREFIXES.includes(supplier.taxId.slice(0, 2)),
      ),
    ).toBe(true);
    expect(new Set(someSuppliers.map((supplier) => supplier.taxId)).size).toBe(someSuppliers.length);
    expect(someOrders.every((order) => sumOf(order.lines.map((line) => line.amount)).equals(order.total))).toBe(true);
    expect(someInvoices.every((invoice) => sumOf(invoice.lines.map((line) => line.amount)).equals(invoice.total))).toBe(true);
    expect(somePayments.length).toBe(500);
    const ids = [...someSuppliers, ...someOrders, ...someInvoices, ...somePayments].map((record) => record.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
