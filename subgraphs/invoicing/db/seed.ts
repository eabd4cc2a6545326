import { type Database, newId } from '@procuregraph/platform/db';
import {
  seedTables,
  type TableBatches,
  type DemoContract,
  type DemoInvoice,
  type DemoMatchException,
  type DemoPayment,
  type DemoPurchaseOrder,
  type DemoSupplier,
  type World,
} from '@procuregraph/demo';
import {
  contractPriceTermProjections,
  contractProjections,
  invoiceLines,
  invoices,
  matchExceptions,
  outbox,
  paymentApplications,
  payments,
  purchaseOrderLineProjections,
  purchaseOrderProjections,
  receiptLineProjections,
  supplierProjections,
  syncStatus,
} from './tables.ts';
import { invoiceRematchRequested } from '../events.ts';
import { normalizedInvoiceNumber } from '../intake/invoice-number.ts';

/**
 * Writes the demo world's invoices (lines, match exceptions) and payments into the canonical
 * store, with their sync state: every invoice and payment is visible on the vendor platform,
 * approved and paid invoices and all payments are in ERP payables. Also writes the projections
 * of suppliers, contracts and orders that matching reads. One transaction; meant for an empty
 * schema; returns the rows written.
 */
export async function seedInvoicing(db: Database, world: World): Promise<number> {
  const tables = [
    supplierProjections,
    contractProjections,
    contractPriceTermProjections,
    purchaseOrderProjections,
    purchaseOrderLineProjections,
    receiptLineProjections,
    invoices,
    invoiceLines,
    matchExceptions,
    payments,
    paymentApplications,
    syncStatus,
    outbox,
  ];
  return seedTables(db, tables, async (batches) => {
    await addProjections(batches, world);
    await addInvoicesAndPayments(batches, world);
  });
}

/** The other domains' records as their events would have projected them: suppliers, contracts, orders with receipts. */
async function addProjections(batches: TableBatches, world: World): Promise<void> {
  for (const supplier of world.suppliers()) await batches.add(supplierProjections, supplierProjectionRow(supplier));
  for (const contract of world.contracts()) {
    await batches.add(contractProjections, contractProjectionRow(contract));
    for (const term of contract.priceTerms) {
      await batches.add(contractPriceTermProjections, {
        contractId: contract.id,
        itemNumber: term.itemNumber,
        unitPrice: term.unitPrice,
        unitOfMeasure: term.unitOfMeasure,
      });
    }
  }
  for (const order of world.purchaseOrders()) {
    await batches.add(purchaseOrderProjections, purchaseOrderProjectionRow(order));
    for (const line of order.lines) {
      await batches.add(purchaseOrderLineProjections, {
        purchaseOrderId: order.id,
        lineNumber: line.lineNumber,
        itemNumber: line.itemNumber,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
      });
    }
    for (const receipt of order.receipts) {
      for (const line of receipt.lines) {
        await batches.add(receiptLineProjections, {
          receiptId: receipt.id,
          purchaseOrderId: order.id,
          lineNumber: line.lineNumber,
          quantityReceived: line.quantityReceived,
          receivedAt: receipt.receivedAt,
        });
      }
    }
  }
}

async function addInvoicesAndPayments(batches: TableBatches, world: World): Promise<void> {
  // Payments come in invoice order: walking both streams side by side lets the world build each invoice once.
  const paymentStream = world.payments()[Symbol.iterator]();
  let payment = paymentStream.next();
  for (const invoice of world.invoices()) {
    await batches.add(invoices, invoiceRow(invoice));
    for (const line of invoice.lines) await batches.add(invoiceLines, lineRow(invoice, line));
    for (const exception of invoice.exceptions) await batches.add(matchExceptions, exceptionRow(invoice, exception));
    // The nightly batch's invoices arrived unmatched: they are matched once the workers run.
    if (invoice.status === 'RECEIVED') await batches.add(outbox, rematchEvent(invoice));
    const systems = invoice.erpInvoiceId === null ? (['VENDOR_PLATFORM'] as const) : (['VENDOR_PLATFORM', 'ERP'] as const);
    for (const system of systems) await batches.add(syncStatus, synced(invoice.id, system, lastChange(invoice)));
    for (; !payment.done && payment.value.invoiceId === invoice.id; payment = paymentStream.next()) {
      await batches.add(payments, paymentRow(payment.value));
      await batches.add(paymentApplications, { paymentId: payment.value.id, invoiceId: invoice.id, amount: payment.value.amount });
      for (const system of ['ERP', 'VENDOR_PLATFORM'] as const)
        await batches.add(syncStatus, synced(payment.value.id, system, lastChange(payment.value)));
    }
  }
  if (!payment.done) throw new Error(`Payment ${payment.value.id} is for an invoice the world does not have`);
}

export async function invoicingSeeded(db: Database): Promise<boolean> {
  return (await db.select({ id: invoices.id }).from(invoices).limit(1)).length > 0;
}

function supplierProjectionRow(supplier: DemoSupplier): typeof supplierProjections.$inferInsert {
  return {
    supplierId: supplier.id,
    status: supplier.status,
    category: supplier.category,
    erpSupplierId: supplier.erp === null ? null : String(supplier.erp.supplierId),
    erpSupplierNumber: supplier.erp?.supplierNumber ?? null,
    vendorRegistrationId: supplier.vendorPlatform.registrationId,
    updatedAt: supplier.updatedAt ?? supplier.createdAt,
  };
}

function contractProjectionRow(contract: DemoContract): typeof contractProjections.$inferInsert {
  return {
    contractId: contract.id,
    supplierId: contract.supplierId,
    number: contract.number,
    status: contract.status,
    effectiveFrom: contract.effectiveFrom,
    effectiveTo: contract.effectiveTo,
    currency: 'USD',
    updatedAt: contract.updatedAt ?? contract.createdAt,
  };
}

function purchaseOrderProjectionRow(order: DemoPurchaseOrder): typeof purchaseOrderProjections.$inferInsert {
  return {
    purchaseOrderId: order.id,
    number: order.number,
    supplierId: order.supplierId,
    contractId: order.contractId,
    status: order.status,
    orderDate: order.orderDate,
    currency: 'USD',
    updatedAt: order.updatedAt ?? order.createdAt,
  };
}

function lastChange(record: DemoInvoice | DemoPayment): Date {
  return record.updatedAt ?? record.createdAt;
}

/** A rejected invoice, or one flagged as a duplicate, leaves the number to the invoice first sent with it. */
function holdsItsNumber(invoice: DemoInvoice): boolean {
  return invoice.status !== 'REJECTED' && !invoice.exceptions.some((exception) => exception.code === 'DUPLICATE_INVOICE');
}

function rematchEvent(invoice: DemoInvoice): typeof outbox.$inferInsert {
  return {
    eventId: newId(),
    topic: invoiceRematchRequested.name,
    aggregateId: invoice.id,
    payload: { invoiceId: invoice.id, trigger: 'INTAKE' },
  };
}

function invoiceRow(invoice: DemoInvoice): typeof invoices.$inferInsert {
  return {
    id: invoice.id,
    invoiceNumber: invoice.invoiceNumber,
    invoiceNumberKey: holdsItsNumber(invoice) ? normalizedInvoiceNumber(invoice.invoiceNumber) : null,
    supplierId: invoice.supplierId,
    purchaseOrderId: invoice.purchaseOrderId,
    invoiceDate: invoice.invoiceDate,
    currency: 'USD',
    total: invoice.total,
    status: invoice.status,
    matchOutcome: invoice.matchedAt === null ? null : invoice.exceptions.length > 0 ? 'EXCEPTION' : 'MATCHED',
    matchedAt: invoice.matchedAt,
    source: invoice.source ?? 'VENDOR_PLATFORM',
    idempotencyKey: null,
    submissionDigest: null,
    vendorPlatformInvoiceId: null,
    erpInvoiceId: invoice.erpInvoiceId === null ? null : String(invoice.erpInvoiceId),
    createdAt: invoice.createdAt,
    updatedAt: lastChange(invoice),
    lastSyncedAt: lastChange(invoice),
  };
}

function lineRow(invoice: DemoInvoice, line: DemoInvoice['lines'][number]): typeof invoiceLines.$inferInsert {
  return {
    invoiceId: invoice.id,
    position: line.position,
    lineNumber: line.lineNumber,
    itemNumber: line.itemNumber,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    amount: line.amount,
  };
}

function exceptionRow(invoice: DemoInvoice, exception: DemoMatchException): typeof matchExceptions.$inferInsert {
  return {
    id: exception.id,
    invoiceId: invoice.id,
    code: exception.code,
    message: exception.message,
    lineNumber: exception.lineNumber,
    queue: exception.queue,
    expected: exception.expected,
    actual: exception.actual,
    resolution: exception.resolution?.action ?? null,
    resolvedBy: exception.resolution?.resolvedBy ?? null,
    resolutionReason: exception.resolution?.reason ?? null,
    resolvedAt: exception.resolution?.resolvedAt ?? null,
    createdAt: invoice.matchedAt ?? invoice.createdAt,
  };
}

function paymentRow(payment: DemoPayment): typeof payments.$inferInsert {
  return {
    id: payment.id,
    invoiceId: payment.invoiceId,
    supplierId: payment.supplierId,
    paymentNumber: payment.paymentNumber,
    erpPaymentId: String(payment.erpPaymentId),
    amount: payment.amount,
    currency: 'USD',
    status: payment.status,
    method: payment.method,
    scheduledFor: payment.scheduledFor,
    paidAt: payment.paidAt,
    clearedAt: payment.clearedAt,
    portalStatusAt: lastChange(payment),
    createdAt: payment.createdAt,
    updatedAt: lastChange(payment),
    lastSyncedAt: lastChange(payment),
  };
}

function synced(entityId: string, system: 'ERP' | 'VENDOR_PLATFORM', syncedAt: Date): typeof syncStatus.$inferInsert {
  return { entityId, system, state: 'SYNCED', attempts: 1, lastError: null, syncedAt, updatedAt: syncedAt };
}
