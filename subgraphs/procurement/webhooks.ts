import express, { type Router } from 'express';
import type { Database } from '@procuregraph/platform/db/database';
import { verifyWebhook } from '@procuregraph/platform/inbound/signature';
import { acknowledgementOf, vendorEventEnvelope, type VendorEvent } from './connectors/vendor-platform-mapping.ts';
import { applyVendorEvent } from './publication.ts';

export interface VendorPlatformWebhookDependencies {
  readonly db: Database;
  /** The secret the vendor platform signs its webhooks with. */
  readonly webhookSecret: string;
}

/** The body must be an event and, if it says it is an acknowledgement, a readable one. */
function parseEvent(json: unknown): VendorEvent {
  const event = vendorEventEnvelope.parse(json);
  acknowledgementOf(event);
  return event;
}

/**
 * Receives the vendor platform's `purchase_order.*` webhooks (mounted at `/webhooks/vendor-platform`).
 * The signature is checked over the raw bytes before anything is parsed; a redelivered event is
 * acknowledged again without being applied twice.
 */
export function vendorPlatformWebhooks(deps: VendorPlatformWebhookDependencies): Router {
  const router = express.Router();
  router.post('/', express.raw({ type: () => true, limit: '1mb' }), async (request, response) => {
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const verification = verifyWebhook({ headers: request.headers, rawBody }, { secret: deps.webhookSecret, parse: parseEvent });
    if (!verification.ok) {
      response.status(verification.status).json({ error: verification.reason });
      return;
    }
    const outcome = await applyVendorEvent(deps.db, verification.body);
    response.json({ received: true, outcome });
  });
  return router;
}
