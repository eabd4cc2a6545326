import { z } from 'zod';
import type { Database } from '@procuregraph/platform/db';
import { processInboundEvent, type InboundOutcome } from '@procuregraph/platform/inbound';
import { inboundEntityVersions, inboundEvents, lineAcknowledgmentStatuses } from '../db/tables.ts';
import { recordOrderAcknowledgement } from '../record-acknowledgement.ts';

/** `edi.order_acknowledged`, as invoicing's EDI intake publishes it once an 855 passed its checks. */
const orderAcknowledged = z.object({
  transactionKey: z.string().min(1),
  purchaseOrderId: z.string().min(1),
  orderNumber: z.string().min(1),
  supplierId: z.string().min(1),
  accepted: z.boolean(),
  lines: z.array(
    z.object({
      lineNumber: z.number().int(),
      status: z.enum(lineAcknowledgmentStatuses),
      quantity: z.string(),
      unitPrice: z.string(),
      // Absent from events published before 855 ship dates were read.
      shipDate: z.string().nullable().default(null),
    }),
  ),
});

/**
 * The job behind `edi.order_acknowledged`: records the 855 on the order as a portal answer is
 * recorded. Keyed by the transaction set (sender, ISA13, ST02), so a redelivered job applies once.
 */
export function applyEdiOrderAcknowledgment(db: Database, payload: unknown): Promise<InboundOutcome> {
  const event = orderAcknowledged.parse(payload);
  return processInboundEvent(
    db,
    { inboundEvents, inboundEntityVersions },
    { source: 'edi-855', sourceEventId: event.transactionKey },
    (tx) =>
      recordOrderAcknowledgement(tx, {
        purchaseOrderId: event.purchaseOrderId,
        accepted: event.accepted,
        channel: 'EDI',
        lines: event.lines,
      }),
  );
}
