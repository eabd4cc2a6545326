import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeDatabaseClient,
  executeSql,
  openDatabaseClient,
  type DatabaseClient,
  createServiceDatabase,
  type ServiceDatabase,
} from '@procuregraph/platform/db';
import { createWorld } from '@procuregraph/demo';
import { invoicingSeeded, seedInvoicing } from './seed.ts';

const world = createWorld({ scale: 'default' });
const invoices = [...world.invoices()];
let client: DatabaseClient;
let service: ServiceDatabase;

beforeAll(async () => {
  client = await openDatabaseClient({});
  service = createServiceDatabase(client, 'invoicing');
  await service.migrate(join(dirname(fileURLToPath(import.meta.url)), 'migrations'));
  expect(await invoicingSeeded(service.db)).toBe(false);
  await seedInvoicing(service.db, world);
});

afterAll(async () => {
  await closeDatabaseClient(client);
});

async function count(table: string, where = 'true'): Promise<number> {
  const [row] = await executeSql<{ count: string }>(client, `select count(*) as count from invoicing.${table} where ${where}`);
  return Number(row!.count);
}

describe('the invoicing seed', () => {
  it('writes every invoice with its lines and exceptions, and every payment', async () => {
    expect(await count('invoices')).toBe(world.counts.invoices);
    expect(await count('invoice_lines')).toBe(invoices.reduce((total, invoice) => total + invoice.lines.length, 0));
    expect(await count('match_exceptions')).toBe(invoices.reduce((total, invoice) => total + invoice.exceptions.length, 0));
    expect(await count('payments')).toBe(world.counts.payments);
    expect(await invoicingSeeded(service.db)).toBe(true);
  });

  it('projects the suppliers, contracts and orders that matching reads', async () => {
    const orders = [...world.purchaseOrders()];
    const contracts = [...world.contracts()];
    expect(await count('supplier_projections')).toBe(world.counts.suppliers);
    expect(await count('contract_projections')).toBe(world.counts.contracts);
    expect(await count('contract_price_term_projections')).toBe(
      contracts.reduce((total, contract) => total + contract.priceTerms.length, 0),
    );
    expect(await count('purchase_order_projections')).toBe(world.counts.purchaseOrders);
    expect(await count('purchase_order_line_projections')).toBe(orders.reduce((total, order) => total + order.lines.length, 0));
    const receiptLines = orders.flatMap((order) => order.receipts.flatMap((receipt) => receipt.lines));
    expect(await count('receipt_line_projections')).toBe(receiptLines.length);
  });

  it('records the match outcome and leaves open exceptions unresolved in their queues', async () => {
    expect(await count('invoices', "status = 'EXCEPTION' and match_outcome <> 'EXCEPTION'")).toBe(0);
    expect(await count('invoices', "status in ('MATCHED') and match_outcome <> 'MATCHED'")).toBe(0);
    const open = invoices.filter((invoice) => invoice.status === 'EXCEPTION').flatMap((invoice) => invoice.exceptions).length;
    expect(open).toBeGreaterThan(0);
    expect(await count('match_exceptions', 'resolution is null')).toBe(open);
    const [sums] = await executeSql<{ mismatched: string }>(
      client,
      `select count(*) as mismatched from invoicing.invoices i
       where i.total <> (select sum(amount) from invoicing.invoice_lines l where l.invoice_id = i.id)`,
    );
    expect(Number(sums!.mismatched)).toBe(0);
  });

  it('has payments in every status, each in sync with the ERP and the vendor platform', async () => {
    const statuses = await executeSql<{ status: string }>(client, 'select distinct status from invoicing.payments order by status');
    expect(statuses.map((row) => row.status)).toEqual(['CLEARED', 'FAILED', 'SCHEDULED', 'SENT', 'VOIDED']);
    expect(await count('sync_status', "system = 'ERP' and state = 'SYNCED'")).toBe(
      world.counts.payments + invoices.filter((invoice) => invoice.erpInvoiceId !== null).length,
    );
    expect(await count('sync_status', "system = 'VENDOR_PLATFORM' and state = 'SYNCED'")).toBe(
      world.counts.payments + world.counts.invoices,
    );
    expect(await count('payments', 'last_synced_at is null')).toBe(0);
  });
});

describe('the invoicing seed of a world whose last duplicate came in hours before today', () => {
  // Seed 314 plans a duplicate of INV-0000497 that arrives by EDI in the small hours of the last
  // day, after the nightly batch: the number it repeats must not be held twice (the unique index).
  it('stores the duplicate flagged on arrival, without its number, beside the invoice that holds the number', async () => {
    const late = createWorld({ scale: 'default', seed: 314 });
    const other = await openDatabaseClient({ url: process.env.DATABASE_URL });
    try {
      const lateService = createServiceDatabase(other, 'invoicing');
      await lateService.migrate(join(dirname(fileURLToPath(import.meta.url)), 'migrations'));
      await seedInvoicing(lateService.db, late);
      const rows = await executeSql<Record<string, unknown>>(
        other,
        `select i.status, i.source, i.invoice_number_key as key, date_trunc('second', i.created_at) = i.matched_at as "flaggedOnArrival",
                (select string_agg(e.code, ',') from invoicing.match_exceptions e where e.invoice_id = i.id) as codes
         from invoicing.invoices i where i.invoice_number = 'INV-0000497' order by i.created_at`,
      );
      expect(rows).toEqual([
        { status: 'MATCHED', source: 'VENDOR_PLATFORM', key: 'INV497', flaggedOnArrival: false, codes: null },
        { status: 'EXCEPTION', source: 'EDI', key: null, flaggedOnArrival: true, codes: 'DUPLICATE_INVOICE' },
      ]);
      const [stored] = await executeSql<{ count: string }>(other, 'select count(*) as count from invoicing.invoices');
      expect(Number(stored!.count)).toBe(late.counts.invoices);
    } finally {
      await closeDatabaseClient(other);
    }
  });
});
