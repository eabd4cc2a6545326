import express, { type Router } from 'express';
import type { Logger } from '@procuregraph/platform/logging';

/** Which subgraph handles each kind of vendor-platform webhook, by event-type prefix. */
const OWNER_BY_PREFIX: Readonly<Record<string, string>> = {
  'registration.': 'suppliers',
  'purchase_order.': 'procurement',
  'invoice.': 'invoicing',
};

const FORWARDED_HEADERS = ['content-type', 'webhook-id', 'webhook-timestamp', 'webhook-signature', 'webhook-attempt'];

function ownerOf(rawBody: Buffer): string | undefined {
  try {
    const { type } = JSON.parse(rawBody.toString('utf8')) as { type?: unknown };
    if (typeof type !== 'string') return undefined;
    return Object.entries(OWNER_BY_PREFIX).find(([prefix]) => type.startsWith(prefix))?.[1];
  } catch {
    return undefined;
  }
}

/**
 * The vendor platform has one webhook URL: the gateway's. It hands each delivery, bytes and
 * signature untouched, to the subgraph that owns its event type, which verifies the signature
 * itself and answers; the platform sees that answer and retries on failure. Types nobody owns are
 * acknowledged so the platform stops retrying them.
 */
export function vendorPlatformWebhookForwarding(subgraphUrl: (name: string) => string | undefined, logger: Logger): Router {
  const router = express.Router();
  router.post('/webhooks/vendor-platform', express.raw({ type: '*/*', limit: '1mb' }), async (request, response) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const owner = ownerOf(body);
    const target = owner ? subgraphUrl(owner) : undefined;
    if (!owner || !target) {
      response.status(202).json({ ignored: true });
      return;
    }
    const headers = Object.fromEntries(FORWARDED_HEADERS.flatMap((name) => (request.header(name) ? [[name, request.header(name)!]] : [])));
    try {
      const answer = await fetch(new URL('/webhooks/vendor-platform', target), { method: 'POST', headers, body: new Uint8Array(body), signal: AbortSignal.timeout(10_000) });
      response.status(answer.status).type(answer.headers.get('content-type') ?? 'application/json').send(Buffer.from(await answer.arrayBuffer()));
    } catch (error) {
      logger.warn({ err: error, owner }, 'webhook could not be handed to its subgraph; the platform will retry');
      response.status(503).json({ error: 'temporarily unavailable' });
    }
  });
  return router;
}
