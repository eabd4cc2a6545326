import { describe, expect, it } from 'vitest';
import { parseJsonKeepingNumbers } from './json-client.ts';

describe('JSON with numbers kept as text', () => {
  it('gives every number its literal digits, beyond what a binary float holds', () => {
    expect(parseJsonKeepingNumbers('{"PaymentAmount": 1234567890123.4567, "Rate": 0.1, "Id": 300000000000000123, "Exp": -1.5e3}')).toEqual({
      PaymentAmount: '1234567890123.4567',
      Rate: '0.1',
      Id: '300000000000000123',
      Exp: '-1.5e3',
    });
  });

  it('leaves strings, escapes, booleans and null as they are', () => {
    expect(parseJsonKeepingNumbers('[{"Number": "INV-0042 \\"12\\"", "Flag": true, "Void": null}, 7]')).toEqual([
      { Number: 'INV-0042 "12"', Flag: true, Void: null },
      '7',
    ]);
  });
});
