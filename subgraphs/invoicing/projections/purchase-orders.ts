import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Transaction } from '@procuregraph/platform/db';
import { defineTopic } from '@procuregraph/platform/events';
import { purchaseOrderLineProjections, purchaseOrderProjections } from '../db/tables.ts';

const purchaseOrderState = z.object({
  purchaseOrderId: z.uuid(),
  number: z.string().min(1),
  supplierId: z.uuid(),
  contractId: z.uuid().nullish(),
  status: z.string().min(1),
  orderDate: z.string().date(),
  currency: z.string().min(3).default('USD'),
  lines: z.array(
    z.object({ lineNumber: z.number().int().positive(), itemNumber: z.string(), quantity: z.string(), unitPrice: z.string() }),
  ),
});

/** Procurement's events: each carries the whole order, so the newest one replaces the projection. */
export const purchaseOrderIssued = defineTopic('purchase_order.issued', purchaseOrderState);
export const purchaseOrderChanged = defineTopic('purchase_order.changed', purchaseOrderState);

export type PurchaseOrderState = z.infer<typeof purchaseOrderState>;

export async function projectPurchaseOrder(tx: Transaction, order: PurchaseOrderState, occurredAt: Date): Promise<void> {
  const { lines, ...header } = order;
  const row = { ...header, contractId: header.contractId ?? null, updatedAt: occurredAt };
  await tx.insert(purchaseOrderProjections).values(row).onConflictDoUpdate({ target: purchaseOrderProjections.purchaseOrderId, set: row });
  await tx.delete(purchaseOrderLineProjections).where(eq(purchaseOrderLineProjections.purchaseOrderId, order.purchaseOrderId));
  if (lines.length > 0)
    await tx.insert(purchaseOrderLineProjections).values(lines.map((line) => ({ ...line, purchaseOrderId: order.purchaseOrderId })));
}
