import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Decimal } from 'decimal.js';
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
import { procurementSeeded, seedProcurement } from './seed.ts';

const world = createWorld({ scale: 'default' });
const orders = [...world.purchaseOrders()];
let client: DatabaseClient;
let service: ServiceDatabase;

beforeAll(async () => {
  client = await openDatabaseClient({});
  service = createServiceDatabase(client, 'procurement');
  await service.migrate(join(dirname(fileURLToPath(import.meta.url)), 'migrations'));
  expect(await procurementSeeded(service.db)).toBe(false);
  await seedProcurement(service.db, world);
});

afterAll(async () => {
  await closeDatabaseClient(client);
});

async function count(table: string, where = 'true'): Promise<number> {
  const [row] = await executeSql<{ count: string }>(client, `select count(*) as count from procurement.${table} where ${where}`);
  return Number(row!.count);
}

describe('the procurement seed', () => {
  it('writes the facilities, every order with its lines and every receipt with its lines', async () => {
    const receipts = orders.flatMap((order) => order.receipts);
    expect(await count('facilities')).toBe(world.counts.facilities);
    expect(await count('purchase_orders')).toBe(world.counts.purchaseOrders);
    expect(await count('purchase_order_lines')).toBe(orders.reduce((total, order) => total + order.lines.length, 0));
    expect(await count('receipts')).toBe(receipts.length);
    expect(await count('receipt_lines')).toBe(receipts.reduce((total, receipt) => total + receipt.lines.length, 0));
    expect(await count('supplier_references')).toBe(world.counts.suppliers);
    expect(await count('contract_references')).toBe(world.counts.contracts);
    expect(await procurementSeeded(service.db)).toBe(true);
  });

  it('keeps totals exact and every order in sync with the ERP, published ones with the vendor platform', async () => {
    const [sums] = await executeSql<{ mismatched: string }>(
      client,
      `select count(*) as mismatched from procurement.purchase_orders o
       where o.total <> (select sum(amount) from procurement.purchase_order_lines l where l.purchase_order_id = o.id)`,
    );
    expect(Number(sums!.mismatched)).toBe(0);
    const published = orders.filter((order) => order.publishedAt !== null).length;
    expect(await count('sync_status', "system = 'ERP' and state = 'SYNCED'")).toBe(
      world.counts.purchaseOrders + orders.flatMap((order) => order.receipts).length,
    );
    expect(await count('sync_status', "system = 'VENDOR_PLATFORM' and state = 'SYNCED'")).toBe(published);
    expect(await count('purchase_orders', 'last_synced_at is null')).toBe(0);
    const [first] = await executeSql<{ number: string; total: string }>(
      client,
      'select number, total::text as total from procurement.purchase_orders where id = $1',
      [orders[0]!.id],
    );
    expect(first!.number).toBe(orders[0]!.number);
    expect(new Decimal(first!.total).equals(orders[0]!.total)).toBe(true);
  });
});
