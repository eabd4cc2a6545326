import { z } from 'zod';
import type { Database, Transaction } from '@procuregraph/platform/db';
import { defineTopic } from '@procuregraph/platform/events';
import { processInboundEvent, type InboundOutcome } from '@procuregraph/platform/inbound';
import type { JobContext, JobRuntime } from '@procuregraph/platform/jobs';
import { applyPendingContracts } from './contract-sync.ts';
import { lockVendorNumber } from './db/advisory-locks.ts';
import { inboundEntityVersions, inboundEvents, supplierLinks } from './db/tables.ts';

const supplierLink = z.object({ supplierId: z.uuid(), erpSupplierNumber: z.string().min(1) });

/** Both carry the supplier's ERP supplier number; enrollment is the later event for the same link. */
const linkQueues = [
  { queue: 'link-supplier-erp', topic: defineTopic('supplier.erp_linked', supplierLink) },
  { queue: 'link-supplier-portal-enrollment', topic: defineTopic('supplier.portal_enrolled', supplierLink) },
];

/** Other domains' events, applied once (by event id) and never over a newer link of the same supplier. */
const SOURCE = 'domain-events';

/** What of a delivered event the link needs; a job carries it. */
export type SupplierLinkDelivery = Pick<JobContext, 'eventId' | 'topic' | 'payload' | 'occurredAt'>;

/** Records the supplier's ERP supplier number and applies the contracts that were waiting for it. */
export function linkSupplier(db: Database, delivery: SupplierLinkDelivery): Promise<InboundOutcome> {
  const topic = linkQueues.find((candidate) => candidate.topic.name === delivery.topic)?.topic;
  if (!topic) throw new Error(`Contracts does not consume ${delivery.topic ?? 'events without a topic'}`);
  const link = topic.parse(delivery.payload);
  const occurredAt = new Date(delivery.occurredAt);
  return processInboundEvent(
    db,
    { inboundEvents, inboundEntityVersions },
    { source: SOURCE, sourceEventId: delivery.eventId, entity: { key: `supplier_link:${link.supplierId}`, occurredAt } },
    async (tx) => {
      await lockVendorNumber(tx, link.erpSupplierNumber);
      await recordLink(tx, link.supplierId, link.erpSupplierNumber, occurredAt);
      await applyPendingContracts(tx, link.erpSupplierNumber);
    },
  );
}

async function recordLink(tx: Transaction, supplierId: string, erpSupplierNumber: string, at: Date): Promise<void> {
  await tx
    .insert(supplierLinks)
    .values({ supplierId, erpSupplierNumber, updatedAt: at })
    .onConflictDoUpdate({ target: supplierLinks.supplierId, set: { erpSupplierNumber, updatedAt: at } });
}

/** One queue per topic carrying a supplier's ERP supplier number. */
export function defineSupplierLinkHandlers(jobs: JobRuntime, db: Database): void {
  for (const { queue, topic } of linkQueues) {
    jobs.defineHandler({
      queue,
      topic: topic.name,
      handler: async (job) => void (await linkSupplier(db, job)),
    });
  }
}
