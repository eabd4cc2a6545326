import { parseJsonKeepingNumbers } from '@procuregraph/platform/http/json-client';
import { RemoteHttpError } from '@procuregraph/platform/resilience/failures';
import { erpCreatedInvoice, erpEventPage, erpInvoiceBody, type ErpBusinessEvent, type InvoiceForErp } from './erp-mapping.ts';

const BASE_PATH = '/fscmRestApi/resources/11.13.18.05';
const EVENT_PAGE_SIZE = 200;

/** Fusion's error body names what went wrong in `detail` and `o:errorCode`. */
async function failure(response: Response, what: string): Promise<RemoteHttpError> {
  const text = await response.text();
  let detail = text.slice(0, 500);
  try {
    const body = JSON.parse(text) as { detail?: unknown; 'o:errorCode'?: unknown };
    detail = `${String(body['o:errorCode'] ?? '')} ${String(body.detail ?? '')}`.trim();
  } catch {
    // Not Fusion's JSON (a proxy's page, say): the raw text is the best description.
  }
  return new RemoteHttpError(response.status, `ERP ${what} answered ${response.status}: ${detail}`);
}

export interface ErpConnector {
  /** Creates the payables invoice; the key makes a retry return the first invoice, never a second one. Returns the ERP InvoiceId. */
  createInvoice(invoice: InvoiceForErp, options: { idempotencyKey: string; signal: AbortSignal }): Promise<string>;
  /** Business events after a sequence (0: from the beginning), oldest first. */
  businessEvents(after: number, signal?: AbortSignal): Promise<ErpBusinessEvent[]>;
}

export function erpConnector(baseUrl: string): ErpConnector {
  const url = (path: string) => new URL(`${BASE_PATH}${path}`, baseUrl);
  return {
    async createInvoice(invoice, { idempotencyKey, signal }) {
      const response = await fetch(url('/invoices'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        body: JSON.stringify(erpInvoiceBody(invoice)),
        signal,
      });
      if (!response.ok) throw await failure(response, 'POST invoices');
      return erpCreatedInvoice.parse(await response.json()).InvoiceId;
    },
    async businessEvents(after, signal) {
      const response = await fetch(url(`/businessEvents?after=${after}&limit=${EVENT_PAGE_SIZE}`), { signal: signal ?? null });
      if (!response.ok) throw await failure(response, 'GET businessEvents');
      // Amounts are read from their digits, never through a binary float.
      return erpEventPage.parse(parseJsonKeepingNumbers(await response.text())).items;
    },
  };
}
