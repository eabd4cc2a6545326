import { createHmac } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { Logger } from '@procuregraph/platform/logging';
import { type ErrorShape, HttpError } from './errors.ts';
import { parseInput } from './validation.ts';

/** Eight attempts: the first at once, then after 1 s, 2 s, 4 s ... 64 s. */
export const DEFAULT_RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000];

export interface WebhookSettings {
  /**
   * Where events are POSTed, read at each event; unset means webhooks are not delivered (the feed
   * still has them). A function lets the receiver's address be known only after the system starts.
   */
  url: string | undefined | (() => string | undefined);
  secret: string;
  /** Delay before each retry; attempts = retries + 1. */
  retryDelaysMs: readonly number[];
  timeoutMs: number;
  /** The sender's `User-Agent`, naming the system. */
  userAgent: string;
}

/** One event to deliver, its body already in the system's own wire format. */
export interface OutgoingWebhook {
  id: string;
  type: string;
  body: string;
}

export interface DeliveryAttempt {
  at: string;
  status: number | null;
  error: string | null;
}

export interface Delivery {
  eventId: string;
  type: string;
  url: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: DeliveryAttempt[];
}

/** `v1=` and the hex HMAC-SHA256, keyed with the secret's UTF-8 bytes, of `${timestamp}.${body}`. */
function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

const KEPT_DELIVERIES = 500;

/**
 * Delivers each event to the configured webhook URL, signed, retrying with exponential backoff on
 * a non-2xx answer or a network error until the attempts run out. Each event is delivered on its
 * own schedule, so a consumer may see them out of order (the event's time and the feed's sequence
 * give the order). Deliveries live in memory: after a restart, undelivered events are found
 * through the feed, not retried.
 */
export class WebhookDispatcher {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly stopping = new AbortController();
  private readonly recent: Array<{ delivery: Delivery; webhook: OutgoingWebhook }> = [];
  private redirectedTo: string | null = null;

  constructor(
    private readonly settings: WebhookSettings,
    private readonly logger: Logger,
  ) {}

  /** Sends the deliveries of the events that follow to `url` instead of the configured one; null restores it. */
  redirect(url: string | null): void {
    this.redirectedTo = url;
  }

  dispatch(webhook: OutgoingWebhook): void {
    const url = this.redirectedTo ?? (typeof this.settings.url === 'function' ? this.settings.url() : this.settings.url);
    if (!url || this.stopping.signal.aborted) return;
    const delivery: Delivery = { eventId: webhook.id, type: webhook.type, url, state: 'pending', attempts: [] };
    this.recent.push({ delivery, webhook });
    if (this.recent.length > KEPT_DELIVERIES) this.recent.shift();
    void this.attempt(delivery, webhook.body);
  }

  /** Delivers a recent event once more, as a sender redelivers after a lost answer; false if it is not kept. */
  redeliver(eventId: string): boolean {
    const kept = this.recent.find((each) => each.webhook.id === eventId);
    if (kept) this.dispatch(kept.webhook);
    return kept !== undefined;
  }

  deliveries(): readonly Delivery[] {
    return this.recent.map((each) => each.delivery);
  }

  /** Stops retrying and abandons requests in flight. */
  close(): void {
    this.stopping.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async attempt(delivery: Delivery, body: string): Promise<void> {
    const timestamp = Math.floor(Date.now() / 1000);
    const record: DeliveryAttempt = { at: new Date().toISOString(), status: null, error: null };
    delivery.attempts.push(record);
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': this.settings.userAgent,
          'Webhook-Id': delivery.eventId,
          'Webhook-Timestamp': String(timestamp),
          'Webhook-Signature': webhookSignature(this.settings.secret, timestamp, body),
          'Webhook-Attempt': String(delivery.attempts.length),
        },
        body,
        signal: AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.settings.timeoutMs)]),
      });
      record.status = response.status;
      await response.body?.cancel();
      if (response.ok) {
        delivery.state = 'delivered';
        return;
      }
    } catch (error) {
      record.error = (error as Error).message;
    }
    this.retryLater(delivery, body);
  }

  private retryLater(delivery: Delivery, body: string): void {
    const delay = this.settings.retryDelaysMs[delivery.attempts.length - 1];
    if (delay === undefined || this.stopping.signal.aborted) {
      delivery.state = 'failed';
      this.logger.warn({ eventId: delivery.eventId, attempts: delivery.attempts.length }, 'webhook delivery failed');
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(delivery, body);
    }, delay);
    this.timers.add(timer);
  }
}

const webhookTarget = z.object({ url: z.url().nullable() }).strict();

/**
 * The control endpoints of a system's webhooks, for demos and tests: the recent deliveries, where
 * they go (an address nobody answers makes every delivery fail; null restores the configured one),
 * and a redelivery of one event.
 */
export function webhookAdminRouter(webhooks: WebhookDispatcher, shape: ErrorShape): Router {
  const router = Router();
  router.get('/admin/webhook-deliveries', (_request, response) => {
    response.json({ data: webhooks.deliveries() });
  });
  router.post('/admin/webhook-target', (request, response) => {
    const { url } = parseInput(webhookTarget, request.body ?? {}, shape.invalidInputCode);
    webhooks.redirect(url);
    response.json({ url });
  });
  router.post('/admin/webhook-deliveries/:eventId/redeliver', (request, response) => {
    const eventId = request.params.eventId;
    if (!webhooks.redeliver(eventId)) throw new HttpError(404, shape.notFoundCode, `No recent delivery of event ${eventId}.`);
    response.status(202).json({ eventId });
  });
  return router;
}
