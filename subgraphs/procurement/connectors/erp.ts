import { requestJson } from '@procuregraph/platform/http/json-client';
import {
  fromErpBusinessEvents,
  fromErpOrder,
  fromErpReceipt,
  type ErpBusinessEvent,
  type ErpOrderRequest,
  type ErpOrderSnapshot,
  type ErpReceiptRequest,
  type ErpReceiptSnapshot,
} from './erp-mapping.ts';

/** The only module that knows the ERP's URLs; payload shapes live in erp-mapping.ts. */
const BASE_PATH = '/fscmRestApi/resources/11.13.18.05';
const FEED_PAGE_SIZE = 200;

export interface ErpConnector {
  createPurchaseOrder(order: ErpOrderRequest, idempotencyKey: string, signal?: AbortSignal): Promise<ErpOrderSnapshot>;
  createReceipt(receipt: ErpReceiptRequest, idempotencyKey: string, signal?: AbortSignal): Promise<ErpReceiptSnapshot>;
  businessEventsAfter(sequence: number, signal?: AbortSignal): Promise<{ items: ErpBusinessEvent[]; hasMore: boolean }>;
}

/** Fusion errors: `{ title, detail, "o:errorCode", "o:errorDetails": [{ detail, "o:errorCode" }] }`. */
function describeFusionError(body: unknown): string {
  if (typeof body !== 'object' || body === null) return String(body);
  const error = body as { detail?: unknown; 'o:errorCode'?: unknown; 'o:errorDetails'?: { detail?: unknown; 'o:errorCode'?: unknown }[] };
  const first = error['o:errorDetails']?.[0];
  return `${String(first?.['o:errorCode'] ?? error['o:errorCode'] ?? 'ERROR')} ${String(first?.detail ?? error.detail ?? '')}`.trim();
}

export function erpConnector(baseUrl: string): ErpConnector {
  const url = (path: string) => `${baseUrl.replace(/\/$/, '')}${BASE_PATH}${path}`;
  return {
    async createPurchaseOrder(order, idempotencyKey, signal) {
      const body = await requestJson(url('/purchaseOrders'), { method: 'POST', body: order, idempotencyKey, signal }, describeFusionError);
      return fromErpOrder(body);
    },
    async createReceipt(receipt, idempotencyKey, signal) {
      const body = await requestJson(url('/receivingReceiptRequests'), { method: 'POST', body: receipt, idempotencyKey, signal }, describeFusionError);
      return fromErpReceipt(body);
    },
    async businessEventsAfter(sequence, signal) {
      const body = await requestJson(url(`/businessEvents?after=${sequence}&limit=${FEED_PAGE_SIZE}`), { method: 'GET', signal }, describeFusionError);
      return fromErpBusinessEvents(body);
    },
  };
}
