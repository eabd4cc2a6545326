import { useCallback, useState } from 'preact/hooks';
import { html, useLoad, Loading, Status, money } from '../view.js';
import { EXCEPTION_QUEUE, INVOICE_DETAIL, RESOLVE_EXCEPTION, APPROVE_INVOICE } from '../operations.js';

const QUEUES = [
  ['ACCOUNTS_PAYABLE', 'Accounts payable'],
  ['BUYER', 'Buyer'],
  ['CONTRACT_MANAGEMENT', 'Contract management'],
];

export function Exceptions({ graph }) {
  const [queue, setQueue] = useState('ACCOUNTS_PAYABLE');
  const [selected, setSelected] = useState(undefined);
  const [version, setVersion] = useState(0);
  const state = useLoad(
    useCallback(() => graph.request(EXCEPTION_QUEUE, { queue }), [graph, queue]),
    version,
  );
  return html`<section aria-labelledby="exceptions-title">
    <h1 id="exceptions-title">Exception queues</h1>
    <div role="group" aria-label="Queue" class="tabs">
      ${QUEUES.map(
        ([value, label]) =>
          html`<button type="button" aria-pressed=${queue === value} onClick=${() => (setQueue(value), setSelected(undefined))}>
            ${label}
          </button>`,
      )}
    </div>
    <${Loading} state=${state}>
      <table>
        <caption>
          ${state.data?.invoices.totalCount} invoices in exception
        </caption>
        <thead>
          <tr>
            <th scope="col">Invoice</th>
            <th scope="col">Supplier</th>
            <th scope="col">Order</th>
            <th scope="col">Total</th>
            <th scope="col">Exceptions</th>
          </tr>
        </thead>
        <tbody>
          ${state.data?.invoices.nodes.map(
            (invoice) =>
              html`<tr>
                <td><button type="button" class="link" onClick=${() => setSelected(invoice.id)}>${invoice.invoiceNumber}</button></td>
                <td>${invoice.supplier.legalName}</td>
                <td>${invoice.purchaseOrder?.number ?? '—'}</td>
                <td>${money(invoice.total)}</td>
                <td>${invoice.match?.exceptions.map((exception) => exception.code).join(', ')}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    <//>
    ${selected && html`<${InvoiceDetail} graph=${graph} id=${selected} onChange=${() => setVersion((value) => value + 1)} />`}
  </section>`;
}

function InvoiceDetail({ graph, id, onChange }) {
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState(undefined);
  const state = useLoad(
    useCallback(() => graph.request(INVOICE_DETAIL, { id }), [graph, id]),
    version,
  );
  const changed = (errors) => {
    setMessage(errors.length ? errors.map((error) => `${error.code}: ${error.message}`).join('; ') : undefined);
    setVersion((value) => value + 1);
    onChange();
  };
  const invoice = state.data?.invoice;
  const exceptions = invoice?.match?.exceptions ?? [];
  const approvable =
    invoice?.status === 'EXCEPTION' && exceptions.every((exception) => exception.resolution && exception.resolution !== 'REJECTED');
  return html`<section class="detail" aria-labelledby="invoice-title">
    <${Loading} state=${state}>
      ${
        invoice &&
        html`<h2 id="invoice-title">Invoice ${invoice.invoiceNumber} <${Status} value=${invoice.status} /></h2>
          <p>
            ${`${invoice.supplier.legalName}; contract used: ${invoice.match?.contract ? `${invoice.match.contract.number} (${invoice.match.contract.title})` : 'none'}`}
          </p>
          <table>
            <caption>
              Lines billed
            </caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Item</th>
                <th scope="col">Quantity</th>
                <th scope="col">Unit price</th>
                <th scope="col">Amount</th>
              </tr>
            </thead>
            <tbody>
              ${invoice.lines.map(
                (line) =>
                  html`<tr>
                    <td>${line.lineNumber}</td>
                    <td>${line.itemNumber}</td>
                    <td>${line.quantity}</td>
                    <td>${money(line.unitPrice)}</td>
                    <td>${money(line.amount)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
          <table>
            <caption>
              Exceptions: expected against actual
            </caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Line</th>
                <th scope="col">Expected</th>
                <th scope="col">Actual</th>
                <th scope="col">Queue</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              ${exceptions.map(
                (exception) =>
                  html`<tr>
                    <td title=${exception.message}>${exception.code}</td>
                    <td>${exception.lineNumber ?? '—'}</td>
                    <td>${exception.expected ?? '—'}</td>
                    <td>${exception.actual ?? '—'}</td>
                    <td>${exception.queue}</td>
                    <td>
                      ${
                        exception.resolution
                          ? html`${exception.resolution} by ${exception.resolvedBy}: ${exception.resolutionReason}`
                          : html`<${Resolve} graph=${graph} exception=${exception} onDone=${changed} />`
                      }
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>
          ${
            approvable &&
            html`<button
              type="button"
              onClick=${async () => changed((await graph.request(APPROVE_INVOICE, { id })).approveInvoice.userErrors)}
            >
              Approve invoice
            </button>`
          }
          ${message && html`<p role="alert" class="error">${message}</p>`}`
      }
    <//>
  </section>`;
}

function Resolve({ graph, exception, onDone }) {
  const [action, setAction] = useState('OVERRIDE');
  const [reason, setReason] = useState('');
  const submit = async (event) => {
    event.preventDefault();
    const input = { exceptionId: exception.id, action, reason };
    onDone((await graph.request(RESOLVE_EXCEPTION, { input })).resolveMatchException.userErrors);
  };
  return html`<form class="inline" onSubmit=${submit} aria-label=${`Resolve ${exception.code}`}>
    <label
      >Action
      <select value=${action} onChange=${(event) => setAction(event.currentTarget.value)}>
        <option value="OVERRIDE">Override</option>
        <option value="REQUEST_CREDIT_MEMO">Request credit memo</option>
        <option value="REJECT">Reject invoice</option>
      </select></label
    >
    <label>Reason <input required minlength="3" value=${reason} onInput=${(event) => setReason(event.currentTarget.value)} /></label>
    <button type="submit">Resolve</button>
  </form>`;
}
