import type { Database } from '@procuregraph/platform/db';
import { seedTables, type DemoContract, type World } from '@procuregraph/demo';
import { contracts, priceTerms, supplierLinks, syncStatus } from './tables.ts';

/**
 * Writes the demo world's contracts and price terms into the canonical store; every contract is
 * in the contract repository and in sync with it. The ERP suppliers' numbers are written as their
 * links (the seeded suppliers announce no `supplier.erp_linked`), so a seeded supplier's first new
 * contract finds it. Meant for an empty schema; returns the rows written.
 */
export async function seedContracts(db: Database, world: World): Promise<number> {
  const vendorNumbers = erpSupplierNumbers(world);
  return (await seedContractRows(db, world, vendorNumbers)) + (await seedSupplierLinks(db, vendorNumbers));
}

/** Only the numbers are kept: the large world's suppliers stream through rather than sit in memory. */
function erpSupplierNumbers(world: World): Map<string, string | null> {
  const vendorNumbers = new Map<string, string | null>();
  for (const supplier of world.suppliers()) vendorNumbers.set(supplier.id, supplier.erp?.supplierNumber ?? null);
  return vendorNumbers;
}

/** The contracts, their price terms and sync states: the tables there from the first migration. */
export function seedContractRows(db: Database, world: World, vendorNumbers = erpSupplierNumbers(world)): Promise<number> {
  return seedTables(db, [contracts, priceTerms, syncStatus], async (batches) => {
    for (const contract of world.contracts()) {
      await batches.add(contracts, contractRow(contract, vendorNumbers.get(contract.supplierId) ?? null));
      for (const term of contract.priceTerms) {
        await batches.add(priceTerms, {
          contractId: contract.id,
          itemNumber: term.itemNumber,
          unitPrice: term.unitPrice,
          unitOfMeasure: term.unitOfMeasure,
        });
      }
      const syncedAt = contract.updatedAt ?? contract.createdAt;
      await batches.add(syncStatus, {
        entityId: contract.id,
        system: 'CONTRACT_REPOSITORY',
        state: 'SYNCED',
        attempts: 1,
        lastError: null,
        syncedAt,
        updatedAt: syncedAt,
      });
    }
  });
}

function seedSupplierLinks(db: Database, vendorNumbers: Map<string, string | null>): Promise<number> {
  return seedTables(db, [supplierLinks], async (batches) => {
    const seededAt = new Date();
    for (const [supplierId, erpSupplierNumber] of vendorNumbers)
      if (erpSupplierNumber) await batches.add(supplierLinks, { supplierId, erpSupplierNumber, updatedAt: seededAt });
  });
}

export async function contractsSeeded(db: Database): Promise<boolean> {
  return (await db.select({ id: contracts.id }).from(contracts).limit(1)).length > 0;
}

/** The repository names the counterparty by its ERP supplier number, as its own seed does. */
function contractRow(contract: DemoContract, vendorNumber: string | null): typeof contracts.$inferInsert {
  const updatedAt = contract.updatedAt ?? contract.createdAt;
  return {
    id: contract.id,
    number: contract.number,
    supplierId: contract.supplierId,
    title: contract.title,
    status: contract.status,
    effectiveFrom: contract.effectiveFrom,
    effectiveTo: contract.effectiveTo,
    currency: 'USD',
    repositoryId: contract.repositoryId,
    vendorNumber,
    createdAt: contract.createdAt,
    updatedAt,
    lastSyncedAt: updatedAt,
  };
}
