import { isoDate } from '@procuregraph/reference-http';
import type { Contract, StoredContractStatus } from './state.ts';

/** An executed contract whose expiration date has passed reads as expired, as the repository's nightly job would make it. */
export function effectiveStatus(contract: Contract, now: Date): StoredContractStatus {
  const lapsed = contract.expiration_date !== null && contract.expiration_date < isoDate(now);
  return contract.status === 'executed' && lapsed ? 'expired' : contract.status;
}

export function contractView(contract: Contract, now: Date): Contract {
  return structuredClone({ ...contract, status: effectiveStatus(contract, now) });
}
