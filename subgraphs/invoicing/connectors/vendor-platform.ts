import { RemoteHttpError } from '@procuregraph/platform/resilience/failures';
import type { InvoiceStatus } from '../db/tables.ts';
import { portalEventPage, portalInvoiceStatusBody, portalPaymentBody, type PaymentForPortal } from './vendor-platform-mapping.ts';

const EVENT_PAGE_SIZE = 200;

/** Problem details (RFC 9457) carry the platform's `code` and `detail`. */
async function failure(response: Response, what: string): Promise<RemoteHttpError> {
  const text = await response.text();
  let detail = text.slice(0, 500);
  try {
    const body = JSON.parse(text) as { code?: unknown; detail?: unknown };
    detail = `${String(body.code ?? '')} ${String(body.detail ?? '')}`.trim();
  } catch {
    // Not a problem document: keep the raw text.
  }
  return new RemoteHttpError(response.status, `Vendor platform ${what} answered ${response.status}: ${detail}`);
}

export interface VendorPlatformConnector {
  /** Upserts the payment the supplier sees on the portal, keyed by our payment id. */
  putPayment(paymentId: string, payment: PaymentForPortal, signal: AbortSignal): Promise<void>;
  /** Tells the supplier where its portal invoice stands. */
  putInvoiceStatus(portalInvoiceId: string, status: InvoiceStatus, reason: string | null, signal: AbortSignal): Promise<void>;
  /** The platform's events after a cursor (null: from the beginning), and the cursor to read on from. */
  events(after: string | null, signal?: AbortSignal): Promise<{ items: { id: string; type: string; createdAt: string; data: unknown }[]; cursor: string | null }>;
}

export function vendorPlatformConnector(baseUrl: string): VendorPlatformConnector {
  return {
    async putPayment(paymentId, payment, signal) {
      const response = await fetch(new URL(`/api/v1/portal/payments/${encodeURIComponent(paymentId)}`, baseUrl), {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(portalPaymentBody(payment)),
        signal,
      });
      if (!response.ok) throw await failure(response, 'PUT portal payment');
    },
    async putInvoiceStatus(portalInvoiceId, status, reason, signal) {
      const response = await fetch(new URL(`/api/v1/portal/invoices/${encodeURIComponent(portalInvoiceId)}/status`, baseUrl), {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(portalInvoiceStatusBody(status, reason)),
        signal,
      });
      if (!response.ok) throw await failure(response, 'PUT portal invoice status');
    },
    async events(after, signal) {
      const query = new URLSearchParams({ limit: String(EVENT_PAGE_SIZE), ...(after ? { after } : {}) });
      const response = await fetch(new URL(`/api/v1/events?${query}`, baseUrl), { signal: signal ?? null });
      if (!response.ok) throw await failure(response, 'GET events');
      const page = portalEventPage.parse(await response.json());
      return { items: page.data, cursor: page.nextCursor ?? after };
    },
  };
}
