import { emptyEventLog, type EventLog, type IdempotencyRecords, Table } from '@procuregraph/reference-http';

/**
 * The reference contract repository's own data model: snake_case JSON, `CLM-` contract ids,
 * `AMD-` amendment ids, a version bumped by every amendment, lower-case statuses.
 */

export interface PriceTerm {
  item_number: string;
  description: string | null;
  unit_price: string;
  uom: string;
}

export interface Amendment {
  amendment_id: string;
  version: number;
  effective_date: string;
  reason: string;
  changes: {
    expiration_date?: { from: string | null; to: string | null };
    price_terms?: { item_number: string; from: string | null; to: string | null }[];
  };
  created_at: string;
}

/** As stored; `executed` contracts past their expiration date read as `expired`. */
export type StoredContractStatus = 'draft' | 'executed' | 'expired' | 'terminated';

export interface Contract {
  id: string;
  contract_number: string;
  title: string;
  counterparty: { name: string; vendor_number: string | null };
  status: StoredContractStatus;
  effective_date: string;
  expiration_date: string | null;
  currency: string;
  version: number;
  price_terms: PriceTerm[];
  amendments: Amendment[];
  termination: { effective_date: string; reason: string } | null;
  created_at: string;
  updated_at: string;
}

export type ChangeType = 'contract.created' | 'contract.amended' | 'contract.terminated';

export interface Change {
  change_id: string;
  sequence: number;
  change_type: ChangeType;
  contract_id: string;
  version: number;
  occurred_at: string;
  contract: unknown;
}

export interface ClmState {
  sequences: { contract: number; amendment: number };
  contracts: Table<Contract, string>;
  changes: EventLog<Change>;
  idempotency: IdempotencyRecords;
}

const SNAPSHOT_FORMAT = 'procuregraph-reference-contract-repository/1';

interface ClmSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  sequences: ClmState['sequences'];
  contracts: Contract[];
  changes: EventLog<Change>;
  idempotency: IdempotencyRecords;
}

export function restoreClmState(document: unknown): ClmState {
  const snapshot = document as ClmSnapshot;
  if (snapshot?.format !== SNAPSHOT_FORMAT)
    throw new Error(`Not a reference contract-repository snapshot (expected format ${SNAPSHOT_FORMAT}).`);
  return {
    sequences: snapshot.sequences,
    contracts: new Table((row) => row.id, snapshot.contracts),
    changes: snapshot.changes,
    idempotency: snapshot.idempotency,
  };
}

export function emptyClmState(): ClmState {
  return restoreClmState({
    format: SNAPSHOT_FORMAT,
    sequences: { contract: 1, amendment: 1 },
    contracts: [],
    changes: emptyEventLog(),
    idempotency: {},
  });
}

export function clmSnapshot(state: ClmState): ClmSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    sequences: state.sequences,
    contracts: state.contracts.toJSON(),
    changes: state.changes,
    idempotency: state.idempotency,
  };
}

export function contractId(sequence: number): string {
  return `CLM-${String(sequence).padStart(8, '0')}`;
}

export function amendmentId(sequence: number): string {
  return `AMD-${String(sequence).padStart(8, '0')}`;
}
