import { emptyEventLog, type EventLog, type IdempotencyRecords, Table } from '@procuregraph/reference-http';

/**
 * The reference vendor-management platform's own data model: camelCase JSON, prefixed string
 * ids (`reg_`, `vinv_`, `evt_`), lower-case enum values and money as `{ value, currency }`.
 * Purchase orders and payments are keyed by the id the integration gives them (`externalId`).
 */

export interface Amount {
  value: string;
  currency: string;
}

export const TAX_CLASSIFICATIONS = [
  'c_corporation',
  's_corporation',
  'partnership',
  'llc',
  'sole_proprietor',
  'trust_estate',
  'nonprofit',
  'government',
] as const;
export const INSURANCE_KINDS = [
  'general_liability',
  'workers_compensation',
  'professional_liability',
  'auto_liability',
  'cyber_liability',
] as const;
export const DIVERSITY_TYPES = ['mbe', 'wbe', 'vosb', 'sdvosb', 'hubzone', 'small_business', 'sba_8a'] as const;

export type RegistrationStatus = 'submitted' | 'approved' | 'rejected';

export interface Registration {
  id: string;
  status: RegistrationStatus;
  legalName: string;
  dbaName: string | null;
  tin: string;
  tinType: 'ein' | 'ssn';
  taxClassification: (typeof TAX_CLASSIFICATIONS)[number];
  address: { street1: string; street2: string | null; city: string; state: string; zip: string; country: string };
  contact: { fullName: string; email: string; phone: string | null };
  bank: { routingNumber: string; accountNumber: string; accountType: 'checking' | 'savings' } | null;
  insurance: {
    kind: (typeof INSURANCE_KINDS)[number];
    insurer: string;
    policyNumber: string;
    coverageLimit: Amount;
    expirationDate: string;
  }[];
  diversity: {
    type: (typeof DIVERSITY_TYPES)[number];
    certifyingAgency: string;
    certificateNumber: string;
    expirationDate: string | null;
  }[];
  /** Set by the integration once the ERP supplier exists. */
  erpReference: { supplierNumber: string; supplierId: string | null; linkedAt: string } | null;
  submittedAt: string;
  reviewedAt: string | null;
  reviewNote: string | null;
  updatedAt: string;
}

export interface PortalOrderLine {
  lineNo: number;
  sku: string | null;
  description: string;
  qty: string;
  uom: string;
  unitPrice: Amount;
  extendedPrice: Amount;
}

export type AcknowledgementStatus = 'pending' | 'accepted' | 'rejected';

export interface PortalOrder {
  externalId: string;
  registrationId: string;
  poNumber: string;
  orderDate: string;
  currency: string;
  shipTo: string | null;
  status: 'open' | 'closed' | 'cancelled';
  lines: PortalOrderLine[];
  total: Amount;
  acknowledgement: { status: AcknowledgementStatus; respondedAt: string | null; note: string | null };
  revision: number;
  publishedAt: string;
  updatedAt: string;
}

export const PORTAL_INVOICE_STATUSES = ['submitted', 'received', 'approved', 'rejected', 'paid'] as const;
export type PortalInvoiceStatus = (typeof PORTAL_INVOICE_STATUSES)[number];

export interface PortalInvoice {
  id: string;
  registrationId: string;
  invoiceNumber: string;
  invoiceDate: string;
  purchaseOrderExternalId: string | null;
  poNumber: string | null;
  currency: string;
  lines: {
    lineNo: number;
    poLineNo: number | null;
    sku: string | null;
    description: string | null;
    qty: string;
    unitPrice: Amount;
    amount: Amount;
  }[];
  total: Amount;
  status: PortalInvoiceStatus;
  statusReason: string | null;
  submittedAt: string;
  updatedAt: string;
}

export const PORTAL_PAYMENT_STATUSES = ['scheduled', 'sent', 'cleared', 'failed', 'voided'] as const;
export type PortalPaymentStatus = (typeof PORTAL_PAYMENT_STATUSES)[number];
export const PORTAL_PAYMENT_METHODS = ['ach', 'check', 'wire', 'virtual_card'] as const;

export interface PortalPayment {
  externalId: string;
  registrationId: string;
  invoiceNumber: string | null;
  /** Every invoice the payment settles, `invoiceNumber` first. */
  invoiceNumbers: string[];
  paymentNumber: string;
  amount: Amount;
  method: (typeof PORTAL_PAYMENT_METHODS)[number];
  status: PortalPaymentStatus;
  statusHistory: { status: PortalPaymentStatus; at: string }[];
  createdAt: string;
  updatedAt: string;
}

export type VendorEventType =
  'registration.submitted' | 'registration.approved' | 'registration.rejected' | 'purchase_order.acknowledged' | 'invoice.submitted';

export interface VendorEvent {
  id: string;
  sequence: number;
  type: VendorEventType;
  createdAt: string;
  data: unknown;
}

export interface VendorState {
  registrations: Table<Registration, string>;
  orders: Table<PortalOrder, string>;
  invoices: Table<PortalInvoice, string>;
  payments: Table<PortalPayment, string>;
  events: EventLog<VendorEvent>;
  idempotency: IdempotencyRecords;
}

const SNAPSHOT_FORMAT = 'procuregraph-reference-vendor-platform/1';

interface VendorSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  registrations: Registration[];
  orders: PortalOrder[];
  invoices: PortalInvoice[];
  payments: PortalPayment[];
  events: EventLog<VendorEvent>;
  idempotency: IdempotencyRecords;
}

export function restoreVendorState(document: unknown): VendorState {
  const snapshot = document as VendorSnapshot;
  if (snapshot?.format !== SNAPSHOT_FORMAT)
    throw new Error(`Not a reference vendor-platform snapshot (expected format ${SNAPSHOT_FORMAT}).`);
  return {
    registrations: new Table((row) => row.id, snapshot.registrations),
    orders: new Table((row) => row.externalId, snapshot.orders),
    invoices: new Table((row) => row.id, snapshot.invoices),
    payments: new Table((row) => row.externalId, snapshot.payments),
    events: snapshot.events,
    idempotency: snapshot.idempotency,
  };
}

export function emptyVendorState(): VendorState {
  return restoreVendorState({
    format: SNAPSHOT_FORMAT,
    registrations: [],
    orders: [],
    invoices: [],
    payments: [],
    events: emptyEventLog(),
    idempotency: {},
  });
}

export function vendorSnapshot(state: VendorState): VendorSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    registrations: state.registrations.toJSON(),
    orders: state.orders.toJSON(),
    invoices: state.invoices.toJSON(),
    payments: state.payments.toJSON(),
    events: state.events,
    idempotency: state.idempotency,
  };
}
