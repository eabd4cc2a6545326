import { erpClient } from '@procuregraph/connector-erp';
import { vendorPlatformClient } from '@procuregraph/connector-vendor-platform';
import type { BackgroundWork, RegisterWorkers } from '@procuregraph/platform/subgraph';
import type { FeedPoller } from '@procuregraph/platform/inbound';
import { ediFolders } from '@procuregraph/platform/config';
import { reportOverdueAcknowledgments } from '@procuregraph/platform/db';
import { deliverAcknowledgment } from './edi/deliver-acknowledgment.ts';
import { ediDropFolder } from './edi/drop-folder.ts';
import { sendRemittance } from './edi/send-remittance.ts';
import { ediRetentionPurge } from './edi/retention-purge.ts';
import {
  acknowledgmentToDeliver,
  creditMemoReadyForErp,
  invoiceApproved,
  invoiceRematchRequested,
  invoiceStatusChanged,
  paymentPortalRepublishRequested,
  paymentStatusChanged,
  remittanceDue,
} from './events.ts';
import { portalEventQueue, portalInvoiceFeed } from './intake/portal-invoice-feed.ts';
import { erpPaymentFeed } from './payments/erp-payment-feed.ts';
import { erpInvoiceComparer, erpPaymentComparer } from './erp-reconciliation.ts';
import { portalPaymentComparer } from './vendor-platform-reconciliation.ts';
import { comparersInTurn, defineReconciliationHandler } from '@procuregraph/platform/reconciliation';
import { publishPaymentToPortal } from './payments/publish-to-portal.ts';
import { defineProjectionHandlers } from './projections/projection-handlers.ts';
import { publishInvoiceStatus } from './workflow/publish-invoice-status.ts';
import { rematchInvoice } from './workflow/rematch-invoice.ts';
import { sendInvoiceToErp } from './workflow/send-to-erp.ts';
import { sendCreditMemoToErp } from './workflow/send-credit-memo-to-erp.ts';

export interface InvoicingWorkerOptions {
  priceTolerancePct: number;
  /** How often the ERP and vendor-platform feeds are read when nothing woke them. */
  feedIntervalMs: number;
}

function running(poller: FeedPoller): BackgroundWork {
  return { start: async () => poller.start(), stop: () => poller.stop() };
}

/** `procuregraph_edi_acknowledgments_overdue` is read from this process's database while it runs. */
function reportingOverdueAcknowledgments(...args: Parameters<typeof reportOverdueAcknowledgments>): BackgroundWork {
  let stopReporting = () => {};
  return {
    start: async () => {
      stopReporting = reportOverdueAcknowledgments(...args);
    },
    stop: async () => stopReporting(),
  };
}

/**
 * Invoicing's background work: open invoices matched again when their facts change, approved invoices and their credit memos to ERP payables, payment and portal-invoice
 * statuses to the supplier portal, the projections of other domains' events, and the two feeds it follows (ERP
 * payments, portal invoices whose webhook was missed), the EDI drop folder and the purge of EDI content past its retention.
 */
export function invoicingWorkers(options: InvoicingWorkerOptions): RegisterWorkers {
  return (context) => {
    const erp = erpClient(context.systems.erpUrl);
    const portal = vendorPlatformClient(context.systems.vendorPlatformUrl);
    const { db, jobs, policies, logger } = context;
    const ownAddress = {
      interchangeQualifier: context.environment.EDI_INTERCHANGE_QUALIFIER,
      interchangeId: context.environment.EDI_INTERCHANGE_ID,
    };
    defineReconciliationHandler(jobs, db, {
      system: 'ERP',
      comparer: comparersInTurn([erpPaymentComparer(db, erp, policies.for('ERP')), erpInvoiceComparer(db, erp, policies.for('ERP'))]),
      sliceMs: context.environment.RECONCILIATION_SLICE_MS,
    });
    jobs.defineHandler({
      queue: 'send-invoice-to-erp',
      topic: invoiceApproved.name,
      system: 'ERP',
      handler: (job) => sendInvoiceToErp(db, erp, job),
    });
    jobs.defineHandler({
      queue: 'send-credit-memo-to-erp',
      topic: creditMemoReadyForErp.name,
      system: 'ERP',
      handler: (job) => sendCreditMemoToErp(db, erp, job),
    });
    // One at a time, in the order the statuses changed, since the portal keeps the last write.
    jobs.defineHandler({
      queue: 'publish-payment-status',
      topic: paymentStatusChanged.name,
      system: 'VENDOR_PLATFORM',
      concurrency: 1,
      handler: (job) => publishPaymentToPortal(db, portal, job),
    });
    const folders = ediFolders(context.environment);
    const ediOutbox = folders.outbox;
    jobs.defineHandler({
      queue: 'edi-remittances',
      topic: remittanceDue.name,
      handler: sendRemittance(db, { outbox: ediOutbox, us: ownAddress }),
    });
    jobs.defineHandler({
      queue: 'edi-acknowledgments',
      topic: acknowledgmentToDeliver.name,
      handler: deliverAcknowledgment(db, ediOutbox),
    });
    jobs.defineHandler({
      queue: 'republish-payment-status',
      topic: paymentPortalRepublishRequested.name,
      system: 'VENDOR_PLATFORM',
      concurrency: 1,
      handler: (job) => publishPaymentToPortal(db, portal, job),
    });
    defineReconciliationHandler(jobs, db, {
      system: 'VENDOR_PLATFORM',
      comparer: portalPaymentComparer(db, portal, policies.for('VENDOR_PLATFORM')),
      sliceMs: context.environment.RECONCILIATION_SLICE_MS,
    });
    jobs.defineHandler({
      queue: 'publish-invoice-status',
      topic: invoiceStatusChanged.name,
      system: 'VENDOR_PLATFORM',
      handler: (job) => publishInvoiceStatus(db, portal, job),
    });
    jobs.defineHandler({
      queue: 'rematch-invoice',
      topic: invoiceRematchRequested.name,
      handler: (job) => rematchInvoice(db, options.priceTolerancePct, job),
    });
    defineProjectionHandlers(jobs, db);
    return [
      reportingOverdueAcknowledgments(db, context.environment.EDI_ACKNOWLEDGMENT_DEADLINE_HOURS),
      ediRetentionPurge(context),
      ediDropFolder({
        db,
        priceTolerancePct: options.priceTolerancePct,
        folders,
        us: ownAddress,
        logger,
        scanIntervalMs: options.feedIntervalMs,
      }),
      running(
        erpPaymentFeed({
          db,
          jobs,
          erp,
          policy: policies.for('ERP'),
          logger,
          intervalMs: context.environment.ERP_FEED_POLL_INTERVAL_MS ?? options.feedIntervalMs,
        }),
      ),
      running(
        portalInvoiceFeed({
          db,
          portal,
          policy: policies.for('VENDOR_PLATFORM'),
          logger,
          intervalMs: options.feedIntervalMs,
          inbound: portalEventQueue(jobs, db, options.priceTolerancePct),
        }),
      ),
    ];
  };
}

/** What the runtime registers: the tolerance from MATCH_PRICE_TOLERANCE_PCT, feeds read every 2 s. */
export const registerWorkers: RegisterWorkers = (context) =>
  invoicingWorkers({ priceTolerancePct: context.environment.MATCH_PRICE_TOLERANCE_PCT, feedIntervalMs: 2_000 })(context);
