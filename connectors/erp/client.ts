import { z } from 'zod';
import { requestJson, type JsonRequest } from '@procuregraph/platform/http';
import { readBusinessEventPage, type BusinessEventPage } from './business-events.ts';
import {
  readBankAccountPage,
  readPayablesInvoicePage,
  readPaymentPage,
  readPurchaseOrderPage,
  readSupplierPage,
  readCreatedId,
  readCreatedInvoiceId,
  readCreatedSupplier,
  readPurchaseOrder,
  readReceipt,
  readSupplier,
  type InvoiceCreate,
  type PurchaseOrder,
  type PurchaseOrderCreate,
  type Receipt,
  type ReceiptCreate,
  type BankAccount,
  type CollectionPage,
  type PayablesInvoice,
  type Payment,
  type Supplier,
  type SupplierSetup,
  type SupplierAddressCreate,
  type SupplierAddressUpdate,
  type SupplierSiteCreate,
  type SupplierSiteUpdate,
  type SupplierUpdate,
  type SupplierSetupIds,
} from './resources.ts';

/** Where Fusion's REST resources live under the ERP's host. */
export const ERP_BASE_PATH = '/fscmRestApi/resources/11.13.18.05';
const FEED_PAGE_SIZE = 200;

/** The only client of the ERP: its URLs, its error bodies, its paging. */
export interface ErpClient {
  /**
   * Creates the supplier, its address, its pay site and its bank account. Each create carries its
   * own idempotency key derived from `idempotencyKey`, so a rerun after a failure part-way replays
   * the steps already done and creates only what is missing.
   */
  setUpSupplier(setup: SupplierSetup, idempotencyKey: string, signal?: AbortSignal): Promise<SupplierSetupIds>;
  getSupplier(supplierId: string, signal?: AbortSignal): Promise<Supplier>;
  createPurchaseOrder(order: PurchaseOrderCreate, idempotencyKey: string, signal?: AbortSignal): Promise<PurchaseOrder>;
  createReceipt(receipt: ReceiptCreate, idempotencyKey: string, signal?: AbortSignal): Promise<Receipt>;
  /** Creates the payables invoice or credit memo; the key makes a retry return the first one. Returns its InvoiceId. */
  createInvoice(invoice: InvoiceCreate, idempotencyKey: string, signal?: AbortSignal): Promise<string>;
  /** Business events after a sequence (0: from the beginning), oldest first, a page at a time. */
  businessEventsAfter(sequence: number, signal?: AbortSignal): Promise<BusinessEventPage>;
  /** A page of every supplier with its addresses and sites, in the ERP's order (reconciliation reads them all). */
  suppliersPage(offset: number, limit: number, signal?: AbortSignal): Promise<CollectionPage<Supplier>>;
  /** A page of the external bank accounts (numbers masked by the ERP) owned by parties in a range of party ids. */
  bankAccountsOfParties(
    parties: { from: string; to: string },
    offset: number,
    limit: number,
    signal?: AbortSignal,
  ): Promise<CollectionPage<BankAccount>>;
  /** A page of every payables payment with the invoices it pays. */
  paymentsPage(offset: number, limit: number, signal?: AbortSignal): Promise<CollectionPage<Payment>>;
  /** A page of every payables invoice (header attributes). */
  invoicesPage(offset: number, limit: number, signal?: AbortSignal): Promise<CollectionPage<PayablesInvoice>>;
  /** A page of every purchase order with its lines and their schedules (what was received). */
  purchaseOrdersPage(offset: number, limit: number, signal?: AbortSignal): Promise<CollectionPage<PurchaseOrder>>;
  /** Sets supplier attributes Procuregraph is the record for. */
  updateSupplier(supplierId: string, changes: SupplierUpdate, signal?: AbortSignal): Promise<void>;
  updateSupplierAddress(supplierId: string, addressId: string, changes: SupplierAddressUpdate, signal?: AbortSignal): Promise<void>;
  /** Adds an address to a supplier; the key makes a retry return the first one. Returns its SupplierAddressId. */
  createSupplierAddress(supplierId: string, address: SupplierAddressCreate, idempotencyKey: string, signal?: AbortSignal): Promise<string>;
  /** Adds a site to a supplier; the key makes a retry return the first one. Returns its SupplierSiteId. */
  createSupplierSite(supplierId: string, site: SupplierSiteCreate, idempotencyKey: string, signal?: AbortSignal): Promise<string>;
  updateSupplierSite(supplierId: string, siteId: string, changes: SupplierSiteUpdate, signal?: AbortSignal): Promise<void>;
}

const fusionError = z
  .object({
    title: z.string().optional(),
    detail: z.string().optional(),
    'o:errorCode': z.string().optional(),
    'o:errorDetails': z.array(z.object({ detail: z.string().optional(), 'o:errorCode': z.string().optional() }).loose()).optional(),
  })
  .loose();

/** "POZ-TAXPAYER-ID-INVALID: The taxpayer id …" from a Fusion error body; a proxy's page is kept as text. */
export function describeFusionError(body: unknown): string {
  const parsed = fusionError.safeParse(body);
  if (!parsed.success) return typeof body === 'string' ? body.slice(0, 200) : 'no error details';
  const first = parsed.data['o:errorDetails']?.[0];
  const detail = first?.detail ?? parsed.data.detail ?? parsed.data.title ?? '';
  return `${first?.['o:errorCode'] ?? parsed.data['o:errorCode'] ?? 'error'}: ${detail}`;
}

export function erpClient(baseUrl: string): ErpClient {
  const root = `${baseUrl.replace(/\/$/, '')}${ERP_BASE_PATH}`;
  const call = (path: string, request: JsonRequest) => requestJson(`${root}${path}`, request, describeFusionError);
  const create = (path: string, body: unknown, idempotencyKey: string, signal: AbortSignal | undefined) =>
    call(path, { method: 'POST', body, idempotencyKey, signal });

  const children = (supplierId: string, kind: 'addresses' | 'sites') => `/suppliers/${encodeURIComponent(supplierId)}/child/${kind}`;
  const createAddress = async (supplierId: string, address: SupplierAddressCreate, idempotencyKey: string, signal?: AbortSignal) =>
    readCreatedId(await create(children(supplierId, 'addresses'), address, idempotencyKey, signal), 'SupplierAddressId');
  const createSite = async (supplierId: string, site: SupplierSiteCreate, idempotencyKey: string, signal?: AbortSignal) =>
    readCreatedId(await create(children(supplierId, 'sites'), site, idempotencyKey, signal), 'SupplierSiteId');

  const page = (path: string, offset: number, limit: number, signal: AbortSignal | undefined) =>
    call(`${path}${path.includes('?') ? '&' : '?'}limit=${limit}&offset=${offset}`, { method: 'GET', signal, numbers: 'text' });

  return {
    async suppliersPage(offset, limit, signal) {
      return readSupplierPage(await page('/suppliers?expand=addresses,sites', offset, limit, signal));
    },
    async bankAccountsOfParties(parties, offset, limit, signal) {
      const owner = 'accountOwners.AccountOwnerPartyIdentifier';
      const q = encodeURIComponent(`${owner}>=${parties.from};${owner}<=${parties.to}`);
      return readBankAccountPage(await page(`/externalBankAccounts?expand=accountOwners&q=${q}`, offset, limit, signal));
    },
    async paymentsPage(offset, limit, signal) {
      return readPaymentPage(await page('/payablesPayments?expand=relatedInvoices', offset, limit, signal));
    },
    async invoicesPage(offset, limit, signal) {
      return readPayablesInvoicePage(await page('/invoices', offset, limit, signal));
    },
    async purchaseOrdersPage(offset, limit, signal) {
      return readPurchaseOrderPage(await page('/purchaseOrders?expand=lines.schedules', offset, limit, signal));
    },
    async updateSupplier(supplierId, changes, signal) {
      await call(`/suppliers/${encodeURIComponent(supplierId)}`, { method: 'PATCH', body: changes, signal });
    },
    async updateSupplierAddress(supplierId, addressId, changes, signal) {
      await call(`${children(supplierId, 'addresses')}/${encodeURIComponent(addressId)}`, { method: 'PATCH', body: changes, signal });
    },
    async updateSupplierSite(supplierId, siteId, changes, signal) {
      await call(`${children(supplierId, 'sites')}/${encodeURIComponent(siteId)}`, { method: 'PATCH', body: changes, signal });
    },
    createSupplierAddress: createAddress,
    createSupplierSite: createSite,
    async setUpSupplier(setup, idempotencyKey, signal) {
      const created = readCreatedSupplier(await create('/suppliers', setup.supplier, `${idempotencyKey}:supplier`, signal));
      const addressId = await createAddress(created.SupplierId, setup.address, `${idempotencyKey}:address`, signal);
      const site = { ...setup.site, SupplierAddressId: Number(addressId) };
      const siteId = await createSite(created.SupplierId, site, `${idempotencyKey}:site`, signal);
      const bankAccount = setup.bankAccount && {
        ...setup.bankAccount,
        accountOwners: [{ AccountOwnerPartyIdentifier: Number(created.SupplierPartyId) }],
      };
      const bankAccountId = bankAccount
        ? readCreatedId(await create('/externalBankAccounts', bankAccount, `${idempotencyKey}:bank-account`, signal), 'BankAccountId')
        : null;
      return {
        supplierId: created.SupplierId,
        supplierNumber: created.SupplierNumber,
        partyId: created.SupplierPartyId,
        addressId,
        siteId,
        bankAccountId,
      };
    },
    async getSupplier(supplierId, signal) {
      return readSupplier(await call(`/suppliers/${encodeURIComponent(supplierId)}?expand=addresses,sites`, { method: 'GET', signal }));
    },
    async createPurchaseOrder(order, idempotencyKey, signal) {
      return readPurchaseOrder(await create('/purchaseOrders', order, idempotencyKey, signal));
    },
    async createReceipt(receipt, idempotencyKey, signal) {
      return readReceipt(await create('/receivingReceiptRequests', receipt, idempotencyKey, signal));
    },
    async createInvoice(invoice, idempotencyKey, signal) {
      return readCreatedInvoiceId(await create('/invoices', invoice, idempotencyKey, signal));
    },
    async businessEventsAfter(sequence, signal) {
      // Amounts in the events' resources are read from their digits, never through a binary float.
      return readBusinessEventPage(
        await call(`/businessEvents?after=${sequence}&limit=${FEED_PAGE_SIZE}`, { method: 'GET', signal, numbers: 'text' }),
      );
    },
  };
}
