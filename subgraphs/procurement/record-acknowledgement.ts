import { and, eq, ne } from 'drizzle-orm';
import { recordBusinessEvent } from '@procuregraph/platform/business';
import { type JourneySystem, type Queryable, recordJourneyStep } from '@procuregraph/platform/db';
import { procurementSchema, purchaseOrderLines, purchaseOrders, type LineAcknowledgmentStatus } from './db/tables.ts';

/** Where a supplier answered: its portal, or an EDI 855 from its system. */
const channels = {
  PORTAL: { system: 'VENDOR_PLATFORM', accepted: 'acknowledged on the portal', rejected: 'rejected on the portal' },
  EDI: { system: 'FILES', accepted: 'acknowledged by EDI 855', rejected: 'rejected by EDI 855' },
} as const satisfies Record<string, { system: JourneySystem; accepted: string; rejected: string }>;

export interface LineAcknowledgement {
  lineNumber: number;
  status: LineAcknowledgmentStatus;
  quantity: string;
  unitPrice: string;
  shipDate: string | null;
}

export interface OrderAcknowledgement {
  purchaseOrderId: string;
  accepted: boolean;
  channel: keyof typeof channels;
  /** Line by line, when the supplier answered so (an 855 does; the portal answers the whole order). */
  lines?: readonly LineAcknowledgement[];
}

/**
 * A supplier answered an order: a step of the order's journey either way. An acceptance
 * acknowledges the order (once: its perfect-order lines count from then); a rejection leaves it
 * PUBLISHED: the buyer follows it up, nothing here changes on its own.
 */
export async function recordOrderAcknowledgement(db: Queryable, acknowledgement: OrderAcknowledgement): Promise<void> {
  const { purchaseOrderId, accepted } = acknowledgement;
  const channel = channels[acknowledgement.channel];
  const [order] = await db.select({ id: purchaseOrders.id }).from(purchaseOrders).where(eq(purchaseOrders.id, purchaseOrderId));
  if (!order) return;
  await recordLineAnswers(db, purchaseOrderId, acknowledgement.lines ?? []);
  if (accepted) await acknowledge(db, purchaseOrderId);
  // The step last: whoever sees it already sees the order state it speaks of.
  await recordJourneyStep(db, {
    entityId: purchaseOrderId,
    service: procurementSchema.schemaName,
    system: channel.system,
    action: accepted ? channel.accepted : channel.rejected,
    outcome: 'SUCCEEDED',
  });
}

async function acknowledge(db: Queryable, purchaseOrderId: string): Promise<void> {
  const [acknowledged] = await db
    .update(purchaseOrders)
    .set({ publicationState: 'ACKNOWLEDGED', updatedAt: new Date() })
    .where(and(eq(purchaseOrders.id, purchaseOrderId), ne(purchaseOrders.publicationState, 'ACKNOWLEDGED')))
    .returning({ supplierId: purchaseOrders.supplierId });
  if (acknowledged) {
    await recordBusinessEvent(db, { kind: 'ORDER_ACKNOWLEDGED', supplierId: acknowledged.supplierId, entityId: purchaseOrderId });
  }
}

/** A line the order does not have is left out: the order's own lines are what the graph shows. */
async function recordLineAnswers(db: Queryable, purchaseOrderId: string, lines: readonly LineAcknowledgement[]): Promise<void> {
  for (const line of lines) {
    await db
      .update(purchaseOrderLines)
      .set({
        acknowledgmentStatus: line.status,
        acknowledgedQuantity: line.quantity,
        acknowledgedUnitPrice: line.unitPrice,
        acknowledgedShipDate: line.shipDate,
      })
      .where(and(eq(purchaseOrderLines.purchaseOrderId, purchaseOrderId), eq(purchaseOrderLines.lineNumber, line.lineNumber)));
  }
}
