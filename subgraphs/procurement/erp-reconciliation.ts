import { eq, gt, inArray, isNotNull, and } from 'drizzle-orm';
import type { ErpClient, PurchaseOrder } from '@procuregraph/connector-erp';
import type { Database, Transaction } from '@procuregraph/platform/db';
import type { Logger } from '@procuregraph/platform/logging';
import { decimal, formatDecimal } from '@procuregraph/platform/money';
import {
  canonicalPageOf,
  decimalField,
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
import { purchaseOrderLines, purchaseOrders, type PurchaseOrderRow } from './db/tables.ts';
import { applyOrderIssued, canonicalLinesOf } from './erp-feed.ts';
import { ErpMappingError, fromErpOrder, type ErpOrderSnapshot } from './erp-mapping.ts';
import { emitOrderEvent, PURCHASE_ORDER_CHANGED, requestPublication } from './events.ts';

/**
 * Procurement's part of an ERP reconciliation: the ERP's purchase orders against the canonical
 * ones linked to them. ERP purchasing is the record for an order (status, lines, total), so drift
 * is pulled: the canonical order takes the ERP's, `purchase_order.changed` tells invoicing (which
 * matches against it), and the portal is sent the order again. An order only the ERP has is
 * stored as if its event had come; one the ERP lost is left to a person.
 */

const PAGE_SIZE = 100;

const orderKey = (poHeaderId: number | string) => `erp-purchase-order:${poHeaderId}`;

const orderRecord = (poHeaderId: number | string): ComparedRecord => ({
  recordType: 'PURCHASE_ORDER',
  recordKey: orderKey(poHeaderId),
  externalId: String(poHeaderId),
  systemOfRecord: 'ERP',
});

type OrderLine = { lineNumber: number; itemNumber: string; quantity: string; unitOfMeasure: string; unitPrice: string };

/** An order's lines as comparable text: number, item, quantity, unit and price of each, in line order. */
function linesText(lines: readonly OrderLine[]): string {
  return [...lines]
    .sort((a, b) => a.lineNumber - b.lineNumber)
    .map(
      (line) =>
        `${line.lineNumber}: ${line.itemNumber} ${formatDecimal(decimal(line.quantity))} ${line.unitOfMeasure} @ ${formatDecimal(decimal(line.unitPrice))}`,
    )
    .join('; ');
}

/** The canonical order takes the ERP's status, lines and total; invoicing and the portal hear of it. */
async function pullChangedOrder(tx: Transaction, orderId: string, snapshot: ErpOrderSnapshot): Promise<'REPAIRED'> {
  const now = new Date();
  const [changed] = await tx
    .update(purchaseOrders)
    .set({ status: snapshot.status, total: decimal(snapshot.total).toFixed(2), lastSyncedAt: now, updatedAt: now })
    .where(eq(purchaseOrders.id, orderId))
    .returning();
  const lines = canonicalLinesOf(orderId, snapshot);
  await tx.delete(purchaseOrderLines).where(eq(purchaseOrderLines.purchaseOrderId, orderId));
  if (lines.length > 0) await tx.insert(purchaseOrderLines).values(lines);
  await emitOrderEvent(tx, PURCHASE_ORDER_CHANGED, changed!, lines);
  await requestPublication(tx, orderId);
  return 'REPAIRED';
}

function compareOrder(
  snapshot: ErpOrderSnapshot,
  canonical: (PurchaseOrderRow & { lines: OrderLine[] }) | undefined,
  log: Logger,
): FindingInput[] {
  const record = orderRecord(snapshot.poHeaderId);
  if (!canonical) {
    return [
      missingInCanonical(record, `${snapshot.orderNumber} ${snapshot.status} ${snapshot.total} ${snapshot.currency}`, async (tx) =>
        (await applyOrderIssued(tx, snapshot, log)) ? 'REPAIRED' : 'OPEN',
      ),
    ];
  }
  return fieldMismatches(
    record,
    canonical.id,
    [
      ['status', canonical.status, snapshot.status],
      ['lines', linesText(canonical.lines), linesText(snapshot.lines)],
      decimalField('total', canonical.total, snapshot.total),
    ],
    (tx) => pullChangedOrder(tx, canonical.id, snapshot),
  );
}

/** The ERP orders procurement can read; one it cannot is skipped here, as the feed parks the same order. */
function readableOrders(items: readonly PurchaseOrder[], log: Logger): ErpOrderSnapshot[] {
  return items.flatMap((item) => {
    try {
      return [fromErpOrder(item)];
    } catch (error) {
      if (!(error instanceof ErpMappingError)) throw error;
      log.warn({ poHeaderId: item.POHeaderId, error: error.message }, 'ERP order not reconciled: unreadable');
      return [];
    }
  });
}

export function erpOrderComparer(db: Database, erp: ErpClient, policy: CallPolicy, logger: Logger): ReconciliationComparer {
  const log = logger.child({ component: 'erp-order-reconciliation' });

  async function canonicalOf(poHeaderIds: number[]): Promise<Map<number, PurchaseOrderRow & { lines: OrderLine[] }>> {
    if (poHeaderIds.length === 0) return new Map();
    const rows = await db.select().from(purchaseOrders).where(inArray(purchaseOrders.erpPoHeaderId, poHeaderIds));
    const lines =
      rows.length === 0
        ? []
        : await db
            .select()
            .from(purchaseOrderLines)
            .where(
              inArray(
                purchaseOrderLines.purchaseOrderId,
                rows.map((row) => row.id),
              ),
            );
    return new Map(rows.map((row) => [row.erpPoHeaderId!, { ...row, lines: lines.filter((line) => line.purchaseOrderId === row.id) }]));
  }

  return {
    async comparePage(checkpoint: Checkpoint | null, signal?: AbortSignal): Promise<ComparedPage> {
      const offset = Number(checkpoint?.offset ?? 0);
      const page = await policy.execute((callSignal) => erp.purchaseOrdersPage(offset, PAGE_SIZE, signal ?? callSignal));
      const canonical = await canonicalOf(page.items.map((item) => item.POHeaderId));
      return {
        compared: page.items.length,
        seenKeys: page.items.map((item) => orderKey(item.POHeaderId)),
        findings: readableOrders(page.items, log).flatMap((snapshot) => compareOrder(snapshot, canonical.get(snapshot.poHeaderId), log)),
        next: page.hasMore ? { offset: offset + page.items.length } : null,
      };
    },

    async canonicalPage(afterKey: string | null): Promise<CanonicalPage> {
      const rows = await db
        .select({ id: purchaseOrders.id, erpPoHeaderId: purchaseOrders.erpPoHeaderId, number: purchaseOrders.number })
        .from(purchaseOrders)
        .where(
          and(isNotNull(purchaseOrders.erpPoHeaderId), afterKey === null ? undefined : gt(purchaseOrders.erpPoHeaderId, Number(afterKey))),
        )
        .orderBy(purchaseOrders.erpPoHeaderId)
        .limit(PAGE_SIZE);
      return canonicalPageOf(
        rows,
        PAGE_SIZE,
        (row) => String(row.erpPoHeaderId),
        (row) => missingInSystem(orderRecord(row.erpPoHeaderId!), row.id, row.number),
      );
    },
  };
}
