import { and, gt, inArray } from 'drizzle-orm';
import type { PublishedOrder, VendorPlatformClient } from '@procuregraph/connector-vendor-platform';
import { isUuid, type Database, type Transaction } from '@procuregraph/platform/db';
import { decimal } from '@procuregraph/platform/money';
import {
  PROCUREGRAPH,
  type CanonicalPage,
  type Checkpoint,
  type ComparedPage,
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

function compareOrder(portal: PublishedOrder, canonical: PurchaseOrderRow | undefined): FindingInput[] {
  const base = {
    recordType: 'PURCHASE_ORDER' as const,
    recordKey: orderKey(portal.externalId),
    externalId: portal.externalId,
    systemOfRecord: PROCUREGRAPH,
  };
  if (!canonical) return [{ ...base, recordId: null, kind: 'MISSING_IN_CANONICAL', systemValue: portal.poNumber }];
  const mismatch = (field: string, canonicalValue: string | null, systemValue: string): FindingInput => ({
    ...base,
    recordId: canonical.id,
    kind: 'FIELD_MISMATCH',
    field,
    canonicalValue,
    systemValue,
    repair: republish,
  });
  const findings: FindingInput[] = [];
  if (canonical.number !== portal.poNumber) findings.push(mismatch('number', canonical.number, portal.poNumber));
  if (!decimal(canonical.total).equals(decimal(portal.total.value))) findings.push(mismatch('total', canonical.total, portal.total.value));
  return findings;
}

export function portalOrderComparer(db: Database, portal: VendorPlatformClient, policy: CallPolicy): ReconciliationComparer {
  return {
    async comparePage(checkpoint: Checkpoint | null, signal?: AbortSignal): Promise<ComparedPage> {
      const cursor = typeof checkpoint?.cursor === 'string' ? checkpoint.cursor : null;
      const page = await policy.execute((callSignal) => portal.publishedOrdersPage(cursor, PAGE_SIZE, signal ?? callSignal));
      const ids = page.items.map((item) => item.externalId).filter(isUuid);
      const rows = ids.length === 0 ? [] : await db.select().from(purchaseOrders).where(inArray(purchaseOrders.id, ids));
      const byId = new Map(rows.map((row) => [row.id, row]));
      return {
        compared: page.items.length,
        seenKeys: page.items.map((item) => orderKey(item.externalId)),
        findings: page.items.flatMap((item) => compareOrder(item, byId.get(item.externalId))),
        next: page.nextCursor ? { cursor: page.nextCursor } : null,
      };
    },

    async canonicalPage(afterKey: string | null): Promise<CanonicalPage> {
      const rows = await db
        .select({ id: purchaseOrders.id, number: purchaseOrders.number })
        .from(purchaseOrders)
        .where(
          and(inArray(purchaseOrders.publicationState, [...PUBLISHED]), afterKey === null ? undefined : gt(purchaseOrders.id, afterKey)),
        )
        .orderBy(purchaseOrders.id)
        .limit(PAGE_SIZE);
      return {
        records: rows.map((row) => ({
          recordKey: orderKey(row.id),
          finding: {
            recordType: 'PURCHASE_ORDER',
            recordKey: orderKey(row.id),
            recordId: row.id,
            externalId: null,
            kind: 'MISSING_IN_SYSTEM',
            canonicalValue: row.number,
            systemOfRecord: PROCUREGRAPH,
            repair: republish,
          },
        })),
        next: rows.length < PAGE_SIZE ? null : rows.at(-1)!.id,
      };
    },
  };
}
