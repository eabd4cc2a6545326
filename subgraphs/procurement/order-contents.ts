import { eq } from 'drizzle-orm';
import type { Queryable } from '@procuregraph/platform/db';
import { facilities, purchaseOrderLines, type PurchaseOrderRow } from './db/tables.ts';

/** What every channel an order is sent through needs besides its header: its lines in order and where it ships to. */
export async function orderContents(db: Queryable, order: PurchaseOrderRow) {
  const lines = await db
    .select()
    .from(purchaseOrderLines)
    .where(eq(purchaseOrderLines.purchaseOrderId, order.id))
    .orderBy(purchaseOrderLines.lineNumber);
  const [facility] = order.facilityId ? await db.select().from(facilities).where(eq(facilities.id, order.facilityId)) : [];
  return { lines, facility };
}
