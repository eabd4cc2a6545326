import { publishEvent } from '@procuregraph/platform/events';
import { executeSql, newId, type DatabaseClient } from '@procuregraph/platform/db';
import { graphql } from './generated/gql.ts';

/**
 * A supplier with one order, invoice and payment written straight into the canonical tables, each
 * subgraph in its own schema: what subscription tests need to raise payment events without a flow.
 */
export interface Network {
  supplierId: string;
  legalName: string;
  purchaseOrderId: string;
  purchaseOrderNumber: string;
  invoiceId: string;
  invoiceNumber: string;
  paymentId: string;
}

let sequence = 0;

export async function insertNetwork(client: DatabaseClient): Promise<Network> {
  sequence += 1;
  const tag = `${process.pid}-${sequence}`;
  const network: Network = {
    supplierId: newId(),
    legalName: `Subscribed Supplies ${tag} LLC`,
    purchaseOrderId: newId(),
    purchaseOrderNumber: `PO-SUB-${tag}`,
    invoiceId: newId(),
    invoiceNumber: `INV-SUB-${tag}`,
    paymentId: newId(),
  };
  await executeSql(
    client,
    `insert into suppliers.suppliers (id, supplier_number, legal_name, legal_name_key, category, status, tax_id_ciphertext, tax_id_last4, tax_id_fingerprint, address)
     values ($1, $2, $3, $3, 'LABORATORY', 'APPROVED', 'x', '0000', $2, '{"line1":"1 Test Way","line2":null,"city":"Dayton","region":"OH","postalCode":"45402","country":"US"}')`,
    [network.supplierId, `SUP-SUB-${tag}`, network.legalName],
  );
  await executeSql(
    client,
    `insert into procurement.purchase_orders (id, number, supplier_id, status, order_date, total) values ($1, $2, $3, 'OPEN', '2025-01-15', '100.0000')`,
    [network.purchaseOrderId, network.purchaseOrderNumber, network.supplierId],
  );
  await executeSql(
    client,
    `insert into invoicing.invoices (id, invoice_number, supplier_id, purchase_order_id, invoice_date, total, status, source)
     values ($1, $2, $3, $4, '2025-02-01', '100.0000', 'APPROVED', 'GRAPH')`,
    [network.invoiceId, network.invoiceNumber, network.supplierId, network.purchaseOrderId],
  );
  await executeSql(
    client,
    `insert into invoicing.payments (id, invoice_id, supplier_id, amount, status, method) values ($1, $2, $3, '100.0000', 'SCHEDULED', 'ACH')`,
    [network.paymentId, network.invoiceId, network.supplierId],
  );
  return network;
}

/** What the ERP's payment feed does: update the canonical row, then the event goes out. */
export async function changePaymentStatus(
  client: DatabaseClient,
  network: Network,
  previousStatus: string | null,
  status: string,
): Promise<void> {
  await executeSql(client, `update invoicing.payments set status = $2, updated_at = now() where id = $1`, [network.paymentId, status]);
  await publishEvent(client, {
    topic: 'payment.status_changed',
    aggregateId: network.paymentId,
    payload: {
      paymentId: network.paymentId,
      invoiceId: network.invoiceId,
      supplierId: network.supplierId,
      previousStatus,
      status,
      occurredAt: new Date().toISOString(),
    },
  });
}

/** A payment's status changes with the payment, its invoice and order, and the supplier's name. */
export const paymentDocument = graphql(`
  subscription PaymentStatus($supplierId: ID, $invoiceId: ID) {
    paymentStatusChanged(supplierId: $supplierId, invoiceId: $invoiceId) {
      previousStatus
      status
      occurredAt
      payment {
        id
        invoice {
          invoiceNumber
          purchaseOrder {
            number
          }
        }
        supplier {
          legalName
        }
      }
    }
  }
`);
