import { erpClient } from '@procuregraph/connector-erp';
import { vendorPlatformClient } from '@procuregraph/connector-vendor-platform';
import type { FeedPoller } from '@procuregraph/platform/inbound';
import type { RetryOptions } from '@procuregraph/platform/jobs';
import { ediFolders } from '@procuregraph/platform/config';
import type { BackgroundWork, RegisterWorkers } from '@procuregraph/platform/subgraph';
import { applyEdiOrderAcknowledgment } from './edi/apply-order-acknowledgment.ts';
import { sendOrder850 } from './edi/send-order-850.ts';
import { createErpFeedPoller, erpEventQueue } from './erp-feed.ts';
import { sendOrderToErp, sendReceiptToErp } from './erp-sync.ts';
import {
  CONTRACT_CHANGED,
  EDI_ORDER_ACKNOWLEDGED,
  ERP_SUBMISSION_REQUESTED,
  PUBLICATION_REQUESTED,
  EDI_ORDER_REQUESTED,
  RECEIPT_RECORDED,
  SUPPLIER_ERP_LINKED,
  SUPPLIER_PORTAL_ENROLLED,
  SUPPLIER_STATUS_CHANGED,
} from './events.ts';
import { createVendorFeedPoller, publishOrder } from './publication.ts';
import { erpOrderComparer } from './erp-reconciliation.ts';
import { portalOrderComparer } from './vendor-platform-reconciliation.ts';
import { defineReconciliationHandler } from '@procuregraph/platform/reconciliation';
import { applyContractChanged, applySupplierErpLinked, applySupplierStatusChanged } from './references.ts';

export interface ProcurementWorkerOptions {
  /** How often the ERP and vendor platform feeds are read when nothing else wakes them. */
  feedIntervalMs: number;
  /** Retries of the jobs that call the backing systems; the runtime's defaults otherwise. */
  retry?: Partial<RetryOptions>;
}

const RUNTIME_RETRY_LIMIT = 6;

function feedWork(poller: FeedPoller): BackgroundWork {
  return { start: async () => poller.start(), stop: () => poller.stop() };
}

/** Procurement's background work, with timings a test can shorten. */
export function procurementWorkers(options: ProcurementWorkerOptions): RegisterWorkers {
  return ({ db, jobs, systems, policies, logger, environment }) => {
    const erp = erpClient(systems.erpUrl);
    const vendorPlatform = vendorPlatformClient(systems.vendorPlatformUrl);
    const retry = options.retry ?? {};
    jobs.defineHandler({
      queue: 'erp-purchase-orders',
      topic: ERP_SUBMISSION_REQUESTED,
      system: 'ERP',
      retry,
      handler: sendOrderToErp(db, erp),
    });
    jobs.defineHandler({ queue: 'erp-receipts', topic: RECEIPT_RECORDED, system: 'ERP', retry, handler: sendReceiptToErp(db, erp) });
    jobs.defineHandler({
      queue: 'portal-publication',
      topic: PUBLICATION_REQUESTED,
      system: 'VENDOR_PLATFORM',
      retry,
      handler: publishOrder(db, vendorPlatform, retry.limit ?? RUNTIME_RETRY_LIMIT),
    });
    jobs.defineHandler({
      queue: 'edi-purchase-orders',
      topic: EDI_ORDER_REQUESTED,
      retry,
      handler: sendOrder850(db, {
        outbox: ediFolders(environment).outbox,
        us: { interchangeQualifier: environment.EDI_INTERCHANGE_QUALIFIER, interchangeId: environment.EDI_INTERCHANGE_ID },
      }),
    });
    defineReconciliationHandler(jobs, db, {
      system: 'VENDOR_PLATFORM',
      comparer: portalOrderComparer(db, vendorPlatform, policies.for('VENDOR_PLATFORM')),
      sliceMs: environment.RECONCILIATION_SLICE_MS,
    });
    defineReconciliationHandler(jobs, db, {
      system: 'ERP',
      comparer: erpOrderComparer(db, erp, policies.for('ERP'), logger),
      sliceMs: environment.RECONCILIATION_SLICE_MS,
    });
    jobs.defineHandler({
      queue: 'supplier-status',
      topic: SUPPLIER_STATUS_CHANGED,
      handler: (job) => applySupplierStatusChanged(db, job.payload),
    });
    jobs.defineHandler({
      queue: 'supplier-erp-links',
      topic: SUPPLIER_ERP_LINKED,
      handler: (job) => applySupplierErpLinked(db, job.payload),
    });
    jobs.defineHandler({
      queue: 'supplier-portal-enrollments',
      topic: SUPPLIER_PORTAL_ENROLLED,
      handler: (job) => applySupplierErpLinked(db, job.payload),
    });
    jobs.defineHandler({
      queue: 'edi-order-acknowledgments',
      topic: EDI_ORDER_ACKNOWLEDGED,
      handler: async (job) => {
        await applyEdiOrderAcknowledgment(db, job.payload);
      },
    });
    jobs.defineHandler({ queue: 'contract-references', topic: CONTRACT_CHANGED, handler: (job) => applyContractChanged(db, job.payload) });
    const intervalMs = options.feedIntervalMs;
    const erpIntervalMs = environment.ERP_FEED_POLL_INTERVAL_MS ?? intervalMs;
    return [
      feedWork(
        createErpFeedPoller({
          db,
          inbound: erpEventQueue(jobs, db, logger),
          erp,
          policy: policies.for('ERP'),
          logger,
          intervalMs: erpIntervalMs,
        }),
      ),
      feedWork(createVendorFeedPoller({ db, jobs, vendorPlatform, policy: policies.for('VENDOR_PLATFORM'), logger, intervalMs })),
    ];
  };
}

export const registerWorkers: RegisterWorkers = procurementWorkers({ feedIntervalMs: 5_000 });
