import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isPermanentFailure, RemoteHttpError } from '../resilience/failures.ts';
import { parseJsonKeepingNumbers, requestJson } from './json-client.ts';

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

describe('a backing system still handling the same request', () => {
  it('gives its 409 with Retry-After as a retryable RemoteHttpError', async () => {
    const server = createServer((_request, response) => {
      response.writeHead(409, { 'content-type': 'application/json', 'retry-after': '1' }).end('{"code":"idempotency_key_in_use"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/invoices`;
      const failure = await requestJson(url, { method: 'POST', body: {}, idempotencyKey: 'k-1' }, JSON.stringify).catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(RemoteHttpError);
      expect(failure).toMatchObject({ status: 409, retryAfter: '1' });
      expect(isPermanentFailure(failure)).toBe(false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
