import { z } from 'zod';
import { requestJson, type JsonRequest } from '@procuregraph/platform/http';
import { readVendorEventPage, type VendorEventPage } from './events.ts';
import {
  readPublishedOrderPage,
  readListedRegistrationPage,
  readShownPaymentPage,
  type ListedRegistration,
  type PortalPage,
  type PublishedOrder,
  type ShownPayment,
  readCreatedRegistrationId,
  readRegistration,
  type PortalInvoiceStatusPut,
  type PortalOrderPut,
  type PortalPaymentPut,
  type Registration,
  type RegistrationCreate,
} from './resources.ts';

const FEED_PAGE_SIZE = 200;
/** The platform keeps review notes to 2,000 characters. */
const NOTE_LENGTH = 2000;

/** The only client of the vendor platform: its URLs, its problem details, its paging. */
export interface VendorPlatformClient {
  getRegistration(registrationId: string, signal?: AbortSignal): Promise<Registration>;
  /** Registers a supplier on the platform on its behalf; the same key gives the same registration. Returns its id. */
  createRegistration(registration: RegistrationCreate, idempotencyKey: string, signal?: AbortSignal): Promise<string>;
  /** Tells the applicant why; repeating the same decision is a no-op on the platform. */
  rejectRegistration(registrationId: string, note: string, signal?: AbortSignal): Promise<void>;
  approveRegistration(registrationId: string, signal?: AbortSignal): Promise<void>;
  /** Shows the supplier its ERP supplier number on the portal; an idempotent PUT. */
  linkErpSupplier(registrationId: string, erp: { supplierNumber: string; supplierId: string }, signal?: AbortSignal): Promise<void>;
  /** Idempotent upsert keyed by our id: a repeat changes nothing. */
  putPurchaseOrder(externalId: string, order: PortalOrderPut, signal?: AbortSignal): Promise<void>;
  /** Upserts the payment the supplier sees on the portal, keyed by our payment id. */
  putPayment(externalId: string, payment: PortalPaymentPut, signal?: AbortSignal): Promise<void>;
  /** Tells the supplier where its portal invoice stands. */
  putInvoiceStatus(portalInvoiceId: string, status: PortalInvoiceStatusPut, signal?: AbortSignal): Promise<void>;
  /** The platform's events after a cursor (null: from the beginning), and the cursor to read on from. */
  eventsAfter(cursor: string | null, signal?: AbortSignal): Promise<VendorEventPage>;
  /** A page of every purchase order published on the portal, from a cursor (null: the first page). */
  publishedOrdersPage(cursor: string | null, limit: number, signal?: AbortSignal): Promise<PortalPage<PublishedOrder>>;
  /** A page of every registration, as the platform lists them (masked), from a cursor (null: the first page). */
  registrationsPage(cursor: string | null, limit: number, signal?: AbortSignal): Promise<PortalPage<ListedRegistration>>;
  /** A page of every payment the portal shows suppliers, from a cursor (null: the first page). */
  shownPaymentsPage(cursor: string | null, limit: number, signal?: AbortSignal): Promise<PortalPage<ShownPayment>>;
}

const problem = z.object({ title: z.string().optional(), detail: z.string().optional(), code: z.string().optional() }).loose();

/** "invalid_state: …" from an RFC 9457 problem body; a proxy's page is kept as text. */
export function describeProblem(body: unknown): string {
  const parsed = problem.safeParse(body);
  if (!parsed.success) return typeof body === 'string' ? body.slice(0, 200) : 'no error details';
  return `${parsed.data.code ?? 'error'}: ${parsed.data.detail ?? parsed.data.title ?? ''}`;
}

export function vendorPlatformClient(baseUrl: string): VendorPlatformClient {
  const root = `${baseUrl.replace(/\/$/, '')}/api/v1`;
  const call = (path: string, request: JsonRequest) => requestJson(`${root}${path}`, request, describeProblem);
  const registration = (id: string) => `/registrations/${encodeURIComponent(id)}`;
  const listing = (cursor: string | null, limit: number) => new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
  return {
    async getRegistration(registrationId, signal) {
      return readRegistration(await call(registration(registrationId), { method: 'GET', signal }));
    },
    async createRegistration(body, idempotencyKey, signal) {
      return readCreatedRegistrationId(await call('/registrations', { method: 'POST', body, idempotencyKey, signal }));
    },
    async rejectRegistration(registrationId, note, signal) {
      await call(`${registration(registrationId)}/reject`, { method: 'POST', body: { note: note.slice(0, NOTE_LENGTH) }, signal });
    },
    async approveRegistration(registrationId, signal) {
      await call(`${registration(registrationId)}/approve`, { method: 'POST', body: {}, signal });
    },
    async linkErpSupplier(registrationId, erp, signal) {
      await call(`${registration(registrationId)}/erp-reference`, { method: 'PUT', body: erp, signal });
    },
    async putPurchaseOrder(externalId, body, signal) {
      await call(`/portal/purchase-orders/${encodeURIComponent(externalId)}`, { method: 'PUT', body, signal });
    },
    async putPayment(externalId, body, signal) {
      await call(`/portal/payments/${encodeURIComponent(externalId)}`, { method: 'PUT', body, signal });
    },
    async putInvoiceStatus(portalInvoiceId, body, signal) {
      await call(`/portal/invoices/${encodeURIComponent(portalInvoiceId)}/status`, { method: 'PUT', body, signal });
    },
    async publishedOrdersPage(cursor, limit, signal) {
      return readPublishedOrderPage(await call(`/portal/purchase-orders?${listing(cursor, limit)}`, { method: 'GET', signal }));
    },
    async registrationsPage(cursor, limit, signal) {
      return readListedRegistrationPage(await call(`/registrations?${listing(cursor, limit)}`, { method: 'GET', signal }));
    },
    async shownPaymentsPage(cursor, limit, signal) {
      return readShownPaymentPage(await call(`/portal/payments?${listing(cursor, limit)}`, { method: 'GET', signal }));
    },
    async eventsAfter(cursor, signal) {
      const query = new URLSearchParams({ limit: String(FEED_PAGE_SIZE), ...(cursor ? { after: cursor } : {}) });
      return readVendorEventPage(await call(`/events?${query}`, { method: 'GET', signal }), cursor);
    },
  };
}
