import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContractRepository } from '@procuregraph/contract-repository';
import { startErp } from '@procuregraph/erp';
import { call, tinyWorld } from '@procuregraph/reference-http/testing';
import { startVendorPlatform } from '@procuregraph/vendor-platform';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'procuregraph-systems-'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

describe('snapshot persistence', () => {
  it('keeps the ERP’s records, events and idempotency keys across a restart, and seeds only once', async () => {
    const storageFile = join(directory, 'erp.json');
    const first = await startErp({ port: 0, storageFile, world: tinyWorld() });
    const body = {
      Supplier: 'Durable Devices Inc',
      TaxOrganizationTypeCode: 'CORPORATION',
      BusinessRelationshipCode: 'SPEND_AUTHORIZED',
      TaxpayerId: '667788990',
    };
    const headers = { 'Idempotency-Key': 'durable-1' };
    const created = await call(`${first.url}/fscmRestApi/resources/11.13.18.05/suppliers`, { body, headers });
    await first.close();
    expect((await readdir(directory)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(JSON.parse(await readFile(storageFile, 'utf8')).format).toBe('procuregraph-reference-erp/1');

    // Started again with the world: the snapshot wins, nothing is seeded twice.
    const second = await startErp({ port: 0, storageFile, world: tinyWorld() });
    try {
      const api = `${second.url}/fscmRestApi/resources/11.13.18.05`;
      expect((await call(`${api}/suppliers`)).body.count).toBe(2);
      const replay = await call(`${api}/suppliers`, { body, headers });
      expect(replay.body.SupplierId).toBe(created.body.SupplierId);
      const events = (await call(`${api}/businessEvents`)).body.items;
      expect(events.map((event: { EventType: string }) => event.EventType)).toEqual(['SupplierCreated']);
      const next = await call(`${api}/suppliers`, { body: { ...body, Supplier: 'Durable Devices Two', TaxpayerId: '667788991' } });
      expect(next.body.SupplierId).toBeGreaterThan(created.body.SupplierId);
    } finally {
      await second.close();
    }
  });

  it('keeps the vendor platform’s registrations and feed across a restart', async () => {
    const storageFile = join(directory, 'nested', 'vendor-platform.json');
    const first = await startVendorPlatform({ port: 0, storageFile, webhookSecret: 'secret' });
    const registration = await call(`${first.url}/api/v1/registrations`, {
      body: {
        legalName: 'Keep Me LLC',
        tin: '12-3456789',
        taxClassification: 'llc',
        address: { street1: '1 A St', city: 'Reno', state: 'NV', zip: '89501' },
        contact: { fullName: 'K M', email: 'k@m.example' },
      },
    });
    await first.close();
    const second = await startVendorPlatform({ port: 0, storageFile, webhookSecret: 'secret' });
    try {
      expect((await call(`${second.url}/api/v1/registrations/${registration.body.id}`)).body.legalName).toBe('Keep Me LLC');
      expect((await call(`${second.url}/api/v1/events`)).body.data.map((event: { type: string }) => event.type)).toEqual([
        'registration.submitted',
      ]);
    } finally {
      await second.close();
    }
  });

  it('keeps the contract repository’s amendments across a restart', async () => {
    const storageFile = join(directory, 'contract-repository.json');
    const first = await startContractRepository({ port: 0, storageFile, world: tinyWorld() });
    await call(`${first.url}/api/contracts/CLM-00000001/amendments`, { body: { reason: 'Extend', expiration_date: '2101-01-01' } });
    await first.close();
    const second = await startContractRepository({ port: 0, storageFile, world: tinyWorld() });
    try {
      expect((await call(`${second.url}/api/contracts/CLM-00000001`)).body).toMatchObject({ version: 2, expiration_date: '2101-01-01' });
      expect((await call(`${second.url}/api/changes`)).body.changes).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
