import express, { type Router } from 'express';
import type { Logger } from '@procuregraph/platform/logging';
import { receivesWebhooksOf } from '@procuregraph/schema';

const FORWARDED_HEADERS = ['content-type', 'webhook-id', 'webhook-timestamp', 'webhook-signature', 'webhook-attempt'];
const FORWARD_TIMEOUT_MS = 10_000;

interface SubgraphAnswer {
  status: number;
  contentType: string;
  body: Buffer;
}

/** A subgraph that cannot be reached answers as unavailable, so the sender delivers again. */
export async function forward(url: URL, headers: Record<string, string>, body: Buffer, logger: Logger): Promise<SubgraphAnswer> {
  try {
    const answer = await fetch(url, {
      method: 'POST',
      headers,
      body: new Uint8Array(body),
      signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
    });
    return {
      status: answer.status,
      contentType: answer.headers.get('content-type') ?? 'application/json',
      body: Buffer.from(await answer.arrayBuffer()),
    };
  } catch (error) {
    logger.warn({ err: error, url: url.href }, 'webhook could not be handed to a subgraph; the sender will retry');
    return { status: 503, contentType: 'application/json', body: Buffer.from(JSON.stringify({ error: 'temporarily unavailable' })) };
  }
}

/**
 * The one answer the sender gets: any failure first (so it delivers again, and the subgraphs that
 * applied the event already see a duplicate), else the answer of the subgraph that handled it,
 * else an acknowledgement that nobody handles this type (202).
 */
export function combine(answers: readonly SubgraphAnswer[]): SubgraphAnswer | undefined {
  const receivers = answers.filter((answer) => answer.status !== 404);
  return (
    receivers.find((answer) => answer.status < 200 || answer.status >= 300) ??
    receivers.find((answer) => answer.status !== 202) ??
    receivers[0]
  );
}

/**
 * The backing systems have one webhook URL each, the gateway's `POST /webhooks/<system>`. It hands
 * each delivery, bytes and signature untouched, to the subgraphs that handle that system's webhooks
 * (schema/subgraphs.ts): each verifies the signature itself and handles the event types it declared
 * (see platform/inbound/webhook-router.ts), or acknowledges the rest. A system no subgraph handles
 * is unknown (404). So the gateway knows no system's event types, nor which subgraph owns them.
 */
export function webhookForwarding(subgraphUrls: () => ReadonlyMap<string, string>, logger: Logger): Router {
  const router = express.Router();
  router.post('/webhooks/:system', express.raw({ type: '*/*', limit: '1mb' }), async (request, response) => {
    const system = request.params.system;
    const receivers = [...subgraphUrls()].flatMap(([name, url]) => (receivesWebhooksOf(name, system) ? [url] : []));
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const headers = Object.fromEntries(FORWARDED_HEADERS.flatMap((name) => (request.header(name) ? [[name, request.header(name)!]] : [])));
    const path = `/webhooks/${encodeURIComponent(system)}`;
    const answers = await Promise.all(receivers.map((url) => forward(new URL(path, url), headers, body, logger)));
    const answer = combine(answers);
    if (!answer) {
      response.status(404).json({ error: 'UNKNOWN_SYSTEM' });
      return;
    }
    response.status(answer.status).type(answer.contentType).send(answer.body);
  });
  return router;
}
