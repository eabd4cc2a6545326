import { requestJson } from '@procuregraph/platform/http/json-client';
import { vendorEventsPage, type PortalOrderRequest, type VendorEvent } from './vendor-platform-mapping.ts';

/** The only module that knows the vendor platform's URLs; shapes live in vendor-platform-mapping.ts. */
export interface VendorPlatformConnector {
  /** Idempotent upsert keyed by the canonical id: a repeat changes nothing. */
  publishPurchaseOrder(externalId: string, order: PortalOrderRequest, signal?: AbortSignal): Promise<void>;
  eventsAfter(cursor: string | null, signal?: AbortSignal): Promise<{ items: VendorEvent[]; cursor: string | null }>;
}

const FEED_PAGE_SIZE = 200;

/** RFC 9457 problem details: `{ title, status, detail, code }`. */
function describeProblem(body: unknown): string {
  if (typeof body !== 'object' || body === null) return String(body);
  const problem = body as { code?: unknown; detail?: unknown; title?: unknown };
  return `${String(problem.code ?? 'error')}: ${String(problem.detail ?? problem.title ?? '')}`;
}

export function vendorPlatformConnector(baseUrl: string): VendorPlatformConnector {
  const url = (path: string) => `${baseUrl.replace(/\/$/, '')}${path}`;
  return {
    async publishPurchaseOrder(externalId, order, signal) {
      await requestJson(url(`/api/v1/portal/purchase-orders/${encodeURIComponent(externalId)}`), { method: 'PUT', body: order, signal }, describeProblem);
    },
    async eventsAfter(cursor, signal) {
      const query = new URLSearchParams({ limit: String(FEED_PAGE_SIZE), ...(cursor ? { after: cursor } : {}) });
      const page = vendorEventsPage.parse(await requestJson(url(`/api/v1/events?${query}`), { method: 'GET', signal }, describeProblem));
      const last = page.data.at(-1);
      return { items: page.data, cursor: page.nextCursor ?? last?.cursor ?? cursor };
    },
  };
}
