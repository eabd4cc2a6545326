import { useCallback, useState } from 'preact/hooks';
import { html, useLoad, useOperationsChanged, Loading, Status, Filters, when } from '../view.js';
import { Table } from './suppliers.js';
import { EDI_DOCUMENTS } from '../operations.js';

const FILTERS = [
  ['direction', 'Direction', ['INBOUND', 'OUTBOUND']],
  ['type', 'Type', ['X12_810', 'X12_820', 'X12_850', 'X12_855', 'X12_997', 'CSV_INVOICES', 'CSV_REMITTANCE']],
  ['status', 'Status', ['ACCEPTED', 'ACCEPTED_WITH_ERRORS', 'REJECTED', 'DUPLICATE', 'SENT', 'ACKNOWLEDGED']],
];

const TOPICS = ['EDI_DOCUMENTS'];

/** The documents exchanged with partners, read again on each document received, sent or acknowledged. */
export function EdiDocuments({ graph }) {
  const live = useOperationsChanged(graph, TOPICS);
  const [filter, setFilter] = useState({});
  const state = useLoad(
    useCallback(() => graph.request(EDI_DOCUMENTS, { filter }), [graph, filter]),
    live,
  );
  return html`<section aria-labelledby="edi-title">
    <h1 id="edi-title">EDI documents</h1>
    <${Filters} filters=${FILTERS} filter=${filter} onChange=${setFilter} />
    <${Loading} state=${state}>
      <${Table}
        caption="Documents"
        rows=${state.data?.ediDocuments.nodes ?? []}
        columns=${[
          ['Type', (document) => document.type],
          ['Direction', (document) => document.direction],
          ['Partner', (document) => document.supplier?.legalName ?? '—'],
          ['Interchange', (document) => document.interchangeControlNumber ?? '—'],
          ['Status', (document) => html`<${Status} value=${document.status} />`],
          ['Acknowledgment', (document) => (document.overdue ? html`<strong class="error-text">overdue</strong>` : '—')],
          ['Record', record],
          ['Received', (document) => when(document.receivedAt)],
          [
            'Errors',
            (document) =>
              document.errors.length
                ? html`<ul>
                    ${document.errors.map((error) => html`<li class="error-text">${error.code} ${where(error)}: ${error.message}</li>`)}
                  </ul>`
                : 'none',
          ],
        ]}
      />
    <//>
  </section>`;
}

function record(document) {
  if (document.invoice) return `invoice ${document.invoice.invoiceNumber}`;
  if (document.purchaseOrder) return `order ${document.purchaseOrder.number ?? 'draft'}`;
  if (document.payment) return `payment ${document.payment.paymentNumber ?? '—'}`;
  return '—';
}

/** Where in the document an error is: segment, position and element as X12 names them, or a CSV row and column. */
function where(error) {
  return [error.segment, error.position, error.element].filter((part) => part !== null && part !== undefined).join(' ');
}
