import { emptyEventLog, type EventLog, type IdempotencyRecords, Table } from '@procuregraph/reference-http';

/**
 * The reference ERP's own data model, shaped after Oracle Fusion Cloud ERP's REST resources:
 * PascalCase attributes, numeric surrogate ids, decimal amounts as strings, child collections
 * inside their parent. Nothing here knows Procuregraph's canonical model.
 */

/** Fusion's open-ended date: an end date of 4712-12-31 means "never". */
export const OPEN_ENDED_DATE = '4712-12-31';

export const TAX_ORGANIZATION_TYPES = [
  'CORPORATION',
  'PARTNERSHIP',
  'INDIVIDUAL',
  'SOLE_PROPRIETOR',
  'GOVERNMENT_AGENCY',
  'FOREIGN_CORPORATION',
  'NON_PROFIT',
] as const;
export type TaxOrganizationTypeCode = (typeof TAX_ORGANIZATION_TYPES)[number];
export const BUSINESS_RELATIONSHIPS = ['SPEND_AUTHORIZED', 'PROSPECTIVE'] as const;
export type BusinessRelationshipCode = (typeof BUSINESS_RELATIONSHIPS)[number];
export type SupplierStatus = 'ACTIVE' | 'INACTIVE';

export interface ErpSupplierAddress {
  SupplierAddressId: number;
  AddressName: string;
  CountryCode: string;
  AddressLine1: string;
  AddressLine2: string | null;
  City: string;
  State: string | null;
  PostalCode: string | null;
  AddressPurposeOrderingFlag: boolean;
  AddressPurposeRemitToFlag: boolean;
  CreationDate: string;
  LastUpdateDate: string;
}

export const PAYMENT_METHODS = ['EFT', 'CHECK', 'WIRE', 'CARD'] as const;
export type PaymentMethodCode = (typeof PAYMENT_METHODS)[number];

export interface ErpSupplierSite {
  SupplierSiteId: number;
  SupplierSite: string;
  ProcurementBU: string;
  SupplierAddressId: number;
  SupplierAddressName: string;
  SitePurposePurchasingFlag: boolean;
  SitePurposePayFlag: boolean;
  PaymentMethodCode: PaymentMethodCode | null;
  InactiveDate: string | null;
  CreationDate: string;
  LastUpdateDate: string;
}

export interface ErpSupplier {
  SupplierId: number;
  SupplierPartyId: number;
  SupplierNumber: string;
  Supplier: string;
  AlternateName: string | null;
  TaxOrganizationTypeCode: TaxOrganizationTypeCode;
  BusinessRelationshipCode: BusinessRelationshipCode;
  TaxpayerId: string | null;
  TaxpayerCountryCode: string;
  Status: SupplierStatus;
  InactiveDate: string | null;
  CreationDate: string;
  LastUpdateDate: string;
  addresses: ErpSupplierAddress[];
  sites: ErpSupplierSite[];
}

export interface ErpBankAccountOwner {
  AccountOwnerId: number;
  AccountOwnerPartyIdentifier: number;
  AccountOwnerPartyName: string;
  PrimaryOwnerIndicator: 'Y' | 'N';
  StartDate: string;
  EndDate: string;
}

/** Stored with the full account number; every response masks it. */
export interface ErpBankAccount {
  BankAccountId: number;
  BankAccountNumber: string;
  BankAccountName: string | null;
  AccountType: 'CHECKING' | 'SAVINGS';
  BankName: string | null;
  BankBranchName: string | null;
  /** The US ABA routing transit number. */
  BankBranchNumber: string;
  CountryCode: string;
  CurrencyCode: string;
  StartDate: string;
  EndDate: string;
  CreationDate: string;
  LastUpdateDate: string;
  accountOwners: ErpBankAccountOwner[];
}

export type PoStatusCode = 'INCOMPLETE' | 'OPEN' | 'CLOSED_FOR_RECEIVING' | 'CLOSED' | 'CANCELED';

export interface ErpPoSchedule {
  LineLocationId: number;
  ScheduleNumber: number;
  Quantity: string;
  QuantityReceived: string;
  QuantityBilled: string;
  ShipToLocationCode: string | null;
}

export interface ErpPoLine {
  POLineId: number;
  LineNumber: number;
  Item: string | null;
  Description: string;
  Quantity: string;
  UOM: string;
  Price: string;
  Amount: string;
  schedules: ErpPoSchedule[];
}

export interface ErpPurchaseOrder {
  POHeaderId: number;
  OrderNumber: string;
  SupplierId: number;
  Supplier: string;
  SupplierSiteId: number | null;
  SupplierSite: string | null;
  ProcurementBU: string;
  ShipToLocationCode: string | null;
  Buyer: string | null;
  Description: string | null;
  DocumentStatusCode: PoStatusCode;
  CurrencyCode: string;
  Total: string;
  OrderDate: string;
  CreationDate: string;
  LastUpdateDate: string;
  lines: ErpPoLine[];
}

export interface ErpReceiptLine {
  InterfaceTransactionId: number;
  TransactionType: 'RECEIVE';
  DocumentNumber: string;
  DocumentLineNumber: number;
  DocumentScheduleNumber: number;
  POHeaderId: number;
  POLineId: number;
  ItemNumber: string | null;
  Quantity: string;
  UnitOfMeasure: string;
}

export interface ErpReceipt {
  HeaderInterfaceId: number;
  ReceiptNumber: string;
  ReceiptSourceCode: 'VENDOR';
  VendorId: number;
  VendorName: string;
  VendorNumber: string;
  TransactionDate: string;
  ProcessingStatusCode: 'SUCCESS';
  CreationDate: string;
  lines: ErpReceiptLine[];
}

export type ValidationStatus = 'Validated' | 'Not validated' | 'Needs revalidation';
export type ApprovalStatus = 'Workflow approved' | 'Manually approved' | 'Not required' | 'Required' | 'Rejected';
export type PaidStatus = 'Unpaid' | 'Partially paid' | 'Paid';

export interface ErpInvoiceLine {
  LineNumber: number;
  LineType: 'Item' | 'Freight' | 'Tax';
  LineAmount: string;
  Description: string | null;
  Item: string | null;
  Quantity: string | null;
  UnitPrice: string | null;
  UOM: string | null;
  PurchaseOrderNumber: string | null;
  PurchaseOrderLineNumber: number | null;
  PurchaseOrderScheduleLineNumber: number | null;
  /** On a credit memo's line: the number of the supplier's invoice it credits. */
  CorrectedInvoiceNumber: string | null;
}

/** A Standard invoice bills (amount zero or more); a Credit memo credits one of the supplier's invoices (amount below zero). */
export type InvoiceType = 'Standard' | 'Credit memo';

export interface ErpInvoice {
  InvoiceId: number;
  InvoiceNumber: string;
  InvoiceType: InvoiceType;
  InvoiceCurrency: string;
  InvoiceAmount: string;
  InvoiceDate: string;
  SupplierId: number;
  Supplier: string;
  SupplierNumber: string;
  SupplierSite: string | null;
  BusinessUnit: string;
  Description: string | null;
  ValidationStatus: ValidationStatus;
  ApprovalStatus: ApprovalStatus;
  PaidStatus: PaidStatus;
  /** What payments have paid on it; on a credit memo, what payments have applied of it (negative). */
  AmountPaid: string;
  /** InvoiceAmount less AmountPaid: what a payment still has to pay (or, on a credit memo, to apply). */
  AmountRemaining: string;
  CanceledFlag: boolean;
  CreationDate: string;
  LastUpdateDate: string;
  invoiceLines: ErpInvoiceLine[];
  /** The Idempotency-Key it was created with: a create with that key again gets this invoice. Not an attribute. */
  idempotencyKey?: string | null;
}

/**
 * Fusion payment statuses used by this stand-in and the canonical status each one means:
 * Issued = SCHEDULED, Negotiable = SENT, Cleared = CLEARED, Spoiled = FAILED, Voided = VOIDED.
 */
export type PaymentStatus = 'Issued' | 'Negotiable' | 'Cleared' | 'Spoiled' | 'Voided';

/** One document a payment settles: an invoice it pays, or a credit memo it applies (AmountPaid negative). */
export interface ErpRelatedInvoice {
  InvoicePaymentId: number;
  InvoiceId: number;
  InvoiceNumber: string;
  InvoiceType: InvoiceType;
  AmountPaid: string;
}

export interface ErpPayment {
  PaymentId: number;
  PaymentNumber: string;
  /** The net of its related documents: invoices paid less credit memos applied. */
  PaymentAmount: string;
  PaymentCurrency: string;
  PaymentDate: string;
  PaymentStatus: PaymentStatus;
  PaymentMethodCode: PaymentMethodCode;
  SupplierId: number;
  Supplier: string;
  SupplierNumber: string;
  ClearingDate: string | null;
  VoidDate: string | null;
  CreationDate: string;
  LastUpdateDate: string;
  relatedInvoices: ErpRelatedInvoice[];
}

export type BusinessEventType =
  | 'SupplierCreated'
  | 'SupplierUpdated'
  | 'ExternalBankAccountCreated'
  | 'ExternalBankAccountUpdated'
  | 'PurchaseOrderIssued'
  | 'PurchaseOrderChanged'
  | 'ReceiptRecorded'
  | 'InvoiceCreated'
  | 'PaymentStatusChanged';

export interface BusinessEvent {
  EventId: string;
  Sequence: number;
  EventType: BusinessEventType;
  OccurredAt: string;
  ResourceName: string;
  ResourceId: number;
  /** The status before the change, for status changes; null otherwise. */
  PreviousStatus: string | null;
  /** The resource as a GET would return it with every child expanded, at the time of the event. */
  Resource: unknown;
}

/** Counters the ERP numbers things with; Fusion keeps party ids in a separate (TCA) sequence. */
export interface ErpSequences {
  id: number;
  party: number;
  supplierNumber: number;
  orderNumber: number;
  receiptNumber: number;
  paymentNumber: number;
}

export interface ErpState {
  sequences: ErpSequences;
  suppliers: Table<ErpSupplier, number>;
  bankAccounts: Table<ErpBankAccount, number>;
  purchaseOrders: Table<ErpPurchaseOrder, number>;
  receipts: Table<ErpReceipt, number>;
  invoices: Table<ErpInvoice, number>;
  payments: Table<ErpPayment, number>;
  events: EventLog<BusinessEvent>;
  idempotency: IdempotencyRecords;
}

/** The snapshot document: the state with its tables as plain row arrays. */
export interface ErpSnapshot {
  format: 'procuregraph-reference-erp/1';
  sequences: ErpSequences;
  suppliers: ErpSupplier[];
  bankAccounts: ErpBankAccount[];
  purchaseOrders: ErpPurchaseOrder[];
  receipts: ErpReceipt[];
  invoices: ErpInvoice[];
  payments: ErpPayment[];
  events: EventLog<BusinessEvent>;
  idempotency: IdempotencyRecords;
}

const SNAPSHOT_FORMAT = 'procuregraph-reference-erp/1';

export const FIRST_SEQUENCES: ErpSequences = {
  id: 300000001000001,
  party: 100000001,
  supplierNumber: 50001,
  orderNumber: 1000001,
  receiptNumber: 7000001,
  paymentNumber: 900001,
};

export function emptyErpState(): ErpState {
  return restoreErpState({
    format: SNAPSHOT_FORMAT,
    sequences: { ...FIRST_SEQUENCES },
    suppliers: [],
    bankAccounts: [],
    purchaseOrders: [],
    receipts: [],
    invoices: [],
    payments: [],
    events: emptyEventLog(),
    idempotency: {},
  });
}

export function restoreErpState(document: unknown): ErpState {
  const snapshot = document as ErpSnapshot;
  if (snapshot?.format !== SNAPSHOT_FORMAT) throw new Error(`Not a reference ERP snapshot (expected format ${SNAPSHOT_FORMAT}).`);
  return {
    sequences: snapshot.sequences,
    suppliers: new Table((row) => row.SupplierId, snapshot.suppliers),
    bankAccounts: new Table((row) => row.BankAccountId, snapshot.bankAccounts),
    purchaseOrders: new Table((row) => row.POHeaderId, snapshot.purchaseOrders),
    receipts: new Table((row) => row.HeaderInterfaceId, snapshot.receipts),
    invoices: new Table((row) => row.InvoiceId, snapshot.invoices),
    payments: new Table((row) => row.PaymentId, snapshot.payments),
    events: snapshot.events,
    idempotency: snapshot.idempotency,
  };
}

export function erpSnapshot(state: ErpState): ErpSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    sequences: state.sequences,
    suppliers: state.suppliers.toJSON(),
    bankAccounts: state.bankAccounts.toJSON(),
    purchaseOrders: state.purchaseOrders.toJSON(),
    receipts: state.receipts.toJSON(),
    invoices: state.invoices.toJSON(),
    payments: state.payments.toJSON(),
    events: state.events,
    idempotency: state.idempotency,
  };
}

/** Takes the next number of a sequence. */
export function nextNumber(sequences: ErpSequences, name: keyof ErpSequences): number {
  const value = sequences[name];
  sequences[name] = value + 1;
  return value;
}
