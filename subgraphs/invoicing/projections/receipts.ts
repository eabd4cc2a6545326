import { z } from 'zod';
import type { Transaction } from '@procuregraph/platform/db';
import { defineTopic } from '@procuregraph/platform/events';
import { receiptLineProjections } from '../db/tables.ts';

export const receiptRecorded = defineTopic(
  'receipt.recorded',
  z.object({
    receiptId: z.uuid(),
    purchaseOrderId: z.uuid(),
    receivedAt: z.iso.datetime({ offset: true }),
    lines: z.array(z.object({ lineNumber: z.number().int().positive(), quantityReceived: z.string() })),
  }),
);

export type ReceiptRecorded = ReturnType<typeof receiptRecorded.parse>;

/** A receipt does not change once recorded: writing it again changes nothing. */
export async function projectReceipt(tx: Transaction, receipt: ReceiptRecorded): Promise<void> {
  if (receipt.lines.length === 0) return;
  const receivedAt = new Date(receipt.receivedAt);
  await tx
    .insert(receiptLineProjections)
    .values(receipt.lines.map((line) => ({ receiptId: receipt.receiptId, purchaseOrderId: receipt.purchaseOrderId, receivedAt, ...line })))
    .onConflictDoNothing();
}
