import type { DemoContract, World } from '@procuregraph/demo';
import type { ClmState, Contract, StoredContractStatus } from './state.ts';

/**
 * Loads the repository's view of the demo world: each contract under its `repositoryId`,
 * the counterparty named as in the supplier's legal name with its ERP supplier number as the
 * vendor number. No changes are appended: this is the initial state.
 */

const STATUS: Record<DemoContract['status'], StoredContractStatus> = {
  DRAFT: 'draft',
  ACTIVE: 'executed',
  EXPIRED: 'expired',
  TERMINATED: 'terminated',
};

function contract(demo: DemoContract, counterparty: Contract['counterparty']): Contract {
  const created = demo.createdAt.toISOString();
  return {
    id: demo.repositoryId,
    contract_number: demo.number,
    title: demo.title,
    counterparty,
    status: STATUS[demo.status],
    effective_date: demo.effectiveFrom,
    expiration_date: demo.effectiveTo,
    currency: 'USD',
    version: 1,
    price_terms: demo.priceTerms.map((term) => ({
      item_number: term.itemNumber,
      description: term.description,
      unit_price: term.unitPrice,
      uom: term.unitOfMeasure,
    })),
    amendments: [],
    termination:
      demo.status === 'TERMINATED'
        ? { effective_date: demo.effectiveTo ?? demo.effectiveFrom, reason: 'Terminated before this repository was loaded' }
        : null,
    created_at: created,
    updated_at: created,
  };
}

export function seedContractRepository(state: ClmState, world: World): void {
  const counterparties = new Map<string, Contract['counterparty']>();
  for (const supplier of world.suppliers())
    counterparties.set(supplier.id, { name: supplier.legalName, vendor_number: supplier.erp?.supplierNumber ?? null });
  for (const demo of world.contracts()) {
    state.contracts.insert(contract(demo, counterparties.get(demo.supplierId) ?? { name: 'Unknown supplier', vendor_number: null }));
  }
}
