import express, { Router } from 'express';
import type { Database } from '@procuregraph/platform/db/database';
import { processInboundEvent } from '@procuregraph/platform/inbound/inbound-events';
import { verifyWebhook } from '@procuregraph/platform/inbound/signature';
import type { Logger } from '@procuregraph/platform/logging';
import { describeError } from '@procuregraph/platform/resilience/failures';
import { portalEvent } from './connectors/vendor-platform-mapping.ts';
import { inboundEntityVersions, inboundEvents } from './db/tables.ts';
import { acceptPortalInvoice, INVOICE_SUBMITTED, VENDOR_PLATFORM_SOURCE } from './intake/portal-invoices.ts';

export interface VendorPlatformWebhookDependencies {
  db: Database;
  /** The secret the vendor platform signs its webhooks with. */
  secret: string;
  priceTolerancePct: number;
  logger: Logger;
}

/**
 * `POST /` (mounted at `/webhooks/vendor-platform`): the platform's `invoice.*` events. Verified
 * against the raw body first (401 otherwise), applied once per event id, together with the feed
 * catch-up. Other event types are acknowledged and ignored. A failure answers 500, so the
 * platform delivers again.
 */
export function vendorPlatformWebhooks(deps: VendorPlatformWebhookDependencies): Router {
  const router = Router();
  router.post('/', express.raw({ type: () => true, limit: '1mb' }), async (request, response) => {
    const verified = verifyWebhook({ headers: request.headers, rawBody: Buffer.isBuffer(request.body) ? request.body : '' }, { secret: deps.secret, parse: (json) => portalEvent.parse(json) });
    if (!verified.ok) {
      response.status(verified.status).json({ error: verified.reason });
      return;
    }
    const event = verified.body;
    if (event.type !== INVOICE_SUBMITTED) {
      response.status(202).json({ outcome: 'IGNORED' });
      return;
    }
    try {
      const outcome = await processInboundEvent(deps.db, { inboundEvents, inboundEntityVersions }, { source: VENDOR_PLATFORM_SOURCE, sourceEventId: event.id }, (tx) =>
        acceptPortalInvoice(tx, event.data, deps.priceTolerancePct, deps.logger),
      );
      response.status(200).json({ outcome });
    } catch (error) {
      deps.logger.warn({ eventId: event.id, error: describeError(error) }, 'vendor-platform webhook not applied');
      response.status(500).json({ error: 'NOT_APPLIED' });
    }
  });
  return router;
}
