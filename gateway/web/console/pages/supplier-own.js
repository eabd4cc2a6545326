import { html } from '../view.js';
import { Supplier360 } from './suppliers.js';

/** A supplier's own view: the same 360 with the supplier's token, so the graph shows only its records. */
export function SupplierOwnView({ graph, session }) {
  return html`<${Supplier360} graph=${graph} id=${session.supplierId} heading="Your account" />`;
}
