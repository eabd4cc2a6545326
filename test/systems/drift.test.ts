import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContractRepository } from '@procuregraph/contract-repository';
import { startErp } from '@procuregraph/erp';
import { call, tinyWorld } from '@procuregraph/reference-http/testing';
import type { RunningSystem } from '@procuregraph/reference-http';
import { startVendorPlatform } from '@procuregraph/vendor-platform';

const ERP_API = '/fscmRestApi/resources/11.13.18.05';

interface DriftCase {
  name: string;
  start: () => Promise<RunningSystem>;
  /** Every event the system has put on its feed so far, as one comparable value. */
  feed: string;
  /** A change to one record, how to read that record back, and the field that must read as changed. */
  change: { resource: string; id: string | number; set: Record<string, unknown>; read: string; field: string; expected: unknown };
  /** A record to delete and where it was readable. */
  removal: { resource: string; id: string | number; read: string };
  /** How a 404 and a 400 are coded in this system's own error shape. */
  notFoundCode: string;
  invalidCode: string;
}

const cases: DriftCase[] = [
  {
    name: 'erp',
    start: () => startErp({ port: 0, world: tinyWorld() }),
    feed: `${ERP_API}/businessEvents?after=0&limit=500`,
    change: {
      resource: 'payablesPayments',
      id: '300000000000501',
      set: { PaymentStatus: 'Voided', VoidDate: '2026-12-01' },
      read: `${ERP_API}/payablesPayments/300000000000501`,
      field: 'PaymentStatus',
      expected: 'Voided',
    },
    removal: { resource: 'purchaseOrders', id: 300000000000301, read: `${ERP_API}/purchaseOrders/300000000000301` },
    notFoundCode: 'FND-REST-NOT-FOUND',
    invalidCode: 'FND-REST-BAD-REQUEST',
  },
  {
    name: 'vendor platform',
    start: () => startVendorPlatform({ port: 0, webhookSecret: 'test-secret', world: tinyWorld() }),
    feed: '/api/v1/events?limit=500',
    change: {
      resource: 'portalPayments',
      id: 'pay-1',
      set: { status: 'voided' },
      read: '/api/v1/portal/payments/pay-1',
      field: 'status',
      expected: 'voided',
    },
    removal: { resource: 'portalPurchaseOrders', id: 'po-1', read: '/api/v1/portal/purchase-orders/po-1' },
    notFoundCode: 'not_found',
    invalidCode: 'invalid_request',
  },
  {
    name: 'contract repository',
    start: () => startContractRepository({ port: 0, world: tinyWorld() }),
    feed: '/api/changes?since=0&limit=1000',
    change: {
      resource: 'contracts',
      id: 'CLM-00000001',
      set: { expiration_date: '2031-06-30' },
      read: '/api/contracts/CLM-00000001',
      field: 'expiration_date',
      expected: '2031-06-30',
    },
    removal: { resource: 'contracts', id: 'CLM-00000001', read: '/api/contracts/CLM-00000001' },
    notFoundCode: 'not_found',
    invalidCode: 'bad_request',
  },
];

describe.each(cases)('POST /admin/drift: $name', ({ start, feed, change, removal, notFoundCode, invalidCode }) => {
  let system: RunningSystem;
  const drift = (body: unknown) => call(`${system.url}/admin/drift`, { body });
  const errorCode = (body: unknown) => JSON.stringify(body);

  beforeAll(async () => {
    system = await start();
  });
  afterAll(() => system.close());

  it('changes a record without a feed event, and answers with the record', async () => {
    const before = (await call(`${system.url}${feed}`)).body;
    const changed = await drift({ resource: change.resource, id: change.id, set: change.set });
    expect(changed.status).toBe(200);
    expect(changed.body[change.field]).toEqual(change.expected);
    expect((await call(`${system.url}${change.read}`)).body[change.field]).toEqual(change.expected);
    expect((await call(`${system.url}${feed}`)).body).toEqual(before);
  });

  it('refuses a field the record does not have, and a change that also deletes', async () => {
    const unknownField = await drift({ resource: change.resource, id: change.id, set: { noSuchField: 1 } });
    expect(unknownField.status).toBe(400);
    expect(errorCode(unknownField.body)).toContain('noSuchField');
    expect((await drift({ resource: change.resource, id: change.id, set: change.set, delete: true })).status).toBe(400);
  });

  it('deletes a record without a feed event', async () => {
    const before = (await call(`${system.url}${feed}`)).body;
    expect((await drift({ resource: removal.resource, id: removal.id, delete: true })).status).toBe(200);
    expect((await call(`${system.url}${removal.read}`)).status).toBe(404);
    expect((await call(`${system.url}${feed}`)).body).toEqual(before);
  });

  it('answers 404 for a record it does not have, 400 for a collection it does not have', async () => {
    const missing = await drift({ resource: removal.resource, id: removal.id, delete: true });
    expect(missing.status).toBe(404);
    expect(errorCode(missing.body)).toContain(notFoundCode);
    const unknownResource = await drift({ resource: 'nothing', id: '1', delete: true });
    expect(unknownResource.status).toBe(400);
    expect(errorCode(unknownResource.body)).toContain(invalidCode);
  });
});
