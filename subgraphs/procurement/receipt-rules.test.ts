import { describe, expect, it } from 'vitest';
import { receiptLineErrors, receivedByLine, statusAfterReceipts, type LineQuantities } from './receipt-rules.ts';

const quantities: LineQuantities = new Map([
  [1, { ordered: '10', received: '4' }],
  [2, { ordered: '2.5', received: '0' }],
]);

describe('receipt rules', () => {
  it('accepts what the order still expects, to the last unit', () => {
    expect(
      receiptLineErrors(
        [
          { lineNumber: 1, quantityReceived: '6' },
          { lineNumber: 2, quantityReceived: '2.5' },
        ],
        quantities,
      ),
    ).toEqual([]);
  });

  it('refuses receiving more than ordered, counting earlier receipts and repeated lines', () => {
    expect(receiptLineErrors([{ lineNumber: 1, quantityReceived: '6.000001' }], quantities).map((error) => error.code)).toEqual([
      'OVER_RECEIPT',
    ]);
    const repeated = [
      { lineNumber: 2, quantityReceived: '2' },
      { lineNumber: 2, quantityReceived: '0.6' },
    ];
    expect(receiptLineErrors(repeated, quantities).map((error) => error.code)).toEqual(['OVER_RECEIPT', 'OVER_RECEIPT']);
  });

  it('refuses unknown lines, non-positive quantities and empty receipts', () => {
    const errors = receiptLineErrors(
      [
        { lineNumber: 9, quantityReceived: '1' },
        { lineNumber: 1, quantityReceived: '0' },
      ],
      quantities,
    );
    expect(errors.map((error) => [error.code, error.field?.join('.')])).toEqual([
      ['NOT_FOUND', 'input.lines.0.lineNumber'],
      ['INVALID_QUANTITY', 'input.lines.1.quantityReceived'],
    ]);
    expect(receiptLineErrors([], quantities).map((error) => error.code)).toEqual(['REQUIRED']);
  });

  it('sums quantities per line exactly', () => {
    expect(
      receivedByLine([
        { lineNumber: 1, quantityReceived: '0.1' },
        { lineNumber: 1, quantityReceived: '0.2' },
      ]).get(1),
    ).toBe('0.3');
  });

  it('derives the order status from what was received', () => {
    expect(statusAfterReceipts(new Map([[1, { ordered: '10', received: '0' }]]))).toBe('OPEN');
    expect(statusAfterReceipts(quantities)).toBe('PARTIALLY_RECEIVED');
    expect(
      statusAfterReceipts(
        new Map([
          [1, { ordered: '10', received: '10.000000' }],
          [2, { ordered: '2.5', received: '2.5' }],
        ]),
      ),
    ).toBe('RECEIVED');
  });
});
