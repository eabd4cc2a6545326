import { useCallback } from 'preact/hooks';
import { html, useLoad, useLive, useOperationsChanged, everyMinute, Loading, Status, money, when } from '../view.js';
import { Journey } from './journey.js';
import { ORDER_RECORD, INVOICE_RECORD, PAYMENT_RECORD } from '../operations.js';

/** The records with a view of their own, by the path that opens one (`#/orders/<id>`, …). */
export const RECORDS = {
  orders: {
    of: 'purchaseOrder',
    query: ORDER_RECORD,
    noun: 'Order',
    name: (order) => order.number ?? 'draft',
    facts: (order) => [
      ['Ordered', order.orderDate],
      ['Total', money(order.total)],
    ],
  },
  invoices: {
    of: 'invoice',
    query: INVOICE_RECORD,
    noun: 'Invoice',
    name: (invoice) => invoice.invoiceNumber,
    facts: (invoice) => [
      ['Total', money(invoice.total)],
      ['Due', money(invoice.amountDue)],
    ],
  },
  payments: {
    of: 'payment',
    query: PAYMENT_RECORD,
    noun: 'Payment',
    name: (payment) => payment.paymentNumber ?? 'not numbered yet',
    facts: (payment) => [
      ['Amount', money(payment.amount)],
      ['Paid', when(payment.paidAt)],
    ],
  },
};

const TOPICS = ['JOURNEYS'];

/**
 * An order, invoice or payment with its journey (the supplier 360's timeline), read again on each
 * step added to its journey, and once a minute for a step that becomes stuck by waiting.
 */
export function RecordView({ graph, kind, id }) {
  const record = RECORDS[kind];
  const steps = useOperationsChanged(graph, TOPICS, id);
  const minutes = useLive(everyMinute);
  const live = steps + minutes;
  const state = useLoad(
    useCallback(() => graph.request(record.query, { id }), [graph, record, id]),
    live,
  );
  const found = state.data?.[record.of];
  return html`<section aria-labelledby="record-title">
    <${Loading} state=${state}>
      ${found === null && html`<p role="alert">No such ${record.noun.toLowerCase()}, or not one you may see.</p>`}
      ${
        found &&
        html`<h1 id="record-title">${record.noun} ${record.name(found)} <${Status} value=${found.status} /></h1>
          <dl>
            <dt>Supplier</dt>
            <dd><a href=${`#/suppliers/${found.supplier.id}`}>${found.supplier.legalName}</a></dd>
            ${record.facts(found).map(
              ([label, value]) =>
                html`<dt>${label}</dt>
                  <dd>${value}</dd>`,
            )}
          </dl>
          <${Journey} graph=${graph} of=${record.of} id=${id} refreshKey=${live} />`
      }
    <//>
  </section>`;
}
