import { describe, expect, it } from 'vitest';
import type { ContractFacts, InvoiceToMatch, MatchContext } from './match-context.ts';
import { matchInvoice } from './match-invoice.ts';
import { defaultTolerances } from './tolerances.ts';

/** An order of 10 gloves at 100.00 and 4 gowns at 19.99, all received, under an active contract at the same prices. */
const contract: ContractFacts = {
  contractId: '00000000-0000-4000-8000-000000000001',
  number: 'CT-1',
  source: 'ORDER',
  status: 'ACTIVE',
  effectiveFrom: '2026-01-01',
  effectiveTo: '2026-12-31',
  prices: new Map([
    ['GLOVE', '100.00'],
    ['GOWN', '19.99'],
  ]),
};

function context(overrides: Partial<MatchContext> = {}): MatchContext {
  return {
    tolerances: defaultTolerances('2'),
    supplierStatus: 'ACTIVE',
    purchaseOrder: {
      number: 'PO-1',
      lines: [
        { lineNumber: 1, itemNumber: 'GLOVE', quantity: '10', unitPrice: '100.00' },
        { lineNumber: 2, itemNumber: 'GOWN', quantity: '4', unitPrice: '19.99' },
      ],
    },
    receivedByLine: new Map([
      [1, '10'],
      [2, '4'],
    ]),
    billedElsewhereByLine: new Map(),
    contract: {
      ...contract,
      prices: new Map([
        ['GLOVE', '150.00'],
        ['GOWN', '19.99'],
      ]),
    },
    ...overrides,
  };
}

function invoice(
  lines: InvoiceToMatch['lines'],
  invoiceDate = '2026-06-01',
  charges = { taxAmount: '0', freightAmount: '0' },
): InvoiceToMatch {
  return { invoiceNumber: 'INV-1', invoiceDate, lines, ...charges };
}

const glove = (quantity: string, unitPrice = '100.00') => ({ lineNumber: 1, itemNumber: 'GLOVE', quantity, unitPrice });

function codes(doc: InvoiceToMatch, ctx: MatchContext) {
  return matchInvoice(doc, ctx).exceptions.map((exception) => exception.code);
}

describe('the match engine', () => {
  it('matches an invoice that agrees with its order, receipts and contract', () => {
    expect(
      matchInvoice(invoice([glove('10'), { lineNumber: 2, itemNumber: 'GOWN', quantity: '4', unitPrice: '19.99' }]), context()),
    ).toEqual({ outcome: 'MATCHED', exceptions: [], contractId: contract.contractId });
  });

  it('lets a unit price exactly at the tolerance pass, and fails one a cent over', () => {
    expect(codes(invoice([glove('1', '102.00')]), context())).toEqual([]);
    expect(codes(invoice([glove('1', '98.00')]), context())).toEqual([]);
    const over = matchInvoice(invoice([glove('1', '102.01')]), context());
    expect(over.outcome).toBe('EXCEPTION');
    expect(over.exceptions).toEqual([
      expect.objectContaining({ code: 'PRICE_VARIANCE', queue: 'BUYER', lineNumber: 1, expected: '100', actual: '102.01' }),
    ]);
  });

  it('honours another tolerance', () => {
    expect(codes(invoice([glove('1', '105.00')]), context({ tolerances: defaultTolerances('5') }))).toEqual([]);
    expect(codes(invoice([glove('1', '100.01')]), context({ tolerances: defaultTolerances('0') }))).toEqual(['PRICE_VARIANCE']);
  });

  it('applies the stricter of a percentage and an absolute price tolerance, exactly at the edge', () => {
    const both = context({
      tolerances: { pricePct: '10', priceAmount: '1.00', quantityPct: '0', taxFreightPct: '10', taxFreightAmount: null },
      contract: null,
    });
    expect(codes(invoice([glove('1', '101.00')]), both)).toEqual([]);
    expect(codes(invoice([glove('1', '98.99')]), both)).toEqual(['PRICE_VARIANCE']);
    expect(matchInvoice(invoice([glove('1', '101.01')]), both).exceptions).toEqual([
      expect.objectContaining({
        code: 'PRICE_VARIANCE',
        expected: '100',
        actual: '101.01',
        message: 'Unit price 101.01 differs from the ordered 100 by more than 1',
      }),
    ]);
    // Where the percentage is the stricter one, it decides.
    const cheap = context({
      tolerances: { pricePct: '2', priceAmount: '1.00', quantityPct: '0', taxFreightPct: '10', taxFreightAmount: null },
      contract: null,
    });
    expect(codes(invoice([{ lineNumber: 2, itemNumber: 'GOWN', quantity: '1', unitPrice: '20.38' }]), cheap)).toEqual([]);
    expect(codes(invoice([{ lineNumber: 2, itemNumber: 'GOWN', quantity: '1', unitPrice: '20.39' }]), cheap)).toEqual(['PRICE_VARIANCE']);
  });

  it('lets the billed quantity exceed the ordered one by the quantity tolerance, exactly at the edge', () => {
    const loose = context({
      tolerances: { pricePct: '2', priceAmount: null, quantityPct: '10', taxFreightPct: '10', taxFreightAmount: null },
      receivedByLine: new Map([[1, '20']]),
    });
    expect(codes(invoice([glove('11')]), loose)).toEqual([]);
    expect(matchInvoice(invoice([glove('12')]), loose).exceptions).toEqual([
      expect.objectContaining({ code: 'QUANTITY_VARIANCE', expected: '10', actual: '12' }),
    ]);
    expect(codes(invoice([glove('11.000001')]), loose)).toEqual(['QUANTITY_VARIANCE']);
  });

  it('reports a billed quantity above the ordered one', () => {
    const over = matchInvoice(invoice([glove('11')]), context({ receivedByLine: new Map([[1, '12']]) }));
    expect(over.exceptions).toEqual([
      expect.objectContaining({ code: 'QUANTITY_VARIANCE', queue: 'ACCOUNTS_PAYABLE', lineNumber: 1, expected: '10', actual: '11' }),
    ]);
  });

  it('adds up several invoice lines billing one order line', () => {
    expect(codes(invoice([glove('6'), glove('5')]), context({ receivedByLine: new Map([[1, '12']]) }))).toEqual(['QUANTITY_VARIANCE']);
  });

  it('reports billing beyond what was received', () => {
    const result = matchInvoice(invoice([glove('8')]), context({ receivedByLine: new Map([[1, '5']]) }));
    expect(result.exceptions).toEqual([
      expect.objectContaining({ code: 'NOT_RECEIVED', queue: 'ACCOUNTS_PAYABLE', lineNumber: 1, expected: '5', actual: '8' }),
    ]);
  });

  it('catches two partial invoices that together exceed the received quantity', () => {
    const received = new Map([[1, '6']]);
    expect(codes(invoice([glove('4')]), context({ receivedByLine: received }))).toEqual([]);
    const second = matchInvoice(invoice([glove('4')]), context({ receivedByLine: received, billedElsewhereByLine: new Map([[1, '4']]) }));
    expect(second.exceptions).toEqual([expect.objectContaining({ code: 'NOT_RECEIVED', expected: '6', actual: '8' })]);
  });

  it('reports an invoice without a purchase order, and a line the order does not have', () => {
    expect(matchInvoice(invoice([glove('1')]), context({ purchaseOrder: null, contract: null })).exceptions).toEqual([
      expect.objectContaining({ code: 'NO_PURCHASE_ORDER', queue: 'BUYER', lineNumber: null }),
    ]);
    expect(codes(invoice([{ lineNumber: 9, itemNumber: 'GLOVE', quantity: '1', unitPrice: '100.00' }]), context())).toEqual([
      'NO_PURCHASE_ORDER',
    ]);
  });

  it('holds prices to the supplier contract covering an item when the order names none, and says which contract', () => {
    const agreement: ContractFacts = { ...contract, source: 'SUPPLIER', prices: new Map([['GLOVE', '99.99']]) };
    const dear = matchInvoice(invoice([glove('1', '100.00')]), context({ contract: agreement }));
    expect(dear.contractId).toBe(contract.contractId);
    expect(dear.exceptions).toEqual([
      expect.objectContaining({
        code: 'CONTRACT_PRICE_VARIANCE',
        lineNumber: 1,
        expected: '99.99',
        actual: '100',
        message: 'Unit price 100 is above the price 99.99 on contract CT-1',
      }),
    ]);
    // An item the supplier's contract does not price is not held to it.
    expect(
      codes(invoice([{ lineNumber: 2, itemNumber: 'GOWN', quantity: '1', unitPrice: '19.99' }]), context({ contract: agreement })),
    ).toEqual([]);
    expect(matchInvoice(invoice([glove('1')]), context({ contract: null })).contractId).toBeNull();
  });

  it('reports a supplier that is not active', () => {
    expect(matchInvoice(invoice([glove('1')]), context({ supplierStatus: 'ON_HOLD' })).exceptions).toEqual([
      expect.objectContaining({ code: 'SUPPLIER_INACTIVE', queue: 'ACCOUNTS_PAYABLE', expected: 'ACTIVE', actual: 'ON_HOLD' }),
    ]);
    expect(codes(invoice([glove('1')]), context({ supplierStatus: null }))).toEqual(['SUPPLIER_INACTIVE']);
  });

  it('reports a unit price above the contract price, and an item the contract does not price', () => {
    const dear = matchInvoice(
      invoice([glove('1', '100.00')]),
      context({ contract: { ...contract, prices: new Map([['GLOVE', '99.99']]) } }),
    );
    expect(dear.exceptions).toEqual([
      expect.objectContaining({
        code: 'CONTRACT_PRICE_VARIANCE',
        queue: 'CONTRACT_MANAGEMENT',
        lineNumber: 1,
        expected: '99.99',
        actual: '100',
      }),
    ]);
    expect(codes(invoice([glove('1')]), context({ contract: { ...contract, prices: new Map() } }))).toEqual(['CONTRACT_PRICE_VARIANCE']);
  });

  it('reports an invoice dated after the contract ended, and passes one dated on its last day', () => {
    const late = matchInvoice(invoice([glove('1')], '2027-01-01'), context({ contract }));
    expect(late.exceptions).toEqual([
      expect.objectContaining({
        code: 'CONTRACT_EXPIRED',
        queue: 'CONTRACT_MANAGEMENT',
        expected: '2026-01-01..2026-12-31',
        actual: '2027-01-01',
      }),
    ]);
    expect(codes(invoice([glove('1')], '2026-12-31'), context({ contract: { ...contract, status: 'EXPIRED' } }))).toEqual([]);
    expect(codes(invoice([glove('1')]), context({ contract: { ...contract, status: 'TERMINATED' } }))).toEqual(['CONTRACT_EXPIRED']);
  });

  it('reports every failed rule at once', () => {
    const result = matchInvoice(invoice([glove('11', '120.00')], '2027-02-01'), context({ supplierStatus: 'INACTIVE', contract }));
    expect(result.exceptions.map((exception) => exception.code).sort()).toEqual([
      'CONTRACT_EXPIRED',
      'NOT_RECEIVED',
      'PRICE_VARIANCE',
      'QUANTITY_VARIANCE',
      'SUPPLIER_INACTIVE',
    ]);
    expect(result.exceptions.every((exception) => exception.message.length > 0)).toBe(true);
  });

  it('compares decimals exactly where binary floats would not', () => {
    // 0.1 + 0.2 received and billed: equal as decimals (as floats 0.30000000000000004 > 0.3).
    const tenths = context({
      purchaseOrder: { number: 'PO-2', lines: [{ lineNumber: 1, itemNumber: 'GLOVE', quantity: '0.3', unitPrice: '100.00' }] },
      receivedByLine: new Map([[1, '0.3']]),
      billedElsewhereByLine: new Map([[1, '0.1']]),
    });
    expect(codes(invoice([glove('0.2')]), tenths)).toEqual([]);
    // 1.1 × 100 is 110.00000000000001 as floats: a price of exactly 110 is at a 10% tolerance.
    expect(codes(invoice([glove('1', '110')]), context({ tolerances: defaultTolerances('10'), contract: null }))).toEqual([]);
  });
});
