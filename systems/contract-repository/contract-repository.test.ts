import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, tinyWorld, tinyWorldIds } from '@procuregraph/reference-http/testing';
import type { RunningSystem } from '@procuregraph/reference-http';
import { startContractRepository } from './server.ts';

describe('contract repository', () => {
  let clm: RunningSystem;
  const seededId = tinyWorldIds.contract.repositoryId;

  beforeAll(async () => {
    clm = await startContractRepository({ port: 0, world: tinyWorld() });
  });
  afterAll(() => clm.close());

  const create = (number: string, overrides: Record<string, unknown> = {}) =>
    call(`${clm.url}/api/contracts`, {
      body: {
        contract_number: number,
        title: `Agreement ${number}`,
        counterparty: { name: 'Brightline Lab Services LLC' },
        effective_date: '2024-01-01',
        expiration_date: '2099-12-31',
        price_terms: [{ item_number: 'LAB-1', unit_price: '12.00', uom: 'EA' }],
        ...overrides,
      },
    });

  it('serves the seeded contract in its own format', async () => {
    const contract = await call(`${clm.url}/api/contracts/${seededId}`);
    expect(contract.body).toMatchObject({
      id: 'CLM-00000001',
      contract_number: 'GPO-2024-001',
      status: 'executed',
      counterparty: { name: 'Acme Medical Supply Inc', vendor_number: '10001' },
      version: 1,
      price_terms: [{ item_number: 'GLV-100', unit_price: '8.50', uom: 'BX' }],
    });
    expect((await call(`${clm.url}/api/contracts/CLM-99999999`)).body).toEqual({
      error: { code: 'not_found', message: 'No contract CLM-99999999.' },
    });
  });

  it('lists by supplier and status, page by page', async () => {
    for (const number of ['LAB-A', 'LAB-B', 'LAB-C']) expect((await create(number)).status).toBe(201);
    await create('LAB-OLD', { effective_date: '2020-01-01', expiration_date: '2021-01-01' });
    const bySupplier = await call(
      `${clm.url}/api/contracts?supplier=${encodeURIComponent('brightline lab services llc')}&status=executed&per_page=2`,
    );
    expect(bySupplier.body).toMatchObject({ page: 1, per_page: 2, total: 3, total_pages: 2 });
    const second = await call(
      `${clm.url}/api/contracts?supplier=${encodeURIComponent('Brightline Lab Services LLC')}&status=executed&per_page=2&page=2`,
    );
    expect(second.body.data.map((contract: { contract_number: string }) => contract.contract_number)).toEqual(['LAB-C']);
    const byVendorNumber = await call(`${clm.url}/api/contracts?supplier=10001`);
    expect(byVendorNumber.body.data.map((contract: { id: string }) => contract.id)).toEqual([seededId]);
    const expired = await call(`${clm.url}/api/contracts?status=expired`);
    expect(expired.body.data.map((contract: { contract_number: string }) => contract.contract_number)).toEqual(['LAB-OLD']);
    expect((await call(`${clm.url}/api/contracts?per_page=101`)).status).toBe(400);
    expect((await create('LAB-A')).body.error.code).toBe('duplicate_contract_number');
  });

  it('applies amendments, bumps the version and reports them in the change feed', async () => {
    const start = (await call(`${clm.url}/api/changes`)).body.next_since;
    const amended = await call(`${clm.url}/api/contracts/${seededId}/amendments`, {
      body: {
        reason: 'Annual price review',
        price_changes: [{ item_number: 'GLV-100', unit_price: '8.10', uom: 'BX' }],
        expiration_date: '2100-06-30',
      },
      headers: { 'Idempotency-Key': 'amend-glv-2025' },
    });
    expect(amended.status).toBe(201);
    expect(amended.body.amendment).toMatchObject({
      amendment_id: expect.stringMatching(/^AMD-\d{8}$/),
      version: 2,
      changes: {
        expiration_date: { from: '2099-12-31', to: '2100-06-30' },
        price_terms: [{ item_number: 'GLV-100', from: '8.50', to: '8.10' }],
      },
    });
    const retried = await call(`${clm.url}/api/contracts/${seededId}/amendments`, {
      body: {
        reason: 'Annual price review',
        price_changes: [{ item_number: 'GLV-100', unit_price: '8.10', uom: 'BX' }],
        expiration_date: '2100-06-30',
      },
      headers: { 'Idempotency-Key': 'amend-glv-2025' },
    });
    expect(retried.body.contract.version).toBe(2);
    expect((await call(`${clm.url}/api/contracts/${seededId}/amendments`, { body: { reason: 'nothing' } })).status).toBe(400);
    expect((await call(`${clm.url}/api/contracts/${seededId}/amendments`, { body: { reason: 'x', removed_items: ['NOPE'] } })).status).toBe(
      422,
    );

    const terminated = await call(`${clm.url}/api/contracts/${seededId}/terminate`, { body: { reason: 'Supplier exited the market' } });
    expect(terminated.body).toMatchObject({ status: 'terminated', version: 3 });
    expect(
      (await call(`${clm.url}/api/contracts/${seededId}/amendments`, { body: { reason: 'late', expiration_date: null } })).body.error.code,
    ).toBe('contract_not_amendable');

    const feed = await call(`${clm.url}/api/changes?since=${start}`);
    expect(feed.body.changes.map((change: { change_type: string; version: number }) => [change.change_type, change.version])).toEqual([
      ['contract.amended', 2],
      ['contract.terminated', 3],
    ]);
    expect(feed.body.changes[0].contract.price_terms).toEqual([
      { item_number: 'GLV-100', description: 'Nitrile gloves, box of 100', unit_price: '8.10', uom: 'BX' },
    ]);
    expect(feed.body.has_more).toBe(false);
    expect((await call(`${clm.url}/api/changes?since=${feed.body.next_since}`)).body.changes).toEqual([]);
  });
});
