import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWorld } from '@procuregraph/demo';
import { startContractRepository } from '@procuregraph/contract-repository';
import {
  closeDatabaseClient,
  openDatabaseClient,
  type DatabaseClient,
  createServiceDatabase,
  type Database,
} from '@procuregraph/platform/db';
import { createFieldCipher } from '@procuregraph/platform/crypto';
import { startSubgraphWorkers, type RunningWorkers } from '@procuregraph/platform/subgraph';
import { readEnvironment } from '@procuregraph/platform/config';
import { BackingSystemPolicies } from '@procuregraph/platform/resilience';
import { createLogger } from '@procuregraph/platform/logging';
import { formatDecimal } from '@procuregraph/platform/money';
import { appendToOutbox } from '@procuregraph/platform/outbox';
import { seedContracts } from './db/seed.ts';
import { contracts, outbox, pendingContracts, priceTerms, syncStatus } from './db/tables.ts';
import { migrationsFolder } from './service.ts';
import { linkSupplier } from './supplier-links.ts';
import { contractsWorkers } from './workers.ts';

const world = createWorld({ scale: 'default' });
const suppliers = new Map([...world.suppliers()].map((supplier) => [supplier.id, supplier]));
const contract = [...world.contracts()].find(
  (candidate) => candidate.status === 'ACTIVE' && candidate.priceTerms.length > 0 && suppliers.get(candidate.supplierId)?.erp,
)!;
const supplier = suppliers.get(contract.supplierId)!;

let client: DatabaseClient;
let db: Database;
let workers: RunningWorkers;
let repository: { url: string; close(): Promise<void> };

/** A repository call; `Body` is the shape the test reads from the answer. */
async function post<Body = unknown>(path: string, body: unknown): Promise<{ status: number; body: Body }> {
  const response = await fetch(`${repository.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Body };
}

beforeAll(async () => {
  client = await openDatabaseClient({});
  const service = createServiceDatabase(client, 'contracts');
  await service.migrate(migrationsFolder);
  db = service.db;
  await seedContracts(db, world);
  repository = await startContractRepository({ port: 0, world });
  workers = await startSubgraphWorkers(contractsWorkers({ feedIntervalMs: 250 }), {
    service: 'contracts',
    client,
    db,
    systems: {
      erpUrl: 'http://127.0.0.1:9',
      vendorPlatformUrl: 'http://127.0.0.1:9',
      contractRepositoryUrl: repository.url,
      vendorPlatformWebhookSecret: 'unused',
    },
    environment: readEnvironment({}),
    policies: new BackingSystemPolicies(),
    cipher: createFieldCipher(randomBytes(32)),
    logger: createLogger('contracts-test'),
  });
});

afterAll(async () => {
  await workers?.stop();
  await repository?.close();
  await closeDatabaseClient(client);
});

describe('the contract repository feed', () => {
  it('applies an amendment to the seeded contract: new price, SYNCED, contract.changed in the outbox', async () => {
    const term = contract.priceTerms[0]!;
    const newPrice = formatDecimal(contract.priceTerms[0]!.unitPrice) === '1.23' ? '1.24' : '1.23';
    const amended = await post<{ contract: { version: number } }>(`/api/contracts/${contract.repositoryId}/amendments`, {
      reason: 'Annual price review',
      price_changes: [{ item_number: term.itemNumber, unit_price: newPrice, uom: term.unitOfMeasure }],
    });
    expect(amended.status).toBe(201);

    await vi.waitFor(
      async () => {
        const [stored] = await db
          .select()
          .from(priceTerms)
          .where(and(eq(priceTerms.contractId, contract.id), eq(priceTerms.itemNumber, term.itemNumber)));
        expect(formatDecimal(stored!.unitPrice)).toBe(newPrice);
      },
      { timeout: 10_000, interval: 200 },
    );
    const [row] = await db.select().from(contracts).where(eq(contracts.id, contract.id));
    expect(row).toMatchObject({ repositoryId: contract.repositoryId, repositoryVersion: amended.body.contract.version, status: 'ACTIVE' });
    expect(row!.lastSyncedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    const [sync] = await db.select().from(syncStatus).where(eq(syncStatus.entityId, contract.id));
    expect(sync).toMatchObject({ system: 'CONTRACT_REPOSITORY', state: 'SYNCED' });
    const events = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.topic, 'contract.changed'), eq(outbox.aggregateId, contract.id)));
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({
      contractId: contract.id,
      supplierId: contract.supplierId,
      number: contract.number,
      status: 'ACTIVE',
      effectiveFrom: contract.effectiveFrom,
      effectiveTo: contract.effectiveTo,
      currency: 'USD',
    });
    expect(events[0]!.payload.priceTerms).toContainEqual({
      itemNumber: term.itemNumber,
      unitPrice: newPrice,
      unitOfMeasure: term.unitOfMeasure,
    });
  });

  it('creates a contract new to the repository for the supplier its vendor number names', async () => {
    const created = await post<{ id: string }>('/api/contracts', {
      contract_number: `GPO-TEST-${randomBytes(3).toString('hex')}`,
      title: 'Sterile drapes agreement',
      counterparty: { name: supplier.legalName, vendor_number: supplier.erp!.supplierNumber },
      effective_date: '2026-01-01',
      price_terms: [{ item_number: 'DRP-STR-01', unit_price: '3.10', uom: 'EA' }],
    });
    expect(created.status).toBe(201);
    await vi.waitFor(
      async () => expect(await db.select().from(contracts).where(eq(contracts.repositoryId, created.body.id))).toHaveLength(1),
      {
        timeout: 10_000,
        interval: 200,
      },
    );
    const [row] = await db.select().from(contracts).where(eq(contracts.repositoryId, created.body.id));
    expect(row).toMatchObject({ supplierId: supplier.id, status: 'ACTIVE', effectiveTo: null });
    const events = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.topic, 'contract.changed'), eq(outbox.aggregateId, row!.id)));
    expect(events[0]!.payload).toMatchObject({ priceTerms: [{ itemNumber: 'DRP-STR-01', unitPrice: '3.1', unitOfMeasure: 'EA' }] });
  });

  it('terminating a contract reaches the canonical store', async () => {
    const terminated = await post(`/api/contracts/${contract.repositoryId}/terminate`, { reason: 'Supplier exit' });
    expect(terminated.status).toBe(200);
    await vi.waitFor(
      async () => expect((await db.select().from(contracts).where(eq(contracts.id, contract.id)))[0]!.status).toBe('TERMINATED'),
      {
        timeout: 10_000,
        interval: 200,
      },
    );
  });

  describe("a supplier's first contract", () => {
    const newContract = (vendorNumber: string) =>
      post<{ id: string }>('/api/contracts', {
        contract_number: `GPO-FIRST-${randomBytes(3).toString('hex')}`,
        title: 'Infusion pumps agreement',
        counterparty: { name: 'Newcomer Medical', vendor_number: vendorNumber },
        effective_date: '2026-02-01',
        price_terms: [{ item_number: 'INF-PMP-01', unit_price: '1250.00', uom: 'EA' }],
      });
    const erpLinked = (supplierId: string, erpSupplierNumber: string, topic = 'supplier.erp_linked') => ({
      eventId: randomUUID(),
      topic,
      payload: { supplierId, erpSupplierId: '300000001', erpSupplierNumber, vendorRegistrationId: null },
      occurredAt: new Date().toISOString(),
    });
    const contractOf = async (repositoryId: string) =>
      (await db.select().from(contracts).where(eq(contracts.repositoryId, repositoryId)))[0];

    it('is linked through the supplier ERP number the suppliers subgraph announced', async () => {
      const supplierId = randomUUID();
      const vendorNumber = `V-${randomBytes(3).toString('hex')}`;
      expect(await linkSupplier(db, erpLinked(supplierId, vendorNumber))).toBe('APPLIED');
      const created = await newContract(vendorNumber);
      expect(created.status).toBe(201);
      await vi.waitFor(async () => expect(await contractOf(created.body.id)).toBeDefined(), { timeout: 10_000, interval: 200 });
      expect(await contractOf(created.body.id)).toMatchObject({ supplierId, vendorNumber, status: 'ACTIVE' });
    });

    it('is kept pending while its supplier is unknown, and linked when the supplier arrives', async () => {
      const supplierId = randomUUID();
      const vendorNumber = `V-${randomBytes(3).toString('hex')}`;
      const created = await newContract(vendorNumber);
      expect(created.status).toBe(201);
      await vi.waitFor(
        async () =>
          expect(await db.select().from(pendingContracts).where(eq(pendingContracts.repositoryId, created.body.id))).toHaveLength(1),
        { timeout: 10_000, interval: 200 },
      );
      expect(await contractOf(created.body.id)).toBeUndefined();

      // Published as the suppliers subgraph does; the workers' queue for the topic applies it.
      const enrolled = erpLinked(supplierId, vendorNumber, 'supplier.portal_enrolled');
      await db.transaction((tx) =>
        appendToOutbox(tx, outbox, { topic: enrolled.topic, aggregateId: supplierId, payload: enrolled.payload }),
      );
      await vi.waitFor(async () => expect(await contractOf(created.body.id)).toBeDefined(), { timeout: 10_000, interval: 200 });
      const row = await contractOf(created.body.id);
      expect(row).toMatchObject({ supplierId, vendorNumber, status: 'ACTIVE', effectiveFrom: '2026-02-01' });
      expect(await db.select().from(pendingContracts).where(eq(pendingContracts.repositoryId, created.body.id))).toEqual([]);
      const [announced] = await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.topic, 'contract.changed'), eq(outbox.aggregateId, row!.id)));
      expect(announced!.payload).toMatchObject({
        supplierId,
        priceTerms: [{ itemNumber: 'INF-PMP-01', unitPrice: '1250', unitOfMeasure: 'EA' }],
      });
    });
  });
});
