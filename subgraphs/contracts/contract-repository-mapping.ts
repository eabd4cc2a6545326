import type { Contract, ContractChange } from '@procuregraph/connector-contract-repository';
import type { ContractStatus } from './db/tables.ts';

/** Between the contract repository's contracts and the canonical contract. Pure: no I/O. */

export interface RepositoryContractSnapshot {
  repositoryId: string;
  number: string;
  title: string;
  /** The counterparty's ERP supplier number; null when the repository does not know it. */
  vendorNumber: string | null;
  status: ContractStatus;
  effectiveFrom: string;
  effectiveTo: string | null;
  currency: string;
  version: number;
  priceTerms: { itemNumber: string; unitPrice: string; unitOfMeasure: string }[];
}

export interface RepositoryChange {
  changeId: string;
  occurredAt: Date;
  /** Null when the contract could not be read or mapped; `problem` says why, and the change is skipped, not retried forever. */
  contract: RepositoryContractSnapshot | null;
  problem: string | null;
}

export class ContractMappingError extends Error {
  override readonly name = 'ContractMappingError';
}

const STATUSES: Readonly<Record<string, ContractStatus>> = {
  draft: 'DRAFT',
  executed: 'ACTIVE',
  expired: 'EXPIRED',
  terminated: 'TERMINATED',
};

/** The repository marks lapsed contracts expired only nightly, so an executed one past its end is EXPIRED already. */
function contractStatus(status: string, effectiveTo: string | null, today: string): ContractStatus {
  const mapped = STATUSES[status];
  if (!mapped) throw new ContractMappingError(`Unknown contract status ${status}`);
  return mapped === 'ACTIVE' && effectiveTo !== null && effectiveTo < today ? 'EXPIRED' : mapped;
}

export function fromRepositoryContract(contract: Contract, now = new Date()): RepositoryContractSnapshot {
  const effectiveTo = contract.expiration_date ?? null;
  return {
    repositoryId: contract.id,
    number: contract.contract_number,
    title: contract.title,
    vendorNumber: contract.counterparty.vendor_number ?? null,
    status: contractStatus(contract.status, effectiveTo, now.toISOString().slice(0, 10)),
    effectiveFrom: contract.effective_date,
    effectiveTo,
    currency: contract.currency,
    version: contract.version,
    priceTerms: contract.price_terms.map((term) => ({ itemNumber: term.item_number, unitPrice: term.unit_price, unitOfMeasure: term.uom })),
  };
}

export function fromRepositoryChange(change: ContractChange, now = new Date()): RepositoryChange {
  const read = { changeId: change.changeId, occurredAt: change.occurredAt };
  if (!change.contract) return { ...read, contract: null, problem: change.problem };
  try {
    return { ...read, contract: fromRepositoryContract(change.contract, now), problem: null };
  } catch (error) {
    if (!(error instanceof ContractMappingError)) throw error;
    return { ...read, contract: null, problem: error.message };
  }
}
