import { eq, lte } from 'drizzle-orm';
import { type Database, type Transaction, newId } from '@procuregraph/platform/db';
import { createFeedPoller, defineInboundQueue, processInboundEvent, type FeedPoller } from '@procuregraph/platform/inbound';
import { recordSyncState, type JobRuntime } from '@procuregraph/platform/jobs';
import type { Logger } from '@procuregraph/platform/logging';
import { formatDecimal } from '@procuregraph/platform/money';
import { appendToOutbox } from '@procuregraph/platform/outbox';
import { PermanentError, type CallPolicy } from '@procuregraph/platform/resilience';
import type { ContractRepositoryClient } from '@procuregraph/connector-contract-repository';
import { fromRepositoryChange, type RepositoryChange, type RepositoryContractSnapshot } from './contract-repository-mapping.ts';
import { lockVendorNumber } from './db/advisory-locks.ts';
import {
  contracts,
  feedCursors,
  inboundEntityVersions,
  inboundEvents,
  outbox,
  pendingContracts,
  priceTerms,
  supplierLinks,
  syncStatus,
  type ContractRow,
} from './db/tables.ts';

export const CONTRACT_REPOSITORY_SOURCE = 'contract-repository';
/** Published for other subgraphs (procurement's contract references, invoicing's price checks). */
export const CONTRACT_CHANGED = 'contract.changed';

export interface ContractFeedOptions {
  db: Database;
  /** Where a change that cannot be applied is parked (`feed.contract-repository`). */
  jobs: JobRuntime;
  repository: ContractRepositoryClient;
  policy: CallPolicy;
  logger: Logger;
  intervalMs: number;
}

/**
 * Keeps the canonical contracts in step with the repository's change feed: each change carries
 * the whole contract, which replaces the canonical one. Versions order the changes per contract,
 * so a late, older change is SUPERSEDED rather than applied over a newer one.
 */
export function createContractFeedPoller(options: ContractFeedOptions): FeedPoller {
  const log = options.logger.child({ component: 'contract-repository-feed' });
  return createFeedPoller<RepositoryChange>({
    db: options.db,
    tables: { feedCursors },
    logger: options.logger,
    intervalMs: options.intervalMs,
    fetchPage: async (cursor) => {
      const page = await options.policy.execute((signal) => options.repository.changesSince(cursor, signal));
      return {
        items: page.changes.map((change) => fromRepositoryChange(change)),
        cursor: page.changes.length > 0 ? page.nextSince : cursor,
      };
    },
    describe: (change) => ({
      sourceEventId: change.changeId,
      ...(change.contract
        ? { entity: { key: change.contract.repositoryId, occurredAt: change.occurredAt, sequence: change.contract.version } }
        : {}),
    }),
    inbound: defineInboundQueue<RepositoryChange>({
      jobs: options.jobs,
      source: CONTRACT_REPOSITORY_SOURCE,
      process: (event, change) =>
        processInboundEvent(options.db, { inboundEvents, inboundEntityVersions }, event, async (tx) => {
          // An unreadable contract cannot become readable by trying again: straight to the dead letters.
          if (!change.contract) throw new PermanentError(`Unreadable contract change: ${change.problem}`);
          const applied = await applyContract(tx, change.contract);
          if (!applied)
            log.warn(
              { changeId: change.changeId, vendorNumber: change.contract.vendorNumber },
              'contract of a supplier not known yet kept pending until the supplier is linked',
            );
        }),
    }),
  });
}

/**
 * Upserts the contract and its price terms, records it SYNCED and announces it. A contract whose
 * supplier is not known yet is kept pending (false) and applied when the supplier is linked.
 */
export async function applyContract(tx: Transaction, snapshot: RepositoryContractSnapshot): Promise<boolean> {
  const [existing] = await tx.select().from(contracts).where(eq(contracts.repositoryId, snapshot.repositoryId));
  const supplierId = existing?.supplierId ?? (await supplierOfVendorNumber(tx, snapshot.vendorNumber));
  if (!supplierId) {
    await keepPending(tx, snapshot);
    return false;
  }
  const now = new Date();
  const values = {
    number: snapshot.number,
    title: snapshot.title,
    status: snapshot.status,
    effectiveFrom: snapshot.effectiveFrom,
    effectiveTo: snapshot.effectiveTo,
    currency: snapshot.currency,
    vendorNumber: snapshot.vendorNumber,
    repositoryVersion: snapshot.version,
    updatedAt: now,
    lastSyncedAt: now,
  };
  const [contract] = existing
    ? await tx.update(contracts).set(values).where(eq(contracts.id, existing.id)).returning()
    : await tx
        .insert(contracts)
        .values({ id: newId(), supplierId, repositoryId: snapshot.repositoryId, ...values })
        .returning();
  await tx.delete(priceTerms).where(eq(priceTerms.contractId, contract!.id));
  if (snapshot.priceTerms.length > 0)
    await tx.insert(priceTerms).values(snapshot.priceTerms.map((term) => ({ contractId: contract!.id, ...term })));
  await recordSyncState(tx, syncStatus, {
    entityId: contract!.id,
    system: 'CONTRACT_REPOSITORY',
    state: 'SYNCED',
    attempts: 1,
    lastError: null,
  });
  await appendToOutbox(tx, outbox, {
    topic: CONTRACT_CHANGED,
    aggregateId: contract!.id,
    payload: contractChangedPayload(contract!, snapshot.priceTerms),
  });
  return true;
}

/**
 * A new contract's counterparty is the supplier linked to its ERP supplier number; a supplier
 * seeded with contracts but never linked is still found through its other contracts.
 */
async function supplierOfVendorNumber(tx: Transaction, vendorNumber: string | null): Promise<string | null> {
  if (!vendorNumber) return null;
  await lockVendorNumber(tx, vendorNumber);
  const [linked] = await tx
    .select({ supplierId: supplierLinks.supplierId })
    .from(supplierLinks)
    .where(eq(supplierLinks.erpSupplierNumber, vendorNumber))
    .limit(1);
  if (linked) return linked.supplierId;
  const [sibling] = await tx
    .select({ supplierId: contracts.supplierId })
    .from(contracts)
    .where(eq(contracts.vendorNumber, vendorNumber))
    .limit(1);
  return sibling?.supplierId ?? null;
}

/** Keeps the latest version of a contract waiting for its supplier. */
async function keepPending(tx: Transaction, snapshot: RepositoryContractSnapshot): Promise<void> {
  const pending = { vendorNumber: snapshot.vendorNumber, version: snapshot.version, snapshot };
  await tx
    .insert(pendingContracts)
    .values({ repositoryId: snapshot.repositoryId, ...pending })
    .onConflictDoUpdate({ target: pendingContracts.repositoryId, set: pending, setWhere: lte(pendingContracts.version, snapshot.version) });
}

/** Applies the contracts that were waiting for the supplier with this ERP supplier number. */
export async function applyPendingContracts(tx: Transaction, erpSupplierNumber: string): Promise<number> {
  const waiting = await tx.delete(pendingContracts).where(eq(pendingContracts.vendorNumber, erpSupplierNumber)).returning();
  for (const { snapshot } of waiting) await applyContract(tx, snapshot);
  return waiting.length;
}

function contractChangedPayload(contract: ContractRow, terms: RepositoryContractSnapshot['priceTerms']) {
  return {
    contractId: contract.id,
    supplierId: contract.supplierId,
    number: contract.number,
    status: contract.status,
    effectiveFrom: contract.effectiveFrom,
    effectiveTo: contract.effectiveTo,
    currency: contract.currency,
    priceTerms: terms.map((term) => ({
      itemNumber: term.itemNumber,
      unitPrice: formatDecimal(term.unitPrice),
      unitOfMeasure: term.unitOfMeasure,
    })),
  };
}
