import { and, gt, inArray, isNotNull } from 'drizzle-orm';
import type { PublishedOrder, VendorPlatformClient } from '@procuregraph/connector-vendor-platform';
import { isUuid, type Database, type Transaction } from '@procuregraph/platform/db';
import {
  canonicalPageOf,
  compareCursorPage,
  decimalField,
  fieldMismatches,
  missingInCanonical,
  missingInSystem,
  PROCUREGRAPH,
  type CanonicalPage,
  type Checkpoint,
  type ComparedPage,
  type ComparedRecord,
  type FindingInput,
  type ReconciliationComparer,
} from '@procuregraph/platform/reconciliation';
import type { CallPolicy } from '@procuregraph/platform/resilience';
import { purchaseOrders, type PurchaseOrderRow } from './db/tables.ts';
import { requestPublication } from './events.ts';

/**
 * Procurement's part of a vendor-platform reconciliation: the orders the supplier portal shows
 * against the canonical orders published there. Procuregraph is the record for what it publishes,
 * so an order missing from the portal, or shown there with another number or total, is published
 * again (the portal's PUT is an idempotent upsert).
 */

const PAGE_SIZE = 200;
const PUBLISHED = ['PUBLISHED', 'ACKNOWLEDGED'] as const;

const orderKey = (orderId: string) => `purchase-order:${orderId}`;

async function republish(tx: Transaction, finding: { recordId: string | null }): Promise<'REPAIRED'> {
  await requestPublication(tx, finding.recordId!);
  return 'REPAIRED';
}

/** `listedAs`: the id the portal lists it under (ours), null when the portal does not list it. */
const orderRecord = (orderId: string, listedAs: string | null): ComparedRecord => ({
  recordType: 'PURCHASE_ORDER',
  recordKey: orderKey(orderId),
  externalId: listedAs,
  systemOfRecord: PROCUREGRAPH,
});

function compareOrder(portal: PublishedOrder, canonical: PurchaseOrderRow | undefined): FindingInput[] {
  const record = orderRecord(portal.externalId, portal.externalId);
  if (!canonical) return [missingInCanonical(record, portal.poNumber)];
  return fieldMismatches(
    record,
    canonical.id,
    [['number', canonical.number, portal.poNumber], decimalField('total', canonical.total, portal.total.value)],
    republish,
  );
}

export function portalOrderComparer(db: Database, portal: VendorPlatformClient, policy: CallPolicy): ReconciliationComparer {
  return {
    comparePage: (checkpoint: Checkpoint | null, signal?: AbortSignal): Promise<ComparedPage> =>
      compareCursorPage(
        {
          read: (cursor, pageSignal) =>
            policy.execute((callSignal) => portal.publishedOrdersPage(cursor, PAGE_SIZE, pageSignal ?? callSignal)),
          canonicalOf: async (items) => {
            const ids = items.map((item) => item.externalId).filter(isUuid);
            const rows = ids.length === 0 ? [] : await db.select().from(purchaseOrders).where(inArray(purchaseOrders.id, ids));
            return new Map(rows.map((row) => [row.id, row]));
          },
          itemId: (item) => item.externalId,
          recordKey: (item) => orderKey(item.externalId),
          compare: compareOrder,
        },
        checkpoint,
        signal,
      ),

    async canonicalPage(afterKey: string | null): Promise<CanonicalPage> {
      const rows = await db
        .select({ id: purchaseOrders.id, number: purchaseOrders.number })
        .from(purchaseOrders)
        .where(
          and(
            inArray(purchaseOrders.publicationState, [...PUBLISHED]),
            // An EDI_ONLY order acknowledged by an 855 was never on the portal: nothing to miss there.
            isNotNull(purchaseOrders.publishedAt),
            afterKey === null ? undefined : gt(purchaseOrders.id, afterKey),
          ),
        )
        .orderBy(purchaseOrders.id)
        .limit(PAGE_SIZE);
      return canonicalPageOf(
        rows,
        PAGE_SIZE,
        (row) => row.id,
        (row) => missingInSystem(orderRecord(row.id, null), row.id, row.number, republish),
      );
    },
  };
}
