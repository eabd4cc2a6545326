import { and, gt, inArray, isNotNull } from 'drizzle-orm';
import type { Contract, ContractRepositoryClient } from '@procuregraph/connector-contract-repository';
import type { Database, Transaction } from '@procuregraph/platform/db';
import { decimal } from '@procuregraph/platform/money';
import {
  canonicalPageOf,
  fieldMismatches,
  missingInCanonical,
  missingInSystem,
  type CanonicalPage,
  type Checkpoint,
  type ComparedPage,
  type ComparedRecord,
  type FindingInput,
  type ReconciliationComparer,
} from '@procuregraph/platform/reconciliation';
import type { CallPolicy } from '@procuregraph/platform/resilience';
import { fromRepositoryContract, type RepositoryContractSnapshot } from './contract-repository-mapping.ts';
import { applyContract } from './contract-sync.ts';
import { contracts, priceTerms, type ContractRow } from './db/tables.ts';

/**
 * Contracts' part of a contract-repository reconciliation: the repository's contracts against the
 * canonical ones. The repository is the record for contract terms (status, dates, price terms are
 * its own), so drift is pulled: the contract applied as if its change had arrived.
 */

const PAGE_SIZE = 100;
const SYSTEM_OF_RECORD = 'CONTRACT_REPOSITORY' as const;

const contractKey = (repositoryId: string) => `contract:${repositoryId}`;

const contractRecord = (repositoryId: string): ComparedRecord => ({
  recordType: 'CONTRACT',
  recordKey: contractKey(repositoryId),
  externalId: repositoryId,
  systemOfRecord: SYSTEM_OF_RECORD,
});

function pull(snapshot: RepositoryContractSnapshot) {
  return async (tx: Transaction) => ((await applyContract(tx, snapshot)) ? ('REPAIRED' as const) : ('OPEN' as const));
}

/** The terms both sides hold, as comparable text. */
function termsOf(terms: readonly { itemNumber: string; unitPrice: string; unitOfMeasure: string }[]): string {
  return terms
    .map((term) => `${term.itemNumber} ${decimal(term.unitPrice).toFixed(6)}/${term.unitOfMeasure}`)
    .sort()
    .join(', ');
}

function compareContract(contract: Contract, canonical: (ContractRow & { terms: string }) | undefined): FindingInput[] {
  let snapshot: RepositoryContractSnapshot;
  try {
    snapshot = fromRepositoryContract(contract);
  } catch {
    // A contract the mapping cannot read is skipped; the change feed logs the same contract.
    return [];
  }
  const record = contractRecord(snapshot.repositoryId);
  if (!canonical) return [missingInCanonical(record, snapshot.number, pull(snapshot))];
  return fieldMismatches(
    record,
    canonical.id,
    [
      ['status', canonical.status, snapshot.status],
      ['effectiveFrom', canonical.effectiveFrom, snapshot.effectiveFrom],
      ['effectiveTo', canonical.effectiveTo, snapshot.effectiveTo],
      ['priceTerms', canonical.terms, termsOf(snapshot.priceTerms)],
    ],
    pull(snapshot),
  );
}

export function contractRepositoryComparer(db: Database, repository: ContractRepositoryClient, policy: CallPolicy): ReconciliationComparer {
  async function canonicalOf(repositoryIds: string[]): Promise<Map<string, ContractRow & { terms: string }>> {
    if (repositoryIds.length === 0) return new Map();
    const rows = await db.select().from(contracts).where(inArray(contracts.repositoryId, repositoryIds));
    const terms =
      rows.length === 0
        ? []
        : await db
            .select()
            .from(priceTerms)
            .where(
              inArray(
                priceTerms.contractId,
                rows.map((row) => row.id),
              ),
            );
    return new Map(rows.map((row) => [row.repositoryId!, { ...row, terms: termsOf(terms.filter((term) => term.contractId === row.id)) }]));
  }

  return {
    async comparePage(checkpoint: Checkpoint | null, signal?: AbortSignal): Promise<ComparedPage> {
      const pageNumber = Number(checkpoint?.page ?? 1);
      const page = await policy.execute((callSignal) => repository.contractsPage(pageNumber, PAGE_SIZE, signal ?? callSignal));
      const ids = page.items.map((item) => item.id);
      const canonical = await canonicalOf(ids);
      return {
        compared: page.items.length,
        seenKeys: ids.map(contractKey),
        findings: page.items.flatMap((item) => compareContract(item, canonical.get(item.id))),
        next: pageNumber < page.totalPages ? { page: pageNumber + 1 } : null,
      };
    },

    async canonicalPage(afterKey: string | null): Promise<CanonicalPage> {
      const rows = await db
        .select({ id: contracts.id, repositoryId: contracts.repositoryId, number: contracts.number })
        .from(contracts)
        .where(and(isNotNull(contracts.repositoryId), afterKey === null ? undefined : gt(contracts.repositoryId, afterKey)))
        .orderBy(contracts.repositoryId)
        .limit(PAGE_SIZE);
      return canonicalPageOf(
        rows,
        PAGE_SIZE,
        (row) => row.repositoryId!,
        (row) => missingInSystem(contractRecord(row.repositoryId!), row.id, row.number),
      );
    },
  };
}
