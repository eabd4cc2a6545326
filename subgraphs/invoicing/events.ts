import { z } from 'zod';
import { defineTopic } from '@procuregraph/platform/events';
import { invoiceStatuses, matchTriggers, paymentStatuses } from './db/tables.ts';

/**
 * A payment changed status. Raised where a payment's status is written (the ERP's payment events
 * applied to the canonical table), delivered through the outbox; ids and statuses only, since a
 * notification must stay small and subscribers read the rest from the graph.
 */
const paymentStatusEvent = z.object({
  paymentId: z.uuid(),
  /** The first invoice the payment pays. */
  invoiceId: z.uuid(),
  /** Every invoice the payment pays that invoicing knows; absent in events written before it was added. */
  invoiceIds: z.array(z.uuid()).optional(),
  supplierId: z.uuid(),
  previousStatus: z.enum(paymentStatuses).nullish(),
  status: z.enum(paymentStatuses),
  occurredAt: z.iso.datetime({ offset: true }),
});

export const paymentStatusChanged = defineTopic('payment.status_changed', paymentStatusEvent);

/**
 * Invoicing's own: reconciliation found the portal showing a payment otherwise (or not at all), so
 * the status the graph holds is shown again, as of now. Not `payment.status_changed`: nothing changed.
 */
export const paymentPortalRepublishRequested = defineTopic('invoicing.payment.portal_republish_requested', paymentStatusEvent);

/**
 * A payment cleared for a supplier that takes remittances by file (820 or CSV, by its partner
 * profile): raised beside `payment.status_changed`, so only those payments get a remittance job.
 */
export const remittanceDue = defineTopic('invoicing.payment.remittance_due', paymentStatusEvent);

export type PaymentStatusChanged = ReturnType<typeof paymentStatusChanged.parse>;

/** The invoices a payment event is about (an event from before `invoiceIds` names its first only). */
export function invoicesOfPaymentEvent(event: PaymentStatusChanged): readonly string[] {
  return event.invoiceIds ?? [event.invoiceId];
}

/** An invoice was approved for payment: it is to be sent to ERP payables. */
export const invoiceApproved = defineTopic('invoice.approved', z.object({ invoiceId: z.uuid() }));

/**
 * A credit memo can go to ERP payables: raised when it is accepted on an invoice already there,
 * else when its invoice gets its ERP link, since the ERP credits only an invoice it holds.
 */
export const creditMemoReadyForErp = defineTopic('credit_memo.ready_for_erp', z.object({ creditMemoId: z.uuid() }));

/** A supplier-submitted (portal) invoice changed status: the supplier is to be told on the portal. */
export const invoiceStatusChanged = defineTopic(
  'invoice.status_changed',
  z.object({ invoiceId: z.uuid(), status: z.enum(invoiceStatuses) }),
);

/** A fact an invoice was matched on arrived or changed: the invoice is to be matched again. */
export const invoiceRematchRequested = defineTopic(
  'invoice.rematch_requested',
  z.object({ invoiceId: z.uuid(), trigger: z.enum(matchTriggers) }),
);

/** A 997 we answered an interchange with is recorded: its file is to be written to the partner's outbox folder. */
export const acknowledgmentToDeliver = defineTopic(
  'edi.acknowledgment_to_deliver',
  z.object({ documentId: z.uuid(), partnerInterchangeId: z.string(), fileName: z.string() }),
);

/** An 855 from an order's own supplier passed the interchange checks: procurement records it on the order. */
export const orderAcknowledgedByEdi = defineTopic(
  'edi.order_acknowledged',
  z.object({
    transactionKey: z.string(),
    purchaseOrderId: z.string(),
    orderNumber: z.string(),
    supplierId: z.string(),
    accepted: z.boolean(),
    lines: z.array(
      z.object({
        lineNumber: z.number().int(),
        status: z.enum(['ACCEPTED', 'CHANGED', 'REJECTED']),
        quantity: z.string(),
        unitPrice: z.string(),
        shipDate: z.string().nullable(),
      }),
    ),
  }),
);
