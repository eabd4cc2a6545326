import { useCallback, useState } from 'preact/hooks';
import { html, useLoad, useLive, Loading, Status, money, when } from '../view.js';
import {
  PIPELINE,
  SUPPLIER_STATUS_CHANGED,
  APPROVE_SUPPLIER,
  REJECT_SUPPLIER,
  SUPPLIER_360,
  PAYMENT_CHANGED,
  ONE_SUPPLIER_STATUS_CHANGED,
} from '../operations.js';
import { Journey } from './journey.js';

const mayDecide = (role) => role === 'admin' || role === 'procurement';

export function Suppliers({ graph, session }) {
  const live = useLive(useCallback((tick) => graph.subscribe(SUPPLIER_STATUS_CHANGED, {}, tick), [graph]));
  const state = useLoad(
    useCallback(() => graph.request(PIPELINE), [graph]),
    live,
  );
  const [message, setMessage] = useState(undefined);
  const decided = (errors) => setMessage(errors.length ? errors.map((error) => `${error.code}: ${error.message}`).join('; ') : undefined);
  return html`<section aria-labelledby="suppliers-title">
    <h1 id="suppliers-title">Suppliers</h1>
    ${message && html`<p role="alert" class="error">${message}</p>`}
    <${Loading} state=${state}>
      <h2>Pending approval</h2>
      <ul class="rows">
        ${state.data?.pending.nodes.map(
          (supplier) =>
            html`<li>
              <a href=${`#/suppliers/${supplier.id}`}>${supplier.legalName}</a> <span>${supplier.category}</span>
              ${mayDecide(session.role) && html`<${Decision} graph=${graph} supplier=${supplier} onDone=${decided} />`}
            </li>`,
        )}
      </ul>
      <h2>On hold</h2>
      <ul class="rows">
        ${state.data?.onHold.nodes.map(
          (supplier) =>
            html`<li>
              <a href=${`#/suppliers/${supplier.id}`}>${supplier.legalName}</a>
              <span>${supplier.holds.map((hold) => `${hold.reason} since ${when(hold.since)}`).join('; ') || 'no hold recorded'}</span>
            </li>`,
        )}
      </ul>
    <//>
  </section>`;
}

function Decision({ graph, supplier, onDone }) {
  const [reason, setReason] = useState('');
  const reject = async (event) => {
    event.preventDefault();
    onDone((await graph.request(REJECT_SUPPLIER, { id: supplier.id, reason })).rejectSupplier.userErrors);
  };
  return html`<span class="actions">
    <button
      type="button"
      onClick=${async () => onDone((await graph.request(APPROVE_SUPPLIER, { id: supplier.id })).approveSupplier.userErrors)}
    >
      Approve <span class="visually-hidden">${supplier.legalName}</span>
    </button>
    <form class="inline" onSubmit=${reject}>
      <label
        >Reason to reject <span class="visually-hidden">${supplier.legalName}</span>
        <input required minlength="3" value=${reason} onInput=${(event) => setReason(event.currentTarget.value)}
      /></label>
      <button type="submit">Reject</button>
    </form>
  </span>`;
}

/**
 * One supplier across every subgraph, live: a payment or status change redraws it. With the
 * journey (staff), each order, invoice and payment links to its own view with its journey.
 */
export function Supplier360({ graph, id, heading = 'Supplier 360', withJourney = false }) {
  const payments = useLive(useCallback((tick) => graph.subscribe(PAYMENT_CHANGED, { supplierId: id }, tick), [graph, id]));
  const status = useLive(useCallback((tick) => graph.subscribe(ONE_SUPPLIER_STATUS_CHANGED, { supplierId: id }, tick), [graph, id]));
  const state = useLoad(
    useCallback(() => graph.request(SUPPLIER_360, { id }), [graph, id]),
    payments + status,
  );
  const supplier = state.data?.supplier;
  return html`<section aria-labelledby="supplier-title">
    <${Loading} state=${state}>
      ${supplier === null && html`<p role="alert">No such supplier, or not one you may see.</p>`}
      ${
        supplier &&
        html`<h1 id="supplier-title">${heading}: ${supplier.legalName} <${Status} value=${supplier.status} /></h1>
          <p>
            ${[
              supplier.supplierNumber,
              supplier.category,
              `insurance ${supplier.insuranceStatus}`,
              supplier.rejectionReason && `rejected: ${supplier.rejectionReason}`,
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
          ${supplier.holds.length > 0 && html`<p>On hold: ${supplier.holds.map((hold) => `${hold.reason} since ${when(hold.since)}`).join('; ')}</p>`}
          <${Table}
            caption="Purchase orders"
            rows=${supplier.purchaseOrders.nodes}
            columns=${[
              ['Number', (o) => recordLink(withJourney, 'orders', o.id, o.number ?? 'draft')],
              ['Status', (o) => html`<${Status} value=${o.status} />`],
              ['Date', (o) => o.orderDate],
              ['Total', (o) => money(o.total)],
            ]}
          />
          <${Table}
            caption="Invoices"
            rows=${supplier.invoices.nodes}
            columns=${[
              ['Number', (i) => recordLink(withJourney, 'invoices', i.id, i.invoiceNumber)],
              ['Status', (i) => html`<${Status} value=${i.status} />`],
              ['Total', (i) => money(i.total)],
              ['Due', (i) => money(i.amountDue)],
            ]}
          />
          <${Table}
            caption="Payments"
            rows=${supplier.payments.nodes}
            columns=${[
              ['Number', (p) => recordLink(withJourney, 'payments', p.id, p.paymentNumber ?? 'not numbered yet')],
              ['Status', (p) => html`<${Status} value=${p.status} />`],
              ['Amount', (p) => money(p.amount)],
              ['Paid', (p) => when(p.paidAt)],
            ]}
          />
          <${Table}
            caption="Contracts"
            rows=${supplier.contracts.nodes}
            columns=${[
              ['Number', (c) => c.number],
              ['Title', (c) => c.title],
              ['Status', (c) => html`<${Status} value=${c.status} />`],
              ['Ends', (c) => c.effectiveTo ?? '—'],
            ]}
          />
          <${Table}
            caption="Sync with backing systems"
            rows=${supplier.syncStatus}
            columns=${[
              ['System', (s) => s.system],
              ['State', (s) => html`<${Status} value=${s.state} />`],
              ['Attempts', (s) => s.attempts],
              ['Last error', (s) => s.lastError ?? '—'],
            ]}
          />
          ${withJourney && html`<${Journey} graph=${graph} of="supplier" id=${id} refreshKey=${payments + status} />`}`
      }
    <//>
  </section>`;
}

/** A record's number, as a link to its own view (`#/orders/<id>`, …) where there is one. */
function recordLink(linked, path, id, text) {
  return linked ? html`<a href=${`#/${path}/${id}`}>${text}</a>` : text;
}

export function Table({ caption, rows, columns }) {
  return html`<table>
    <caption>
      ${caption} (${rows.length})
    </caption>
    <thead>
      <tr>
        ${columns.map(([label]) => html`<th scope="col">${label}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr>
            ${columns.map(([, cell]) => html`<td>${cell(row)}</td>`)}
          </tr>`,
      )}
    </tbody>
  </table>`;
}
