import { eq } from 'drizzle-orm';
import type { Database, Transaction } from '@procuregraph/platform/db';
import type { Topic } from '@procuregraph/platform/events';
import { processInboundEvent, type InboundOutcome } from '@procuregraph/platform/inbound';
import { type JobContext, type JobRuntime } from '@procuregraph/platform/jobs';
import { lockMatchFacts } from '../db/advisory-locks.ts';
import { inboundEntityVersions, inboundEvents, invoices, type MatchTrigger } from '../db/tables.ts';
import { requestRematch } from '../workflow/rematch-invoice.ts';
import { contractChanged, projectContract } from './contracts.ts';
import { projectPurchaseOrder, purchaseOrderChanged, purchaseOrderIssued } from './purchase-orders.ts';
import { projectReceipt, receiptRecorded } from './receipts.ts';
import {
  projectSupplierErpLink,
  projectSupplierStatus,
  supplierErpLinked,
  supplierPortalEnrolled,
  supplierStatusChanged,
} from './suppliers.ts';

interface Projection<Payload> {
  queue: string;
  topic: Topic<Payload>;
  /** The entity whose latest state the event carries: an older event for it changes nothing. */
  entityKey(payload: Payload): string;
  /** When the change happened; the producer's commit time unless the payload says. */
  occurredAt?(payload: Payload): string;
  apply(tx: Transaction, payload: Payload, occurredAt: Date): Promise<void>;
  /** For a fact invoices are matched on: has the open invoices it concerns matched again. */
  rematch?(tx: Transaction, payload: Payload): Promise<void>;
}

function define<Payload>(projection: Projection<Payload>): Projection<Payload> {
  return projection;
}

async function rematchOrder(tx: Transaction, purchaseOrderId: string, trigger: MatchTrigger): Promise<void> {
  await lockMatchFacts(tx, 'order', purchaseOrderId);
  await requestRematch(tx, eq(invoices.purchaseOrderId, purchaseOrderId), trigger);
}

async function rematchSupplier(tx: Transaction, supplierId: string, trigger: MatchTrigger): Promise<void> {
  await lockMatchFacts(tx, 'supplier', supplierId);
  await requestRematch(tx, eq(invoices.supplierId, supplierId), trigger);
}

const projections = [
  define({
    queue: 'project-purchase-order-issued',
    topic: purchaseOrderIssued,
    entityKey: (order) => `purchase_order:${order.purchaseOrderId}`,
    apply: projectPurchaseOrder,
    rematch: (tx, order) => rematchOrder(tx, order.purchaseOrderId, 'PURCHASE_ORDER_CHANGED'),
  }),
  define({
    queue: 'project-purchase-order-changed',
    topic: purchaseOrderChanged,
    entityKey: (order) => `purchase_order:${order.purchaseOrderId}`,
    apply: projectPurchaseOrder,
    rematch: (tx, order) => rematchOrder(tx, order.purchaseOrderId, 'PURCHASE_ORDER_CHANGED'),
  }),
  define({
    queue: 'project-receipt',
    topic: receiptRecorded,
    entityKey: (receipt) => `receipt:${receipt.receiptId}`,
    apply: projectReceipt,
    rematch: (tx, receipt) => rematchOrder(tx, receipt.purchaseOrderId, 'RECEIPT_RECORDED'),
  }),
  define({
    queue: 'project-contract',
    topic: contractChanged,
    entityKey: (contract) => `contract:${contract.contractId}`,
    apply: projectContract,
    rematch: (tx, contract) => rematchSupplier(tx, contract.supplierId, 'CONTRACT_CHANGED'),
  }),
  define({
    queue: 'project-supplier-status',
    topic: supplierStatusChanged,
    entityKey: (event) => `supplier_status:${event.supplierId}`,
    occurredAt: (event) => event.occurredAt,
    apply: projectSupplierStatus,
    rematch: (tx, event) => rematchSupplier(tx, event.supplierId, 'SUPPLIER_STATUS_CHANGED'),
  }),
  define({
    queue: 'project-supplier-erp-link',
    topic: supplierErpLinked,
    entityKey: (event) => `supplier_erp_link:${event.supplierId}`,
    apply: projectSupplierErpLink,
  }),
  // The same links, later and with the registration: one entity, so an older event changes nothing.
  define({
    queue: 'project-supplier-portal-enrollment',
    topic: supplierPortalEnrolled,
    entityKey: (event) => `supplier_erp_link:${event.supplierId}`,
    apply: projectSupplierErpLink,
  }),
];

/** Other domains' events, applied once (by event id) and never over a newer state of the same record. */
const SOURCE = 'domain-events';

async function project<Payload>(db: Database, projection: Projection<Payload>, job: DomainEventDelivery): Promise<InboundOutcome> {
  const payload = projection.topic.parse(job.payload);
  const occurredAt = new Date(projection.occurredAt?.(payload) ?? job.occurredAt);
  return processInboundEvent(
    db,
    { inboundEvents, inboundEntityVersions },
    { source: SOURCE, sourceEventId: job.eventId, entity: { key: projection.entityKey(payload), occurredAt } },
    async (tx) => {
      await projection.apply(tx, payload, occurredAt);
      await projection.rematch?.(tx, payload);
    },
  );
}

/** What of a delivered event a projection needs; a job carries it. */
export type DomainEventDelivery = Pick<JobContext, 'eventId' | 'topic' | 'payload' | 'occurredAt'>;

/** Applies one delivered event of a consumed topic to its projection. */
export async function applyDomainEvent(db: Database, delivery: DomainEventDelivery): Promise<InboundOutcome> {
  const projection = projections.find((candidate) => candidate.topic.name === delivery.topic);
  if (!projection) throw new Error(`Invoicing does not consume ${delivery.topic ?? 'events without a topic'}`);
  return project(db, projection as Projection<unknown>, delivery);
}

/** One queue per consumed topic, each keeping a projection invoicing matches against. */
export function defineProjectionHandlers(jobs: JobRuntime, db: Database): void {
  for (const projection of projections) {
    jobs.defineHandler({
      queue: projection.queue,
      topic: projection.topic.name,
      handler: async (job) => void (await project(db, projection as Projection<unknown>, job)),
    });
  }
}
