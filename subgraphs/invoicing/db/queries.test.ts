import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserCaller } from '@procuregraph/platform/auth';
import { createServiceDatabase, newId, type Database } from '@procuregraph/platform/db';
import { databaseTargets, openFreshDatabase, type FreshDatabase } from '@procuregraph/platform/testing';
import { migrationsFolder } from '../service.ts';
import { countInvoices, listInvoices, type InvoiceFilter } from './queries.ts';
import { invoices, matchExceptions, type ExceptionQueue, type ExceptionResolution } from './tables.ts';

/*
 * The queue filter lists each invoice with an open exception in the queue once, in id order, across
 * pages, whatever else it has: two open exceptions in the queue, resolved ones, others' queues.
 */

const staff: UserCaller = { kind: 'staff', subject: 'ap-clerk', role: 'finance' };
const supplierA = newId();
const supplierB = newId();
const supplierOfA: UserCaller = { kind: 'supplier', subject: 'supplier-user', role: 'supplier', supplierId: supplierA };

type Exception = [ExceptionQueue, ExceptionResolution | null];

/** Each invoice's supplier and exceptions, and whether it waits in ACCOUNTS_PAYABLE. */
const fixtures: { name: string; supplierId: string; exceptions: Exception[]; waiting: boolean }[] = [
  {
    name: 'two open',
    supplierId: supplierA,
    exceptions: [
      ['ACCOUNTS_PAYABLE', null],
      ['ACCOUNTS_PAYABLE', null],
    ],
    waiting: true,
  },
  {
    name: 'open and resolved',
    supplierId: supplierA,
    exceptions: [
      ['ACCOUNTS_PAYABLE', 'OVERRIDDEN'],
      ['ACCOUNTS_PAYABLE', null],
    ],
    waiting: true,
  },
  { name: 'resolved only', supplierId: supplierB, exceptions: [['ACCOUNTS_PAYABLE', 'REJECTED']], waiting: false },
  { name: 'other queue', supplierId: supplierB, exceptions: [['BUYER', null]], waiting: false },
  { name: 'one open', supplierId: supplierB, exceptions: [['ACCOUNTS_PAYABLE', null]], waiting: true },
  {
    name: 'open in two queues',
    supplierId: supplierA,
    exceptions: [
      ['BUYER', null],
      ['ACCOUNTS_PAYABLE', null],
    ],
    waiting: true,
  },
  { name: 'none', supplierId: supplierA, exceptions: [], waiting: false },
];
const ids = new Map(fixtures.map((fixture) => [fixture.name, newId()]));
const idOf = (name: string) => ids.get(name)!;
/** UUIDs compare as PostgreSQL orders them when compared as lower-case hex text. */
const waitingIds = (supplierId?: string) =>
  fixtures
    .filter((fixture) => fixture.waiting && (!supplierId || fixture.supplierId === supplierId))
    .map((fixture) => idOf(fixture.name))
    .sort();

describe.each(databaseTargets)('invoices by exception queue on %s', (target) => {
  let database: FreshDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await openFreshDatabase(target, 'invoice_queue');
    const service = createServiceDatabase(database.client, 'invoicing');
    await service.migrate(migrationsFolder);
    db = service.db;
    await db.insert(invoices).values(
      fixtures.map((fixture, index) => ({
        id: idOf(fixture.name),
        invoiceNumber: `Q-${index}`,
        supplierId: fixture.supplierId,
        invoiceDate: '2026-12-01',
        total: '100',
        status: fixture.exceptions.length ? ('EXCEPTION' as const) : ('MATCHED' as const),
        source: 'GRAPH' as const,
      })),
    );
    await db.insert(matchExceptions).values(
      fixtures.flatMap((fixture) =>
        fixture.exceptions.map(([queue, resolution]) => ({
          id: newId(),
          invoiceId: idOf(fixture.name),
          code: 'PRICE_VARIANCE' as const,
          message: fixture.name,
          queue,
          resolution,
        })),
      ),
    );
  });

  afterAll(async () => {
    await database?.drop();
  });

  /** Every page of the filter, `size` at a time, each after the last id of the one before. */
  async function walk(caller: UserCaller, filter: InvoiceFilter, size: number): Promise<string[]> {
    const listed: string[] = [];
    for (;;) {
      const rows = await listInvoices(db, caller, filter, { limit: size, afterId: listed.at(-1) ?? null });
      listed.push(...rows.slice(0, size).map((row) => row.id));
      if (rows.length <= size) return listed;
    }
  }

  it('lists each waiting invoice once, in id order, on one page and across pages', async () => {
    const queue: InvoiceFilter = { queue: 'ACCOUNTS_PAYABLE' };
    expect(waitingIds()).toHaveLength(4);
    expect((await listInvoices(db, staff, queue, { limit: 50, afterId: null })).map((row) => row.id)).toEqual(waitingIds());
    for (const size of [1, 2, 3]) expect(await walk(staff, queue, size)).toEqual(waitingIds());
    expect(await countInvoices(db, staff, queue)).toBe(4);
  });

  it('shows a supplier only its own waiting invoices, and narrows by the other filters', async () => {
    const queue: InvoiceFilter = { queue: 'ACCOUNTS_PAYABLE' };
    expect(await walk(supplierOfA, queue, 1)).toEqual(waitingIds(supplierA));
    expect(await countInvoices(db, supplierOfA, queue)).toBe(3);
    expect(await walk(supplierOfA, { ...queue, supplierId: supplierB }, 2)).toEqual([]);
    expect(await countInvoices(db, supplierOfA, { ...queue, supplierId: supplierB })).toBe(0);
    expect(await walk(staff, { ...queue, supplierId: supplierB }, 2)).toEqual([idOf('one open')]);
    expect(await countInvoices(db, staff, { ...queue, supplierId: supplierB })).toBe(1);
    expect(await walk(staff, { ...queue, status: 'MATCHED' }, 2)).toEqual([]);
    expect(await countInvoices(db, staff, { queue: 'BUYER' })).toBe(2);
    expect(await walk(staff, { queue: 'BUYER' }, 1)).toEqual([idOf('other queue'), idOf('open in two queues')].sort());
  });
});
