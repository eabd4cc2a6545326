import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '@procuregraph/demo';
import { startContractRepository } from '@procuregraph/contract-repository';
import { startErp } from '@procuregraph/erp';
import { call } from '@procuregraph/reference-http/testing';
import type { RunningSystem } from '@procuregraph/reference-http';
import { startVendorPlatform } from '@procuregraph/vendor-platform';

const world = createWorld({ scale: 'default' });
let erp: RunningSystem;
let vendor: RunningSystem;
let clm: RunningSystem;

// Generating and loading the whole default world takes seconds on a busy two-core machine.
beforeAll(async () => {
  [erp, vendor, clm] = await Promise.all([
    startErp({ port: 0, world }),
    startVendorPlatform({ port: 0, world, webhookSecret: 'secret' }),
    startContractRepository({ port: 0, world }),
  ]);
}, 60_000);
afterAll(() => Promise.all([erp.close(), vendor.close(), clm.close()]));

describe('seeding from the default demo world', () => {
  it('loads the ERP’s part under the world’s ERP ids, consistently, without feed events', async () => {
    const api = `${erp.url}/fscmRestApi/resources/11.13.18.05`;
    const total = async (resource: string) => (await call(`${api}/${resource}?limit=1&totalResults=true`)).body.totalResults;
    const inErp = [...world.suppliers()].filter((supplier) => supplier.erp);
    expect(await total('suppliers')).toBe(inErp.length);
    expect(await total('externalBankAccounts')).toBe(inErp.length);
    expect(await total('purchaseOrders')).toBe(world.counts.purchaseOrders);
    const [firstSupplier] = inErp;
    expect((await call(`${api}/suppliers/${firstSupplier!.erp!.supplierId}`)).body.SupplierNumber).toBe(firstSupplier!.erp!.supplierNumber);

    const [order] = world.purchaseOrders();
    const seeded = (await call(`${api}/purchaseOrders/${order!.erpPoHeaderId}?expand=lines`)).body;
    expect(seeded).toMatchObject({ OrderNumber: order!.number, Total: order!.total });
    expect(seeded.lines.count).toBe(order!.lines.length);

    const payments = (await call(`${api}/payablesPayments?limit=500&expand=relatedInvoices`)).body.items;
    for (const payment of payments.slice(0, 50)) {
      expect((await call(`${api}/invoices/${payment.relatedInvoices.items[0].InvoiceId}`)).status).toBe(200);
    }
    expect((await call(`${api}/businessEvents`)).body.count).toBe(0);
  });

  it('loads a registration per supplier and the repository’s contracts, without events', async () => {
    const registrations = await call(`${vendor.url}/api/v1/registrations?limit=200`);
    expect(registrations.body.data).toHaveLength(world.counts.suppliers);
    expect((await call(`${vendor.url}/api/v1/events`)).body.data).toEqual([]);
    const contracts = await call(`${clm.url}/api/contracts?per_page=100`);
    expect(contracts.body.total).toBe(world.counts.contracts);
    const [contract] = world.contracts();
    expect((await call(`${clm.url}/api/contracts/${contract!.repositoryId}`)).body.contract_number).toBe(contract!.number);
    expect((await call(`${clm.url}/api/changes`)).body.changes).toEqual([]);
  });
});
