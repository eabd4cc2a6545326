/**
 * The demo health network: one deterministic description of every record, from which the
 * canonical store (each subgraph's seed) and the reference backing systems (each system's seed)
 * are filled consistently, with the cross-references between them.
 *
 * Large collections are generators, so the benchmark-size world (100k suppliers, 1M invoices)
 * streams through the seeders in batches instead of being held in memory.
 */

export type WorldScale = 'default' | 'large';

export interface DemoAddress {
  line1: string;
  line2: string | null;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export interface DemoFacility {
  id: string;
  code: string;
  name: string;
  gln: string;
  address: DemoAddress;
}

export interface DemoInsuranceCertificate {
  id: string;
  type: 'GENERAL_LIABILITY' | 'WORKERS_COMPENSATION' | 'PROFESSIONAL_LIABILITY' | 'AUTO_LIABILITY' | 'CYBER_LIABILITY';
  carrier: string;
  policyNumber: string;
  coverageAmount: string;
  expiresOn: string;
}

export interface DemoSupplier {
  id: string;
  supplierNumber: string;
  legalName: string;
  dbaName: string | null;
  category:
    | 'MEDICAL_SURGICAL'
    | 'PHARMACEUTICAL'
    | 'FACILITIES_MAINTENANCE'
    | 'BIOMEDICAL_EQUIPMENT_SERVICE'
    | 'STAFFING'
    | 'LABORATORY'
    | 'FOOD_SERVICE'
    | 'IT_SERVICES';
  status: 'PENDING_APPROVAL' | 'APPROVED' | 'ACTIVE' | 'ON_HOLD' | 'REJECTED' | 'INACTIVE';
  /** Plain EIN `NN-NNNNNNN` with a valid IRS campus prefix; encrypted by the suppliers seed. */
  taxId: string;
  address: DemoAddress;
  contact: { name: string; email: string; phone: string };
  bankAccount: { routingNumber: string; accountNumber: string; accountType: 'CHECKING' | 'SAVINGS' };
  insuranceCertificates: DemoInsuranceCertificate[];
  createdAt: Date;
  /** Ids in the backing systems; null where the supplier has not reached that system. */
  erp: { supplierId: number; supplierNumber: string; bankAccountId: number; siteId: number; addressId: number } | null;
  vendorPlatform: { registrationId: string };
  /** Last change of the record (approval, hold, deactivation); also when it was last synchronized. */
  updatedAt?: Date;
}

export type DemoSupplierCategory = DemoSupplier['category'];

export interface DemoPriceTerm {
  itemNumber: string;
  description: string;
  unitPrice: string;
  unitOfMeasure: string;
}

export interface DemoContract {
  id: string;
  number: string;
  supplierId: string;
  title: string;
  status: 'DRAFT' | 'ACTIVE' | 'EXPIRED' | 'TERMINATED';
  effectiveFrom: string;
  effectiveTo: string | null;
  priceTerms: DemoPriceTerm[];
  createdAt: Date;
  /** The contract repository's own id. */
  repositoryId: string;
  updatedAt?: Date;
}

export interface DemoPurchaseOrderLine {
  lineNumber: number;
  itemNumber: string;
  description: string;
  quantity: string;
  unitOfMeasure: string;
  unitPrice: string;
  amount: string;
}

export interface DemoReceipt {
  id: string;
  receiptNumber: string;
  receivedAt: Date;
  lines: { lineNumber: number; quantityReceived: string }[];
  erpReceiptId: number;
}

export interface DemoPurchaseOrder {
  id: string;
  number: string;
  supplierId: string;
  contractId: string | null;
  facilityId: string;
  status: 'DRAFT' | 'OPEN' | 'PARTIALLY_RECEIVED' | 'RECEIVED' | 'CLOSED' | 'CANCELLED';
  orderDate: string;
  total: string;
  lines: DemoPurchaseOrderLine[];
  receipts: DemoReceipt[];
  publicationState: 'PENDING' | 'PUBLISHED' | 'ACKNOWLEDGED' | 'FAILED';
  publishedAt: Date | null;
  createdAt: Date;
  erpPoHeaderId: number;
  /** Last change: the latest receipt, or the publication. */
  updatedAt?: Date;
}

export interface DemoMatchException {
  id: string;
  code:
    | 'PRICE_VARIANCE'
    | 'QUANTITY_VARIANCE'
    | 'NOT_RECEIVED'
    | 'NO_PURCHASE_ORDER'
    | 'DUPLICATE_INVOICE'
    | 'CONTRACT_PRICE_VARIANCE'
    | 'CONTRACT_EXPIRED'
    | 'SUPPLIER_INACTIVE';
  message: string;
  lineNumber: number | null;
  queue: 'ACCOUNTS_PAYABLE' | 'BUYER' | 'CONTRACT_MANAGEMENT';
  expected: string | null;
  actual: string | null;
  /** How finance closed the exception; null while it waits in its queue. */
  resolution?: DemoExceptionResolution | null;
}

export interface DemoExceptionResolution {
  action: 'OVERRIDDEN' | 'REJECTED' | 'CREDIT_MEMO_REQUESTED';
  resolvedBy: string;
  reason: string;
  resolvedAt: Date;
}

export interface DemoInvoice {
  id: string;
  invoiceNumber: string;
  supplierId: string;
  purchaseOrderId: string | null;
  invoiceDate: string;
  total: string;
  status: 'RECEIVED' | 'MATCHED' | 'EXCEPTION' | 'APPROVED' | 'PAID' | 'REJECTED';
  lines: { position: number; lineNumber: number; itemNumber: string; quantity: string; unitPrice: string; amount: string }[];
  exceptions: DemoMatchException[];
  matchedAt: Date | null;
  createdAt: Date;
  /** Set once the invoice reached ERP payables (approved or paid). */
  erpInvoiceId: number | null;
  /** The channel the invoice arrived through. */
  source?: 'VENDOR_PLATFORM' | 'EDI' | 'GRAPH' | 'ERP';
  updatedAt?: Date;
}

export interface DemoPayment {
  id: string;
  invoiceId: string;
  supplierId: string;
  paymentNumber: string;
  amount: string;
  status: 'SCHEDULED' | 'SENT' | 'CLEARED' | 'FAILED' | 'VOIDED';
  method: 'ACH' | 'CHECK' | 'WIRE' | 'VIRTUAL_CARD';
  scheduledFor: string;
  paidAt: Date | null;
  clearedAt: Date | null;
  createdAt: Date;
  erpPaymentId: number;
  updatedAt?: Date;
}

export interface World {
  readonly scale: WorldScale;
  /** The world's "today": every record happened before it; scheduled payments and DRAFT contracts point after it. */
  readonly asOf?: Date;
  readonly counts: { facilities: number; suppliers: number; contracts: number; purchaseOrders: number; invoices: number; payments: number };
  facilities(): Iterable<DemoFacility>;
  suppliers(): Iterable<DemoSupplier>;
  contracts(): Iterable<DemoContract>;
  purchaseOrders(): Iterable<DemoPurchaseOrder>;
  invoices(): Iterable<DemoInvoice>;
  payments(): Iterable<DemoPayment>;
}
