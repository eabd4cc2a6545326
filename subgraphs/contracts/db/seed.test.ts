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
import { contractsSeeded, seedContracts } from './seed.ts';

const world = createWorld({ scale: 'default' });
const contracts = [...world.contracts()];
let client: DatabaseClient;
let service: ServiceDatabase;
let written: number;

beforeAll(async () => {
  client = await openDatabaseClient({});
  service = createServiceDatabase(client, 'contracts');
  await service.migrate(join(dirname(fileURLToPath(import.meta.url)), 'migrations'));
  expect(await contractsSeeded(service.db)).toBe(false);
  written = await seedContracts(service.db, world);
});

afterAll(async () => {
  await closeDatabaseClient(client);
});

async function count(table: string, where = 'true'): Promise<number> {
  const [row] = await executeSql<{ count: string }>(client, `select count(*) as count from contracts.${table} where ${where}`);
  return Number(row!.count);
}

describe('the contracts seed', () => {
  it('writes every contract with its price terms, in sync with the contract repository', async () => {
    const terms = contracts.reduce((total, contract) => total + contract.priceTerms.length, 0);
    expect(await count('contracts')).toBe(world.counts.contracts);
    expect(await count('price_terms')).toBe(terms);
    expect(await count('sync_status', "system = 'CONTRACT_REPOSITORY' and state = 'SYNCED' and synced_at is not null")).toBe(
      world.counts.contracts,
    );
    const erpSuppliers = [...world.suppliers()].filter((supplier) => supplier.erp).length;
    expect(await count('supplier_links')).toBe(erpSuppliers);
    expect(written).toBe(2 * world.counts.contracts + terms + erpSuppliers);
    expect(await contractsSeeded(service.db)).toBe(true);
  });

  it('stores open-ended contracts without an end date and prices exactly', async () => {
    const contract = contracts.find((candidate) => candidate.effectiveTo === null) ?? contracts[0]!;
    const [row] = await executeSql<{ effective_to: string | null; status: string }>(
      client,
      'select effective_to::text, status from contracts.contracts where id = $1',
      [contract.id],
    );
    expect(row).toEqual({ effective_to: contract.effectiveTo, status: contract.status });
    const term = contract.priceTerms[0]!;
    const [price] = await executeSql<{ unit_price: string }>(
      client,
      'select unit_price::text from contracts.price_terms where contract_id = $1 and item_number = $2',
      [contract.id, term.itemNumber],
    );
    expect(new Decimal(price!.unit_price).equals(term.unitPrice)).toBe(true);
  });
});
