import { createHmac } from 'node:crypto';
import type { Logger } from '@procuregraph/platform/logging';
import type { VendorEvent } from './state.ts';

/** Eight attempts: the first at once, then after 1 s, 2 s, 4 s ... 64 s. */
export const DEFAULT_RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000];

export interface WebhookSettings {
  /**
   * Where events are POSTed, read at each event; unset means webhooks are not delivered (the feed
   * still has them). A function lets the receiver's address be known only after the platform starts.
   */
  url: string | undefined | (() => string | undefined);
  secret: string;
  /** Delay before each retry; attempts = retries + 1. */
  retryDelaysMs: readonly number[];
  timeoutMs: number;
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
 * Delivers each event to the integration's webhook URL, signed, retrying with exponential
 * backoff on a non-2xx answer or a network error until the attempts run out. Each event is
 * delivered on its own schedule, so a consumer may see them out of order (`createdAt` and the
 * feed's sequence give the order). Deliveries live in memory: after a restart, undelivered
 * events are found through the feed, not retried.
 */
export class WebhookDispatcher {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly stopping = new AbortController();
  private readonly recent: Delivery[] = [];
  private redirectedTo: string | null = null;

  constructor(
    private readonly settings: WebhookSettings,
    private readonly logger: Logger,
  ) {}

  /** Sends the deliveries of the events that follow to `url` instead of the configured one; null restores it. */
  redirect(url: string | null): void {
    this.redirectedTo = url;
  }

  dispatch(event: VendorEvent): void {
    const url = this.redirectedTo ?? (typeof this.settings.url === 'function' ? this.settings.url() : this.settings.url);
    if (!url || this.stopping.signal.aborted) return;
    const delivery: Delivery = { eventId: event.id, type: event.type, url, state: 'pending', attempts: [] };
    this.recent.push(delivery);
    if (this.recent.length > KEPT_DELIVERIES) this.recent.shift();
    const body = JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt, data: event.data });
    void this.attempt(delivery, body);
  }

  deliveries(): readonly Delivery[] {
    return this.recent;
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
          'User-Agent': 'reference-vendor-platform-webhooks/1',
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
