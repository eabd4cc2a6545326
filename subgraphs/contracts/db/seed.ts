import type { Database } from '@procuregraph/platform/db';
import { seedTables, type DemoContract, type World } from '@procuregraph/demo';
import { contracts, priceTerms, syncStatus } from './tables.ts';

/**
 * Writes the demo world's contracts and price terms into the canonical store; every contract is
 * in the contract repository and in sync with it. Meant for an empty schema; returns the rows written.
 */
export async function seedContracts(db: Database, world: World): Promise<number> {
  // Only the numbers are kept: the large world's suppliers stream through rather than sit in memory.
  const vendorNumbers = new Map<string, string | null>();
  for (const supplier of world.suppliers()) vendorNumbers.set(supplier.id, supplier.erp?.supplierNumber ?? null);
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
